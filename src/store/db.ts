import type Database from 'better-sqlite3';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { StartupError } from '../startup-error';
import { applyMigrations } from './migrate';
import { openSqliteFile } from './sqlite-driver';

export type Db = Database.Database;
export type SyncMode = 'normal' | 'full';

/** How long a write waits for another process holding the database's write lock. */
export const BUSY_TIMEOUT_MS = 5000;

/**
 * The largest file whose integrity is checked before the start goes on: PRAGMA quick_check reads
 * every page, about 3.3 ms per MB (0.85 s for 100,000 bookings, 4.9 s for 1M on the benchmark
 * machine), so up to here it costs at most about 0.1 s. A larger file is checked after the server
 * listens, off the request path (integrity-check.ts), and damage found then is reported and refused.
 */
export const START_CHECK_LIMIT_BYTES = 32 * 1024 * 1024;

/** Whether openDatabase checks this file itself (small or new), or leaves it to the background check. */
export const checkedAtOpen = (path: string): boolean =>
  path === ':memory:' || !existsSync(path) || statSync(path).size <= START_CHECK_LIMIT_BYTES;

/**
 * Opens the store: WAL so readers never wait for the writer, synchronous=NORMAL by default (a
 * committed booking survives a killed process; FULL also survives power loss), a busy timeout so a
 * second process on the same file waits instead of failing, foreign keys on; a small file checked
 * for damage; migrations applied.
 */
export const openDatabase = (path: string, sync: SyncMode = 'normal'): Db => {
  const checkNow = checkedAtOpen(path);
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = openSqliteFile(path);
  // The busy timeout first: another process may hold the file while this one switches to WAL.
  db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${sync === 'full' ? 'FULL' : 'NORMAL'}`);
  db.pragma('foreign_keys = ON');
  if (checkNow) refuseDamaged(db, path);
  applyMigrations(db);
  return db;
};

/** How many of quick_check's findings the message quotes: enough to see what is damaged. */
export const QUICK_CHECK_LINES = 3;

/** What a damaged file is told as, at start or once the background check has found it. */
export const damagedFileMessage = (path: string, findings: readonly string[]): string =>
  `the database file ${path} is damaged (PRAGMA quick_check: ${findings.join('; ')}): restore it from a copy, or move it away to start with an empty one (or choose another file with --db or DFDG_DB)`;

/**
 * A damaged file (a disk error, a copy taken mid-write) started and reported healthy, then every
 * call touching the damaged table answered 1011: a small one is refused at start instead.
 * quick_check reads every page and checks the b-trees, without integrity_check's slower
 * index-to-table comparison: its time grows with the file (START_CHECK_LIMIT_BYTES).
 */
const refuseDamaged = (db: Db, path: string): void => {
  if (path === ':memory:') return;
  let findings: string[];
  try {
    findings = (db.pragma(`quick_check(${QUICK_CHECK_LINES})`) as { quick_check: string }[]).map((row) =>
      row.quick_check.replace(/\s+/g, ' '),
    );
  } catch (error) {
    findings = [error instanceof Error ? error.message : String(error)];
  }
  if (findings.length === 1 && findings[0] === 'ok') return;
  db.close();
  throw new StartupError(damagedFileMessage(path, findings));
};
