/**
 * Migration 0006: booking ids stored as clients sent them take their one form, lower case, with every
 * row that names them; two bookings that share the lower-case form (created while ids were compared
 * with their case) both stay, the later one under a new id.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Booking } from '../../../src/domain/booking';
import { ReminderRepository } from '../../../src/store/reminder.repository';
import { openStore, type Store } from '../../../src/store/store';
import { WsrmRepository } from '../../../src/store/wsrm.repository';
import { buildBooking, buildHistoryEntry, buildMetadata, CPR, ORG, OTHER_CPR } from '../../helpers/builders';
import { appendLegacyHistory, insertLegacyBooking, legacyDatabase } from '../../helpers/legacy-database';

const MIXED = 'AAAAAAAA-aaaa-4AAA-8aaa-AAAAAAAAAAAA';
const ORIGINAL = 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb';
const DUPLICATE = 'BBBBBBBB-BBBB-4BBB-8BBB-BBBBBBBBBBBB';
const FIRST_OF_TWO = 'CCCCCCCC-CCCC-4CCC-8CCC-CCCCCCCCCCCC';
const SECOND_OF_TWO = 'cccccccc-CCCC-4ccc-8CCC-cccccccccccc';
const LOWER = 'dddddddd-dddd-4ddd-8ddd-dddddddddddd';
const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

let dir: string;
let store: Store;

/** Each legacy booking is told apart by its meeting location. */
const legacy: ReadonlyArray<Booking> = [MIXED, ORIGINAL, DUPLICATE, FIRST_OF_TWO, SECOND_OF_TWO, LOWER].map(
  (id, i) => buildBooking({ id, cpr: id === DUPLICATE ? OTHER_CPR : CPR, meetingLocation: `room ${i}` }),
);

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'dfdg-unit-id-case-'));
  const path = join(dir, 'dfdg.sqlite');
  legacyDatabase(path, 5, (db) => {
    for (const b of legacy) {
      insertLegacyBooking(db, b);
      appendLegacyHistory(db, b.id, buildHistoryEntry({ referenceId: `created ${b.id}` }));
    }
    new ReminderRepository(db).schedule({
      bookingId: MIXED,
      cpr: CPR,
      remindAt: new Date('2026-02-01T08:00:00Z'),
      meetingStart: new Date('2026-02-02T08:00:00Z'),
      scheduledAt: new Date('2026-01-05T08:00:00Z'),
    });
    const mixed = legacy[0] as Booking;
    new WsrmRepository(db).enqueue(MIXED, {
      messageId: 'e0000000-0000-4000-8000-000000000001',
      receiver: ORG.jobcenterAarhus,
      clientSystem: '8-75100',
      registeringAuthority: ORG.jobcenterAarhus,
      registeringUser: buildMetadata(),
      queuedAt: new Date('2026-01-05T08:00:00Z'),
      booking: mixed,
    });
  });
  store = openStore(path);
});

afterAll(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

const ids = (): string[] =>
  store.db
    .prepare<[], { id: string }>('SELECT id FROM bookings ORDER BY rowid')
    .all()
    .map((r) => r.id);
const byLocation = (i: number): Booking | undefined =>
  store.bookings.listByCpr(i === 2 ? OTHER_CPR : CPR).find((b) => b.meetingLocation === `room ${i}`);

it('When an older database is opened, then every booking is kept and every booking id is in lower case', () => {
  expect(ids()).toHaveLength(legacy.length);
  for (const id of ids()) expect(id).toBe(id.toLowerCase());
  expect(store.db.pragma('foreign_key_check')).toEqual([]);
});

it('When a booking id was stored in mixed case, then it is found by any case, with its history, reminder and WSRM message', () => {
  const lower = MIXED.toLowerCase();
  expect(store.bookings.find(MIXED)?.meetingLocation).toBe('room 0');
  expect(store.bookings.find(lower)?.id).toBe(lower);
  expect(store.bookings.history(lower).map((h) => h.referenceId)).toEqual([`created ${MIXED}`]);
  expect(store.reminders.find(lower)?.bookingId).toBe(lower);
  const [message] = store.wsrm.queueOf(ORG.jobcenterAarhus);
  expect(message?.booking.id).toBe(lower);
  expect(store.db.prepare<[], { booking_id: string }>('SELECT booking_id FROM wsrm_messages').all()).toEqual([
    { booking_id: lower },
  ]);
});

it('When a booking was created under the upper-case form of an existing id, then the existing one keeps the id and the other gets a new one, its history with it', () => {
  expect(store.bookings.find(ORIGINAL)?.meetingLocation).toBe('room 1');
  expect(store.bookings.find(DUPLICATE)?.meetingLocation).toBe('room 1');
  const duplicate = byLocation(2);
  expect(duplicate?.id).toMatch(UUID_V4);
  expect(duplicate?.id).not.toBe(ORIGINAL);
  expect(store.bookings.history(duplicate?.id ?? '').map((h) => h.referenceId)).toEqual([
    `created ${DUPLICATE}`,
  ]);
});

it('When two mixed-case ids share one lower-case form, then the first stored takes it and the second a new id', () => {
  expect(byLocation(3)?.id).toBe(FIRST_OF_TWO.toLowerCase());
  expect(byLocation(4)?.id).toMatch(UUID_V4);
  expect(byLocation(4)?.id).not.toBe(FIRST_OF_TWO.toLowerCase());
  expect(store.bookings.history(byLocation(4)?.id ?? '').map((h) => h.referenceId)).toEqual([
    `created ${SECOND_OF_TWO}`,
  ]);
});

it('When a booking id was already in lower case, then it is unchanged', () => {
  expect(byLocation(5)?.id).toBe(LOWER);
});
