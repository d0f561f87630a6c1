import { z } from 'zod';
import { adminEndpoint } from '../admin-endpoint';
import { uuidInput } from '../admin-inputs';
import { notFound } from '../problem';
import { BookingDetailView, bookingDetailView } from '../views/booking-detail.view';

/** GET /admin/bookings/{id}: one booking in read form with its reminder and history, or 404. */
export const getBookingHandler = adminEndpoint({
  params: z.object({ id: uuidInput }),
  response: BookingDetailView,
  problems: { 404: 'no such booking' },
  handle: ({ store, config }, { params }) => {
    const booking = store.bookings.find(params.id);
    if (!booking) throw notFound(`no booking ${params.id}`);
    return bookingDetailView(
      booking,
      store.reminders.find(booking.id),
      store.bookings.history(booking.id),
      config.starCvr,
    );
  },
});
