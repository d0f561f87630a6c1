import type { DeadlineStatus, SelfBookingDeadline } from './booking';
import { addDays, copenhagenDate } from './copenhagen-time';

/** SELF_BOOKING_GRACE_DAYS: a self-booked meeting may start at most this many days after the deadline (905.3). */
export const SELF_BOOKING_GRACE_DAYS = 7;

/** InterviewDateLimit: the last Copenhagen date a self-booked meeting may start on. */
export const interviewDateLimit = (
  deadline: Pick<SelfBookingDeadline, 'interviewType' | 'deadline'>,
): string => addDays(deadline.deadline, SELF_BOOKING_GRACE_DAYS);

/** InterviewDeadlineStatusTypeIdentifier: the ids of the code list InterviewDeadlineStatusType. */
export const DEADLINE_STATUS_IDS: Readonly<Record<DeadlineStatus, number>> = {
  open: 1,
  fulfilled: 2,
  closed: 3,
};

/**
 * BK-DEADLINE-STATUS: the status now. A fulfilled deadline is closed from its meeting's date
 * (Copenhagen), so that the citizen is not straksbooking-ramt the day after the meeting (P19). It is
 * derived from the fulfilling booking's current start rather than stored: no timer has to run at
 * midnight, and a meeting moved to another day moves the closing with it. A deadline the admin API
 * set fulfilled has no booking and stays fulfilled.
 */
export const deadlineStatus = (deadline: SelfBookingDeadline, now: Date): DeadlineStatus =>
  deadline.status === 'fulfilled' &&
  deadline.fulfilledBy !== undefined &&
  copenhagenDate(deadline.fulfilledBy.start) <= copenhagenDate(now)
    ? 'closed'
    : deadline.status;

/** Only an open deadline limits self-booking (BK-SELF-DEADLINE) or makes a citizen straksbooking-ramt. */
export const isOpenDeadline = (deadline: SelfBookingDeadline, now: Date): boolean =>
  deadlineStatus(deadline, now) === 'open';

/**
 * BK-DEADLINE-STATUS: the deadlines a booking fulfils as it is created (by anyone): those of its
 * interview type that are open now, where the meeting starts on or before their InterviewDateLimit.
 */
export const deadlinesFulfilledBy = (
  booking: { readonly interviewType: number; readonly start: Date },
  deadlines: readonly SelfBookingDeadline[],
  now: Date,
): SelfBookingDeadline[] =>
  deadlines.filter(
    (d) =>
      d.interviewType === booking.interviewType &&
      isOpenDeadline(d, now) &&
      copenhagenDate(booking.start) <= interviewDateLimit(d),
  );
