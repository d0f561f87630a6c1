import type Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { applyMigrations } from './migrate';
import { openSqliteFile } from './sqlite-driver';

export type Db = Database.Database;
export type SyncMode = 'normal' | 'full';

/** How long a write waits for another process holding the database's write lock. */
export const BUSY_TIMEOUT_MS = 5000;

/**
 * Opens the store: WAL so readers never wait for the writer, synchronous=NORMAL by default (a
 * committed booking survives a killed process; FULL also survives power loss), a busy timeout so a
 * second process on the same file waits instead of failing, foreign keys on; migrations applied.
 */
export const openDatabase = (path: string, sync: SyncMode = 'normal'): Db => {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = openSqliteFile(path);
  // The busy timeout first: another process may hold the file while this one switches to WAL.
  db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${sync === 'full' ? 'FULL' : 'NORMAL'}`);
  db.pragma('foreign_keys = ON');
  applyMigrations(db);
  return db;
};
