import { randomUUID } from 'node:crypto';
import type { Citizen } from '../domain/booking';
import type { CallRecord } from '../domain/call-record';
import type { Caller, CertificateIdentity } from '../domain/caller';
import type { Decision } from '../domain/decision';
import type { Organisation } from '../domain/organisation';
import { RequestUserType, type RequestUserMetadata } from '../domain/request-user-metadata';
import type { NamedBooking } from '../security/security-model';
import type { RequestHead } from '../transport/request-head';

/** What a request's body names, as sent (trimmed, not yet schema-checked): for SEC-CITIZEN and ACC-*. */
export interface NamedInBody {
  /** Every CPR field of the body, in order. */
  readonly cprs: readonly string[];
  /** Every booking identifier of the body, once each. */
  readonly bookingIds: readonly string[];
}

/**
 * The one state of a call, created when the request arrives and passed along every stage, the
 * operation and the answer, whichever protocol face it came through: who calls, what was read,
 * what each rule decided and how the call ended. The audit row and the journal entry are both made
 * from it, once. `Message` is the face's parsed request (the SOAP envelope, a REST body).
 */
export interface Call<Message = unknown> {
  readonly referenceId: string;
  /** The service (SOAP) or resource (REST) called, as the audit log names it. */
  readonly service: string;
  /** process.hrtime.bigint() when the request arrived: the journal's duration. */
  readonly arrivedAt: bigint;
  operation: string | null;
  /** Step 1: the registered caller, once identified; its certificate even when refused. */
  caller: Caller | null;
  certificate: CertificateIdentity | null;
  /** The request line, the headers and the TLS client certificate, as received (set by step 1). */
  head: RequestHead | null;
  /** Step 2: the request body as received, and as the face parsed it. */
  request: Buffer | null;
  message: Message | null;
  /** Step 3: the caller's metadata (null while unread, and for a service that binds none). */
  activeOrganisation: Organisation | null;
  requestUserMetadata: RequestUserMetadata | null;
  /** What the body names (read once, by the first stage that asks) and the named bookings that exist. */
  named: NamedInBody | null;
  namedBookings: readonly NamedBooking[] | null;
  /** Step 6: the one citizen the call names (by CPR or through its booking), as step 6 read it. */
  citizen: Citizen | undefined;
  /** The CPR numbers to audit: those the call read or wrote, or those it named if refused. */
  cprs: readonly string[];
  /** Every rule that has judged the call so far, in order. */
  readonly decisions: Decision[];
  /** How the call ended, once it has: the audit row (SEC-AUDIT) as written. */
  record: CallRecord | null;
  /** The answer as sent: HTTP status and body (for the journal). */
  status: number;
  response: string;
}

export const newCall = <Message>(service: string): Call<Message> => ({
  referenceId: randomUUID(),
  service,
  arrivedAt: process.hrtime.bigint(),
  operation: null,
  caller: null,
  certificate: null,
  head: null,
  request: null,
  message: null,
  activeOrganisation: null,
  requestUserMetadata: null,
  named: null,
  namedBookings: null,
  citizen: undefined,
  cprs: [],
  decisions: [],
  record: null,
  status: 0,
  response: '',
});

/** The call's metadata when both headers have been read (steps 4 and 6 need both). */
export const metadataOf = (
  call: Call,
): { activeOrganisation: Organisation; requestUserMetadata: RequestUserMetadata } | null =>
  call.activeOrganisation && call.requestUserMetadata
    ? { activeOrganisation: call.activeOrganisation, requestUserMetadata: call.requestUserMetadata }
    : null;

/** How the call ended, as the audit row and the journal keep it. */
export const recordOf = (
  call: Call,
  time: Date,
  outcome: string,
  ruleId: string | null,
  detail: string | null,
): CallRecord => ({
  referenceId: call.referenceId,
  time,
  service: call.service,
  operation: call.operation,
  certificate: call.certificate,
  activeOrganisation: call.activeOrganisation,
  requestUserMetadata: call.requestUserMetadata,
  cprs: call.cprs,
  outcome,
  ruleId,
  detail,
});

/** A well-formed CPR as the audit keeps it: ten digits (a malformed one names nobody). */
const AUDITED_CPR = /^\d{10}$/;

/** The CPR numbers a body names that the audit of a refused call keeps. */
export const auditedCprs = (named: NamedInBody): string[] => named.cprs.filter((c) => AUDITED_CPR.test(c));

/** A citizen's own CPR (from its RequestUserMetadata) is data the call touched too. */
export const callingCitizenCpr = (call: Call): string[] =>
  call.requestUserMetadata?.userType === RequestUserType.Citizen
    ? [call.requestUserMetadata.organisation.code]
    : [];
