import type { Citizen } from './booking';
import { isVisibleTo } from './booking.rules';
import { membershipInForce } from './citizen-access.rules';
import type { CodeLists } from './codelists';
import { copenhagenDate } from './copenhagen-time';
import { OrganisationType, sameOrganisation, type Organisation } from './organisation';

/**
 * Push messages (WSB, REST.md §7): STAR's webservicebeskeder, posted to each subscriber's endpoint.
 * These are the pure parts: who receives a message, and when a failed delivery is tried again.
 */

/** STAR's EntitetNavn and EntitetId (P20, P21). */
export const PUSH_MESSAGE_TYPES = { Indkaldelse: 90000, Frist: 90001 } as const;
export type PushMessageType = keyof typeof PUSH_MESSAGE_TYPES;

/** P20's Aendringstype ids. */
export const Aendringstype = { Create: 1, Update: 2, Delete: 3 } as const;
export type Aendringstype = (typeof Aendringstype)[keyof typeof Aendringstype];

/** A subscriber: an organisation's endpoint for some message types (REST.md §7, "Subscriptions"). */
export interface PushSubscription {
  readonly name: string;
  readonly organisation: Organisation;
  readonly messageTypes: readonly PushMessageType[];
}

/** Only jobcentre, kommuner and a-kasser receive push messages (REST.md §9, "Push recipients"). */
const RECEIVING_TYPES: ReadonlySet<number> = new Set([
  OrganisationType.Jobcenter,
  OrganisationType.Kommune,
  OrganisationType.Akasse,
]);

/**
 * "Egne borgere", "egne medlemmer" (P20): ACC-OWN's matrix without its extensions. A jobcenter's
 * guest access and an a-kasse's 120 days let an organisation look a citizen up; they do not make the
 * citizen its own, so they bring no messages.
 */
export const ownsCitizen = (org: Organisation, citizen: Citizen, now: Date): boolean => {
  switch (org.type) {
    case OrganisationType.Jobcenter:
      return citizen.jobcenter === org.code;
    case OrganisationType.Kommune:
      return citizen.kommune === org.code;
    case OrganisationType.Akasse: {
      const today = copenhagenDate(now);
      return citizen.memberships.some((m) => m.akasse === org.code && membershipInForce(m, today));
    }
    default:
      return false;
  }
};

/** What changed, for the recipients of an "Indkaldelse" message. */
export interface MeetingChange {
  readonly citizen: Citizen;
  /** The meeting after the change: an a-kasse is judged on it (VIS-AKASSE). */
  readonly meeting: { readonly interviewType: number };
  /** The ActiveOrganisation of the call that made the change, if a call did. */
  readonly writer?: Organisation | undefined;
  readonly now: Date;
}

const subscribed = (s: PushSubscription, type: PushMessageType): boolean =>
  s.messageTypes.includes(type) && RECEIVING_TYPES.has(s.organisation.type);

/**
 * The subscriptions an "Indkaldelse" message goes to: every subscription of an organisation that owns
 * the citizen (a-kasser only for the interview types they may see), and the writer's own as its
 * confirmation (as BK-WSRM); no other organisation. In the subscriptions' order.
 */
export const indkaldelseRecipients = (
  subscriptions: readonly PushSubscription[],
  change: MeetingChange,
  codeLists: CodeLists,
): PushSubscription[] =>
  subscriptions.filter((s) => {
    if (!subscribed(s, 'Indkaldelse')) return false;
    if (!isVisibleTo(s.organisation, change.meeting, codeLists)) return false;
    const isWriter = change.writer !== undefined && sameOrganisation(change.writer, s.organisation);
    return isWriter || ownsCitizen(s.organisation, change.citizen, change.now);
  });

/** The subscriptions a "Frist" message goes to: every subscription of the citizen's jobcenter (P21). */
export const fristRecipients = (
  subscriptions: readonly PushSubscription[],
  citizen: Citizen,
): PushSubscription[] =>
  subscriptions.filter(
    (s) =>
      subscribed(s, 'Frist') &&
      s.organisation.type === OrganisationType.Jobcenter &&
      s.organisation.code === citizen.jobcenter,
  );

/** REST.md §7, "Delivery": each attempt has 10 s; retries 30 s, then 1, 2, 4 … minutes, at most an hour apart. */
export const PUSH_ATTEMPT_TIMEOUT_MS = 10_000;
const FIRST_RETRY_MS = 30_000;
const LONGEST_RETRY_MS = 60 * 60_000;
/** A message still failing 24 hours of emulator time after its first attempt is abandoned. */
export const PUSH_GIVE_UP_AFTER_MS = 24 * 60 * 60_000;

/** The wait after the n-th failed attempt (1-based): 30 s, 1 min, 2 min, 4 min, … capped at an hour. */
export const retryDelayMs = (failedAttempts: number): number => {
  if (!Number.isInteger(failedAttempts) || failedAttempts < 1)
    throw new RangeError(`failedAttempts must be a positive integer, was ${failedAttempts}`);
  // 2^(n-1) * 30 s, computed without overflow for a long outage.
  const doublings = Math.min(failedAttempts - 1, 16);
  return Math.min(FIRST_RETRY_MS * 2 ** doublings, LONGEST_RETRY_MS);
};

/** What follows a failed attempt: another at `at`, or abandonment (REST.md §9, "Retries"). */
export type AfterFailure = { readonly kind: 'retry'; readonly at: Date } | { readonly kind: 'abandon' };

/**
 * A failed attempt at `failedAt`, the `failedAttempts`-th of a message first tried at `firstAttemptAt`:
 * abandoned when it failed at or after 24 h from the first attempt; otherwise tried again after
 * retryDelayMs, scheduled from this attempt's time.
 */
export const afterFailedAttempt = (
  firstAttemptAt: Date,
  failedAt: Date,
  failedAttempts: number,
): AfterFailure =>
  failedAt.getTime() - firstAttemptAt.getTime() >= PUSH_GIVE_UP_AFTER_MS
    ? { kind: 'abandon' }
    : { kind: 'retry', at: new Date(failedAt.getTime() + retryDelayMs(failedAttempts)) };

/** Any 2xx answer is a delivery (REST.md §7). */
export const isDelivered = (httpStatus: number): boolean => httpStatus >= 200 && httpStatus < 300;
