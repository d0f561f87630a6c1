/**
 * End-to-end scenario helpers: raw SOAP calls over mutual TLS on behalf of an actor (certificate,
 * ActiveOrganisation, RequestUserMetadata), responses read into plain values, and the few store
 * set-ups a scenario needs (citizens with fixed deadlines). Successful responses are always held to
 * the service's XSD; faults to the DFDG shape with the rule's code and id.
 */
import { Agent } from 'node:https';
import type { Citizen, SelfBookingDeadline } from '../../src/domain/booking';
import { parseXsDateTime } from '../../src/domain/copenhagen-time';
import type { RunningEmulator } from '../../src/emulator';
import type { ServiceName } from '../../src/soap/contracts';
import { loadLibxml, type Libxml, type LibxmlElement } from '../../src/soap/libxml';
import { ORG } from './dfdg-calls';
import {
  bookingXml,
  caseworker,
  citizen,
  createBookingBody,
  dfdgHeaders,
  envelope,
  requestBody,
  serviceNs,
  soapAction,
  type BookingFields,
  type Org,
  type User,
} from './envelope';
import { expectAccepted, UUID } from './fault-assertions';
import { responseSchemaErrors } from './response-schema';
import { exchange, faultOf, soapHeaders, type RawResponse } from './soap-request';
import { clientTls, type CertificateName } from './test-certificates';

export { ORG };

/** RegistrationDateTime as envelope.ts's requestUserMetadataXml sends it in every header. */
export const SENT_REGISTRATION_DATE_TIME = '2026-11-23T10:00:00+01:00';
export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/** On whose behalf a call is made: the client certificate and the two DFDG headers. */
export interface Actor {
  readonly cert: CertificateName;
  readonly ao: Org;
  readonly user: User;
}

export const jobcenterCaseworker: Actor = {
  cert: '8-75100',
  ao: ORG.jobcenterAarhus,
  user: caseworker(ORG.jobcenterAarhus),
};
export const akasseCaseworker: Actor = {
  cert: '2-17',
  ao: ORG.foa,
  user: caseworker(ORG.foa, 'Karen Jensen'),
};
export const otherAkasseCaseworker: Actor = {
  cert: '2-81',
  ao: ORG.akasse81,
  user: caseworker(ORG.akasse81, 'Ole Olsen'),
};
export const otherJobcenterCaseworker: Actor = {
  cert: '8-10100',
  ao: ORG.jobcenterKobenhavn,
  user: caseworker(ORG.jobcenterKobenhavn, 'Sofie Holm'),
};

/** The citizen acting for themself through a system: RequestUserType 1, OrganisationCode = CPR = UserIdentifier. */
export const citizenThrough = (cert: CertificateName, ao: Org, cpr: string): Actor => ({
  cert,
  ao,
  user: citizen(cpr, ao.type),
});
/** An a-kasse's own self-booking app (a-kasse FOA, 2/17). */
export const akasseApp = (cpr: string): Actor => citizenThrough('2-17', ORG.foa, cpr);
/** A KSS vendor's planner app acting for jobcenter Aarhus. */
export const kssPlannerApp = (cpr: string): Actor => citizenThrough('kss-vendor', ORG.jobcenterAarhus, cpr);
/** Jobnet, STAR's own system (5/4). */
export const jobnet = (cpr: string): Actor => citizenThrough('5-4', ORG.jobnet, cpr);

let cprSequence = 0;
/** A fresh well-formed CPR number (15 July 1980), not one of the fixture citizens. */
export const nextCpr = (): string => `150780${String(1000 + (cprSequence++ % 9000))}`;

/** Saves a new citizen of jobcenter Aarhus and a-kasse 17 (unless overridden); returns the CPR. */
/** A deadline as a scenario gives it: open unless it says otherwise. */
export type DeadlineGiven = Omit<SelfBookingDeadline, 'status'> &
  Partial<Pick<SelfBookingDeadline, 'status'>>;

export const saveCitizen = (
  emulator: RunningEmulator,
  deadlines: readonly DeadlineGiven[] = [],
  overrides: Partial<Citizen> = {},
): string => {
  const cpr = overrides.cpr ?? nextCpr();
  emulator.store.citizens.save({
    cpr,
    name: 'Anna Testesen',
    kommune: '751',
    jobcenter: '75100',
    memberships: [{ akasse: '17', from: null, to: null }],
    andenAktoer: [],
    guestAccess: [],
    deceased: null,
    cvNumber: null,
    selfBookingDeadlines: deadlines.map((d) => ({ status: 'open', ...d })),
    ...overrides,
  });
  return cpr;
};

/**
 * A meeting starting at the given time (as written: with an offset, or without one for Copenhagen
 * time) lasting `minutes`; the end in UTC.
 */
export const meetingAt = (start: string, minutes = 30): { start: string; end: string } => ({
  start,
  end: new Date(new Date(iso(start)).getTime() + minutes * MINUTE).toISOString(),
});

/** A booking a jobcenter caseworker makes: a Jobsamtale at jobcenter Aarhus. */
export const caseworkerBooking = (
  cpr: string,
  start: string,
  overrides: Partial<BookingFields> = {},
): BookingFields => ({
  cpr,
  interviewType: 7,
  ...meetingAt(start),
  meeting: ORG.jobcenterAarhus,
  selfBooked: false,
  caseworkerName: 'Mette Hansen',
  ...overrides,
});

/** A self-booked Jobsamtale as the citizen accepted it (BookingAccepted true, accepted at `acceptedTime`). */
export const selfBooking = (
  cpr: string,
  start: string,
  acceptedTime: string,
  overrides: Partial<BookingFields> = {},
): BookingFields => ({
  cpr,
  interviewType: 7,
  ...meetingAt(start),
  meeting: ORG.jobcenterAarhus,
  selfBooked: true,
  accepted: true,
  acceptedTime,
  ...overrides,
});

/** The same booking without BookingAccepted and BookingAcceptedTime (the citizen's acceptance). */
export const withoutAcceptance = (b: BookingFields): BookingFields => {
  const copy = { ...b };
  delete copy.accepted;
  delete copy.acceptedTime;
  return copy;
};

/** A plain copy of an XML element: local name, namespace, text and element children. */
export interface Node {
  readonly name: string;
  readonly ns: string;
  readonly text: string;
  readonly children: readonly Node[];
}

const toNode = (libxml: Libxml, el: LibxmlElement): Node => {
  const children: Node[] = [];
  let text = '';
  for (let c = el.firstChild; c; c = c.next) {
    if (c instanceof libxml.XmlElement) children.push(toNode(libxml, c));
    else if (c instanceof libxml.XmlText || c instanceof libxml.XmlCData) text += c.content;
  }
  return { name: el.name, ns: el.namespaceUri, text, children };
};

/** The element in the SOAP Body of a response, as a plain tree. */
export const payloadOf = async (xml: string): Promise<Node> => {
  const libxml = await loadLibxml();
  const doc = libxml.XmlDocument.fromString(xml);
  try {
    const body = doc.get('/s:Envelope/s:Body/*', { s: 'http://schemas.xmlsoap.org/soap/envelope/' });
    if (!(body instanceof libxml.XmlElement)) throw new Error(`no element in the SOAP Body: ${xml}`);
    return toNode(libxml, body);
  } finally {
    doc.dispose();
  }
};

export const all = (el: Node, name: string): Node[] => el.children.filter((c) => c.name === name);
export const has = (el: Node, name: string): boolean => all(el, name).length > 0;
export const one = (el: Node, name: string): Node => {
  const found = all(el, name);
  if (found.length !== 1 || !found[0])
    throw new Error(`expected one ${name} in ${el.name}, found ${found.length}`);
  return found[0];
};
export const textIn = (el: Node, name: string): string => one(el, name).text;
const optText = (el: Node, name: string): string | undefined => all(el, name)[0]?.text;
const codeIn = (el: Node, name: string): number => Number(textIn(one(el, name), 'CodeListItemIdentifier'));
const optBool = (el: Node, name: string): boolean | undefined => {
  const t = optText(el, name);
  return t === undefined ? undefined : t === 'true';
};

export const readOrg = (el: Node): Org => ({
  type: Number(textIn(el, 'OrganisationTypeIdentifier')),
  code: textIn(el, 'OrganisationCode'),
});

/** A RequestUserMetadataType as read back (CreatedByRequestUserMetadata, RegisteringUser). */
export interface UserRead {
  readonly name: string;
  readonly type: number;
  readonly identifier: string;
  readonly org: Org;
  readonly registrationDateTime: string;
}

export const readUser = (el: Node): UserRead => {
  const user = one(el, 'RequestUserStructure');
  const org = one(el, 'RequestOrganisationStructure');
  return {
    name: textIn(user, 'UserFullName'),
    type: codeIn(user, 'RequestUserTypeIdentifier'),
    identifier: textIn(user, 'UserIdentifier'),
    org: { type: codeIn(org, 'OrganisationTypeIdentifier'), code: textIn(org, 'OrganisationCode') },
    registrationDateTime: textIn(el, 'RegistrationDateTime'),
  };
};

/** What a header built from `user` reads back as. */
export const sentUser = (user: User): UserRead => ({
  name: user.name,
  type: user.type,
  identifier: user.identifier,
  org: user.org,
  registrationDateTime: SENT_REGISTRATION_DATE_TIME,
});

/** The client's times exactly as a response writes them (CONTRACT.md: as the client wrote them). */
export interface TimesAsAnswered {
  readonly start: string;
  readonly end: string;
  readonly acceptedTime: string | undefined;
  readonly rebookingDeadline: string | undefined;
  readonly cancellationDeadline: string | undefined;
}

/** A booking in read form (BookingReadType); instants normalised to ISO UTC, and as written in `written`. */
export interface BookingRead {
  readonly id: string;
  readonly cpr: string;
  readonly interviewType: number;
  readonly contactType: number;
  readonly formType: number;
  readonly start: string;
  readonly end: string;
  readonly meeting: Org;
  readonly meetingLocation: string | undefined;
  readonly digitalMeetingLink: string | undefined;
  readonly compulsoryAttendance: boolean;
  readonly selfBooked: boolean;
  readonly citizenShouldAcceptBooking: boolean | undefined;
  readonly accepted: boolean | undefined;
  readonly acceptedTime: string | undefined;
  readonly rebookingPossible: boolean;
  readonly rebookingDeadline: string | undefined;
  readonly cancellationPossible: boolean;
  readonly cancellationDeadline: string | undefined;
  readonly written: TimesAsAnswered;
  readonly status: string;
  readonly createdAt: string;
  readonly lastChangedAt: string;
  readonly originator: Org;
  readonly createdBy: UserRead;
}

/** An xs:dateTime as ISO UTC; one without an offset is Copenhagen time, as the emulator reads it. */
export const iso = (instant: string): string => {
  const parsed = parseXsDateTime(instant);
  if (!parsed) throw new Error(`not an xs:dateTime: ${instant}`);
  return parsed.toISOString();
};
const optIso = (el: Node, name: string): string | undefined => {
  const t = optText(el, name);
  return t === undefined ? undefined : iso(t);
};

export const readBooking = (el: Node): BookingRead => ({
  id: textIn(el, 'BookingIdentifier'),
  cpr: textIn(el, 'PersonCivilRegistrationIdentifier'),
  interviewType: codeIn(el, 'InterviewTypeIdentifier'),
  contactType: codeIn(el, 'InterviewContactTypeIdentifier'),
  formType: codeIn(el, 'InterviewFormTypeIdentifier'),
  start: iso(textIn(el, 'BookingStartTime')),
  end: iso(textIn(el, 'BookingEndTime')),
  meeting: readOrg(one(el, 'MeetingOrganisation')),
  meetingLocation: optText(el, 'MeetingLocation'),
  digitalMeetingLink: optText(el, 'DigitalMeetingLink'),
  compulsoryAttendance: textIn(el, 'CompulsoryAttendance') === 'true',
  selfBooked: textIn(el, 'SelfBooked') === 'true',
  citizenShouldAcceptBooking: optBool(el, 'CitizenShouldAcceptBooking'),
  accepted: optBool(el, 'BookingAccepted'),
  acceptedTime: optIso(el, 'BookingAcceptedTime'),
  rebookingPossible: textIn(el, 'ReBookingPossible') === 'true',
  rebookingDeadline: optIso(el, 'ReBookingDeadline'),
  cancellationPossible: textIn(el, 'CancellationPossible') === 'true',
  cancellationDeadline: optIso(el, 'CancellationDeadline'),
  written: {
    start: textIn(el, 'BookingStartTime'),
    end: textIn(el, 'BookingEndTime'),
    acceptedTime: optText(el, 'BookingAcceptedTime'),
    rebookingDeadline: optText(el, 'ReBookingDeadline'),
    cancellationDeadline: optText(el, 'CancellationDeadline'),
  },
  status: textIn(el, 'BookingStatus'),
  createdAt: iso(textIn(el, 'CreatedDateTime')),
  lastChangedAt: iso(textIn(el, 'LastChangedDateTime')),
  originator: readOrg(one(el, 'BookingOriginator')),
  createdBy: readUser(one(el, 'CreatedByRequestUserMetadata')),
});

/** One BookingMessage of a WSRM pickup. */
export interface WsrmMessageRead {
  readonly messageId: string;
  readonly clientSystem: string;
  readonly authority: Org;
  readonly registeringUser: UserRead;
  readonly queuedAt: string;
  readonly booking: BookingRead;
}

export const readWsrmMessage = (el: Node): WsrmMessageRead => {
  const meta = one(el, 'WSRMMetadata');
  return {
    messageId: textIn(meta, 'MessageIdentifier'),
    clientSystem: textIn(meta, 'ClientSystemIdentifier'),
    authority: readOrg(one(meta, 'RegisteringAuthority')),
    registeringUser: readUser(one(meta, 'RegisteringUser')),
    queuedAt: iso(textIn(meta, 'MessageQueuedDateTime')),
    booking: readBooking(one(el, 'Booking')),
  };
};

/**
 * Asserts an accepted call (HTTP 200, the reference id in body and header) whose response is valid
 * against the service's XSD; returns the response element.
 */
export const acceptedPayload = async (service: ServiceName, res: RawResponse): Promise<Node> => {
  expectAccepted(res);
  expect(await responseSchemaErrors(service, res.body)).toEqual([]);
  return payloadOf(res.body);
};

/** Asserts a DFDG fault of a rule: HTTP 500, soap:Client, the code and the rule id in FaultDetails. */
export const expectRuleFault = (res: RawResponse, code: number, ruleId: string): void => {
  const fault = faultOf(res);
  expect({ errorCode: fault.errorCode, source: fault.source, faultcode: fault.faultcode }).toEqual({
    errorCode: code,
    source: ruleId,
    faultcode: 'soap:Client',
  });
  expect(fault.faultstring).not.toBe('');
  expect(String(res.headers['x-servicerequestlogreferenceidentifier'])).toMatch(UUID);
};

/** RescheduleBooking's request: what is left out keeps the booking's stored value. */
export interface RescheduleFields {
  readonly start: string;
  readonly end: string;
  readonly rebookingPossible?: boolean;
  readonly rebookingDeadline?: string;
  readonly cancellationPossible?: boolean;
  readonly cancellationDeadline?: string;
  readonly meetingLocation?: string;
}

export interface PersonStatusAsk {
  readonly core: boolean;
  readonly authority: boolean;
  readonly booking: boolean;
  readonly interviewDeadline: boolean;
}

/**
 * The calls of every service, made on behalf of an actor against one emulator. Connections are kept
 * alive per certificate (the identity is the TLS session's), so a scenario of hundreds of calls stays
 * fast; `close()` ends them.
 */
export const dfdgScenario = (emulator: RunningEmulator) => {
  const agents = new Map<CertificateName, Agent>();
  const agentFor = (cert: CertificateName): Agent => {
    let agent = agents.get(cert);
    if (!agent) {
      agent = new Agent({ keepAlive: true, maxSockets: 4, ...clientTls(cert) });
      agents.set(cert, agent);
    }
    return agent;
  };
  const call = (actor: Actor, service: ServiceName, operation: string, body: string): Promise<RawResponse> =>
    exchange(
      `${emulator.soapUrl}/${service}`,
      envelope(body, service === 'CodelistService' ? undefined : dfdgHeaders(actor.ao, actor.user)),
      { agent: agentFor(actor.cert), headers: soapHeaders(soapAction(service, operation)) },
    );
  const bs = 'BookingService';
  const ebs = 'ExternalBookingService';
  const wsrm = 'BookingWsrmMessageService';

  const api = {
    call,
    close: (): void => {
      for (const agent of agents.values()) agent.destroy();
      agents.clear();
    },
    createBooking: (actor: Actor, b: BookingFields) => call(actor, bs, 'CreateBooking', createBookingBody(b)),
    updateBooking: (actor: Actor, b: BookingFields) =>
      call(
        actor,
        bs,
        'UpdateBooking',
        `<bs:UpdateBookingRequest xmlns:bs="${serviceNs(bs)}">${bookingXml(b)}</bs:UpdateBookingRequest>`,
      ),
    /** Updates a booking; the update must be accepted (the response checked against the XSD). */
    updateBookingAccepted: async (actor: Actor, b: BookingFields): Promise<void> => {
      await acceptedPayload(bs, await api.updateBooking(actor, b));
    },
    /** Creates a booking that must be accepted; returns its id (the response checked against the XSD). */
    createdBookingId: async (actor: Actor, b: BookingFields): Promise<string> => {
      const payload = await acceptedPayload(bs, await api.createBooking(actor, b));
      return textIn(payload, 'BookingIdentifier');
    },
    bookingDetails: async (actor: Actor, id: string): Promise<BookingRead> => {
      const res = await call(
        actor,
        bs,
        'GetBookingDetails',
        requestBody(bs, 'GetBookingDetails', { BookingIdentifier: id }),
      );
      return readBooking(one(await acceptedPayload(bs, res), 'Booking'));
    },
    reschedule: (actor: Actor, id: string, r: RescheduleFields) =>
      call(
        actor,
        ebs,
        'RescheduleBooking',
        requestBody(ebs, 'RescheduleBooking', {
          BookingIdentifier: id,
          BookingStartTime: r.start,
          BookingEndTime: r.end,
          ...(r.rebookingPossible === undefined ? {} : { ReBookingPossible: String(r.rebookingPossible) }),
          ...(r.rebookingDeadline ? { ReBookingDeadline: r.rebookingDeadline } : {}),
          ...(r.cancellationPossible === undefined
            ? {}
            : { CancellationPossible: String(r.cancellationPossible) }),
          ...(r.cancellationDeadline ? { CancellationDeadline: r.cancellationDeadline } : {}),
          ...(r.meetingLocation ? { MeetingLocation: r.meetingLocation } : {}),
        }),
      ),
    cancel: (actor: Actor, id: string, reason?: string) =>
      call(
        actor,
        ebs,
        'CancelBooking',
        requestBody(ebs, 'CancelBooking', {
          BookingIdentifier: id,
          ...(reason ? { CancellationReason: reason } : {}),
        }),
      ),
    /** RescheduleBooking that must be accepted (the response checked against the XSD). */
    rescheduleAccepted: async (actor: Actor, id: string, r: RescheduleFields): Promise<void> => {
      await acceptedPayload(ebs, await api.reschedule(actor, id, r));
    },
    /** CancelBooking that must be accepted (the response checked against the XSD). */
    cancelAccepted: async (actor: Actor, id: string, reason?: string): Promise<void> => {
      await acceptedPayload(ebs, await api.cancel(actor, id, reason));
    },
    personStatus: (actor: Actor, cpr: string, ask: PersonStatusAsk) =>
      call(
        actor,
        'PersonStatusService',
        'GetVariablePersonStatus',
        requestBody('PersonStatusService', 'GetVariablePersonStatus', {
          PersonCivilRegistrationIdentifier: cpr,
          RequestVariableType:
            `<s:Core>${ask.core}</s:Core><s:Authority>${ask.authority}</s:Authority>` +
            `<s:Booking>${ask.booking}</s:Booking><s:InterviewDeadline>${ask.interviewDeadline}</s:InterviewDeadline>`,
        }),
      ),
    interviewTypes: (cert: CertificateName) =>
      call(
        { cert, ao: ORG.jobcenterAarhus, user: caseworker(ORG.jobcenterAarhus) },
        'CodelistService',
        'GetInterviewTypes',
        requestBody('CodelistService', 'GetInterviewTypes', {}),
      ),
    /** CodelistService.GetCodeList (no DFDG headers are needed; the ones sent are ignored). */
    codeList: (cert: CertificateName, name: string) =>
      call(
        { cert, ao: ORG.jobcenterAarhus, user: caseworker(ORG.jobcenterAarhus) },
        'CodelistService',
        'GetCodeList',
        requestBody('CodelistService', 'GetCodeList', { CodeListName: name }),
      ),
    createSequence: (actor: Actor) =>
      call(actor, wsrm, 'CreateSequence', requestBody(wsrm, 'CreateSequence', {})),
    sequenceOp: (
      actor: Actor,
      operation: 'GetBookings' | 'TerminateSequence' | 'CloseSequence',
      id: string,
    ) => call(actor, wsrm, operation, requestBody(wsrm, operation, { Identifier: id })),
    /** Opens a pickup that must be accepted: its identifier and message count. */
    openPickup: async (actor: Actor): Promise<{ id: string; count: number }> => {
      const payload = await acceptedPayload(wsrm, await api.createSequence(actor));
      const id = textIn(payload, 'Identifier');
      expect(id).toMatch(UUID);
      return { id, count: Number(textIn(payload, 'MessageCount')) };
    },
    /** The messages of an open pickup (GetBookings must be accepted). */
    pickupMessages: async (actor: Actor, id: string): Promise<WsrmMessageRead[]> => {
      const payload = await acceptedPayload(wsrm, await api.sequenceOp(actor, 'GetBookings', id));
      return all(payload, 'BookingMessage').map(readWsrmMessage);
    },
    endPickup: async (
      actor: Actor,
      how: 'TerminateSequence' | 'CloseSequence',
      id: string,
    ): Promise<void> => {
      await acceptedPayload(wsrm, await api.sequenceOp(actor, how, id));
    },
    /** One whole pickup: open, read, terminate (acknowledge). */
    pickUp: async (actor: Actor): Promise<WsrmMessageRead[]> => {
      const { id, count } = await api.openPickup(actor);
      const messages = await api.pickupMessages(actor, id);
      expect(messages).toHaveLength(count);
      await api.endPickup(actor, 'TerminateSequence', id);
      return messages;
    },
    /**
     * Acknowledges everything waiting for the actor's organisation, so a scenario starts from an empty
     * queue; a pickup an earlier (failed) scenario left open is terminated first.
     */
    drain: async (actor: Actor): Promise<void> => {
      const left = emulator.store.wsrm.openSequenceOf(actor.ao);
      if (left) await api.endPickup(actor, 'TerminateSequence', left);
      for (let round = 0; round < 10; round++) {
        const { id, count } = await api.openPickup(actor);
        await api.endPickup(actor, 'TerminateSequence', id);
        if (count === 0) return;
      }
      throw new Error(`the WSRM queue of ${actor.ao.type}/${actor.ao.code} did not drain`);
    },
  };
  return api;
};

export type DfdgScenario = ReturnType<typeof dfdgScenario>;
