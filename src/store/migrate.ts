import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../project-root';
import type { Db } from './db';

const MIGRATIONS_DIR = join(PROJECT_ROOT, 'src', 'store', 'migrations');
const FILE = /^(\d{4})-[\w-]+\.sql$/;

/**
 * Applies the numbered migrations not yet applied, in order, in one write transaction taken before
 * reading what is applied: two processes starting on a new database file do not both migrate it.
 */
export const applyMigrations = (db: Db, dir = MIGRATIONS_DIR): number[] => {
  db.exec(
    'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)',
  );
  const files = readdirSync(dir)
    .map((name) => ({ name, version: Number(FILE.exec(name)?.[1] ?? NaN) }))
    .filter((f) => !Number.isNaN(f.version))
    .sort((a, b) => a.version - b.version);
  const applyPending = db.transaction((): number[] => {
    const applied = new Set(
      db
        .prepare<[], { version: number }>('SELECT version FROM schema_migrations')
        .all()
        .map((r) => r.version),
    );
    const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
    const pending = files.filter((f) => !applied.has(f.version));
    for (const { name, version } of pending) {
      db.exec(readFileSync(join(dir, name), 'utf8'));
      record.run(version, name, new Date().toISOString());
    }
    return pending.map((p) => p.version);
  });
  return applyPending.immediate();
};
