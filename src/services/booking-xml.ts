import type { Booking, BookingInput } from '../domain/booking';
import { originatorCode, originatorOf } from '../domain/booking-originator.rules';
import { asWritten, timeAsWritten, type BookingTime, type WrittenTimes } from '../domain/booking-times';
import type { Organisation } from '../domain/organisation';
import type { RequestUserMetadata } from '../domain/request-user-metadata';
import { canonicalUuid } from '../domain/uuid';
import {
  ACTIVE_ORGANISATION_NS,
  BOOKING_NS,
  CODE_LIST_BASE_NS,
  REQUEST_ORGANISATION_STRUCTURE_NS,
  REQUEST_USER_METADATA_NS,
  REQUEST_USER_STRUCTURE_NS,
  REQUEST_USER_TYPE_NS,
} from '../soap/contracts';
import { el, optionalEl, type XmlContent, type XmlNode } from '../soap/xml-writer';
import { childNamed, type XmlEl } from '../soap/xml-tree';
import { optionalText, requiredChild, requiredText, toBoolean, toDate, toInt } from './xml-read';

/** A time element as written: its instant for the rules, its text for the answers. */
export interface TimeAsSent {
  readonly instant: Date;
  readonly text: string;
}

export const readTime = (el: XmlEl, ns: string, name: string): TimeAsSent => {
  const text = requiredText(el, ns, name).trim();
  return { instant: toDate(text, name), text };
};

export const optionalTime = (el: XmlEl, ns: string, name: string): TimeAsSent | undefined =>
  childNamed(el, ns, name) ? readTime(el, ns, name) : undefined;

export const optionalBoolean = (el: XmlEl, ns: string, name: string): boolean | undefined => {
  const text = optionalText(el, ns, name);
  return text === undefined ? undefined : toBoolean(text, name);
};

/** The texts of the times given, by the booking field each one sets. */
export const writtenTimesOf = (times: Partial<Record<BookingTime, TimeAsSent | undefined>>): WrittenTimes =>
  Object.fromEntries(
    Object.entries(times).flatMap(([field, t]) => (t === undefined ? [] : [[field, t.text]])),
  );

/** BookingType (CONTRACT.md) <-> the domain's BookingInput / Booking. WSDL names stay in this file. */
export const readBooking = (el: XmlEl): BookingInput => {
  const text = (name: string): string => requiredText(el, BOOKING_NS, name);
  const opt = (name: string): string | undefined => optionalText(el, BOOKING_NS, name);
  const bool = (name: string): boolean => toBoolean(text(name), name);
  const optBool = (name: string): boolean | undefined => optionalBoolean(el, BOOKING_NS, name);
  const times = {
    start: readTime(el, BOOKING_NS, 'BookingStartTime'),
    end: readTime(el, BOOKING_NS, 'BookingEndTime'),
    acceptedTime: optionalTime(el, BOOKING_NS, 'BookingAcceptedTime'),
    rebookingDeadline: optionalTime(el, BOOKING_NS, 'ReBookingDeadline'),
    cancellationDeadline: optionalTime(el, BOOKING_NS, 'CancellationDeadline'),
  };
  // Stored in one form: the same id in upper case names the same booking (BK-NOT-FOUND, BK-VALID).
  const id = opt('BookingIdentifier');
  return {
    id: id === undefined ? undefined : canonicalUuid(id.trim()),
    originSystemIdentifier: opt('OriginSystemIdentifier'),
    cpr: text('PersonCivilRegistrationIdentifier').trim(),
    interviewType: readCodeList(requiredChild(el, BOOKING_NS, 'InterviewTypeIdentifier')),
    contactType: readCodeList(requiredChild(el, BOOKING_NS, 'InterviewContactTypeIdentifier')),
    formType: readCodeList(requiredChild(el, BOOKING_NS, 'InterviewFormTypeIdentifier')),
    start: times.start.instant,
    end: times.end.instant,
    meetingOrganisation: readOrganisation(requiredChild(el, BOOKING_NS, 'MeetingOrganisation')),
    meetingLocation: opt('MeetingLocation'),
    digitalMeetingLink: opt('DigitalMeetingLink')?.trim(),
    caseworkerName: opt('CaseworkerName'),
    compulsoryAttendance: bool('CompulsoryAttendance'),
    selfBooked: bool('SelfBooked'),
    citizenShouldAcceptBooking: optBool('CitizenShouldAcceptBooking'),
    accepted: optBool('BookingAccepted'),
    acceptedTime: times.acceptedTime?.instant,
    rebookingPossible: bool('ReBookingPossible'),
    rebookingDeadline: times.rebookingDeadline?.instant,
    cancellationPossible: bool('CancellationPossible'),
    cancellationDeadline: times.cancellationDeadline?.instant,
    writtenTimes: writtenTimesOf(times),
  };
};

export const readCodeList = (wrapper: XmlEl): number =>
  toInt(requiredText(wrapper, CODE_LIST_BASE_NS, 'CodeListItemIdentifier'), wrapper.name);

/** An ActiveOrganisationHeaderType-shaped element (MeetingOrganisation). */
export const readOrganisation = (el: XmlEl): Organisation => ({
  type: toInt(
    requiredText(el, ACTIVE_ORGANISATION_NS, 'OrganisationTypeIdentifier'),
    'OrganisationTypeIdentifier',
  ),
  code: requiredText(el, ACTIVE_ORGANISATION_NS, 'OrganisationCode'),
});

export const hasChild = (el: XmlEl, name: string): boolean => childNamed(el, BOOKING_NS, name) !== undefined;

const bk = (name: string, content: XmlContent): XmlNode => el(BOOKING_NS, name, content);
const bkOpt = (name: string, value: string | number | boolean | undefined): XmlNode[] =>
  optionalEl(BOOKING_NS, name, value);

/** ActiveOrganisationHeaderType content (MeetingOrganisation, BookingOriginator, RegisteringAuthority). */
export const organisationXml = (ns: string, name: string, o: Organisation): XmlNode =>
  el(ns, name, [
    el(ACTIVE_ORGANISATION_NS, 'OrganisationTypeIdentifier', o.type),
    el(ACTIVE_ORGANISATION_NS, 'OrganisationCode', o.code),
  ]);

/** RequestUserMetadataType content, each part in its STAR namespace. */
export const requestUserMetadataXml = (ns: string, name: string, m: RequestUserMetadata): XmlNode =>
  el(ns, name, [
    el(REQUEST_USER_STRUCTURE_NS, 'RequestUserStructure', [
      el(REQUEST_USER_STRUCTURE_NS, 'UserFullName', m.userFullName),
      codeListXml(REQUEST_USER_TYPE_NS, 'RequestUserTypeIdentifier', m.userType),
      el(REQUEST_USER_STRUCTURE_NS, 'UserIdentifier', m.userIdentifier),
      ...optionalEl(REQUEST_USER_STRUCTURE_NS, 'UserEmail', m.userEmail),
    ]),
    el(REQUEST_ORGANISATION_STRUCTURE_NS, 'RequestOrganisationStructure', [
      codeListXml(REQUEST_ORGANISATION_STRUCTURE_NS, 'OrganisationTypeIdentifier', m.organisation.type),
      el(REQUEST_ORGANISATION_STRUCTURE_NS, 'OrganisationCode', m.organisation.code),
    ]),
    el(REQUEST_USER_METADATA_NS, 'RegistrationDateTime', m.registrationDateTime),
  ]);

export const codeListXml = (ns: string, name: string, value: number): XmlNode =>
  el(ns, name, [el(CODE_LIST_BASE_NS, 'CodeListItemIdentifier', value)]);

/**
 * The read form (BookingReadType): BookingType plus status, times, BookingOriginator and the
 * creator's metadata. The client's times are answered as written; the emulator's own carry an offset.
 */
export const bookingReadXml = (ns: string, name: string, b: Booking, starCvr: string): XmlNode => {
  const time = (field: BookingTime): string | undefined => timeAsWritten(b, field);
  const originator = originatorOf(b, starCvr);
  return el(ns, name, [
    bk('BookingIdentifier', b.id),
    ...bkOpt('OriginSystemIdentifier', b.originSystemIdentifier),
    bk('PersonCivilRegistrationIdentifier', b.cpr),
    codeListXml(BOOKING_NS, 'InterviewTypeIdentifier', b.interviewType),
    codeListXml(BOOKING_NS, 'InterviewContactTypeIdentifier', b.contactType),
    codeListXml(BOOKING_NS, 'InterviewFormTypeIdentifier', b.formType),
    bk('BookingStartTime', asWritten(b.start, b.writtenTimes?.start)),
    bk('BookingEndTime', asWritten(b.end, b.writtenTimes?.end)),
    organisationXml(BOOKING_NS, 'MeetingOrganisation', b.meetingOrganisation),
    ...bkOpt('MeetingLocation', b.meetingLocation),
    ...bkOpt('DigitalMeetingLink', b.digitalMeetingLink),
    ...bkOpt('CaseworkerName', b.caseworkerName),
    bk('CompulsoryAttendance', b.compulsoryAttendance),
    bk('SelfBooked', b.selfBooked),
    ...bkOpt('CitizenShouldAcceptBooking', b.citizenShouldAcceptBooking),
    ...bkOpt('BookingAccepted', b.accepted),
    ...bkOpt('BookingAcceptedTime', time('acceptedTime')),
    bk('ReBookingPossible', b.rebookingPossible),
    ...bkOpt('ReBookingDeadline', time('rebookingDeadline')),
    bk('CancellationPossible', b.cancellationPossible),
    ...bkOpt('CancellationDeadline', time('cancellationDeadline')),
    bk('BookingStatus', b.status),
    bk('CreatedDateTime', b.createdAt.toISOString()),
    bk('LastChangedDateTime', b.lastChangedAt.toISOString()),
    bk('BookingOriginator', [
      el(ACTIVE_ORGANISATION_NS, 'OrganisationTypeIdentifier', originator.type),
      bk('OrganisationCode', originatorCode(originator.code)),
    ]),
    requestUserMetadataXml(BOOKING_NS, 'CreatedByRequestUserMetadata', b.creator.metadata),
  ]);
};
