import type { Booking } from './booking';
import type { BookingTime, WrittenTimes } from './booking-times';

/** ExternalBookingService.RescheduleBooking's request (CONTRACT.md): what it may change. */
export interface RescheduleInput {
  readonly start: Date;
  readonly end: Date;
  readonly rebookingPossible?: boolean | undefined;
  readonly rebookingDeadline?: Date | undefined;
  readonly cancellationPossible?: boolean | undefined;
  readonly cancellationDeadline?: Date | undefined;
  readonly meetingLocation?: string | undefined;
  readonly writtenTimes?: WrittenTimes | undefined;
}

/**
 * A deadline after a reschedule: the one given; else the stored one, unless the request turns its
 * flag off (a deadline of what is no longer possible would contradict the flag the caller just sent).
 */
const deadlineAfter = (
  given: Date | undefined,
  flagGiven: boolean | undefined,
  stored: Date | undefined,
): Date | undefined => given ?? (flagGiven === false ? undefined : stored);

/**
 * The booking as a RescheduleBooking leaves it: new start and end; each flag, deadline and the
 * meeting location left out keeps the stored one (BK-DEADLINES-CONSISTENT then judges the result).
 * Everything else, the creation included (BK-OWNER-META), stays.
 */
export const rescheduled = (existing: Booking, change: RescheduleInput, at: Date): Booking => {
  const next: Booking = {
    ...existing,
    start: change.start,
    end: change.end,
    rebookingPossible: change.rebookingPossible ?? existing.rebookingPossible,
    rebookingDeadline: deadlineAfter(
      change.rebookingDeadline,
      change.rebookingPossible,
      existing.rebookingDeadline,
    ),
    cancellationPossible: change.cancellationPossible ?? existing.cancellationPossible,
    cancellationDeadline: deadlineAfter(
      change.cancellationDeadline,
      change.cancellationPossible,
      existing.cancellationDeadline,
    ),
    meetingLocation: change.meetingLocation ?? existing.meetingLocation,
    lastChangedAt: at,
  };
  return {
    ...next,
    writtenTimes: writtenTimesOf(next, { ...existing.writtenTimes, ...change.writtenTimes }),
  };
};

/** The written texts of the times the booking still has (a dropped deadline takes its text along). */
const writtenTimesOf = (b: Booking, texts: WrittenTimes): WrittenTimes =>
  Object.fromEntries(Object.entries(texts).filter(([field]) => b[field as BookingTime] !== undefined));
