import { randomUUID } from 'node:crypto';
import type { Booking, BookingChange, Citizen, SelfBookingDeadline } from '../domain/booking';
import type { CodeLists } from '../domain/codelists';
import type { Organisation } from '../domain/organisation';
import {
  Aendringstype,
  fristRecipients,
  indkaldelseRecipients,
  type PushSubscription,
} from '../domain/push.rules';
import type { RequestUserMetadata } from '../domain/request-user-metadata';
import {
  activeOrganisationDto,
  indkaldelseReadForm,
  requestUserMetadataDto,
} from '../rest/indkaldelse-mapping';
import type { PushRepository, QueuedPushMessage } from '../store/push.repository';
import { fristEnvelope, indkaldelseEnvelope, type Registering } from './push-envelope';

/**
 * Push messages queued where the world changes (REST.md §7, "Triggers"): inside the change's own
 * transaction, so the change and its messages are kept or lost together.
 */

/** The call that made a change, when a call did. */
export interface PushWriter {
  readonly activeOrganisation: Organisation;
  readonly user: RequestUserMetadata;
}

const registeringOf = (writer: PushWriter | undefined): Registering | undefined =>
  writer && {
    registeringAuthority: activeOrganisationDto(writer.activeOrganisation),
    registeringUser: requestUserMetadataDto(writer.user),
  };

const AENDRINGSTYPE: Readonly<Record<BookingChange, Aendringstype>> = {
  Created: Aendringstype.Create,
  Updated: Aendringstype.Update,
  Rescheduled: Aendringstype.Update,
  Cancelled: Aendringstype.Delete,
};

const queue = (
  push: PushRepository,
  recipients: readonly PushSubscription[],
  make: (messageId: string) => Omit<QueuedPushMessage, 'messageId' | 'subscription'>,
): number => {
  push.enqueue(
    recipients.map((s) => {
      const messageId = randomUUID();
      return { messageId, subscription: s.name, ...make(messageId) };
    }),
  );
  return recipients.length;
};

export interface MeetingPushFacts {
  readonly booking: Booking;
  readonly citizen: Citizen | undefined;
  readonly change: BookingChange;
  readonly writer?: PushWriter | undefined;
  readonly now: Date;
  readonly codeLists: CodeLists;
  readonly starCvr: string;
}

/** An "Indkaldelse" message to each subscriber that may have it; the count queued. */
export const queueMeetingMessages = (push: PushRepository, facts: MeetingPushFacts): number => {
  const { booking, citizen } = facts;
  // A citizen the emulator does not know is no organisation's own (as BK-WSRM): nobody receives it.
  if (!citizen) return 0;
  const recipients = indkaldelseRecipients(
    push.subscriptions(),
    { citizen, meeting: booking, writer: facts.writer?.activeOrganisation, now: facts.now },
    facts.codeLists,
  );
  if (recipients.length === 0) return 0;
  const readForm = indkaldelseReadForm(booking, [], facts.starCvr);
  const aendringstype = AENDRINGSTYPE[facts.change];
  return queue(push, recipients, (messageId) => ({
    messageType: 'Indkaldelse',
    aendringstype,
    queuedAt: facts.now,
    body: JSON.stringify(
      indkaldelseEnvelope(booking.id, readForm, {
        messageId,
        occurred: facts.now,
        aendringstype,
        cpr: booking.cpr,
        registering: registeringOf(facts.writer),
      }),
    ),
  }));
};

export interface DeadlinePushFacts {
  readonly citizen: Citizen;
  readonly deadline: SelfBookingDeadline;
  readonly created: boolean;
  readonly writer?: PushWriter | undefined;
  readonly now: Date;
}

/** A "Frist" message to each subscription of the citizen's jobcenter (P21); the count queued. */
export const queueDeadlineMessages = (push: PushRepository, facts: DeadlinePushFacts): number => {
  const recipients = fristRecipients(push.subscriptions(), facts.citizen);
  if (recipients.length === 0) return 0;
  const aendringstype = facts.created ? Aendringstype.Create : Aendringstype.Update;
  return queue(push, recipients, (messageId) => ({
    messageType: 'Frist',
    aendringstype,
    queuedAt: facts.now,
    body: JSON.stringify(
      fristEnvelope(facts.deadline, {
        messageId,
        occurred: facts.now,
        aendringstype,
        cpr: facts.citizen.cpr,
        registering: registeringOf(facts.writer),
      }),
    ),
  }));
};

export interface DeadlineChange {
  readonly deadline: SelfBookingDeadline;
  readonly created: boolean;
}

/**
 * The deadlines a citizen's new record creates or changes, against the one stored before: each with
 * whether it is new. A deadline removed sends nothing (P21 names Create and Update only).
 */
export const changedDeadlines = (
  before: readonly SelfBookingDeadline[],
  after: readonly SelfBookingDeadline[],
): DeadlineChange[] =>
  after.flatMap((d): DeadlineChange[] => {
    const old = before.find((b) => b.interviewType === d.interviewType);
    if (!old) return [{ deadline: d, created: true }];
    return old.deadline !== d.deadline || old.status !== d.status ? [{ deadline: d, created: false }] : [];
  });
