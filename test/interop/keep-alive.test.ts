import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RunningEmulator } from '../../src/emulator';
import { startTestEmulator } from '../helpers/emulator';
import { dfdgHeaders, envelope, soapAction } from '../helpers/envelope';
import { getBookingDetailsBody, getBookingsBody } from '../helpers/dfdg-calls';
import { runPythonClient } from '../helpers/python-client';
import {
  caseworkerBooking,
  dfdgScenario,
  HOUR,
  jobcenterCaseworker,
  saveCitizen,
  type DfdgScenario,
} from '../helpers/scenario-dfdg';
import { testCertDir } from '../helpers/test-certificates';

/**
 * Python requests (Debian's python3-requests) on one keep-alive connection, alternating an answer
 * far above the TLS socket's 16 KiB high-water mark and a small one. On Node 20 the request after
 * a large answer written in a later tick used to be dropped now and then (issue 12, item 1): the
 * client saw the connection closed, the server audited 1014 "request aborted".
 */
const SCRIPT = join(__dirname, 'keep_alive_client.py');
const ROUNDS = 500;
const LARGE = 40 * 1024;
const BOOKINGS = 60;
const NOW = new Date('2026-03-02T09:00:00Z');

let emulator: RunningEmulator & { dbPath: string };
let dfdg: DfdgScenario;

beforeAll(async () => {
  emulator = await startTestEmulator({ clockStart: NOW, clockFrozen: true });
  dfdg = dfdgScenario(emulator);
});
afterAll(async () => {
  dfdg.close();
  await emulator.stop();
});

it(`When Python requests alternates a GetBookings answer over 40 KB and a small GetBookingDetails ${ROUNDS} times on one keep-alive connection, then every call is answered, all on that one connection`, async () => {
  const cpr = saveCitizen(emulator, [], { memberships: [] });
  const ids: string[] = [];
  for (let i = 0; i < BOOKINGS; i++) {
    const start = new Date(new Date('2026-03-10T08:00:00Z').getTime() + i * HOUR).toISOString();
    ids.push(await dfdg.createdBookingId(jobcenterCaseworker, caseworkerBooking(cpr, start)));
  }
  const headers = dfdgHeaders(jobcenterCaseworker.ao, jobcenterCaseworker.user);
  const large = envelope(getBookingsBody(cpr), headers);
  const small = envelope(getBookingDetailsBody(ids[0] ?? ''), headers);
  // The premise: the one answer is well above the high-water mark, the other well below it.
  const sample = await dfdg.call(jobcenterCaseworker, 'BookingService', 'GetBookings', getBookingsBody(cpr));
  expect(Buffer.byteLength(sample.body)).toBeGreaterThan(LARGE);

  const certDir = testCertDir();
  const plan = join(emulator.dbPath, '..', 'keep-alive-plan.json');
  writeFileSync(
    plan,
    JSON.stringify({
      url: emulator.soapUrl,
      cert: join(certDir, 'clients', `${jobcenterCaseworker.cert}.pem`),
      key: join(certDir, 'clients', `${jobcenterCaseworker.cert}.key`),
      ca: join(certDir, 'ca.pem'),
      rounds: ROUNDS,
      calls: [
        {
          name: 'GetBookings',
          path: '/BookingService',
          soapAction: soapAction('BookingService', 'GetBookings'),
          body: large,
          minBytes: LARGE,
        },
        {
          name: 'GetBookingDetails',
          path: '/BookingService',
          soapAction: soapAction('BookingService', 'GetBookingDetails'),
          body: small,
          minBytes: 1,
        },
      ],
    }),
  );

  const result = await runPythonClient(SCRIPT, [plan], { timeoutMs: 240_000 });

  expect(result).toMatchObject({ made: 2 * ROUNDS, failures: [], answered: 2 * ROUNDS, connections: 1 });
}, 300_000);
