/** Builders of DFDG requests as raw XML, with every part overridable (or left out with null). */
export const NS = {
  soap: 'http://schemas.xmlsoap.org/soap/envelope/',
  aoh: 'http://rep.oio.dk/ams.dk/xml/schemas/2005/09/01/',
  rum: 'http://service.bm.dk/RequestUserMetadata/2015/01/21/',
  rus: 'http://service.bm.dk/pjaktass/2015/01/21/RequestUserStructure/',
  rut: 'http://service.bm.dk/pjaktass/2015/01/21/RequestUserTypeIdentifierCodeList/',
  ros: 'http://service.bm.dk/pjaktass/2015/01/21/RequestOrganisationStructure/',
  clb: 'http://service.bm.dk/pjaktass/2013/06/07/CodeListBase/',
  bk: 'http://service.bm.dk/Booking/2020/02/01/',
} as const;

export const serviceNs = (service: string): string => `http://service.bm.dk/${service}/2020/02/01/`;
export const soapAction = (service: string, operation: string): string =>
  `http://service.bm.dk/pjaktass/1/${service}#${operation}`;

export interface Org {
  readonly type: number;
  readonly code: string;
}

export interface User {
  readonly name: string;
  readonly type: number;
  readonly identifier: string;
  readonly org: Org;
  readonly email?: string;
}

export const caseworker = (org: Org, name = 'Mette Hansen'): User => ({
  name,
  type: 2,
  identifier: 'CVR:12345678-RID:1234',
  org,
});
export const citizen = (cpr: string, orgType: number): User => ({
  name: 'Anna Testesen',
  type: 1,
  identifier: cpr,
  org: { type: orgType, code: cpr },
});
export const batchJob = (org: Org): User => ({
  name: 'KSS nightly sync',
  type: 3,
  identifier: 'CVR:12345678-FID:42',
  org,
});

export const activeOrganisationXml = (org: Org): string =>
  `<aoh:ActiveOrganisationHeader xmlns:aoh="${NS.aoh}"><aoh:OrganisationTypeIdentifier>${org.type}</aoh:OrganisationTypeIdentifier>` +
  `<aoh:OrganisationCode>${org.code}</aoh:OrganisationCode></aoh:ActiveOrganisationHeader>`;

export const requestUserMetadataXml = (user: User): string =>
  `<rum:RequestUserMetadataHeader xmlns:rum="${NS.rum}" xmlns:rus="${NS.rus}" xmlns:rut="${NS.rut}" xmlns:ros="${NS.ros}" xmlns:clb="${NS.clb}">` +
  `<rus:RequestUserStructure><rus:UserFullName>${user.name}</rus:UserFullName>` +
  `<rut:RequestUserTypeIdentifier><clb:CodeListItemIdentifier>${user.type}</clb:CodeListItemIdentifier></rut:RequestUserTypeIdentifier>` +
  `<rus:UserIdentifier>${user.identifier}</rus:UserIdentifier>${user.email ? `<rus:UserEmail>${user.email}</rus:UserEmail>` : ''}</rus:RequestUserStructure>` +
  `<ros:RequestOrganisationStructure><ros:OrganisationTypeIdentifier><clb:CodeListItemIdentifier>${user.org.type}</clb:CodeListItemIdentifier></ros:OrganisationTypeIdentifier>` +
  `<ros:OrganisationCode>${user.org.code}</ros:OrganisationCode></ros:RequestOrganisationStructure>` +
  `<rum:RegistrationDateTime>2026-11-23T10:00:00+01:00</rum:RegistrationDateTime></rum:RequestUserMetadataHeader>`;

export const XSI_NS = 'http://www.w3.org/2001/XMLSchema-instance';

/**
 * An element (a header block) with attributes added to its start tag, as written: SOAP's
 * mustUnderstand, actor, encodingStyle (prefix soap, declared on the envelope), or xsi:type.
 */
export const withAttributes = (elementXml: string, attributes: string): string => {
  const edited = elementXml.replace(/^<([\w:]+)(\s|>)/, `<$1 ${attributes}$2`);
  if (edited === elementXml) throw new Error(`not an element: ${elementXml.slice(0, 40)}`);
  return edited;
};

/** A SOAP 1.1 envelope; `headers` is the raw content of soap:Header (omit for none). */
export const envelope = (body: string, headers?: string): string =>
  `<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="${NS.soap}">` +
  (headers === undefined ? '' : `<soap:Header>${headers}</soap:Header>`) +
  `<soap:Body>${body}</soap:Body></soap:Envelope>`;

/** The usual pair of headers: ActiveOrganisation and a RequestUserMetadata. */
export const dfdgHeaders = (ao: Org, user: User): string =>
  requestUserMetadataXml(user) + activeOrganisationXml(ao);

/**
 * A booking as a test writes it. Left out: meeting form 1 and group type 1 (in person, individual),
 * CompulsoryAttendance true, ReBookingPossible exactly when a ReBookingDeadline is given,
 * CancellationPossible true; so a test states only what matters to it.
 */
export interface BookingFields {
  id?: string;
  cpr: string;
  interviewType: number;
  contactType?: number;
  formType?: number;
  start: string;
  end: string;
  meeting: Org;
  meetingLocation?: string;
  digitalMeetingLink?: string;
  caseworkerName?: string;
  compulsoryAttendance?: boolean;
  selfBooked: boolean;
  citizenShouldAcceptBooking?: boolean;
  accepted?: boolean;
  acceptedTime?: string;
  rebookingPossible?: boolean;
  rebookingDeadline?: string;
  cancellationPossible?: boolean;
  cancellationDeadline?: string;
}

/** The flags a booking's fields give, with the defaults of BookingFields. */
export const bookingDefaults = (b: BookingFields) => ({
  contactType: b.contactType ?? 1,
  formType: b.formType ?? 1,
  compulsoryAttendance: b.compulsoryAttendance ?? true,
  rebookingPossible: b.rebookingPossible ?? b.rebookingDeadline !== undefined,
  cancellationPossible: b.cancellationPossible ?? true,
});

const opt = (name: string, value: string | boolean | undefined): string =>
  value === undefined ? '' : `<bk:${name}>${String(value)}</bk:${name}>`;

const codeList = (name: string, id: number): string =>
  `<bk:${name}><clb:CodeListItemIdentifier>${id}</clb:CodeListItemIdentifier></bk:${name}>`;

/** BookingType in the schema's order (CONTRACT.md, "The booking"). */
export const bookingXml = (
  b: BookingFields,
  element = 'Booking',
  ns = serviceNs('BookingService'),
): string => {
  const d = bookingDefaults(b);
  return (
    `<s:${element} xmlns:s="${ns}" xmlns:bk="${NS.bk}" xmlns:clb="${NS.clb}" xmlns:aoh="${NS.aoh}">` +
    opt('BookingIdentifier', b.id) +
    `<bk:PersonCivilRegistrationIdentifier>${b.cpr}</bk:PersonCivilRegistrationIdentifier>` +
    codeList('InterviewTypeIdentifier', b.interviewType) +
    codeList('InterviewContactTypeIdentifier', d.contactType) +
    codeList('InterviewFormTypeIdentifier', d.formType) +
    `<bk:BookingStartTime>${b.start}</bk:BookingStartTime><bk:BookingEndTime>${b.end}</bk:BookingEndTime>` +
    `<bk:MeetingOrganisation><aoh:OrganisationTypeIdentifier>${b.meeting.type}</aoh:OrganisationTypeIdentifier>` +
    `<aoh:OrganisationCode>${b.meeting.code}</aoh:OrganisationCode></bk:MeetingOrganisation>` +
    opt('MeetingLocation', b.meetingLocation) +
    opt('DigitalMeetingLink', b.digitalMeetingLink) +
    opt('CaseworkerName', b.caseworkerName) +
    opt('CompulsoryAttendance', d.compulsoryAttendance) +
    `<bk:SelfBooked>${b.selfBooked}</bk:SelfBooked>` +
    opt('CitizenShouldAcceptBooking', b.citizenShouldAcceptBooking) +
    opt('BookingAccepted', b.accepted) +
    opt('BookingAcceptedTime', b.acceptedTime) +
    opt('ReBookingPossible', d.rebookingPossible) +
    opt('ReBookingDeadline', b.rebookingDeadline) +
    opt('CancellationPossible', d.cancellationPossible) +
    opt('CancellationDeadline', b.cancellationDeadline) +
    `</s:${element}>`
  );
};

export const createBookingBody = (b: BookingFields): string =>
  `<bs:CreateBookingRequest xmlns:bs="${serviceNs('BookingService')}">${bookingXml(b)}</bs:CreateBookingRequest>`;

/** An operation's request element holding the given child elements (in the service namespace, prefix s). */
export const requestBody = (service: string, operation: string, children: Record<string, string>): string =>
  `<s:${operation}Request xmlns:s="${serviceNs(service)}">` +
  Object.entries(children)
    .map(([k, v]) => `<s:${k}>${v}</s:${k}>`)
    .join('') +
  `</s:${operation}Request>`;

/** A valid booking a week ahead of the given time. */
export const aBooking = (overrides: Partial<BookingFields> = {}, from = new Date()): BookingFields => {
  const start = new Date(from.getTime() + 7 * 24 * 3600 * 1000);
  return {
    cpr: '0101575001',
    interviewType: 7,
    start: start.toISOString(),
    end: new Date(start.getTime() + 30 * 60 * 1000).toISOString(),
    meeting: { type: 8, code: '75100' },
    selfBooked: false,
    ...overrides,
  };
};
