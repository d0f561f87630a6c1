import { z } from 'zod';
import type { Booking, BookingHistoryEntry } from '../../domain/booking';
import type { Reminder } from '../../store/reminder.repository';
import { BookingView, bookingView } from './booking.view';
import { OrganisationView } from './organisation.view';
import { RequestUserMetadataView } from './request-user-metadata.view';

const ReminderRef = z
  .object({ remindAt: z.string() })
  .nullable()
  .describe('the Huskeservice reminder (BK-REMINDER), or null when it gets none');

/** A booking in read form plus its current reminder, as the bookings list answers it. */
export const BookingWithReminderView = BookingView.extend({ reminder: ReminderRef });

/** GET /admin/bookings/{id}: the booking plus its history, each change with its own metadata. */
export const BookingDetailView = BookingWithReminderView.extend({
  history: z.array(
    z.object({
      time: z.string(),
      change: z.enum(['Created', 'Updated', 'Rescheduled', 'Cancelled']),
      activeOrganisation: OrganisationView,
      requestUserMetadata: RequestUserMetadataView,
      referenceId: z
        .string()
        .describe('ServiceRequestLogReferenceIdentifier of the call ("fixture" for fixtures)'),
    }),
  ),
});

export const bookingWithReminderView = (
  b: Booking,
  reminder: Reminder | undefined,
  starCvr: string,
): z.input<typeof BookingWithReminderView> => ({
  ...bookingView(b, starCvr),
  reminder: reminder ? { remindAt: reminder.remindAt.toISOString() } : null,
});

export const bookingDetailView = (
  b: Booking,
  reminder: Reminder | undefined,
  history: readonly BookingHistoryEntry[],
  starCvr: string,
): z.input<typeof BookingDetailView> => ({
  ...bookingWithReminderView(b, reminder, starCvr),
  history: history.map((h) => ({
    time: h.time.toISOString(),
    change: h.change,
    activeOrganisation: h.activeOrganisation,
    requestUserMetadata: h.requestUserMetadata,
    referenceId: h.referenceId,
  })),
});
