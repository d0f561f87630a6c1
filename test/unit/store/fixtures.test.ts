import { mkdtempSync, rmSync, writeFileSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { isWellFormedCpr } from '../../../src/domain/cpr';
import { FixtureError, loadFixtures, readFixtures } from '../../../src/store/fixtures';
import { openStore, type Store } from '../../../src/store/store';

const FIXTURES_DIR = resolve(__dirname, '../../../fixtures');
const WINTER_NOW = new Date('2026-01-10T12:00:00.000Z');

let dir: string;
let store: Store;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'dfdg-unit-fixtures-'));
  store = openStore(join(dir, 'dfdg.sqlite'));
});

afterEach(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

const loadAt = (now: Date): void => loadFixtures(store, readFixtures(FIXTURES_DIR), now);

describe('readFixtures', () => {
  it('When the fixtures of the repository are read, then they hold the organisations of CONTRACT.md', () => {
    const fixtures = readFixtures(FIXTURES_DIR);
    expect(fixtures.organisations.map((o) => `${o.type}/${o.code}`).sort()).toEqual(
      ['8/75100', '8/10100', '7/751', '7/101', '4/35669035', '2/17', '2/81', '5/4'].sort(),
    );
    expect(fixtures.certificates.map((c) => c.name).sort()).toEqual(
      ['8-75100', '8-10100', '7-751', '4-35669035', '2-17', '2-81', '5-4', 'kss-vendor'].sort(),
    );
    expect(fixtures.certificates.find((c) => c.name === 'kss-vendor')?.organisations).toEqual(
      expect.arrayContaining([
        { type: 8, code: '75100' },
        { type: 8, code: '10100' },
        { type: 7, code: '751' },
      ]),
    );
  });

  it('When the fixture citizens are read, then every CPR is well-formed and none is repeated', () => {
    const cprs = readFixtures(FIXTURES_DIR).citizens.map((c) => c.cpr);
    expect(cprs.length).toBeGreaterThan(0);
    expect(cprs.filter((cpr) => !isWellFormedCpr(cpr))).toEqual([]);
    expect(new Set(cprs).size).toBe(cprs.length);
  });

  it('When a fixture folder lacks a file, then a FixtureError naming the file', () => {
    expect(() => readFixtures(dir)).toThrow(FixtureError);
    expect(() => readFixtures(dir)).toThrow(/organisations\.json/);
  });

  it.each<[string, string]>([
    ['is not JSON', '{ not json'],
    [
      'has a citizen with a 9-digit CPR',
      JSON.stringify([
        {
          cpr: '010157500',
          name: 'X',
          kommune: '751',
          jobcenter: '75100',
          akasse: null,
          selfBookingDeadlines: [],
        },
      ]),
    ],
    [
      'has a deadline that is neither a date nor relative',
      JSON.stringify([
        {
          cpr: '0101575001',
          name: 'X',
          kommune: '751',
          jobcenter: '75100',
          akasse: null,
          selfBookingDeadlines: [{ interviewType: 7, deadline: 'soon' }],
        },
      ]),
    ],
  ])('When citizens.json %s, then a FixtureError naming citizens.json', (_name, content) => {
    const copy = join(dir, 'fixtures');
    cpSync(FIXTURES_DIR, copy, { recursive: true });
    writeFileSync(join(copy, 'citizens.json'), content);
    expect(() => readFixtures(copy)).toThrow(FixtureError);
    expect(() => readFixtures(copy)).toThrow(/citizens\.json/);
  });
});

describe('loadFixtures', () => {
  it('When the fixtures are loaded, then the organisations are stored', () => {
    loadAt(WINTER_NOW);
    expect(store.organisations.count()).toBe(8);
  });

  it.each<[string, string, string, Date]>([
    ['winter noon', '2026-01-24', '2026-01-07', WINTER_NOW],
    ['summer noon', '2026-06-24', '2026-06-07', new Date('2026-06-10T12:00:00.000Z')],
    // 23:30 UTC is already the next day in Copenhagen: "today" is Copenhagen's date.
    [
      '23:30 UTC, after Copenhagen midnight',
      '2026-01-25',
      '2026-01-08',
      new Date('2026-01-10T23:30:00.000Z'),
    ],
    ['the turn of the year', '2027-01-08', '2026-12-22', new Date('2026-12-25T12:00:00.000Z')],
  ])(
    'When the fixtures are loaded at %s, then "+14d" and "-3d" deadlines are %s and %s',
    (_name, plus14, minus3, now) => {
      loadAt(now);
      expect(store.citizens.find('0101575001')?.selfBookingDeadlines).toEqual([
        { interviewType: 7, deadline: plus14, status: 'open' },
      ]);
      expect(store.citizens.find('0202575002')?.selfBookingDeadlines).toEqual([
        { interviewType: 7, deadline: minus3, status: 'open' },
      ]);
    },
  );

  it('When the fixtures are loaded, then citizens keep who follows them', () => {
    loadAt(WINTER_NOW);
    expect(store.citizens.find('0404575004')).toEqual({
      cpr: '0404575004',
      name: 'Dennis Demo',
      kommune: '751',
      jobcenter: '75100',
      memberships: [],
      andenAktoer: [],
      guestAccess: [],
      deceased: null,
      cvNumber: null,
      selfBookingDeadlines: [{ interviewType: 15, deadline: '2026-01-13', status: 'open' }],
    });
  });

  it('When the fixtures are loaded, then the fulfilled and the closed deadline keep their status (BK-DEADLINE-STATUS)', () => {
    loadAt(WINTER_NOW);
    expect(store.citizens.find('1212575012')?.selfBookingDeadlines).toEqual([
      { interviewType: 7, deadline: '2026-01-07', status: 'fulfilled' },
    ]);
    expect(store.citizens.find('1301575013')?.selfBookingDeadlines).toEqual([
      { interviewType: 7, deadline: '2026-01-07', status: 'closed' },
    ]);
  });

  it('When the fixtures are loaded, then "akasse" is one open membership and relative access dates resolve from today', () => {
    loadAt(WINTER_NOW); // 2026-01-10, Copenhagen
    expect(store.citizens.find('0101575001')?.memberships).toEqual([{ akasse: '17', from: null, to: null }]);
    expect(store.citizens.find('0606575006')?.memberships).toEqual([
      { akasse: '17', from: '2023-07-25', to: '2025-10-02' },
    ]);
    expect(store.citizens.find('0808575008')?.andenAktoer).toEqual(['35669035']);
    expect(store.citizens.find('0909575009')?.guestAccess).toEqual([
      { organisation: { type: 8, code: '10100' }, until: new Date('2026-02-09T22:59:00.000Z') },
    ]);
    expect(store.citizens.find('1010575010')?.deceased).toBe('2025-12-31');
    expect(store.citizens.find('1111575011')?.cvNumber).toBe('12345678');
  });

  it.each<[string, Date, string, string]>([
    ['in winter (UTC+1)', WINTER_NOW, '2026-01-20T09:00:00.000Z', '2026-01-20T09:45:00.000Z'],
    [
      'in summer (UTC+2)',
      new Date('2026-06-10T12:00:00.000Z'),
      '2026-06-20T08:00:00.000Z',
      '2026-06-20T08:45:00.000Z',
    ],
    [
      'across the spring DST change',
      new Date('2026-03-20T12:00:00.000Z'),
      '2026-03-30T08:00:00.000Z',
      '2026-03-30T08:45:00.000Z',
    ],
  ])(
    'When the fixtures are loaded %s, then a "+10d 10:00" meeting starts at 10:00 Copenhagen time ten days on',
    (_name, now, start, end) => {
      loadAt(now);
      const booking = store.bookings.find('b0000000-0000-4000-8000-000000000001');
      expect(booking?.start.toISOString()).toBe(start);
      expect(booking?.end.toISOString()).toBe(end);
    },
  );

  it('When the fixtures are loaded, then each booking is active, created now by its creator, with a Created history row', () => {
    loadAt(WINTER_NOW);
    const booking = store.bookings.find('b0000000-0000-4000-8000-000000000003');
    expect(booking).toMatchObject({
      cpr: '0303575003',
      interviewType: 15,
      status: 'Active',
      selfBooked: true,
      createdAt: WINTER_NOW,
      lastChangedAt: WINTER_NOW,
      creator: { organisation: { type: 5, code: '4' }, system: '5-4' },
    });
    expect(booking?.creator.metadata).toMatchObject({ userType: 1, userIdentifier: '0303575003' });
    expect(store.bookings.history('b0000000-0000-4000-8000-000000000003')).toEqual([
      {
        time: WINTER_NOW,
        change: 'Created',
        activeOrganisation: { type: 5, code: '4' },
        requestUserMetadata: booking?.creator.metadata,
        referenceId: 'fixture',
      },
    ]);
  });

  it('When the fixtures are loaded, then every fixture booking is stored for its citizen', () => {
    loadAt(WINTER_NOW);
    const ids = readFixtures(FIXTURES_DIR).bookings.map((b) => b.id);
    expect(ids.filter((id) => store.bookings.find(id) === undefined)).toEqual([]);
    expect(store.bookings.listByCpr('0505575005').map((b) => b.interviewType)).toEqual([6, 7]);
  });

  it('When a fixture booking id is written in upper case, then it is stored in lower case, with its history', () => {
    const fixtures = readFixtures(FIXTURES_DIR);
    const upper = fixtures.bookings.map((b) => ({ ...b, id: b.id.toUpperCase() }));
    loadFixtures(store, { ...fixtures, bookings: upper }, WINTER_NOW);
    const stored = store.db
      .prepare<[], { id: string }>('SELECT id FROM bookings ORDER BY id')
      .all()
      .map((r) => r.id);
    expect(stored).toEqual(fixtures.bookings.map((b) => b.id.toLowerCase()).sort());
    for (const id of stored) expect(store.bookings.history(id)).toHaveLength(1);
    expect(store.db.pragma('foreign_key_check')).toEqual([]);
  });
});
