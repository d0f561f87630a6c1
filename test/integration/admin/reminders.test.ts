import type { RunningEmulator } from '../../../src/emulator';
import { errorPaths, expectProblem, type AdminClient } from '../../helpers/admin-client';
import { startAdminWorld, stopAdminWorld } from '../../helpers/admin-world';
import {
  caseworkerBooking,
  jobcenterCaseworker,
  saveCitizen,
  type DfdgScenario,
} from '../../helpers/scenario-dfdg';

const NOW = new Date('2026-03-02T09:00:00Z');

let emulator: RunningEmulator;
let dfdg: DfdgScenario;
let admin: AdminClient;
beforeAll(async () => {
  ({ emulator, dfdg, admin } = await startAdminWorld({ clockStart: NOW, clockFrozen: true }));
});
afterAll(() => stopAdminWorld({ emulator, dfdg }));

it('When a caseworker books a meeting, then its reminder is listed 24 hours ahead, and due once the clock passes that time', async () => {
  const cpr = saveCitizen(emulator);
  const id = await dfdg.createdBookingId(
    jobcenterCaseworker,
    caseworkerBooking(cpr, '2026-03-10T10:00:00+01:00'),
  );
  const reminder = {
    bookingId: id,
    cpr,
    remindAt: '2026-03-09T09:00:00.000Z',
    meetingStart: '2026-03-10T09:00:00.000Z',
    scheduledAt: NOW.toISOString(),
    due: false,
  };
  expect((await admin.get(`/admin/reminders?cpr=${cpr}`)).body).toEqual({ items: [reminder] });

  await admin.put('/admin/clock', { now: '2026-03-09T10:00:00+01:00' });
  expect((await admin.get(`/admin/reminders?cpr=${cpr}`)).body).toEqual({
    items: [{ ...reminder, due: true }],
  });
  const all = (await admin.get<{ items: Array<{ bookingId: string }> }>('/admin/reminders')).body.items;
  expect(all.map((r) => r.bookingId)).toContain(id);
  expect(all.length).toBeGreaterThan(1); // the fixture bookings' reminders too
});

it.each<[string, string, string[]]>([
  ['a malformed CPR', '/admin/reminders?cpr=abc', ['query.cpr']],
  ['an unknown parameter', '/admin/reminders?due=true', ['query.due']],
])('When the reminders are asked for with %s, then 400 naming it', async (_name, path, paths) => {
  expect(errorPaths(expectProblem(await admin.get(path), 400))).toEqual(paths);
});
