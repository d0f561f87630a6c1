import Database from 'better-sqlite3';
import { copyFileSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../src/project-root';
import type { Booking, BookingHistoryEntry } from '../../src/domain/booking';
import { bookingRowOf } from '../../src/store/booking.repository';
import type { Db } from '../../src/store/db';
import { applyMigrations } from '../../src/store/migrate';

const MIGRATIONS = join(PROJECT_ROOT, 'src', 'store', 'migrations');

/**
 * A database file as an older emulator left it: only the migrations up to `lastVersion` applied,
 * then filled by `fill` (with the repositories over `db`, which write what they are given). Closed
 * when done, for a store or an emulator to open and migrate.
 */
export const legacyDatabase = (path: string, lastVersion: number, fill: (db: Db) => void): void => {
  const dir = mkdtempSync(join(tmpdir(), 'dfdg-legacy-migrations-'));
  try {
    for (const name of readdirSync(MIGRATIONS)) {
      if (Number(name.slice(0, 4)) <= lastVersion) copyFileSync(join(MIGRATIONS, name), join(dir, name));
    }
    const db = new Database(path);
    try {
      db.pragma('journal_mode = WAL');
      db.pragma('foreign_keys = ON');
      applyMigrations(db, dir);
      fill(db);
    } finally {
      db.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
};

/**
 * Inserts a booking as an older schema holds it: the columns that schema has, as this release
 * writes them (the repository itself writes every column of the current schema).
 */
export const insertLegacyBooking = (db: Db, booking: Booking): void => {
  const columns = new Set(
    db
      .prepare<[], { name: string }>("SELECT name FROM pragma_table_info('bookings')")
      .all()
      .map((c) => c.name),
  );
  const row = Object.fromEntries(Object.entries(bookingRowOf(booking)).filter(([c]) => columns.has(c)));
  const names = Object.keys(row);
  db.prepare(
    `INSERT INTO bookings (${names.join(', ')}) VALUES (${names.map((n) => `@${n}`).join(', ')})`,
  ).run(row);
};

/** Appends a history row as every schema since the first holds it. */
export const appendLegacyHistory = (db: Db, bookingId: string, entry: BookingHistoryEntry): void => {
  db.prepare(
    'INSERT INTO booking_history (booking_id, time, change, org_type, org_code, metadata, reference_id) VALUES (?, ?, ?, ?, ?, ?, ?)',
  ).run(
    bookingId,
    entry.time.toISOString(),
    entry.change,
    entry.activeOrganisation.type,
    entry.activeOrganisation.code,
    JSON.stringify(entry.requestUserMetadata),
    entry.referenceId,
  );
};
