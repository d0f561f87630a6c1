/**
 * Writes the database file a release leaves behind, for the upgrade test (test/fixtures/databases/):
 * starts this checkout's emulator on an empty file with the clock frozen, writes the world of
 * test/helpers/release-database.ts through its SOAP endpoint, stops it, and copies the file compacted
 * (VACUUM INTO, no WAL beside it).
 *
 *   npx tsc -p scripts/tsconfig.release-database.json
 *   node dist/scripts/make-release-database.js test/fixtures/databases/<name>.sqlite
 */
import Database from 'better-sqlite3';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ensureDevCertificates } from '../src/pki/dev-certificates';
import { startTestEmulator } from '../test/helpers/emulator';
import { RELEASE_WORLD_NOW, writeReleaseWorld } from '../test/helpers/release-database';
import { FIXTURE_CERTIFICATE_NAMES, TEST_CERT_DIR_ENV } from '../test/helpers/test-certificates';

const main = async (out: string | undefined): Promise<void> => {
  if (!out) throw new Error('usage: make-release-database <file.sqlite>');
  const target = resolve(out);
  if (existsSync(target)) throw new Error(`${target} exists: a release's file is not overwritten`);
  const work = mkdtempSync(join(tmpdir(), 'dfdg-release-database-'));
  try {
    ensureDevCertificates(join(work, 'certs'), FIXTURE_CERTIFICATE_NAMES);
    process.env[TEST_CERT_DIR_ENV] = join(work, 'certs');
    const emulator = await startTestEmulator({
      dbPath: join(work, 'dfdg.sqlite'),
      clockStart: RELEASE_WORLD_NOW,
      clockFrozen: true,
    });
    try {
      await writeReleaseWorld(emulator.soapUrl);
    } finally {
      await emulator.stop();
    }
    const db = new Database(join(work, 'dfdg.sqlite'));
    try {
      db.prepare('VACUUM INTO ?').run(target);
    } finally {
      db.close();
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
};

main(process.argv[2]).catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
