import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../project-root';
import type { Db } from './db';

const MIGRATIONS_DIR = join(PROJECT_ROOT, 'src', 'store', 'migrations');
const FILE = /^(\d{4})-[\w-]+\.sql$/;

/** Applies the numbered migrations not yet applied, each in its own transaction, in order. */
export const applyMigrations = (db: Db, dir = MIGRATIONS_DIR): number[] => {
  db.exec(
    'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)',
  );
  const applied = new Set(
    db
      .prepare<[], { version: number }>('SELECT version FROM schema_migrations')
      .all()
      .map((r) => r.version),
  );
  const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
  const pending = readdirSync(dir)
    .map((name) => ({ name, match: FILE.exec(name) }))
    .filter((f) => f.match && !applied.has(Number(f.match[1])))
    .sort((a, b) => a.name.localeCompare(b.name));
  for (const { name, match } of pending) {
    db.transaction(() => {
      db.exec(readFileSync(join(dir, name), 'utf8'));
      record.run(Number(match?.[1]), name, new Date().toISOString());
    })();
  }
  return pending.map((p) => Number(p.match?.[1]));
};
