import type { Organisation } from '../../src/domain/organisation';

/** The raw SOAP 1.1 requests the bench sends: the same bytes to the emulator and to both references. */
const NS = {
  soap: 'http://schemas.xmlsoap.org/soap/envelope/',
  aoh: 'http://rep.oio.dk/ams.dk/xml/schemas/2005/09/01/',
  rum: 'http://service.bm.dk/RequestUserMetadata/2015/01/21/',
  rus: 'http://service.bm.dk/pjaktass/2015/01/21/RequestUserStructure/',
  rut: 'http://service.bm.dk/pjaktass/2015/01/21/RequestUserTypeIdentifierCodeList/',
  ros: 'http://service.bm.dk/pjaktass/2015/01/21/RequestOrganisationStructure/',
  clb: 'http://service.bm.dk/pjaktass/2013/06/07/CodeListBase/',
  bk: 'http://service.bm.dk/Booking/2020/02/01/',
} as const;

export type BenchService = 'BookingService' | 'PersonStatusService' | 'BookingWsrmMessageService';

const serviceNs = (service: BenchService): string => `http://service.bm.dk/${service}/2020/02/01/`;

/** HTTP headers of a call: the SOAPAction names the operation, as the WSDLs declare it. */
export const soapHeaders = (service: BenchService, operation: string): Record<string, string> => ({
  'content-type': 'text/xml; charset=utf-8',
  soapaction: `"http://service.bm.dk/pjaktass/1/${service}#${operation}"`,
});

/** A caseworker of the active organisation itself (SEC-SAME-ORG), as a vendor's system sends it. */
const dfdgHeaders = (ao: Organisation): string =>
  `<rum:RequestUserMetadataHeader xmlns:rum="${NS.rum}" xmlns:rus="${NS.rus}" xmlns:rut="${NS.rut}" xmlns:ros="${NS.ros}" xmlns:clb="${NS.clb}">` +
  '<rus:RequestUserStructure><rus:UserFullName>Mette Hansen</rus:UserFullName>' +
  '<rut:RequestUserTypeIdentifier><clb:CodeListItemIdentifier>2</clb:CodeListItemIdentifier></rut:RequestUserTypeIdentifier>' +
  '<rus:UserIdentifier>CVR:12345678-RID:1234</rus:UserIdentifier></rus:RequestUserStructure>' +
  `<ros:RequestOrganisationStructure><ros:OrganisationTypeIdentifier><clb:CodeListItemIdentifier>${ao.type}</clb:CodeListItemIdentifier></ros:OrganisationTypeIdentifier>` +
  `<ros:OrganisationCode>${ao.code}</ros:OrganisationCode></ros:RequestOrganisationStructure>` +
  '<rum:RegistrationDateTime>2026-11-23T10:00:00+01:00</rum:RegistrationDateTime></rum:RequestUserMetadataHeader>' +
  `<aoh:ActiveOrganisationHeader xmlns:aoh="${NS.aoh}"><aoh:OrganisationTypeIdentifier>${ao.type}</aoh:OrganisationTypeIdentifier>` +
  `<aoh:OrganisationCode>${ao.code}</aoh:OrganisationCode></aoh:ActiveOrganisationHeader>`;

const envelope = (ao: Organisation, body: string): string =>
  `<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="${NS.soap}">` +
  `<soap:Header>${dfdgHeaders(ao)}</soap:Header><soap:Body>${body}</soap:Body></soap:Envelope>`;

const request = (service: BenchService, operation: string, children: string): string =>
  `<s:${operation}Request xmlns:s="${serviceNs(service)}">${children}</s:${operation}Request>`;

const DAY_MS = 24 * 3600 * 1000;

/**
 * A caseworker's booking a week ahead, in person, with a cancellation deadline (BK-DEADLINES-CREATE
 * and BK-DEADLINES-CONSISTENT run), its times written as a .NET client writes them.
 */
export const createBookingEnvelope = (
  ao: Organisation,
  b: { id: string; cpr: string; now: number },
): string => {
  const start = new Date(b.now + 7 * DAY_MS);
  // Seven fraction digits and an offset, as .NET writes a DateTimeOffset: kept and answered verbatim.
  const iso = (ms: number): string => `${new Date(ms).toISOString().slice(0, -1)}0000+00:00`;
  return envelope(
    ao,
    request(
      'BookingService',
      'CreateBooking',
      `<s:Booking xmlns:bk="${NS.bk}" xmlns:clb="${NS.clb}" xmlns:aoh="${NS.aoh}">` +
        `<bk:BookingIdentifier>${b.id}</bk:BookingIdentifier>` +
        `<bk:PersonCivilRegistrationIdentifier>${b.cpr}</bk:PersonCivilRegistrationIdentifier>` +
        '<bk:InterviewTypeIdentifier><clb:CodeListItemIdentifier>7</clb:CodeListItemIdentifier></bk:InterviewTypeIdentifier>' +
        '<bk:InterviewContactTypeIdentifier><clb:CodeListItemIdentifier>1</clb:CodeListItemIdentifier></bk:InterviewContactTypeIdentifier>' +
        '<bk:InterviewFormTypeIdentifier><clb:CodeListItemIdentifier>1</clb:CodeListItemIdentifier></bk:InterviewFormTypeIdentifier>' +
        `<bk:BookingStartTime>${iso(start.getTime())}</bk:BookingStartTime>` +
        `<bk:BookingEndTime>${iso(start.getTime() + 45 * 60_000)}</bk:BookingEndTime>` +
        `<bk:MeetingOrganisation><aoh:OrganisationTypeIdentifier>${ao.type}</aoh:OrganisationTypeIdentifier>` +
        `<aoh:OrganisationCode>${ao.code}</aoh:OrganisationCode></bk:MeetingOrganisation>` +
        '<bk:MeetingLocation>Jobcenter, mødelokale 3</bk:MeetingLocation>' +
        '<bk:CaseworkerName>Mette Hansen</bk:CaseworkerName>' +
        '<bk:CompulsoryAttendance>true</bk:CompulsoryAttendance><bk:SelfBooked>false</bk:SelfBooked>' +
        '<bk:ReBookingPossible>false</bk:ReBookingPossible><bk:CancellationPossible>true</bk:CancellationPossible>' +
        `<bk:CancellationDeadline>${iso(start.getTime() - DAY_MS)}</bk:CancellationDeadline>` +
        '</s:Booking>',
    ),
  );
};

export const getBookingDetailsEnvelope = (ao: Organisation, id: string): string =>
  envelope(
    ao,
    request('BookingService', 'GetBookingDetails', `<s:BookingIdentifier>${id}</s:BookingIdentifier>`),
  );

export const getBookingsEnvelope = (ao: Organisation, cpr: string): string =>
  envelope(
    ao,
    request(
      'BookingService',
      'GetBookings',
      `<s:PersonCivilRegistrationIdentifier>${cpr}</s:PersonCivilRegistrationIdentifier>`,
    ),
  );

/** Everything asked for: core, authority, bookings and deadlines. */
export const personStatusEnvelope = (ao: Organisation, cpr: string): string =>
  envelope(
    ao,
    request(
      'PersonStatusService',
      'GetVariablePersonStatus',
      `<s:PersonCivilRegistrationIdentifier>${cpr}</s:PersonCivilRegistrationIdentifier>` +
        '<s:RequestVariableType><s:Core>true</s:Core><s:Authority>true</s:Authority>' +
        '<s:Booking>true</s:Booking><s:InterviewDeadline>true</s:InterviewDeadline></s:RequestVariableType>',
    ),
  );

export const createSequenceEnvelope = (ao: Organisation): string =>
  envelope(ao, request('BookingWsrmMessageService', 'CreateSequence', ''));

export const wsrmGetBookingsEnvelope = (ao: Organisation, sequenceId: string): string =>
  envelope(
    ao,
    request('BookingWsrmMessageService', 'GetBookings', `<s:Identifier>${sequenceId}</s:Identifier>`),
  );

export const closeSequenceEnvelope = (ao: Organisation, sequenceId: string): string =>
  envelope(
    ao,
    request('BookingWsrmMessageService', 'CloseSequence', `<s:Identifier>${sequenceId}</s:Identifier>`),
  );

/** The text of the first element with this local name (responses are small and regular). */
export const textOf = (xml: string, name: string): string | undefined =>
  new RegExp(`<(?:\\w+:)?${name}(?:\\s[^>]*)?>([^<]*)</(?:\\w+:)?${name}>`).exec(xml)?.[1];
