import type { Citizen } from '../domain/booking';
import type { Caller } from '../domain/caller';
import type { Clock } from '../domain/clock';
import type { DfdgHeaders } from '../security/headers';
import type { ServiceContract } from '../soap/contracts';
import type { XmlEl } from '../soap/xml-tree';
import { el, type XmlNode } from '../soap/xml-writer';
import type { Store } from '../store/store';
import type { BookingActor } from './booking-writes';

/** A call that has passed steps 1-5 of RULES.md: who calls, on whose behalf, and what they sent. */
export interface CallContext {
  readonly referenceId: string;
  readonly service: ServiceContract;
  readonly operation: string;
  readonly caller: Caller;
  /** Null for CodelistService, which binds no headers. */
  readonly headers: DfdgHeaders | null;
  readonly payload: XmlEl;
  /** The CPR numbers the request names, audited even when the call is refused. */
  readonly namedCprs: readonly string[];
  /**
   * The one citizen the request names (by its CPR, or as the citizen of the booking it names), as
   * step 6 (ACC-*) read it in this call: an operation about that citizen uses it rather than
   * reading it again. Absent when the request names no known citizen, or more than one.
   */
  readonly citizen?: Citizen;
}

/** A call on a service that binds the DFDG headers. */
export interface AuthorisedCall extends CallContext {
  readonly headers: DfdgHeaders;
}

/** What an operation answers: the response element's children, and the CPR numbers it read or wrote. */
export interface OperationResult {
  readonly response: readonly XmlNode[];
  readonly cprs: readonly string[];
}

export interface OperationDeps {
  readonly store: Store;
  readonly clock: Clock;
  /** STAR's CVR number, shown as BookingOriginator of bookings made through STAR systems. */
  readonly starCvr: string;
}

export type OperationHandler = (call: CallContext, deps: OperationDeps) => OperationResult;

export const withHeaders = (call: CallContext): AuthorisedCall => {
  if (!call.headers) throw new Error(`${call.service.name} binds no headers`);
  return call as AuthorisedCall;
};

/** The booking use cases' view of a call: on whose behalf, through which system, under which reference. */
export const bookingActorOf = (call: AuthorisedCall): BookingActor => ({
  activeOrganisation: call.headers.activeOrganisation,
  user: call.headers.requestUserMetadata,
  systemName: call.caller.systemName,
  referenceId: call.referenceId,
  citizen: call.citizen,
});

/** Every response ends with the call's reference id, the key of its audit row. */
export const referenceIdXml = (call: CallContext): XmlNode =>
  el(call.service.schemaNamespace, 'ServiceRequestLogReferenceIdentifier', call.referenceId);
