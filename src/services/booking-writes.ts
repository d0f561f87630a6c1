import { randomUUID } from 'node:crypto';
import type { Booking, BookingChange, Citizen } from '../domain/booking';
import { isVisibleTo, notCancelled } from '../domain/booking.rules';
import { ownershipVerdict } from '../domain/citizen-access.rules';
import { DfdgFault, type Violation } from '../domain/errors';
import type { Organisation } from '../domain/organisation';
import type { RequestUserMetadata } from '../domain/request-user-metadata';
import { wsrmReceivers } from '../domain/wsrm.rules';
import { queueMeetingMessages } from '../push/push-queue';
import type { OperationDeps } from './call-context';

/**
 * On whose behalf a booking use case acts: what a protocol face hands over once the caller has passed
 * the security model and the access checks.
 */
export interface BookingActor {
  readonly activeOrganisation: Organisation;
  readonly user: RequestUserMetadata;
  /** The name the calling certificate is registered under (WSRM's ClientSystemIdentifier). */
  readonly systemName: string;
  /** The call's ServiceRequestLogReferenceIdentifier, kept in the booking's history. */
  readonly referenceId: string;
  /**
   * The one citizen the call names, as step 6 (ACC-*) read it in this call, when it named exactly
   * one known citizen. Nothing writes between step 6 and the operation (the same turn of the event
   * loop), so it is the citizen as stored: the use cases take it rather than reading it again.
   */
  readonly citizen?: Citizen | undefined;
}

/** The citizen with this CPR: the one the call already read if it is that one, else from the store. */
export const citizenFor = (actor: BookingActor, deps: OperationDeps, cpr: string): Citizen | undefined =>
  actor.citizen?.cpr === cpr ? actor.citizen : deps.store.citizens.find(cpr);

/** Answers a rule's violation as its fault. */
export const check = (v: Violation | null): void => {
  if (v) throw DfdgFault.of(v);
};

/**
 * BK-NOT-FOUND with VIS-AKASSE and ACC-OWN: a booking the caller may not see, by its type or by its
 * citizen, is, to the caller, not there. (A citizen naming another CPR's booking was refused in
 * step 4, SEC-CITIZEN, before this runs.)
 */
export const findVisibleBooking = (actor: BookingActor, deps: OperationDeps, id: string): Booking => {
  const booking = deps.store.bookings.find(id);
  if (
    !booking ||
    !isVisibleTo(actor.activeOrganisation, booking, deps.store.codelists.current()) ||
    !citizenVisible(actor, deps, booking.cpr)
  ) {
    throw new DfdgFault('BK-NOT-FOUND', `no booking ${id}`);
  }
  return booking;
};

const citizenVisible = (actor: BookingActor, deps: OperationDeps, cpr: string): boolean => {
  const citizen = citizenFor(actor, deps, cpr);
  return (
    citizen !== undefined &&
    ownershipVerdict(citizen, {
      activeOrganisation: actor.activeOrganisation,
      user: actor.user,
      now: deps.clock.now(),
      akasseWrite: false,
    }) === null
  );
};

/** A cancelled booking is kept for the record but cannot be changed any more: book anew instead. */
export const assertNotCancelled = (booking: Booking): void => check(notCancelled(booking));

/**
 * Every booking write goes through here, inside the call's transaction: the booking, its history row
 * (with this call's metadata), its reminder (BK-REMINDER) and the WSRM messages to the organisations
 * that follow the citizen (BK-WSRM) are saved together or not at all.
 */
export const saveChange = (
  actor: BookingActor,
  deps: OperationDeps,
  booking: Booking,
  change: BookingChange,
): void => {
  const { store } = deps;
  if (change === 'Created') store.bookings.insert(booking);
  else store.bookings.update(booking);
  store.bookings.appendHistory(
    booking.id,
    {
      time: booking.lastChangedAt,
      change,
      activeOrganisation: actor.activeOrganisation,
      requestUserMetadata: actor.user,
      referenceId: actor.referenceId,
    },
    booking,
  );
  store.reminders.syncWith(booking);
  // Writing a booking changes none of its citizen's columns: the citizen read before is the same.
  const citizen = citizenFor(actor, deps, booking.cpr);
  const now = deps.clock.now();
  const codeLists = store.codelists.current();
  const receivers = wsrmReceivers(booking, citizen, now, codeLists);
  for (const receiver of receivers) {
    store.wsrm.enqueue(booking.id, {
      messageId: randomUUID(),
      receiver,
      clientSystem: actor.systemName,
      registeringAuthority: actor.activeOrganisation,
      registeringUser: actor.user,
      queuedAt: booking.lastChangedAt,
      booking,
    });
  }
  queueMeetingMessages(store.push, {
    booking,
    citizen,
    change,
    writer: actor,
    now,
    codeLists,
    starCvr: deps.starCvr,
  });
};

/** Cancels (DFDG keeps cancelled bookings, with status Cancelled); cancelling twice changes nothing. */
export const cancel = (
  actor: BookingActor,
  deps: OperationDeps,
  booking: Booking,
  reason: string | undefined,
): void => {
  if (booking.status === 'Cancelled') return;
  const cancelled: Booking = {
    ...booking,
    status: 'Cancelled',
    cancellationReason: reason,
    lastChangedAt: deps.clock.now(),
  };
  saveChange(actor, deps, cancelled, 'Cancelled');
};
