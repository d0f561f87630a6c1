/**
 * Migration 0011: every certificate registration says where it came from. A registration made
 * before it (by the API, the CLI or the fixtures, unknown which) counts as the API's, organisations
 * and all; the fixtures' own are marked again as theirs when they are next registered.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore, type Store } from '../../../src/store/store';
import { ORG } from '../../helpers/builders';
import { legacyDatabase } from '../../helpers/legacy-database';

const REGISTERED = '2026-01-15T10:00:00.000Z';
let dir: string;
let store: Store;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'dfdg-unit-cert-origin-'));
  const path = join(dir, 'dfdg.sqlite');
  legacyDatabase(path, 8, (db) => {
    const insert = db.prepare(
      'INSERT INTO certificates (fingerprint, name, subject, registered_at) VALUES (?, ?, ?, ?)',
    );
    const org = db.prepare(
      'INSERT INTO certificate_organisations (fingerprint, type, code) VALUES (?, ?, ?)',
    );
    insert.run('AA:01', 'vendor-ci', 'CN=vendor-ci', REGISTERED);
    org.run('AA:01', 8, '75100');
    insert.run('AA:02', '8-75100', 'CN=8-75100', REGISTERED);
    org.run('AA:02', 8, '75100');
  });
  store = openStore(path);
});
afterAll(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

it("When a database of before migration 0011 is opened, then its registrations are kept, each counted as the API's", () => {
  expect(store.certificates.list()).toEqual([
    expect.objectContaining({
      fingerprint: 'AA:02',
      name: '8-75100',
      origin: 'api',
      organisations: [ORG.jobcenterAarhus],
    }),
    expect.objectContaining({
      fingerprint: 'AA:01',
      name: 'vendor-ci',
      origin: 'api',
      registeredAt: new Date(REGISTERED),
      organisations: [ORG.jobcenterAarhus],
    }),
  ]);
});

it("When a fixture registers its certificate again, then it is the fixtures' from then on", () => {
  store.certificates.register(
    { fingerprint: 'AA:02', name: '8-75100', subject: 'CN=8-75100', organisations: [ORG.jobcenterAarhus] },
    new Date(),
    'fixtures',
  );
  expect(store.certificates.findByName('8-75100').map((c) => c.origin)).toEqual(['fixtures']);
});
