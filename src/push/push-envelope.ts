import { createHash } from 'node:crypto';
import type { SelfBookingDeadline } from '../domain/booking';
import { copenhagenIsoString } from '../domain/copenhagen-time';
import { DEADLINE_STATUS_IDS, deadlineStatus, interviewDateLimit } from '../domain/deadline-status.rules';
import { PUSH_MESSAGE_TYPES, type Aendringstype, type PushMessageType } from '../domain/push.rules';

/**
 * The JSON a subscriber receives (REST.md §7, "Envelope", ours): STAR's EntitetNavn as messageType
 * and the fields named after P20's metadata with STAR's values, then the data as a convenience.
 */

/** The call that caused a message, in the REST DTOs' shapes (absent when no call did). */
export interface Registering {
  readonly registeringAuthority: { readonly organisationType: number; readonly organisationCode: string };
  readonly registeringUser: unknown;
}

interface EnvelopeHead {
  readonly messageType: PushMessageType;
  readonly entitetId: number;
  readonly messageId: string;
  readonly occurred: string;
  readonly aendringstype: Aendringstype;
  readonly eksternIdentifier: string;
  /** P20: 1 is CPR. */
  readonly identifikationstypeId: 1;
  readonly identifikation: string;
}

export interface IndkaldelseEnvelope extends EnvelopeHead, Partial<Registering> {
  readonly indkaldelse: unknown;
}

/** P17's Danish names for a deadline (REST.md §7). */
export interface FristBody {
  readonly fristId: string;
  readonly samtaleType: number;
  readonly fristdato: string;
  readonly sidsteAfholdelsesdato: string;
  readonly friststatusType: number;
}

export interface FristEnvelope extends EnvelopeHead, Partial<Registering> {
  readonly frist: FristBody;
}

/**
 * A deadline has no identifier of its own in the emulator's store; fristId must stay the same for
 * the citizen's deadline of one interview type across changes, so it is derived from the two (a
 * name-based UUID, version 5 layout, over the emulator's own namespace string).
 */
export const fristIdOf = (cpr: string, interviewType: number): string => {
  const hash = createHash('sha1').update(`dfdg-emulator:frist:${cpr}:${interviewType}`).digest();
  const bytes = Buffer.from(hash.subarray(0, 16));
  bytes[6] = (bytes[6]! & 0x0f) | 0x50;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
};

export interface EnvelopeFacts {
  readonly messageId: string;
  readonly occurred: Date;
  readonly aendringstype: Aendringstype;
  readonly cpr: string;
  readonly registering?: Registering | undefined;
}

const head = (type: PushMessageType, eksternIdentifier: string, facts: EnvelopeFacts): EnvelopeHead => ({
  messageType: type,
  entitetId: PUSH_MESSAGE_TYPES[type],
  messageId: facts.messageId,
  occurred: copenhagenIsoString(facts.occurred),
  aendringstype: facts.aendringstype,
  eksternIdentifier,
  identifikationstypeId: 1,
  identifikation: facts.cpr,
});

export const indkaldelseEnvelope = (
  indkaldelseId: string,
  readForm: unknown,
  facts: EnvelopeFacts,
): IndkaldelseEnvelope => ({
  ...head('Indkaldelse', indkaldelseId, facts),
  ...facts.registering,
  indkaldelse: readForm,
});

export const fristEnvelope = (deadline: SelfBookingDeadline, facts: EnvelopeFacts): FristEnvelope => {
  const fristId = fristIdOf(facts.cpr, deadline.interviewType);
  return {
    ...head('Frist', fristId, facts),
    ...facts.registering,
    frist: {
      fristId,
      samtaleType: deadline.interviewType,
      fristdato: deadline.deadline,
      sidsteAfholdelsesdato: interviewDateLimit(deadline),
      friststatusType: DEADLINE_STATUS_IDS[deadlineStatus(deadline, facts.occurred)],
    },
  };
};
