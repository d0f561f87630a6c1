import { cpSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunningEmulator } from '../../../src/emulator';
import { runCli } from '../../../src/cli';
import { errorPaths, expectProblem, type AdminClient } from '../../helpers/admin-client';
import { captureIo, exitCode } from '../../helpers/cli-run';
import { startAdminWorld, stopAdminWorld } from '../../helpers/admin-world';
import { caseworker, requestBody } from '../../helpers/envelope';
import {
  caseworkerBooking,
  jobcenterCaseworker,
  ORG,
  saveCitizen,
  type DfdgScenario,
} from '../../helpers/scenario-dfdg';
import { expectAccepted, expectFault } from '../../helpers/fault-assertions';
import { faultOf } from '../../helpers/soap-request';
import { getBookingsWith } from '../../helpers/soap-with-pem';
import { testCertDir } from '../../helpers/test-certificates';

let emulator: RunningEmulator;
let certDir: string;
let dbPath: string;
let dfdg: DfdgScenario;
let admin: AdminClient;
beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'dfdg-reset-certs-'));
  certDir = join(dir, 'certs');
  dbPath = join(dir, 'dfdg.sqlite');
  cpSync(testCertDir(), certDir, { recursive: true });
  ({ emulator, dfdg, admin } = await startAdminWorld({ certDir, dbPath }));
});
afterAll(() => stopAdminWorld({ emulator, dfdg }));

const count = (table: string): number =>
  emulator.store.db.prepare<[], { n: number }>(`SELECT count(*) AS n FROM ${table}`).get()?.n ?? -1;

it('When the emulator is reset with ?certificates=forget, then what tests made is gone, certificates issued through the API too, the fixtures are back, the fixture certificates work, and the clock runs in real time', async () => {
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

  const res = await admin.post<{
    clock: { frozen: boolean; now: string };
    loaded: Record<string, number>;
    kept: unknown;
  }>('/admin/reset?certificates=forget');

  expect(res.status).toBe(200);
  expect(res.body.loaded).toEqual({
    organisations: fresh['organisations'],
    certificates: 8,
    citizens: fresh['citizens'],
    bookings: fresh['bookings'],
  });
  expect(res.body.kept).toEqual({ certificates: [] });
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

describe('Certificates issued through the API or the CLI', () => {
  const ca = (): string => readFileSync(emulator.certificates.caPath, 'utf8');
  const callWith = (tls: { cert: string; key: string; ca: string }) =>
    getBookingsWith(
      emulator.soapUrl,
      tls,
      ORG.jobcenterAarhus,
      caseworker(ORG.jobcenterAarhus),
      '0101575001',
    );
  const origins = async (): Promise<Record<string, string>> => {
    const listed = await admin.get<{ items: { name: string; origin: string }[] }>('/admin/certificates');
    return Object.fromEntries(listed.body.items.map((c) => [c.name, c.origin]));
  };

  it('When the emulator is reset, then they stay registered and let in, and the answer names them', async () => {
    const api = await admin.post<{ certificate: string; privateKey: string }>('/admin/certificates', {
      name: 'kept-by-api',
      organisations: [{ type: 8, code: '75100' }],
    });
    expect(api.status).toBe(201);
    const io = captureIo();
    const cli = await runCli(
      [
        'certs',
        'issue',
        '--org',
        '8:75100',
        '--name',
        'kept-by-cli',
        '--cert-dir',
        certDir,
        '--db',
        dbPath,
        '--json',
      ],
      io,
    );
    expect([exitCode(cli), io.stderr()]).toEqual([0, '']);
    const cliFiles = (JSON.parse(io.stdout()) as { files: { certificate: string; privateKey: string } })
      .files;
    expect(await origins()).toMatchObject({
      'kept-by-api': 'api',
      'kept-by-cli': 'cli',
      '8-75100': 'fixtures',
    });

    const res = await admin.post<{ kept: { certificates: string[] } }>('/admin/reset');

    expect(res.status).toBe(200);
    expect(res.body.kept.certificates.sort()).toEqual(['kept-by-api', 'kept-by-cli']);
    expect(await origins()).toMatchObject({
      'kept-by-api': 'api',
      'kept-by-cli': 'cli',
      '8-75100': 'fixtures',
    });
    expectAccepted(await callWith({ cert: api.body.certificate, key: api.body.privateKey, ca: ca() }));
    expectAccepted(
      await callWith({
        cert: readFileSync(cliFiles.certificate, 'utf8'),
        key: readFileSync(cliFiles.privateKey, 'utf8'),
        ca: ca(),
      }),
    );

    // Asked to forget them, the reset gives a fresh installation's registrations.
    const forgot = await admin.post<{ kept: { certificates: string[] } }>('/admin/reset?certificates=forget');
    expect(forgot.body.kept.certificates).toEqual([]);
    expect(Object.keys(await origins())).not.toContain('kept-by-api');
    await expectFault(await callWith({ cert: api.body.certificate, key: api.body.privateKey, ca: ca() }), {
      code: 1012,
      source: 'SEC-CERT',
    });
  });

  it('When a reset is asked for with another certificates choice, then 400 names it and nothing is reset', async () => {
    await admin.put('/admin/clock', { now: '2030-01-01T00:00:00Z', frozen: true });
    const problem = expectProblem(await admin.post('/admin/reset?certificates=drop'), 400);
    expect(errorPaths(problem)).toEqual(['query.certificates']);
    expect((await admin.get<{ frozen: boolean }>('/admin/clock')).body.frozen).toBe(true);
  });
});
