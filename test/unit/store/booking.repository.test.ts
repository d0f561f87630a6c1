import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Booking } from '../../../src/domain/booking';
import { applyMigrations } from '../../../src/store/migrate';
import { openStore, type Store } from '../../../src/store/store';
import { buildBooking, buildHistoryEntry, buildMetadata, CPR, ORG, OTHER_CPR } from '../../helpers/builders';

let dir: string;
let store: Store;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'dfdg-unit-booking-'));
  store = openStore(join(dir, 'dfdg.sqlite'));
});

afterEach(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

const id = (n: number): string => `b0000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

/** A booking with every optional field filled. */
const fullBooking = (): Booking =>
  buildBooking({
    id: id(1),
    originSystemIdentifier: 'kss-42',
    meetingLocation: 'Jobcenter Aarhus, Værkmestergade 3',
    caseworkerName: 'Mette Hansen',
    selfBooked: true,
    accepted: true,
    acceptedTime: new Date('2026-01-05T07:00:00.000Z'),
    rebookingDeadline: new Date('2026-02-08T12:00:00.000Z'),
    cancellationDeadline: new Date('2026-02-09T12:00:00.000Z'),
    createdSelfBookedOutsideStar: true,
    creator: {
      organisation: ORG.jobcenterAarhus,
      metadata: buildMetadata({ userEmail: 'mette@aarhus.dk' }),
      system: 'kss-vendor',
    },
  });

describe('migrations', () => {
  it('When the migrations are applied to a migrated database, then nothing is applied again', () => {
    expect(applyMigrations(store.db)).toEqual([]);
    expect(applyMigrations(store.db)).toEqual([]);
    const versions = store.db.prepare('SELECT version FROM schema_migrations ORDER BY version').all();
    expect(versions.length).toBeGreaterThanOrEqual(1);
    expect(new Set(versions.map((v) => (v as { version: number }).version)).size).toBe(versions.length);
  });

  it('When a database file is opened a second time, then its data is kept and no migration runs again', () => {
    store.bookings.insert(buildBooking({ id: id(1) }));
    const before = store.db.prepare('SELECT count(*) AS n FROM schema_migrations').get();
    store.close();
    store = openStore(join(dir, 'dfdg.sqlite'));
    expect(store.db.prepare('SELECT count(*) AS n FROM schema_migrations').get()).toEqual(before);
    expect(store.bookings.find(id(1))?.id).toBe(id(1));
  });

  it('When the migrations run on an empty database, then each version is applied once, in order', () => {
    store.close();
    store = openStore(':memory:');
    const versions = store.db
      .prepare('SELECT version FROM schema_migrations ORDER BY version')
      .all()
      .map((v) => (v as { version: number }).version);
    expect(versions[0]).toBe(1);
    expect(versions).toEqual([...versions].sort((a, b) => a - b));
    expect(versions).toEqual(versions.map((_, i) => i + 1));
  });
});

describe('BookingRepository insert and find', () => {
  it('When a booking with every field is inserted, then find returns it whole', () => {
    const booking = fullBooking();
    store.bookings.insert(booking);
    expect(store.bookings.find(booking.id)).toEqual(booking);
  });

  it('When a booking without optional fields is inserted, then find returns them as absent', () => {
    const booking = buildBooking({ id: id(2), selfBooked: false });
    store.bookings.insert(booking);
    const found = store.bookings.find(id(2));
    expect(found).toEqual(booking);
    expect(found?.accepted).toBeUndefined();
    expect(found?.rebookingDeadline).toBeUndefined();
    expect(found?.selfBooked).toBe(false);
  });

  it.each<[string, boolean | undefined]>([
    ['accepted', true],
    ['not accepted', false],
    ['without BookingAccepted', undefined],
  ])('When a booking is stored %s, then it is read back so', (_name, accepted) => {
    store.bookings.insert(buildBooking({ id: id(3), accepted }));
    expect(store.bookings.find(id(3))?.accepted).toBe(accepted);
  });

  it('When an unknown id is looked up, then undefined', () => {
    expect(store.bookings.find(id(99))).toBeUndefined();
  });

  it('When a booking id is inserted twice, then the second insert fails', () => {
    store.bookings.insert(buildBooking({ id: id(1) }));
    expect(() => store.bookings.insert(buildBooking({ id: id(1) }))).toThrow();
  });
});

describe('BK-OWNER-META', () => {
  it('When an update passes another creator, then the creator, creation time and creation flag are kept', () => {
    const created = fullBooking();
    store.bookings.insert(created);
    const updated: Booking = {
      ...created,
      start: new Date('2026-02-11T09:00:00.000Z'),
      end: new Date('2026-02-11T10:00:00.000Z'),
      meetingLocation: 'telefon',
      caseworkerName: 'Søren Ærø',
      status: 'Cancelled',
      cancellationReason: 'sick',
      lastChangedAt: new Date('2026-02-01T10:00:00.000Z'),
      createdAt: new Date('2026-02-01T10:00:00.000Z'),
      createdSelfBookedOutsideStar: false,
      creator: {
        organisation: ORG.akasse17,
        metadata: buildMetadata({ userFullName: 'Hans Jensen', organisation: ORG.akasse17 }),
        system: '2-17',
      },
    };
    store.bookings.update(updated);
    expect(store.bookings.find(created.id)).toEqual({
      ...updated,
      createdAt: created.createdAt,
      createdSelfBookedOutsideStar: created.createdSelfBookedOutsideStar,
      creator: created.creator,
    });
  });

  it('When an update clears optional fields, then they are cleared', () => {
    const created = fullBooking();
    store.bookings.insert(created);
    store.bookings.update({ ...created, rebookingDeadline: undefined, meetingLocation: undefined });
    const found = store.bookings.find(created.id);
    expect(found?.rebookingDeadline).toBeUndefined();
    expect(found?.meetingLocation).toBeUndefined();
    expect(found?.cancellationDeadline).toEqual(created.cancellationDeadline);
  });

  it('When one booking is updated, then the others are not touched', () => {
    const a = buildBooking({ id: id(1) });
    const b = buildBooking({ id: id(2) });
    store.bookings.insert(a);
    store.bookings.insert(b);
    store.bookings.update({ ...a, status: 'Cancelled' });
    expect(store.bookings.find(id(2))).toEqual(b);
  });
});

describe('BookingRepository listByCpr', () => {
  const start = (iso: string): Date => new Date(iso);
  const seed = (): void => {
    store.bookings.insert(buildBooking({ id: id(3), start: start('2026-03-01T09:00:00.000Z') }));
    store.bookings.insert(buildBooking({ id: id(1), start: start('2026-01-01T09:00:00.000Z') }));
    store.bookings.insert(
      buildBooking({ id: id(2), start: start('2026-02-01T09:00:00.000Z'), status: 'Cancelled' }),
    );
    store.bookings.insert(buildBooking({ id: id(5), start: start('2026-02-01T09:00:00.000Z') }));
    store.bookings.insert(
      buildBooking({ id: id(4), cpr: OTHER_CPR, start: start('2026-02-01T09:00:00.000Z') }),
    );
  };

  it.each<[string, Date | undefined, Date | undefined, number[]]>([
    ['no period', undefined, undefined, [1, 2, 5, 3]],
    ['a period start only', start('2026-02-01T00:00:00.000Z'), undefined, [2, 5, 3]],
    ['a period end only', undefined, start('2026-02-15T00:00:00.000Z'), [1, 2, 5]],
    [
      'a period around February',
      start('2026-01-15T00:00:00.000Z'),
      start('2026-02-15T00:00:00.000Z'),
      [2, 5],
    ],
    [
      'a period whose bounds are exactly the starts',
      start('2026-01-01T09:00:00.000Z'),
      start('2026-02-01T09:00:00.000Z'),
      [1, 2, 5],
    ],
    ['a period one millisecond after a start', start('2026-01-01T09:00:00.001Z'), undefined, [2, 5, 3]],
    ['a period with no bookings', start('2027-01-01T00:00:00.000Z'), start('2027-12-31T00:00:00.000Z'), []],
  ])(
    'When a citizen’s bookings are listed for %s, then they come by start time (then id), cancelled ones included',
    (_name, from, to, expected) => {
      seed();
      expect(store.bookings.listByCpr(CPR, from, to).map((b) => b.id)).toEqual(expected.map(id));
    },
  );

  it('When another citizen’s bookings are listed, then only theirs come', () => {
    seed();
    expect(store.bookings.listByCpr(OTHER_CPR).map((b) => b.id)).toEqual([id(4)]);
  });

  it('When an unknown citizen’s bookings are listed, then none come', () => {
    seed();
    expect(store.bookings.listByCpr('0303575003')).toEqual([]);
  });

  it.each<[string, string, number[], number[]]>([
    ['before all of them, type 7', '2025-12-31T09:00:00.000Z', [7], [1]],
    ['at the first one’s start (not after it), type 7', '2026-01-01T09:00:00.000Z', [7], [5]],
    ['between them, type 7', '2026-02-15T00:00:00.000Z', [7], [3]],
    ['after the last one, type 7', '2026-03-01T09:00:00.001Z', [7], []],
    ['before all of them, a type none has', '2025-12-31T09:00:00.000Z', [15], []],
    ['before all of them, type 15 and type 7', '2025-12-31T09:00:00.000Z', [15, 7], [1]],
  ])(
    'When the first active booking after a moment %s is asked for, then the earliest active one of each type starting after it comes, the cancelled one never',
    (_name, now, types, expected) => {
      seed();
      expect(store.bookings.firstActiveAfter(CPR, new Date(now), types).map((b) => b.id)).toEqual(
        expected.map(id),
      );
    },
  );

  it('When the citizen has several active bookings of two types ahead, then one of each comes, earliest first', () => {
    store.bookings.insert(
      buildBooking({ id: id(11), interviewType: 15, start: new Date('2026-04-02T09:00:00Z') }),
    );
    store.bookings.insert(
      buildBooking({ id: id(12), interviewType: 15, start: new Date('2026-04-01T09:00:00Z') }),
    );
    store.bookings.insert(
      buildBooking({ id: id(13), interviewType: 7, start: new Date('2026-04-03T09:00:00Z') }),
    );
    store.bookings.insert(
      buildBooking({ id: id(14), interviewType: 7, start: new Date('2026-04-04T09:00:00Z') }),
    );
    expect(
      store.bookings.firstActiveAfter(CPR, new Date('2026-03-31T00:00:00Z'), [7, 15, 7]).map((b) => b.id),
    ).toEqual([id(12), id(13)]);
  });
});

describe('BookingRepository history', () => {
  it('When changes are appended, then the history returns them in order with their own metadata', () => {
    store.bookings.insert(buildBooking({ id: id(1) }));
    const created = buildHistoryEntry({ referenceId: 'ref-1' });
    const updated = buildHistoryEntry({
      time: new Date('2026-01-06T08:00:00.000Z'),
      change: 'Updated',
      activeOrganisation: ORG.kommuneAarhus,
      requestUserMetadata: buildMetadata({ userFullName: 'Hans Jensen', organisation: ORG.kommuneAarhus }),
      referenceId: 'ref-2',
    });
    const cancelled = buildHistoryEntry({
      time: new Date('2026-01-06T08:00:00.000Z'),
      change: 'Cancelled',
      referenceId: 'ref-3',
    });
    store.bookings.appendHistory(id(1), created);
    store.bookings.appendHistory(id(1), updated);
    store.bookings.appendHistory(id(1), cancelled);
    expect(store.bookings.history(id(1))).toEqual([created, updated, cancelled]);
  });

  it('When two bookings have history, then each booking gets only its own', () => {
    store.bookings.insert(buildBooking({ id: id(1) }));
    store.bookings.insert(buildBooking({ id: id(2) }));
    store.bookings.appendHistory(id(1), buildHistoryEntry({ referenceId: 'ref-1' }));
    store.bookings.appendHistory(id(2), buildHistoryEntry({ referenceId: 'ref-2' }));
    expect(store.bookings.history(id(2)).map((h) => h.referenceId)).toEqual(['ref-2']);
  });

  it('When a booking has no history, then it is empty', () => {
    store.bookings.insert(buildBooking({ id: id(1) }));
    expect(store.bookings.history(id(1))).toEqual([]);
  });

  it('When history is appended for an unknown booking, then it fails (foreign key)', () => {
    expect(() => store.bookings.appendHistory(id(9), buildHistoryEntry())).toThrow();
  });
});

describe('REST-only fields (migration 0012)', () => {
  it('When a meeting made over REST is stored and changed, then its group meeting, duration and source system type are kept', () => {
    const rest = {
      groupMeetingId: 'c0ffee00-0000-4000-8000-000000000001',
      durationMinutes: 45,
      sourceSystemType: 30,
    };
    store.bookings.insert(buildBooking({ id: id(1), formType: 2, ...rest }));
    expect(store.bookings.find(id(1))).toMatchObject(rest);
    store.bookings.update({ ...buildBooking({ id: id(1) }), durationMinutes: 30 });
    expect(store.bookings.find(id(1))).toMatchObject({ durationMinutes: 30 });
    expect(store.bookings.find(id(1))).not.toHaveProperty('groupMeetingId');
  });

  it('When a booking made over SOAP is read, then it has none of the REST-only fields', () => {
    store.bookings.insert(buildBooking({ id: id(2) }));
    const found = store.bookings.find(id(2));
    expect(found).not.toHaveProperty('groupMeetingId');
    expect(found).not.toHaveProperty('durationMinutes');
    expect(found).not.toHaveProperty('sourceSystemType');
  });
});

describe('BookingRepository history snapshots (migration 0012)', () => {
  it('When history rows are appended with the booking after each change, then each row gives that booking back', () => {
    const created = buildBooking({ id: id(1), durationMinutes: 45 });
    const moved = {
      ...created,
      start: new Date('2026-05-01T08:00:00.000Z'),
      end: new Date('2026-05-01T09:00:00.000Z'),
    };
    store.bookings.insert(created);
    store.bookings.appendHistory(id(1), buildHistoryEntry({ referenceId: 'ref-1' }), created);
    store.bookings.appendHistory(
      id(1),
      buildHistoryEntry({ referenceId: 'ref-2', change: 'Updated' }),
      moved,
    );
    store.bookings.appendHistory(id(1), buildHistoryEntry({ referenceId: 'ref-3', change: 'Updated' }));
    const rows = store.bookings.historyWithSnapshots(id(1));
    expect(rows.map((r) => r.entry.referenceId)).toEqual(['ref-1', 'ref-2', 'ref-3']);
    expect(rows[0]?.after).toEqual(created);
    expect(rows[1]?.after?.start).toEqual(moved.start);
    expect(rows[2]?.after).toBeUndefined();
  });
});
