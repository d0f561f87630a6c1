import type { CertificateIdentity } from './caller';
import type { Organisation } from './organisation';
import type { RequestUserMetadata } from './request-user-metadata';

/**
 * One call as SEC-AUDIT records it, accepted or refused, whichever protocol it came by: the audit
 * row is this record, and the journal entry is this record with the exchange itself.
 */
export interface CallRecord {
  /** ServiceRequestLogReferenceIdentifier: the key the caller is given. */
  readonly referenceId: string;
  /** The emulator's time (its clock), when the call was answered. */
  readonly time: Date;
  readonly service: string;
  /** Null when the call was refused before its operation was known. */
  readonly operation: string | null;
  readonly certificate: CertificateIdentity | null;
  readonly activeOrganisation: Organisation | null;
  readonly requestUserMetadata: RequestUserMetadata | null;
  /** The CPR numbers the call read or wrote (or named, when it was refused). */
  readonly cprs: readonly string[];
  /** "ok" or the fault code. */
  readonly outcome: string;
  /** The rule that refused the call; null when it was answered. */
  readonly ruleId: string | null;
  /** Why it was refused; null when it was answered. */
  readonly detail: string | null;
}
