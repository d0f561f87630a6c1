import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { loadFixtures, readFixtures } from '../../../src/store/fixtures';
import { deletionOrder } from '../../../src/store/reset';
import { openStore, type Store } from '../../../src/store/store';

const FIXTURES_DIR = resolve(__dirname, '../../../fixtures');

let dir: string;
let store: Store;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'dfdg-unit-reset-'));
  store = openStore(join(dir, 'dfdg.sqlite'));
});
afterEach(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

const tables = (): string[] =>
  store.db
    .prepare<[], { name: string }>(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
    )
    .all()
    .map((r) => r.name);
const count = (table: string): number =>
  store.db.prepare<[], { n: number }>(`SELECT count(*) AS n FROM "${table}"`).get()?.n ?? -1;

describe('store.reset', () => {
  it('When the store is reset, then every table is empty but schema_migrations, which keeps its rows', () => {
    loadFixtures(store, readFixtures(FIXTURES_DIR), new Date('2026-03-02T09:00:00Z'));
    const migrations = count('schema_migrations');
    expect(count('bookings')).toBeGreaterThan(0);

    store.reset();

    expect(Object.fromEntries(tables().map((t) => [t, count(t)]))).toEqual(
      Object.fromEntries(tables().map((t) => [t, t === 'schema_migrations' ? migrations : 0])),
    );
  });

  it('When a reset store is loaded again, then it holds what a new one holds, numbered from 1 again', () => {
    const fixtures = readFixtures(FIXTURES_DIR);
    const now = new Date('2026-03-02T09:00:00Z');
    loadFixtures(store, fixtures, now);
    const historyIds = store.db
      .prepare<[], { id: number }>('SELECT id FROM booking_history ORDER BY id')
      .all();
    store.reset();
    loadFixtures(store, fixtures, now);
    expect(store.db.prepare<[], { id: number }>('SELECT id FROM booking_history ORDER BY id').all()).toEqual(
      historyIds,
    );
  });

  it('When the deletion order is worked out, then each table comes before every table it references', () => {
    const order = deletionOrder(store.db);
    expect([...order].sort()).toEqual(tables().filter((t) => t !== 'schema_migrations'));
    for (const table of order) {
      const parents = store.db
        .prepare<[string], { table: string }>('SELECT "table" FROM pragma_foreign_key_list(?)')
        .all(table)
        .map((fk) => fk.table);
      for (const parent of parents) expect(order.indexOf(table)).toBeLessThan(order.indexOf(parent));
    }
  });
});
