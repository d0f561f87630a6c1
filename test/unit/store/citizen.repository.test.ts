import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { applyMigrations } from '../../../src/store/migrate';
import { openStore, type Store } from '../../../src/store/store';
import { PROJECT_ROOT } from '../../../src/project-root';
import { buildBooking, buildCitizen, CPR, OTHER_CPR, ORG } from '../../helpers/builders';

const MIGRATIONS = join(PROJECT_ROOT, 'src', 'store', 'migrations');

let dir: string;
let store: Store | undefined;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'dfdg-unit-citizen-'));
});

afterEach(() => {
  store?.close();
  store = undefined;
  rmSync(dir, { recursive: true, force: true });
});

it('When a citizen with memberships, anden aktører, guest accesses, a death date and a CV number is saved, then it reads back whole', () => {
  store = openStore(join(dir, 'dfdg.sqlite'));
  const citizen = buildCitizen({
    memberships: [
      { akasse: '81', from: '2020-01-01', to: '2024-12-31' },
      { akasse: '17', from: '2025-01-01', to: null },
    ],
    andenAktoer: ['35669035', '11111111'],
    guestAccess: [{ organisation: ORG.jobcenterKobenhavn, until: new Date('2026-03-01T12:00:00.000Z') }],
    deceased: '2026-02-01',
    cvNumber: '12345678',
  });
  store.citizens.save(citizen);
  expect(store.citizens.find(CPR)).toEqual({ ...citizen, andenAktoer: ['11111111', '35669035'] });
  // Saved again, the lists are replaced, not added to.
  store.citizens.save(buildCitizen());
  expect(store.citizens.find(CPR)).toEqual(buildCitizen());
  store.citizens.save(buildCitizen({ cpr: OTHER_CPR }));
  expect(store.citizens.list().map((c) => c.cpr)).toEqual([CPR, OTHER_CPR]);
});

it('When a database written before memberships existed is opened, then each a-kasse becomes one open membership with no start', () => {
  // A database as the previous version left it: the migrations before 0005 only.
  const before = join(dir, 'migrations-before');
  mkdirSync(before);
  for (const f of readdirSync(MIGRATIONS).filter((name) => name < '0005'))
    copyFileSync(join(MIGRATIONS, f), join(before, f));
  const file = join(dir, 'dfdg.sqlite');
  const old = new Database(file);
  applyMigrations(old, before);
  const insert = old.prepare(
    'INSERT INTO citizens (cpr, name, kommune, jobcenter, akasse) VALUES (?, ?, ?, ?, ?)',
  );
  insert.run(CPR, 'Anna Testesen', '751', '75100', '17');
  insert.run(OTHER_CPR, 'Bo Prøvesen', '751', '75100', null);
  old
    .prepare('INSERT INTO self_booking_deadlines (cpr, interview_type, deadline) VALUES (?, 7, ?)')
    .run(CPR, '2026-02-01');
  old.close();

  store = openStore(file);
  expect(store.citizens.find(CPR)).toEqual(
    buildCitizen({
      selfBookingDeadlines: [{ interviewType: 7, deadline: '2026-02-01', status: 'open' as const }],
    }),
  );
  expect(store.citizens.find(OTHER_CPR)?.memberships).toEqual([]);
});

it('When a deadline is marked fulfilled by a booking, then it reads back fulfilled with that booking and its current start (BK-DEADLINE-STATUS)', () => {
  store = openStore(join(dir, 'dfdg.sqlite'));
  store.citizens.save(
    buildCitizen({
      selfBookingDeadlines: [
        { interviewType: 7, deadline: '2026-02-01', status: 'open' },
        { interviewType: 15, deadline: '2026-02-01', status: 'closed' },
      ],
    }),
  );
  const booking = buildBooking({ interviewType: 7, start: new Date('2026-02-03T09:00:00.000Z') });
  store.bookings.insert(booking);
  store.citizens.markFulfilled(CPR, 7, booking.id);
  expect(store.citizens.find(CPR)?.selfBookingDeadlines).toEqual([
    {
      interviewType: 7,
      deadline: '2026-02-01',
      status: 'fulfilled',
      fulfilledBy: { bookingId: booking.id, start: booking.start },
    },
    { interviewType: 15, deadline: '2026-02-01', status: 'closed' },
  ]);
  // The meeting moved: the deadline reads the booking's start as it is now.
  const moved = new Date('2026-02-05T09:00:00.000Z');
  store.bookings.update({ ...booking, start: moved, end: new Date('2026-02-05T09:30:00.000Z') });
  expect(store.citizens.find(CPR)?.selfBookingDeadlines[0]?.fulfilledBy).toEqual({
    bookingId: booking.id,
    start: moved,
  });
});
