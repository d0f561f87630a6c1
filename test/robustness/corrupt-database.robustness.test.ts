/**
 * Issue 12, item 4: a damaged database file. A real file, written by the emulator through SOAP
 * calls, whose `bookings` b-tree pages (found with SQLite's dbstat) are overwritten with garbage, as
 * a disk error or a copy taken mid-write leaves them. It started and reported healthy, then every
 * booking call answered 1011; now start refuses a small one with one clear line and exit 1, and a
 * large one (too large to read whole before serving: issue 16) is checked once the server listens,
 * reported through /admin/health and the log, and every SOAP call is refused saying so.
 */
import Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import { closeSync, openSync, writeSync } from 'node:fs';
import type { Logger } from '../../src/transport/logger';
import { adminClient } from '../helpers/admin-client';
import { callSoap, getBookingsBody } from '../helpers/dfdg-calls';
import { startTestEmulator } from '../helpers/emulator';
import { caseworker, dfdgHeaders } from '../helpers/envelope';
import { faultOf } from '../helpers/soap-request';
import { ORG } from '../helpers/scenario-dfdg';
import { testCertDir } from '../helpers/test-certificates';
import { emptyStats, runCreateLoad } from './support/booking-load';
import { builtServerMain, freePort, runFailingStart } from './support/server-process';

jest.setTimeout(120_000);

beforeAll(() => {
  builtServerMain();
});

/** A database file the emulator wrote, with `bookings` bookings in it, closed (its WAL checkpointed). */
const writtenDatabase = async (bookings: number): Promise<string> => {
  const emulator = await startTestEmulator();
  const stats = emptyStats();
  await runCreateLoad({
    soapUrl: emulator.soapUrl,
    workers: 2,
    shouldStop: () => stats.acknowledged >= bookings || stats.broken.length > 0,
    onAcknowledged: () => undefined,
    stats,
  });
  await emulator.stop();
  expect(stats.broken).toEqual([]);
  return emulator.dbPath;
};

/** Overwrites every page of a table's b-tree with random bytes; returns how many pages. */
const damageTable = (dbPath: string, table: string): number => {
  const db = new Database(dbPath, { readonly: true });
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  const pages = db
    .prepare<[string], { pageno: number }>('SELECT pageno FROM dbstat WHERE name = ?')
    .all(table)
    .map((r) => r.pageno);
  db.close();
  const fd = openSync(dbPath, 'r+');
  try {
    for (const page of pages) writeSync(fd, randomBytes(pageSize), 0, pageSize, (page - 1) * pageSize);
  } finally {
    closeSync(fd);
  }
  return pages.length;
};

/** `start` on the database file, on free ports, with the test certificates. */
const startArgs = async (dbPath: string): Promise<string[]> => [
  ...['--host', '127.0.0.1', '--port', '0', '--admin-port', String(await freePort())],
  ...['--db', dbPath, '--cert-dir', testCertDir()],
];

it('When the bookings table of the database file is damaged, then start refuses it with one line naming the file and exit 1', async () => {
  const dbPath = await writtenDatabase(60);
  expect(damageTable(dbPath, 'bookings')).toBeGreaterThan(1);
  const { code, stderr, listened } = await runFailingStart(await startArgs(dbPath));
  expect(listened).toBe(false);
  expect(code).toBe(1);
  const lines = stderr.trim().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^dfdg-emulator: the database file .* is damaged \(PRAGMA quick_check: .+\): /);
  expect(lines[0]).toContain(dbPath);
});

it('When the database file is whole, then start serves it (the check refuses only damage)', async () => {
  const dbPath = await writtenDatabase(5);
  const { listened } = await runFailingStart(await startArgs(dbPath));
  expect(listened).toBe(true);
});

/**
 * Makes the file larger than the start checks whole (32 MiB, src/store/db.ts): 40 MiB of random
 * bytes in a table beside the emulator's.
 */
const growBeyondStartCheck = (dbPath: string): void => {
  const db = new Database(dbPath);
  const chunk = 1024 * 1024;
  db.exec('CREATE TABLE ballast (b BLOB)');
  const insert = db.prepare('INSERT INTO ballast (b) VALUES (randomblob(?))');
  db.transaction(() => {
    for (let i = 0; i < 40; i++) insert.run(chunk);
  })();
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
};

it('When a database file too large to check before serving is damaged, then it is found once the server listens: /admin/health and the log say so, and every SOAP call is refused with 1011 naming the damage', async () => {
  const dbPath = await writtenDatabase(60);
  growBeyondStartCheck(dbPath);
  expect(damageTable(dbPath, 'bookings')).toBeGreaterThan(1);
  const errors: string[] = [];
  const logger: Logger = { info: () => undefined, error: (message) => errors.push(message) };
  const emulator = await startTestEmulator({ dbPath }, logger);
  try {
    const admin = adminClient(emulator.adminUrl);
    let health = (await admin.get<{ status: string; reason?: string }>('/admin/health')).body;
    for (let i = 0; i < 200 && health.status === 'ok'; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      health = (await admin.get<{ status: string; reason?: string }>('/admin/health')).body;
    }
    expect(health.status).toBe('degraded');
    expect(health.reason).toMatch(/^the database file .* is damaged \(PRAGMA quick_check: .+\)/);
    expect(errors.filter((e) => e.includes('is damaged (PRAGMA quick_check'))).toHaveLength(1);
    const refused = await callSoap(emulator.soapUrl, {
      operation: 'GetBookings',
      body: getBookingsBody('0101575001'),
      headers: dfdgHeaders(ORG.jobcenterAarhus, caseworker(ORG.jobcenterAarhus)),
    });
    expect(faultOf(refused)).toMatchObject({ errorCode: 1011, source: 'INTERNAL' });
    expect(refused.body).toContain('is damaged (PRAGMA quick_check');
  } finally {
    await emulator.stop();
  }
});
