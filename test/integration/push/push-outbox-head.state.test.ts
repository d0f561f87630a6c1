/**
 * The delivery worker looks for due queue heads after every turn that queued a message (REST.md §7,
 * issue 15: a subscriber that hangs must not slow the SOAP calls). The outbox keeps every message, so
 * that look-up must seek each subscription's head rather than walk the outbox: a walk of it grew with
 * every booking and, at 10,000 messages, held the event loop for 50 ms at each turn.
 */
import Database from 'better-sqlite3';
import type { RunningEmulator } from '../../../src/emulator';
import { PUSH_DUE_SQL } from '../../../src/store/push.repository';
import { adminClient } from '../../helpers/admin-client';
import { startTestEmulator } from '../../helpers/emulator';
import { startTestReceiver, type TestReceiver } from '../../helpers/push-receivers';
import {
  caseworkerBooking,
  dfdgScenario,
  jobcenterCaseworker,
  saveCitizen,
  type DfdgScenario,
} from '../../helpers/scenario-dfdg';

const NOW = new Date('2026-03-02T09:00:00Z');
const MEETING = '2026-03-12T10:00:00+01:00';

let emulator: RunningEmulator & { dbPath: string };
let dfdg: DfdgScenario;
let hanging: TestReceiver;

beforeAll(async () => {
  emulator = await startTestEmulator({ clockStart: NOW, clockFrozen: true });
  dfdg = dfdgScenario(emulator);
  hanging = await startTestReceiver(['hang']);
});
afterAll(async () => {
  await hanging.stop();
  dfdg.close();
  await emulator.stop();
});

it('When a subscriber hangs while bookings queue behind its first message, then the look-up of due heads seeks each queue in the pending index and never walks the outbox', async () => {
  const admin = adminClient(emulator.adminUrl);
  const put = await admin.put('/admin/subscriptions/hangs', {
    organisation: '8:75100',
    messageTypes: ['Indkaldelse'],
    url: hanging.url,
  });
  expect(put.status).toBe(200);
  for (let i = 0; i < 3; i++)
    await dfdg.createdBookingId(jobcenterCaseworker, caseworkerBooking(saveCitizen(emulator), MEETING));
  // The worker's pass after the last commit has sent the first message, which the endpoint holds.
  await new Promise((resolve) => setImmediate(resolve));
  const db = new Database(emulator.dbPath, { readonly: true, fileMustExist: true });
  try {
    const queued = db
      .prepare<[], { status: string; n: number }>(
        "SELECT status, count(*) AS n FROM push_messages WHERE subscription = 'hangs' GROUP BY status",
      )
      .all();
    expect(queued).toEqual([{ status: 'pending', n: 3 }]);
    const plan = db
      .prepare<[string], { detail: string }>(`EXPLAIN QUERY PLAN ${PUSH_DUE_SQL}`)
      .all(NOW.toISOString())
      .map((r) => r.detail);
    expect(plan.filter((step) => /^SCAN (m|push_messages)\b/.test(step))).toEqual([]);
    expect(plan).toContainEqual(expect.stringMatching(/USING COVERING INDEX push_messages_pending/));
    // The same heads as before: the first message of the queue, due since it was queued.
    const heads = db
      .prepare<[string], { subscription: string; seq: number }>(PUSH_DUE_SQL)
      .all(NOW.toISOString());
    const first = db
      .prepare<[], { seq: number }>("SELECT min(seq) AS seq FROM push_messages WHERE subscription = 'hangs'")
      .get();
    expect(heads.map((h) => [h.subscription, h.seq])).toEqual([['hangs', first?.seq]]);
  } finally {
    db.close();
  }
});
