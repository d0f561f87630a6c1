import type { Booking } from './booking';

/** The Huskeservice reminds the citizen this long before the meeting. */
export const REMINDER_LEAD_MS = 24 * 3600 * 1000;

/**
 * BK-REMINDER: an active booking gets a reminder, except one created self-booked by a system other
 * than Jobnet (905.3: the citizen booked it there and was told there); a cancelled one gets none.
 */
export const reminderFor = (booking: Booking): { remindAt: Date } | null =>
  booking.status !== 'Active' || booking.createdSelfBookedOutsideStar
    ? null
    : { remindAt: new Date(booking.start.getTime() - REMINDER_LEAD_MS) };
