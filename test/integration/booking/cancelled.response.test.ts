import type { RunningEmulator } from '../../../src/emulator';
import { startTestEmulator } from '../../helpers/emulator';
import {
  aBooking,
  bookingXml,
  caseworker,
  createBookingBody,
  dfdgHeaders,
  envelope,
  requestBody,
  serviceNs,
  soapAction,
} from '../../helpers/envelope';
import { faultOf, postXml, textOf } from '../../helpers/soap-request';

let emulator: RunningEmulator;
beforeAll(async () => {
  emulator = await startTestEmulator();
});
afterAll(() => emulator.stop());

const jobcenter = { type: 8, code: '75100' };
const headers = dfdgHeaders(jobcenter, caseworker(jobcenter));
const send = (service: string, operation: string, body: string) =>
  postXml(`${emulator.soapUrl}/${service}`, envelope(body, headers), {
    soapAction: soapAction(service, operation),
  });

it('When a cancelled booking is updated or rescheduled, then 1014 BK-VALID and it stays as it was', async () => {
  const booking = aBooking();
  const id =
    textOf(
      (await send('BookingService', 'CreateBooking', createBookingBody(booking))).body,
      'BookingIdentifier',
    ) ?? '';
  const cancelled = await send(
    'ExternalBookingService',
    'CancelBooking',
    requestBody('ExternalBookingService', 'CancelBooking', { BookingIdentifier: id }),
  );
  expect(cancelled.status).toBe(200);

  const update = await send(
    'BookingService',
    'UpdateBooking',
    `<s:UpdateBookingRequest xmlns:s="${serviceNs('BookingService')}">${bookingXml({ ...booking, id, meetingLocation: 'video' })}</s:UpdateBookingRequest>`,
  );
  expect(faultOf(update)).toMatchObject({ errorCode: 1014, source: 'BK-VALID' });
  const start = new Date(Date.now() + 20 * 24 * 3600 * 1000);
  const reschedule = await send(
    'ExternalBookingService',
    'RescheduleBooking',
    requestBody('ExternalBookingService', 'RescheduleBooking', {
      BookingIdentifier: id,
      BookingStartTime: start.toISOString(),
      BookingEndTime: new Date(start.getTime() + 1800_000).toISOString(),
    }),
  );
  expect(faultOf(reschedule)).toMatchObject({ errorCode: 1014, source: 'BK-VALID' });
  const stored = emulator.store.bookings.find(id);
  expect(stored?.status).toBe('Cancelled');
  expect(stored?.start.toISOString()).toBe(new Date(booking.start).toISOString());
  expect(stored?.meetingLocation).toBeUndefined();
});
