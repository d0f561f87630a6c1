import type { Booking, BookingInput } from '../domain/booking';
import { bookingOriginator } from '../domain/booking.rules';
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
import {
  optionalDate,
  optionalText,
  requiredChild,
  requiredText,
  toBoolean,
  toDate,
  toInt,
} from './xml-read';

/** BookingType (CONTRACT.md) <-> the domain's BookingInput / Booking. WSDL names stay in this file. */
export const readBooking = (el: XmlEl): BookingInput => {
  const text = (name: string): string => requiredText(el, BOOKING_NS, name);
  const opt = (name: string): string | undefined => optionalText(el, BOOKING_NS, name);
  const accepted = opt('BookingAccepted');
  // Stored in one form: the same id in upper case names the same booking (BK-NOT-FOUND, BK-VALID).
  const id = opt('BookingIdentifier');
  return {
    id: id === undefined ? undefined : canonicalUuid(id.trim()),
    originSystemIdentifier: opt('OriginSystemIdentifier'),
    cpr: text('PersonCivilRegistrationIdentifier').trim(),
    interviewType: readCodeList(requiredChild(el, BOOKING_NS, 'InterviewTypeIdentifier')),
    start: toDate(text('BookingStartDateTime'), 'BookingStartDateTime'),
    end: toDate(text('BookingEndDateTime'), 'BookingEndDateTime'),
    meetingOrganisation: readOrganisation(requiredChild(el, BOOKING_NS, 'MeetingOrganisation')),
    meetingLocation: opt('MeetingLocation'),
    caseworkerName: opt('CaseworkerName'),
    selfBooked: toBoolean(text('SelfBooked'), 'SelfBooked'),
    accepted: accepted === undefined ? undefined : toBoolean(accepted, 'BookingAccepted'),
    acceptedTime: optionalDate(el, BOOKING_NS, 'BookingAcceptedTime'),
    rebookingDeadline: optionalDate(el, BOOKING_NS, 'RebookingDeadlineDateTime'),
    cancellationDeadline: optionalDate(el, BOOKING_NS, 'CancellationDeadlineDateTime'),
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

/** The read form (BookingReadType): BookingType plus status, times, BookingOriginator and the creator's metadata. */
export const bookingReadXml = (ns: string, name: string, b: Booking, starCvr: string): XmlNode =>
  el(ns, name, [
    bk('BookingIdentifier', b.id),
    ...bkOpt('OriginSystemIdentifier', b.originSystemIdentifier),
    bk('PersonCivilRegistrationIdentifier', b.cpr),
    codeListXml(BOOKING_NS, 'InterviewTypeIdentifier', b.interviewType),
    bk('BookingStartDateTime', b.start.toISOString()),
    bk('BookingEndDateTime', b.end.toISOString()),
    organisationXml(BOOKING_NS, 'MeetingOrganisation', b.meetingOrganisation),
    ...bkOpt('MeetingLocation', b.meetingLocation),
    ...bkOpt('CaseworkerName', b.caseworkerName),
    bk('SelfBooked', b.selfBooked),
    ...bkOpt('BookingAccepted', b.accepted),
    ...bkOpt('BookingAcceptedTime', b.acceptedTime?.toISOString()),
    ...bkOpt('RebookingDeadlineDateTime', b.rebookingDeadline?.toISOString()),
    ...bkOpt('CancellationDeadlineDateTime', b.cancellationDeadline?.toISOString()),
    bk('BookingStatus', b.status),
    bk('CreatedDateTime', b.createdAt.toISOString()),
    bk('LastChangedDateTime', b.lastChangedAt.toISOString()),
    organisationXml(BOOKING_NS, 'BookingOriginator', bookingOriginator(b.creator.organisation, starCvr)),
    requestUserMetadataXml(BOOKING_NS, 'CreatedByRequestUserMetadata', b.creator.metadata),
  ]);
