import type { RunningEmulator } from '../../src/emulator';
import { startTestEmulator } from '../helpers/emulator';
import {
  aBooking,
  caseworker,
  createBookingBody,
  dfdgHeaders,
  envelope,
  soapAction,
} from '../helpers/envelope';
import { faultOf, postXml, textOf } from '../helpers/soap-request';

let emulator: RunningEmulator;
beforeAll(async () => {
  emulator = await startTestEmulator();
});
afterAll(() => emulator.stop());

const jobcenter = { type: 8, code: '75100' };

it('When a jobcenter caseworker creates a booking over mTLS, then it gets a booking id and its reference id', async () => {
  const res = await postXml(
    `${emulator.soapUrl}/BookingService`,
    envelope(createBookingBody(aBooking()), dfdgHeaders(jobcenter, caseworker(jobcenter))),
    {
      soapAction: soapAction('BookingService', 'CreateBooking'),
    },
  );
  expect(res.status).toBe(200);
  expect(textOf(res.body, 'BookingIdentifier')).toMatch(/^[0-9a-f-]{36}$/);
  expect(textOf(res.body, 'ServiceRequestLogReferenceIdentifier')).toBe(
    res.headers['x-servicerequestlogreferenceidentifier'],
  );
});

it('When the call has no client certificate, then fault 1101', async () => {
  const res = await postXml(`${emulator.soapUrl}/BookingService`, envelope(createBookingBody(aBooking())), {
    cert: null,
  });
  expect(faultOf(res)).toMatchObject({ errorCode: 1101, source: 'SEC-TLS' });
});
