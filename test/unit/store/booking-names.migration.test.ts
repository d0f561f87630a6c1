/**
 * Migration 0010: a booking stored before the booking had STAR's fields takes an ordinary caseworker
 * booking's values (meeting form 1, group type 1, attendance compulsory, cancellation possible), and
 * ReBookingPossible exactly when it has a rebooking deadline; so does the booking a queued WSRM
 * message carries. No written text is kept for its times and no originator: both read as before.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Booking } from '../../../src/domain/booking';
import { deadlinesConsistent } from '../../../src/domain/booking-validity.rules';
import { openStore, type Store } from '../../../src/store/store';
import { WsrmRepository } from '../../../src/store/wsrm.repository';
import { buildBooking, buildMetadata, ORG } from '../../helpers/builders';
import { insertLegacyBooking, legacyDatabase } from '../../helpers/legacy-database';

const WITH_DEADLINE = 'e0000000-0000-4000-8000-000000000001';
const WITHOUT_DEADLINE = 'e0000000-0000-4000-8000-000000000002';

/** A booking as release 0008 stored it: none of the fields 0010 adds (JSON as that release wrote it). */
/** The fields release 0008 did not have: its WSRM messages carry bookings without them. */
const ADDED_BY_0010 = [
  'contactType',
  'formType',
  'compulsoryAttendance',
  'rebookingPossible',
  'cancellationPossible',
];

/** A booking as release 0008 wrote it into a WSRM message's JSON. */
const asOlderReleaseWrote = (b: Booking): Booking =>
  Object.fromEntries(Object.entries(b).filter(([key]) => !ADDED_BY_0010.includes(key))) as unknown as Booking;

const stored: readonly Booking[] = [
  buildBooking({
    id: WITH_DEADLINE,
    contactType: 3,
    formType: 2,
    compulsoryAttendance: false,
    rebookingPossible: true,
    rebookingDeadline: new Date('2026-02-08T09:00:00Z'),
    cancellationPossible: false,
    cancellationDeadline: new Date('2026-02-09T09:00:00Z'),
  }),
  buildBooking({ id: WITHOUT_DEADLINE, rebookingPossible: true, cancellationPossible: false }),
];

let dir: string;
let store: Store;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'dfdg-unit-0010-'));
  const path = join(dir, 'dfdg.sqlite');
  legacyDatabase(path, 8, (db) => {
    const wsrm = new WsrmRepository(db);
    for (const b of stored) {
      insertLegacyBooking(db, b);
      wsrm.enqueue(b.id, {
        messageId: `m-${b.id}`,
        receiver: ORG.jobcenterAarhus,
        clientSystem: '8-75100',
        registeringAuthority: ORG.jobcenterAarhus,
        registeringUser: buildMetadata(),
        queuedAt: new Date('2026-01-05T08:00:00Z'),
        booking: asOlderReleaseWrote(b),
      });
    }
  });
  store = openStore(path);
});
afterAll(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

const UPGRADED = {
  contactType: 1,
  formType: 1,
  compulsoryAttendance: true,
  cancellationPossible: true,
};

it.each<[string, boolean, string]>([
  ['a rebooking deadline', true, WITH_DEADLINE],
  ['no rebooking deadline', false, WITHOUT_DEADLINE],
])(
  'When a stored booking with %s is upgraded, then it has the ordinary values, ReBookingPossible %s, no texts and no originator',
  (_name, rebookingPossible, id) => {
    const b = store.bookings.find(id);
    expect(b).toMatchObject({ ...UPGRADED, rebookingPossible });
    expect(b?.writtenTimes).toBeUndefined();
    expect(b?.originator).toBeUndefined();
    expect(b?.digitalMeetingLink).toBeUndefined();
    expect(b?.citizenShouldAcceptBooking).toBeUndefined();
    // Every upgraded booking is consistent, so a later update or reschedule is judged fairly.
    expect(b && deadlinesConsistent(b)).toBeNull();
  },
);

it('When queued WSRM messages are upgraded, then the bookings they carry get the same values', () => {
  const carried = store.wsrm.queueOf(ORG.jobcenterAarhus).map((m) => m.booking);
  expect(carried.map((b) => [b.id, b.rebookingPossible])).toEqual([
    [WITH_DEADLINE, true],
    [WITHOUT_DEADLINE, false],
  ]);
  for (const b of carried) expect(b).toMatchObject(UPGRADED);
});
