import { z } from 'zod';
import { adminEndpoint } from '../admin-endpoint';
import { cprInput } from '../admin-inputs';
import { BookingWithReminderView, bookingWithReminderView } from '../views/booking-detail.view';
import { itemsOf } from '../views/items.view';

/** GET /admin/bookings?cpr=: a citizen's bookings by start time, cancelled ones included. */
export const listBookingsHandler = adminEndpoint({
  query: z.strictObject({ cpr: cprInput }),
  response: itemsOf(BookingWithReminderView),
  handle: ({ store, config }, { query }) => ({
    items: store.bookings
      .listByCpr(query.cpr)
      .map((b) => bookingWithReminderView(b, store.reminders.find(b.id), config.starCvr)),
  }),
});
