/**
 * Migration 0012 and the x-requestIds it keeps (REQ-REQUESTID): recorded with their time and call,
 * recorded again from a later call, and forgotten by a reset as every table is.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore, type Store } from '../../../src/store/store';

let dir: string;
let store: Store;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'dfdg-unit-request-ids-'));
  store = openStore(join(dir, 'dfdg.sqlite'));
});
afterEach(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

const FIRST = new Date('2026-03-02T09:00:00.000Z');

it('When an x-requestId is recorded, then it is found with its time and call; an unseen one is not', () => {
  store.restRequestIds.record('7c9e6679-7425-40de-944b-e07fc1f90ae7', FIRST, 'ref-1');
  expect(store.restRequestIds.find('7c9e6679-7425-40de-944b-e07fc1f90ae7')).toEqual({
    at: FIRST,
    referenceId: 'ref-1',
  });
  expect(store.restRequestIds.find('never-sent')).toBeNull();
});

it('When an x-requestId is recorded again, then the later time and call replace the first', () => {
  const later = new Date('2026-03-10T09:00:00.000Z');
  store.restRequestIds.record('id-1', FIRST, 'ref-1');
  store.restRequestIds.record('id-1', later, 'ref-2');
  expect(store.restRequestIds.find('id-1')).toEqual({ at: later, referenceId: 'ref-2' });
});

it('When the store is reset, then the recorded x-requestIds are forgotten', () => {
  store.restRequestIds.record('id-1', FIRST, 'ref-1');
  store.reset();
  expect(store.restRequestIds.find('id-1')).toBeNull();
});

it('When the store is opened, then the REST-only booking columns, the participants and the system type exist', () => {
  const columns = (table: string): string[] =>
    store.db
      .prepare<[string], { name: string }>('SELECT name FROM pragma_table_info(?)')
      .all(table)
      .map((c) => c.name);
  expect(columns('bookings')).toEqual(
    expect.arrayContaining(['group_meeting_id', 'duration_minutes', 'source_system_type']),
  );
  expect(columns('myndighedsdeltagere')).toEqual(
    expect.arrayContaining(['id', 'booking_id', 'navn', 'kontaktdetaljer', 'telefonnummer', 'email']),
  );
  expect(columns('booking_history')).toContain('snapshot');
  expect(columns('certificates')).toContain('system_type');
});
