/**
 * The booking operations of BookingService and ExternalBookingService as use cases: each takes
 * checked input (the caller has passed the security model and the access checks, the body its
 * schema) and returns plain data, or throws the DfdgFault of the first rule that refuses. A protocol
 * face (booking.soap.ts, external-booking.soap.ts, and a REST face) maps its own format to and
 * from them; none of them repeats a rule, a repository call or a write.
 */
import { randomUUID } from 'node:crypto';
import type { Booking, BookingInput } from '../domain/booking';
import { bookingOriginator } from '../domain/booking-originator.rules';
import { rescheduled, type RescheduleInput } from '../domain/booking-reschedule';
import {
  cprMatchesBooking,
  createBookingRuleTrail,
  futureBookingTypes,
  isVisibleTo,
  updateBookingRuleTrail,
} from '../domain/booking.rules';
import {
  bookingCodeListValues,
  deadlinesConsistent,
  endsBeforeStart,
  validBooking,
} from '../domain/booking-validity.rules';
import { codeListValuesInForce } from '../domain/codelists';
import { isWellFormedCpr } from '../domain/cpr';
import { deadlinesFulfilledBy } from '../domain/deadline-status.rules';
import { queueDeadlineMessages } from '../push/push-queue';
import { DfdgFault, violation } from '../domain/errors';
import { OrganisationType } from '../domain/organisation';
import {
  assertNotCancelled,
  cancel,
  check,
  citizenFor,
  findVisibleBooking,
  saveChange,
  type BookingActor,
} from './booking-writes';
import type { OperationDeps } from './call-context';

export type { BookingActor } from './booking-writes';

/** REQ-CODELIST (step 5): the booking's code-list values are in force today. */
const assertCodeListValuesInForce = (input: BookingInput, deps: OperationDeps): void =>
  check(
    codeListValuesInForce(bookingCodeListValues(input), deps.store.codelists.current(), deps.clock.now()),
  );

/** CreateBooking: the new booking's id. */
export const createBooking = (
  actor: BookingActor,
  input: BookingInput,
  deps: OperationDeps,
): { readonly bookingId: string } => {
  const now = deps.clock.now();
  assertCodeListValuesInForce(input, deps);
  const citizen = citizenFor(actor, deps, input.cpr);
  const trail = createBookingRuleTrail(
    input,
    { activeOrganisation: actor.activeOrganisation, user: actor.user, now },
    {
      // Whether the id is taken needs only the id's row, not the booking decoded.
      idTaken: input.id !== undefined && deps.store.bookings.citizenOf(input.id) !== undefined,
      citizen,
      futureBookings: deps.store.bookings.firstActiveAfter(input.cpr, now, futureBookingTypes(input)),
      codeLists: deps.store.codelists.current(),
    },
  );
  if (trail.violation) throw DfdgFault.of(trail.violation).after(trail.passed);
  const booking: Booking = {
    ...input,
    id: input.id ?? randomUUID(),
    status: 'Active',
    createdAt: now,
    lastChangedAt: now,
    creator: { organisation: actor.activeOrganisation, metadata: actor.user, system: actor.systemName },
    originator: bookingOriginator(
      actor.activeOrganisation,
      input.selfBooked,
      citizen?.cvNumber ?? null,
      deps.starCvr,
    ),
    createdSelfBookedOutsideStar: input.selfBooked && actor.activeOrganisation.type !== OrganisationType.Star,
  };
  saveChange(actor, deps, booking, 'Created');
  // BK-DEADLINE-STATUS: in the same transaction, so the booking and the deadline it fulfils go together.
  for (const d of deadlinesFulfilledBy(booking, citizen?.selfBookingDeadlines ?? [], now)) {
    deps.store.citizens.markFulfilled(booking.cpr, d.interviewType, booking.id);
    // A Frist message for the status change, carrying this call (REST.md §9, "Push recipients").
    if (citizen)
      queueDeadlineMessages(deps.store.push, {
        citizen,
        deadline: { ...d, status: 'fulfilled', fulfilledBy: { bookingId: booking.id, start: booking.start } },
        created: false,
        writer: actor,
        now,
      });
  }
  return { bookingId: booking.id };
};

/**
 * UpdateBooking replaces what the caller wrote. BK-DEADLINES-UPDATE: no deadline-against-now or
 * self-booking rule runs here; the SelfBooked flag may be stale.
 */
export const updateBooking = (actor: BookingActor, input: BookingInput, deps: OperationDeps): Booking => {
  assertCodeListValuesInForce(input, deps);
  if (!input.id)
    throw new DfdgFault('BK-VALID', 'UpdateBooking needs the BookingIdentifier of the booking to change');
  check(validBooking(input, deps.store.codelists.current()));
  check(deadlinesConsistent(input));
  const existing = findVisibleBooking(actor, deps, input.id);
  const trail = updateBookingRuleTrail(
    input,
    existing,
    { activeOrganisation: actor.activeOrganisation, user: actor.user, now: deps.clock.now() },
    deps.store.codelists.current(),
  );
  if (trail.violation) throw DfdgFault.of(trail.violation).after(trail.passed);
  const updated: Booking = { ...existing, ...input, id: existing.id, lastChangedAt: deps.clock.now() };
  saveChange(actor, deps, updated, 'Updated');
  return updated;
};

/** DeleteBooking: the booking is cancelled and kept (status Cancelled). */
export const deleteBooking = (
  actor: BookingActor,
  request: { readonly id: string; readonly cpr: string; readonly reason?: string | undefined },
  deps: OperationDeps,
): Booking => {
  if (!isWellFormedCpr(request.cpr)) {
    throw new DfdgFault(
      'BK-VALID',
      `PersonCivilRegistrationIdentifier ${request.cpr} is not a valid CPR number`,
    );
  }
  const existing = findVisibleBooking(actor, deps, request.id);
  check(cprMatchesBooking(request.cpr, existing));
  cancel(actor, deps, existing, request.reason);
  return existing;
};

export const getBookingDetails = (actor: BookingActor, id: string, deps: OperationDeps): Booking =>
  findVisibleBooking(actor, deps, id);

/** GetBookings: the citizen's bookings starting in [from, to], by start, cancelled ones included. */
export const getBookings = (
  actor: BookingActor,
  request: { readonly cpr: string; readonly from?: Date | undefined; readonly to?: Date | undefined },
  deps: OperationDeps,
): Booking[] => {
  const { cpr, from, to } = request;
  if (from && to && from.getTime() > to.getTime())
    check(violation('BK-VALID', 'PeriodStart is after PeriodEnd'));
  const codeLists = deps.store.codelists.current();
  return deps.store.bookings
    .listByCpr(cpr, from, to)
    .filter((b) => isVisibleTo(actor.activeOrganisation, b, codeLists));
};

/**
 * ExternalBookingService.RescheduleBooking: new times, and the flags, deadlines and location given;
 * what is left out keeps the stored value. BK-DEADLINES-CONSISTENT judges the booking as it would
 * be, so it runs once the booking is found. BK-DEADLINES-UPDATE: not checked against now, nor against
 * any self-booking rule.
 */
export const rescheduleBooking = (
  actor: BookingActor,
  request: { readonly id: string; readonly change: RescheduleInput },
  deps: OperationDeps,
): Booking => {
  const { change } = request;
  if (endsBeforeStart(change.start, change.end))
    check(violation('BK-VALID-END', 'BookingEndTime is before BookingStartTime'));
  const existing = findVisibleBooking(actor, deps, request.id);
  assertNotCancelled(existing);
  const next = rescheduled(existing, change, deps.clock.now());
  check(deadlinesConsistent(next));
  saveChange(actor, deps, next, 'Rescheduled');
  return next;
};

/** ExternalBookingService.CancelBooking: cancelling a cancelled booking changes nothing. */
export const cancelBooking = (
  actor: BookingActor,
  request: { readonly id: string; readonly reason?: string | undefined },
  deps: OperationDeps,
): Booking => {
  const booking = findVisibleBooking(actor, deps, request.id);
  cancel(actor, deps, booking, request.reason);
  return booking;
};
