import { copenhagenIsoString } from '../../domain/copenhagen-time';
import type { RequestUserMetadata } from '../../domain/request-user-metadata';
import {
  ACTIVE_ORGANISATION_NS,
  BOOKING_NS,
  CODE_LIST_BASE_NS,
  REQUEST_ORGANISATION_STRUCTURE_NS,
  REQUEST_USER_METADATA_NS,
  REQUEST_USER_STRUCTURE_NS,
  REQUEST_USER_TYPE_NS,
  SOAP_ENV_NS,
  type ServiceContract,
} from '../../soap/contracts';
import { meetingTimes, requestUserOf, type TryItWorld } from './try-it-actor';
import type { TryItRequest } from './try-it-request';

/**
 * A valid SOAP request for any operation of the five services (CONTRACT.md), indented so a user can
 * read and edit it: the two DFDG headers (none for CodelistService) and a body as the operation's XSD
 * asks, with the world's citizen and booking. Every element is in the order its schema declares.
 */
type Node = string | { readonly name: string; readonly attrs?: string; readonly children: readonly Node[] };

const el = (name: string, ...children: Node[]): Node => ({ name, children });
const elWith = (name: string, attrs: string, ...children: Node[]): Node => ({ name, attrs, children });

const escapeXml = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

const render = (node: Node, depth: number): string => {
  if (typeof node === 'string') return escapeXml(node);
  const pad = '  '.repeat(depth);
  const open = `<${node.name}${node.attrs ? ` ${node.attrs}` : ''}>`;
  if (node.children.length === 0) return `${pad}<${node.name}${node.attrs ? ` ${node.attrs}` : ''}/>`;
  if (node.children.every((c) => typeof c === 'string'))
    return `${pad}${open}${node.children.map((c) => render(c, 0)).join('')}</${node.name}>`;
  return [open, ...node.children.map((c) => render(c, depth + 1)), `</${node.name}>`]
    .map((line, i, all) => (i === 0 || i === all.length - 1 ? pad + line : line))
    .join('\n');
};

const code = (name: string, id: number): Node => el(name, el('clb:CodeListItemIdentifier', String(id)));

const activeOrganisationHeader = (world: TryItWorld): Node =>
  elWith(
    'aoh:ActiveOrganisationHeader',
    `xmlns:aoh="${ACTIVE_ORGANISATION_NS}"`,
    el('aoh:OrganisationTypeIdentifier', String(world.organisation.type)),
    el('aoh:OrganisationCode', world.organisation.code),
  );

const requestUserMetadataHeader = (user: RequestUserMetadata): Node =>
  elWith(
    'rum:RequestUserMetadataHeader',
    `xmlns:rum="${REQUEST_USER_METADATA_NS}" xmlns:rus="${REQUEST_USER_STRUCTURE_NS}" ` +
      `xmlns:rut="${REQUEST_USER_TYPE_NS}" xmlns:ros="${REQUEST_ORGANISATION_STRUCTURE_NS}" xmlns:clb="${CODE_LIST_BASE_NS}"`,
    el(
      'rus:RequestUserStructure',
      el('rus:UserFullName', user.userFullName),
      code('rut:RequestUserTypeIdentifier', user.userType),
      el('rus:UserIdentifier', user.userIdentifier),
    ),
    el(
      'ros:RequestOrganisationStructure',
      code('ros:OrganisationTypeIdentifier', user.organisation.type),
      el('ros:OrganisationCode', user.organisation.code),
    ),
    el('rum:RegistrationDateTime', user.registrationDateTime),
  );

/** BookingType in the schema's order: a 30-minute Jobsamtale (7) in person at the citizen's jobcenter. */
const booking = (world: TryItWorld, id: string, meeting: { type: number; code: string }): Node => {
  const { start, end } = meetingTimes(world.now);
  return el(
    's:Booking',
    el('bk:BookingIdentifier', id),
    el('bk:PersonCivilRegistrationIdentifier', world.citizen.cpr),
    code('bk:InterviewTypeIdentifier', 7),
    code('bk:InterviewContactTypeIdentifier', 1),
    code('bk:InterviewFormTypeIdentifier', 1),
    el('bk:BookingStartTime', copenhagenIsoString(start)),
    el('bk:BookingEndTime', copenhagenIsoString(end)),
    el(
      'bk:MeetingOrganisation',
      el('aoh:OrganisationTypeIdentifier', String(meeting.type)),
      el('aoh:OrganisationCode', meeting.code),
    ),
    el('bk:MeetingLocation', 'Jobcenter, mødelokale 2'),
    el('bk:CaseworkerName', 'Mette Hansen'),
    el('bk:CompulsoryAttendance', 'true'),
    el('bk:SelfBooked', 'false'),
    el('bk:ReBookingPossible', 'false'),
    el('bk:CancellationPossible', 'true'),
  );
};

/** The booking an operation names: the world's, or a placeholder to replace with a real id. */
const bookingIdOf = (world: TryItWorld): string => world.bookingId ?? world.newId();

const PLACEHOLDER_SEQUENCE = '00000000-0000-4000-8000-000000000000';

/** The children of an operation's request element (prefix s: the service's namespace). */
const bodyChildren = (service: string, operation: string, world: TryItWorld, meeting: Meeting): Node[] => {
  const cpr = el('s:PersonCivilRegistrationIdentifier', world.citizen.cpr);
  switch (`${service}.${operation}`) {
    case 'BookingService.CreateBooking':
      return [booking(world, world.newId(), meeting)];
    case 'BookingService.UpdateBooking':
      return [booking(world, bookingIdOf(world), meeting)];
    case 'BookingService.DeleteBooking':
      return [el('s:BookingIdentifier', bookingIdOf(world)), cpr];
    case 'BookingService.GetBookingDetails':
      return [el('s:BookingIdentifier', bookingIdOf(world))];
    case 'BookingService.GetBookings':
      return [cpr];
    case 'ExternalBookingService.RescheduleBooking': {
      const { start, end } = meetingTimes(new Date(world.now.getTime() + 24 * 3600_000));
      return [
        el('s:BookingIdentifier', bookingIdOf(world)),
        el('s:BookingStartTime', copenhagenIsoString(start)),
        el('s:BookingEndTime', copenhagenIsoString(end)),
      ];
    }
    case 'ExternalBookingService.CancelBooking':
      return [el('s:BookingIdentifier', bookingIdOf(world)), el('s:CancellationReason', 'Borgeren er syg')];
    case 'BookingWsrmMessageService.GetBookings':
    case 'BookingWsrmMessageService.TerminateSequence':
    case 'BookingWsrmMessageService.CloseSequence':
      // The Identifier CreateSequence answered: there is none to know before it is called.
      return [el('s:Identifier', PLACEHOLDER_SEQUENCE)];
    case 'PersonStatusService.GetVariablePersonStatus':
      return [
        cpr,
        el(
          's:RequestVariableType',
          el('s:Core', 'true'),
          el('s:Authority', 'true'),
          el('s:Booking', 'true'),
          el('s:InterviewDeadline', 'true'),
        ),
      ];
    case 'CodelistService.GetCodeList':
      return [el('s:CodeListName', 'InterviewType')];
    default:
      // CreateSequence and GetInterviewTypes take no fields.
      return [];
  }
};

/** What the template fills in but the user may want to change before sending. */
export const soapTemplateNotes = (service: string, operation: string, world: TryItWorld): string[] => {
  const notes: string[] = [];
  const namesBooking = /Update|Delete|GetBookingDetails|Reschedule|Cancel/.test(operation);
  if (namesBooking && world.bookingId === null)
    notes.push(
      `${world.citizen.cpr} has no active booking this organisation may see: the BookingIdentifier is new (4768) until you create one`,
    );
  if (service === 'BookingWsrmMessageService' && operation !== 'CreateSequence')
    notes.push('Identifier: put the one CreateSequence answered');
  return notes;
};

export interface Meeting {
  readonly type: number;
  readonly code: string;
}

export const soapTemplate = (
  contract: ServiceContract,
  operation: string,
  world: TryItWorld,
  meeting: Meeting,
): TryItRequest => {
  const headers = contract.bindsHeaders
    ? [requestUserMetadataHeader(requestUserOf(world)), activeOrganisationHeader(world)]
    : [];
  const request = elWith(
    `s:${operation}Request`,
    `xmlns:s="${contract.schemaNamespace}"` +
      (contract.name === 'BookingService' && /^(Create|Update)Booking$/.test(operation)
        ? ` xmlns:bk="${BOOKING_NS}" xmlns:clb="${CODE_LIST_BASE_NS}" xmlns:aoh="${ACTIVE_ORGANISATION_NS}"`
        : ''),
    ...bodyChildren(contract.name, operation, world, meeting),
  );
  const envelope = elWith(
    'soap:Envelope',
    `xmlns:soap="${SOAP_ENV_NS}"`,
    ...(headers.length > 0 ? [el('soap:Header', ...headers)] : []),
    el('soap:Body', request),
  );
  return {
    method: 'POST',
    path: `/${contract.name}`,
    headers: {
      'Content-Type': 'text/xml; charset=utf-8',
      SOAPAction: `"${contract.wsdlNamespace}#${operation}"`,
    },
    body: `<?xml version="1.0" encoding="utf-8"?>\n${render(envelope, 0)}\n`,
  };
};
