import Database from 'better-sqlite3';
import { copyFileSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../src/project-root';
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
