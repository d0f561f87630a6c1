import { cpSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunningEmulator } from '../../../src/emulator';
import { type AdminClient } from '../../helpers/admin-client';
import { startAdminWorld, stopAdminWorld } from '../../helpers/admin-world';
import { caseworker, requestBody } from '../../helpers/envelope';
import {
  caseworkerBooking,
  jobcenterCaseworker,
  ORG,
  saveCitizen,
  type DfdgScenario,
} from '../../helpers/scenario-dfdg';
import { faultOf } from '../../helpers/soap-request';
import { getBookingsWith } from '../../helpers/soap-with-pem';
import { testCertDir } from '../../helpers/test-certificates';

let emulator: RunningEmulator;
let dfdg: DfdgScenario;
let admin: AdminClient;
beforeAll(async () => {
  const certDir = join(mkdtempSync(join(tmpdir(), 'dfdg-reset-certs-')), 'certs');
  cpSync(testCertDir(), certDir, { recursive: true });
  ({ emulator, dfdg, admin } = await startAdminWorld({ certDir }));
});
afterAll(() => stopAdminWorld({ emulator, dfdg }));

const count = (table: string): number =>
  emulator.store.db.prepare<[], { n: number }>(`SELECT count(*) AS n FROM ${table}`).get()?.n ?? -1;

it('When the emulator is reset, then what tests made is gone, the fixtures are back, the fixture certificates work, and the clock runs in real time', async () => {
  const fresh = Object.fromEntries(
    ['organisations', 'citizens', 'bookings', 'reminders', 'certificates'].map((t) => [t, count(t)]),
  );
  const cpr = saveCitizen(emulator);
  const id = await dfdg.createdBookingId(
    jobcenterCaseworker,
    caseworkerBooking(cpr, new Date(Date.now() + 7 * 86400_000).toISOString()),
  );
  await dfdg.openPickup(jobcenterCaseworker);
  await admin.put('/admin/citizens/0101575001', { name: 'Changed', kommune: '101', jobcenter: '10100' });
  await admin.put('/admin/clock', { now: '2030-01-01T00:00:00Z', frozen: true });
  const issued = await admin.post<{ certificate: string; privateKey: string }>('/admin/certificates', {
    name: 'before-reset',
    organisations: [{ type: 8, code: '75100' }],
  });
  expect(count('audit_log')).toBeGreaterThan(0);
  expect(emulator.journal.list().length).toBeGreaterThan(0);

  const res = await admin.post<{ clock: { frozen: boolean; now: string }; loaded: Record<string, number> }>(
    '/admin/reset',
  );

  expect(res.status).toBe(200);
  expect(res.body.loaded).toEqual({
    organisations: fresh['organisations'],
    certificates: 8,
    citizens: fresh['citizens'],
    bookings: fresh['bookings'],
  });
  expect(res.body.clock.frozen).toBe(false);
  expect(Math.abs(new Date(res.body.clock.now).getTime() - Date.now())).toBeLessThan(5000);
  expect(emulator.store.bookings.find(id)).toBeUndefined();
  expect(emulator.store.citizens.find(cpr)).toBeUndefined();
  expect(emulator.store.citizens.find('0101575001')?.name).toBe('Anna Testesen');
  for (const table of ['audit_log', 'audit_cprs', 'booking_history', 'wsrm_messages', 'wsrm_sequences']) {
    expect([table, count(table)]).toEqual([table, table === 'booking_history' ? fresh['bookings'] : 0]);
  }
  expect(Object.fromEntries(Object.keys(fresh).map((t) => [t, count(t)]))).toEqual(fresh);
  expect(count('schema_migrations')).toBeGreaterThan(0);
  expect(emulator.journal.list()).toEqual([]);

  // The fixture certificates are registered again; the one issued before the reset is not.
  const getBookings = requestBody('BookingService', 'GetBookings', {
    PersonCivilRegistrationIdentifier: '0101575001',
  });
  expect((await dfdg.call(jobcenterCaseworker, 'BookingService', 'GetBookings', getBookings)).status).toBe(
    200,
  );
  const tls = {
    cert: issued.body.certificate,
    key: issued.body.privateKey,
    ca: readFileSync(emulator.certificates.caPath, 'utf8'),
  };
  const refused = await getBookingsWith(
    emulator.soapUrl,
    tls,
    ORG.jobcenterAarhus,
    caseworker(ORG.jobcenterAarhus),
    '0101575001',
  );
  expect(faultOf(refused)).toMatchObject({ errorCode: 1012, source: 'SEC-CERT' });
});

it('When the emulator is reset twice, then the second gives the same world', async () => {
  const first = await admin.post('/admin/reset');
  const second = await admin.post('/admin/reset');
  expect(second.body).toMatchObject({ loaded: (first.body as { loaded: unknown }).loaded });
});
