import { Agent } from 'node:https';
import * as soap from 'soap';
import type { RunningEmulator } from '../../src/emulator';
import {
  activeOrganisationXml,
  bookingDefaults,
  caseworker,
  requestUserMetadataXml,
  type BookingFields,
  type Org,
  type User,
} from './envelope';
import { clientTls, type CertificateName } from './test-certificates';

/**
 * A real node-soap client (WSDL loaded over https from the emulator, mutual TLS with a test
 * certificate, DFDG headers as raw XML) behind typed methods: node-soap's client is `any`-shaped,
 * so everything it returns is read as `unknown` here and narrowed before a test sees it.
 */
export type DfdgService =
  | 'BookingService'
  | 'ExternalBookingService'
  | 'BookingWsrmMessageService'
  | 'PersonStatusService'
  | 'CodelistService';

/** On whose behalf a call is made: the two DFDG header blocks. */
export interface CallerIdentity {
  readonly activeOrganisation: Org;
  readonly user: User;
}

/** A SOAP fault as node-soap hands it over (err.root.Envelope.Body.Fault), with STAR's FaultDetails. */
export class SoapFault extends Error {
  constructor(
    readonly httpStatus: number | undefined,
    readonly faultcode: string,
    readonly faultstring: string,
    readonly errorCode: number,
    readonly source: string,
    readonly innerException: string,
  ) {
    super(`${faultcode}: ${faultstring} (${errorCode} ${source}: ${innerException})`);
    this.name = 'SoapFault';
  }
}

export interface DfdgSoapClient {
  readonly service: DfdgService;
  /** The headers this client sends, or null (CodelistService binds none). */
  readonly identity: CallerIdentity | null;
  /** RegistrationDateTime as sent in the RequestUserMetadataHeader (lexical form), or null. */
  readonly registrationDateTime: string | null;
  /** node-soap's describe(): service -> port -> operation -> { input, output }. */
  describe(): Record<string, Record<string, Record<string, unknown>>>;
  /** Calls `<operation>Async`; resolves with the response body, rejects with SoapFault for a SOAP fault. */
  call(operation: string, args: Record<string, unknown>): Promise<Record<string, unknown>>;
  /** The last request node-soap sent (the whole envelope). */
  lastRequest(): string;
}

export const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Date);

/** Follows a path of element names through node-soap's parsed objects. */
export const pathOf = (v: unknown, ...path: string[]): unknown =>
  path.reduce<unknown>((at, key) => (isRecord(at) ? at[key] : undefined), v);

const scalarText = (v: unknown): string | undefined =>
  typeof v === 'string'
    ? v
    : typeof v === 'number' || typeof v === 'boolean'
      ? String(v)
      : v instanceof Date
        ? v.toISOString()
        : undefined;

/** The SoapFault in a node-soap rejection, or undefined when it is no SOAP fault. */
export const soapFaultOf = (error: unknown): SoapFault | undefined => {
  const fault = pathOf(error, 'root', 'Envelope', 'Body', 'Fault');
  if (!isRecord(fault)) return undefined;
  const details = pathOf(fault, 'detail', 'FaultDetails');
  const status = pathOf(error, 'response', 'status');
  return new SoapFault(
    typeof status === 'number' ? status : undefined,
    scalarText(fault.faultcode) ?? '',
    scalarText(fault.faultstring) ?? '',
    Number(scalarText(pathOf(details, 'ErrorCode')) ?? Number.NaN),
    scalarText(pathOf(details, 'Source')) ?? '',
    scalarText(pathOf(details, 'InnerException')) ?? '',
  );
};

/** Awaits a call that must fail with a SOAP fault; a success or another error fails the test. */
export const expectFault = async (call: Promise<unknown>): Promise<SoapFault> => {
  let result: unknown;
  try {
    result = await call;
  } catch (error) {
    if (error instanceof SoapFault) return error;
    throw error;
  }
  throw new Error(`expected a SOAP fault, got a response: ${JSON.stringify(result)}`);
};

/** TLS options for WSDL/XSD downloads: node-soap fetches them with axios, which needs an agent. */
export const httpsAgentFor = (certificate: CertificateName): Agent => {
  const tls = clientTls(certificate);
  return new Agent({ ca: tls.ca, cert: tls.cert, key: tls.key, keepAlive: false });
};

const REGISTRATION_DATE_TIME = /<(?:\w+:)?RegistrationDateTime>([^<]*)</;

/** A node-soap client for one service, loaded from `GET /<service>?wsdl`, calling with the given certificate. */
export const soapClientFor = async (
  emulator: Pick<RunningEmulator, 'soapUrl'>,
  service: DfdgService,
  certificate: CertificateName,
  identity: CallerIdentity | null = null,
): Promise<DfdgSoapClient> => {
  const tls = clientTls(certificate);
  if (!tls.cert || !tls.key) throw new Error(`no certificate files for ${certificate}`);
  const client = await soap.createClientAsync(`${emulator.soapUrl}/${service}?wsdl`, {
    wsdl_options: { httpsAgent: httpsAgentFor(certificate) },
  });
  // Buffers: ClientSSLSecurity reads a string argument as a file path.
  client.setSecurity(
    new soap.ClientSSLSecurity(Buffer.from(tls.key), Buffer.from(tls.cert), Buffer.from(tls.ca)),
  );
  let registrationDateTime: string | null = null;
  if (identity) {
    // Raw XML: node-soap drops the namespaces of a header given as an object.
    const rum = requestUserMetadataXml(identity.user);
    registrationDateTime = REGISTRATION_DATE_TIME.exec(rum)?.[1] ?? null;
    client.addSoapHeader(rum);
    client.addSoapHeader(activeOrganisationXml(identity.activeOrganisation));
  }
  return {
    service,
    identity,
    registrationDateTime,
    describe: () => {
      const d: unknown = client.describe();
      if (!isRecord(d)) throw new Error('describe() returned no object');
      return d as Record<string, Record<string, Record<string, unknown>>>;
    },
    call: async (operation, args) => {
      const method: unknown = client[`${operation}Async`];
      if (typeof method !== 'function') throw new Error(`${service} has no operation ${operation}`);
      let result: unknown;
      try {
        result = await (method as (a: Record<string, unknown>) => Promise<unknown>).call(client, args);
      } catch (error) {
        throw soapFaultOf(error) ?? error;
      }
      const body: unknown = Array.isArray(result) ? result[0] : undefined;
      if (body !== null && body !== undefined && !isRecord(body))
        throw new Error(`${operation}: unexpected response ${JSON.stringify(body)}`);
      return body ?? {};
    },
    lastRequest: () => client.lastRequest ?? '',
  };
};

// ---- Reading node-soap's parsed values (strings, numbers, booleans, Dates) into typed ones ----

const required = (v: unknown, what: string): unknown => {
  if (v === undefined || v === null) throw new Error(`response has no ${what}`);
  return v;
};
const text = (v: unknown, what: string): string => {
  const s = scalarText(required(v, what));
  if (s === undefined) throw new Error(`${what} is not a simple value: ${JSON.stringify(v)}`);
  return s;
};
const optionalText = (v: unknown, what: string): string | undefined =>
  v === undefined || v === null ? undefined : text(v, what);
const int = (v: unknown, what: string): number => {
  const n = Number(text(v, what));
  if (!Number.isInteger(n)) throw new Error(`${what} is not an integer: ${JSON.stringify(v)}`);
  return n;
};
const bool = (v: unknown, what: string): boolean => {
  const s = text(v, what);
  if (s !== 'true' && s !== 'false') throw new Error(`${what} is not a boolean: ${s}`);
  return s === 'true';
};
const instant = (v: unknown, what: string): Date => {
  const d = v instanceof Date ? v : new Date(text(v, what));
  if (Number.isNaN(d.getTime())) throw new Error(`${what} is not a dateTime: ${JSON.stringify(v)}`);
  return d;
};
const optionalInstant = (v: unknown, what: string): Date | undefined =>
  v === undefined || v === null ? undefined : instant(v, what);
const list = (v: unknown): unknown[] => (v === undefined || v === null ? [] : Array.isArray(v) ? v : [v]);

/** An ActiveOrganisationHeaderType value (MeetingOrganisation, BookingOriginator). */
export const readOrg = (v: unknown, what: string): Org => ({
  type: int(pathOf(v, 'OrganisationTypeIdentifier'), `${what}/OrganisationTypeIdentifier`),
  code: text(pathOf(v, 'OrganisationCode'), `${what}/OrganisationCode`),
});

/** A RequestUserMetadataType value, in the shape of envelope.ts's User plus the registration time. */
export interface UserMetadata extends User {
  readonly registrationDateTime: Date;
}

export const readUserMetadata = (v: unknown, what: string): UserMetadata => {
  const email = optionalText(pathOf(v, 'RequestUserStructure', 'UserEmail'), `${what}/UserEmail`);
  return {
    name: text(pathOf(v, 'RequestUserStructure', 'UserFullName'), `${what}/UserFullName`),
    type: int(
      pathOf(v, 'RequestUserStructure', 'RequestUserTypeIdentifier', 'CodeListItemIdentifier'),
      `${what}/RequestUserTypeIdentifier`,
    ),
    identifier: text(pathOf(v, 'RequestUserStructure', 'UserIdentifier'), `${what}/UserIdentifier`),
    ...(email === undefined ? {} : { email }),
    org: {
      type: int(
        pathOf(v, 'RequestOrganisationStructure', 'OrganisationTypeIdentifier', 'CodeListItemIdentifier'),
        `${what}/RequestOrganisationStructure/OrganisationTypeIdentifier`,
      ),
      code: text(
        pathOf(v, 'RequestOrganisationStructure', 'OrganisationCode'),
        `${what}/RequestOrganisationStructure/OrganisationCode`,
      ),
    },
    registrationDateTime: instant(pathOf(v, 'RegistrationDateTime'), `${what}/RegistrationDateTime`),
  };
};

/** What a client should find in CreatedByRequestUserMetadata after creating with this identity. */
export const metadataSentBy = (client: DfdgSoapClient): UserMetadata => {
  if (!client.identity || client.registrationDateTime === null)
    throw new Error(`${client.service} client sends no RequestUserMetadataHeader`);
  const { name, type, identifier, org, email } = client.identity.user;
  return {
    name,
    type,
    identifier,
    org,
    ...(email === undefined ? {} : { email }),
    registrationDateTime: new Date(client.registrationDateTime),
  };
};

/** BookingReadType (CONTRACT.md, the read form). */
export interface BookingRead {
  readonly id: string;
  readonly cpr: string;
  readonly interviewType: number;
  readonly contactType: number;
  readonly formType: number;
  readonly start: Date;
  readonly end: Date;
  readonly meetingOrganisation: Org;
  readonly meetingLocation: string | undefined;
  readonly digitalMeetingLink: string | undefined;
  readonly caseworkerName: string | undefined;
  readonly compulsoryAttendance: boolean;
  readonly selfBooked: boolean;
  readonly accepted: boolean | undefined;
  readonly acceptedTime: Date | undefined;
  readonly rebookingPossible: boolean;
  readonly rebookingDeadline: Date | undefined;
  readonly cancellationPossible: boolean;
  readonly cancellationDeadline: Date | undefined;
  readonly status: 'Active' | 'Cancelled';
  readonly createdAt: Date;
  readonly lastChangedAt: Date;
  readonly originator: Org;
  readonly createdBy: UserMetadata;
}

export const readBooking = (b: unknown): BookingRead => {
  if (!isRecord(b)) throw new Error(`not a booking: ${JSON.stringify(b)}`);
  const status = text(b.BookingStatus, 'BookingStatus');
  if (status !== 'Active' && status !== 'Cancelled') throw new Error(`unknown BookingStatus ${status}`);
  const accepted = b.BookingAccepted;
  return {
    id: text(b.BookingIdentifier, 'BookingIdentifier'),
    cpr: text(b.PersonCivilRegistrationIdentifier, 'PersonCivilRegistrationIdentifier'),
    interviewType: int(
      pathOf(b, 'InterviewTypeIdentifier', 'CodeListItemIdentifier'),
      'InterviewTypeIdentifier',
    ),
    contactType: int(
      pathOf(b, 'InterviewContactTypeIdentifier', 'CodeListItemIdentifier'),
      'InterviewContactTypeIdentifier',
    ),
    formType: int(
      pathOf(b, 'InterviewFormTypeIdentifier', 'CodeListItemIdentifier'),
      'InterviewFormTypeIdentifier',
    ),
    start: instant(b.BookingStartTime, 'BookingStartTime'),
    end: instant(b.BookingEndTime, 'BookingEndTime'),
    meetingOrganisation: readOrg(b.MeetingOrganisation, 'MeetingOrganisation'),
    meetingLocation: optionalText(b.MeetingLocation, 'MeetingLocation'),
    digitalMeetingLink: optionalText(b.DigitalMeetingLink, 'DigitalMeetingLink'),
    caseworkerName: optionalText(b.CaseworkerName, 'CaseworkerName'),
    compulsoryAttendance: bool(b.CompulsoryAttendance, 'CompulsoryAttendance'),
    selfBooked: bool(b.SelfBooked, 'SelfBooked'),
    accepted: accepted === undefined || accepted === null ? undefined : bool(accepted, 'BookingAccepted'),
    acceptedTime: optionalInstant(b.BookingAcceptedTime, 'BookingAcceptedTime'),
    rebookingPossible: bool(b.ReBookingPossible, 'ReBookingPossible'),
    rebookingDeadline: optionalInstant(b.ReBookingDeadline, 'ReBookingDeadline'),
    cancellationPossible: bool(b.CancellationPossible, 'CancellationPossible'),
    cancellationDeadline: optionalInstant(b.CancellationDeadline, 'CancellationDeadline'),
    status,
    createdAt: instant(b.CreatedDateTime, 'CreatedDateTime'),
    lastChangedAt: instant(b.LastChangedDateTime, 'LastChangedDateTime'),
    originator: readOrg(b.BookingOriginator, 'BookingOriginator'),
    createdBy: readUserMetadata(b.CreatedByRequestUserMetadata, 'CreatedByRequestUserMetadata'),
  };
};

// ---- BookingService with typed methods ----

const when = (d: string | Date): string => (typeof d === 'string' ? d : d.toISOString());

/** BookingType in schema order, as node-soap serialises keys in insertion order. */
export const bookingArgs = (b: BookingFields): Record<string, unknown> => {
  const opt = (name: string, v: string | boolean | undefined): Record<string, unknown> =>
    v === undefined ? {} : { [name]: v };
  const d = bookingDefaults(b);
  return {
    ...opt('BookingIdentifier', b.id),
    PersonCivilRegistrationIdentifier: b.cpr,
    InterviewTypeIdentifier: { CodeListItemIdentifier: b.interviewType },
    InterviewContactTypeIdentifier: { CodeListItemIdentifier: d.contactType },
    InterviewFormTypeIdentifier: { CodeListItemIdentifier: d.formType },
    BookingStartTime: b.start,
    BookingEndTime: b.end,
    MeetingOrganisation: { OrganisationTypeIdentifier: b.meeting.type, OrganisationCode: b.meeting.code },
    ...opt('MeetingLocation', b.meetingLocation),
    ...opt('DigitalMeetingLink', b.digitalMeetingLink),
    ...opt('CaseworkerName', b.caseworkerName),
    CompulsoryAttendance: d.compulsoryAttendance,
    SelfBooked: b.selfBooked,
    ...opt('CitizenShouldAcceptBooking', b.citizenShouldAcceptBooking),
    ...opt('BookingAccepted', b.accepted),
    ...opt('BookingAcceptedTime', b.acceptedTime),
    ReBookingPossible: d.rebookingPossible,
    ...opt('ReBookingDeadline', b.rebookingDeadline),
    CancellationPossible: d.cancellationPossible,
    ...opt('CancellationDeadline', b.cancellationDeadline),
  };
};

export interface BookingServiceClient {
  readonly soap: DfdgSoapClient;
  createBooking(b: BookingFields): Promise<{ bookingId: string; referenceId: string }>;
  /** Resolves with the ServiceRequestLogReferenceIdentifier. */
  updateBooking(b: BookingFields & { id: string }): Promise<string>;
  deleteBooking(id: string, cpr: string, cancellationReason?: string): Promise<string>;
  getBookingDetails(id: string): Promise<BookingRead>;
  getBookings(cpr: string, period?: { start?: string | Date; end?: string | Date }): Promise<BookingRead[]>;
}

const referenceIdOf = (body: Record<string, unknown>): string =>
  text(body.ServiceRequestLogReferenceIdentifier, 'ServiceRequestLogReferenceIdentifier');

export const bookingClientFor = async (
  emulator: Pick<RunningEmulator, 'soapUrl'>,
  certificate: CertificateName,
  identity: CallerIdentity,
): Promise<BookingServiceClient> => {
  const client = await soapClientFor(emulator, 'BookingService', certificate, identity);
  return {
    soap: client,
    createBooking: async (b) => {
      const body = await client.call('CreateBooking', { Booking: bookingArgs(b) });
      return {
        bookingId: text(body.BookingIdentifier, 'BookingIdentifier'),
        referenceId: referenceIdOf(body),
      };
    },
    updateBooking: async (b) =>
      referenceIdOf(await client.call('UpdateBooking', { Booking: bookingArgs(b) })),
    deleteBooking: async (id, cpr, reason) =>
      referenceIdOf(
        await client.call('DeleteBooking', {
          BookingIdentifier: id,
          PersonCivilRegistrationIdentifier: cpr,
          ...(reason === undefined ? {} : { CancellationReason: reason }),
        }),
      ),
    getBookingDetails: async (id) => {
      const body = await client.call('GetBookingDetails', { BookingIdentifier: id });
      referenceIdOf(body);
      return readBooking(body.Booking);
    },
    getBookings: async (cpr, period = {}) => {
      const body = await client.call('GetBookings', {
        PersonCivilRegistrationIdentifier: cpr,
        ...(period.start === undefined ? {} : { PeriodStart: when(period.start) }),
        ...(period.end === undefined ? {} : { PeriodEnd: when(period.end) }),
      });
      referenceIdOf(body);
      return list(body.Booking).map(readBooking);
    },
  };
};

/**
 * `asOrg(emulator, '8-75100', { type: 8, code: '75100' })`: a BookingService client acting for an
 * organisation, by default as one of its caseworkers.
 */
export const asOrg = (
  emulator: Pick<RunningEmulator, 'soapUrl'>,
  certificate: CertificateName,
  activeOrganisation: Org,
  user: User = caseworker(activeOrganisation),
): Promise<BookingServiceClient> => bookingClientFor(emulator, certificate, { activeOrganisation, user });

/**
 * The namespace of every element with this local name in an XML document (prefixes resolved
 * through the in-scope xmlns declarations): enough to check what node-soap put on the wire.
 */
export const namespacesOfElements = (xml: string, localName: string): string[] => {
  const found: string[] = [];
  const scopes: Array<Map<string, string>> = [];
  const lookup = (prefix: string): string => {
    for (let i = scopes.length - 1; i >= 0; i--) {
      const ns = scopes[i]?.get(prefix);
      if (ns !== undefined) return ns;
    }
    return '';
  };
  for (const m of xml.matchAll(
    /<(\/?)([\w.-]+(?::[\w.-]+)?)((?:\s+[^\s=>]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>/g,
  )) {
    const [, closing, qname = '', attrs = '', selfClosing] = m;
    if (closing) {
      scopes.pop();
      continue;
    }
    const scope = new Map<string, string>();
    for (const a of attrs.matchAll(/xmlns(?::([\w.-]+))?\s*=\s*(?:"([^"]*)"|'([^']*)')/g))
      scope.set(a[1] ?? '', a[2] ?? a[3] ?? '');
    scopes.push(scope);
    const [prefix, local] = qname.includes(':') ? qname.split(':') : ['', qname];
    if (local === localName) found.push(lookup(prefix ?? ''));
    if (selfClosing) scopes.pop();
  }
  return found;
};
