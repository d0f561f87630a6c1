/**
 * The CLI's `fixtures load` command run in-process (spawning `node dist/...` would need a build and be slow),
 * with its own io, temporary database and, where it writes certificates, its own copy of the CA.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../../../src/cli';
import { adminClient } from '../../helpers/admin-client';
import { captureIo, exitCode, tempDir } from '../../helpers/cli-run';
import { startTestEmulator } from '../../helpers/emulator';
import { testCertDir } from '../../helpers/test-certificates';

it('When `fixtures load` gets a file with a citizen and a booking, then a new database holds the default fixtures and the file', async () => {
  const dir = tempDir();
  const db = join(dir, 'dfdg.sqlite');
  const file = join(dir, 'world.json');
  writeFileSync(
    file,
    JSON.stringify({
      citizens: [
        {
          cpr: '0606575006',
          name: 'Frida Fil',
          kommune: '751',
          jobcenter: '75100',
          akasse: '17',
          selfBookingDeadlines: [{ interviewType: 7, deadline: '2026-03-10' }],
        },
      ],
      bookings: [
        {
          id: 'c0000000-0000-4000-8000-000000000001',
          cpr: '0606575006',
          interviewType: 7,
          start: '+3d 10:00',
          durationMinutes: 30,
          meetingOrganisation: { type: 8, code: '75100' },
          selfBooked: false,
          createdBy: {
            organisation: { type: 8, code: '75100' },
            system: '8-75100',
            metadata: {
              userFullName: 'Mette Hansen',
              userType: 2,
              userIdentifier: 'CVR:12345678-RID:1234',
              organisation: { type: 8, code: '75100' },
              registrationDateTime: '2026-03-01T09:00:00+01:00',
            },
          },
        },
      ],
    }),
  );
  const io = captureIo();

  const outcome = await runCli(['fixtures', 'load', file, '--db', db, '--cert-dir', testCertDir()], io);

  expect([exitCode(outcome), io.stderr()]).toEqual([0, '']);
  expect(io.stdout()).toContain('1 citizens, 1 bookings');
  expect(io.stdout()).toContain('the default fixtures first');
  const emulator = await startTestEmulator({ dbPath: db });
  try {
    const admin = adminClient(emulator.adminUrl);
    expect((await admin.get('/admin/citizens/0606575006')).body).toMatchObject({ name: 'Frida Fil' });
    expect((await admin.get('/admin/citizens/0101575001')).status).toBe(200);
    const bookings = await admin.get<{ items: Array<{ id: string }> }>('/admin/bookings?cpr=0606575006');
    expect(bookings.body.items.map((b) => b.id)).toEqual(['c0000000-0000-4000-8000-000000000001']);
  } finally {
    await emulator.stop();
  }
});

it('When `fixtures load` gets a file that is not a fixture file, then exit 1 naming each bad field, and nothing is loaded', async () => {
  const dir = tempDir();
  const db = join(dir, 'dfdg.sqlite');
  const file = join(dir, 'bad.json');
  writeFileSync(file, JSON.stringify({ citizens: [{ cpr: '12', name: 'X' }], people: [] }));
  const io = captureIo();
  expect(exitCode(await runCli(['fixtures', 'load', file, '--db', db], io))).toBe(1);
  expect(io.stderr()).toContain('bad.json is not a fixture file');
  expect(io.stderr()).toMatch(/citizens\[0\]\.cpr/);
  expect(io.stderr()).toMatch(/people/);
  expect(existsSync(db)).toBe(false);

  const missing = captureIo();
  expect(exitCode(await runCli(['fixtures', 'load', join(dir, 'nope.json')], missing))).toBe(1);
  expect(missing.stderr()).toContain('cannot read');
  expect(exitCode(await runCli(['fixtures', 'load'], captureIo()))).toBe(2);
});
