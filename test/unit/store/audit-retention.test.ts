import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startAuditPruner } from '../../../src/store/audit-pruner';
import { openStore, type Store } from '../../../src/store/store';
import { buildAuditEntry, waitUntil } from '../../helpers/builders';

let store: Store;
beforeEach(() => {
  store = openStore(join(mkdtempSync(join(tmpdir(), 'dfdg-audit-')), 'dfdg.sqlite'));
});
afterEach(() => store.close());

const call = buildAuditEntry;

describe('audit retention', () => {
  it('When the log holds more calls than the retention limit, then the oldest go, with their CPR rows', () => {
    for (let n = 1; n <= 10; n++) store.audit.record(call(n));
    expect(store.audit.prune(4)).toBe(6);
    expect(store.audit.list().map((e) => e.referenceId)).toEqual(
      [10, 9, 8, 7].map((n) => call(n).referenceId),
    );
    const cprRows = store.db.prepare<[], { n: number }>('SELECT count(*) AS n FROM audit_cprs').get();
    expect(cprRows?.n).toBe(4);
  });

  it('When the backlog is larger than a batch, then each call drops one batch of the oldest', () => {
    for (let n = 1; n <= 10; n++) store.audit.record(call(n));
    expect(store.audit.prune(2, 3)).toBe(3);
    expect(store.audit.prune(2, 3)).toBe(3);
    expect(store.audit.prune(2, 3)).toBe(2);
    expect(store.audit.prune(2, 3)).toBe(0);
    expect(store.audit.list().map((e) => e.referenceId)).toEqual([10, 9].map((n) => call(n).referenceId));
  });

  it('When audit rows are pruned, then the cascade to their CPR rows uses an index, not a scan', () => {
    const plan = store.db
      .prepare<[], { detail: string }>("EXPLAIN QUERY PLAN DELETE FROM audit_cprs WHERE reference_id = 'x'")
      .all()
      .map((r) => r.detail)
      .join(' ');
    expect(plan).toMatch(/^SEARCH audit_cprs USING (COVERING )?INDEX/);
  });

  it('When the log is within the limit, or the limit is 0 (none), then nothing goes', () => {
    for (let n = 1; n <= 3; n++) store.audit.record(call(n));
    expect(store.audit.prune(3)).toBe(0);
    expect(store.audit.prune(0)).toBe(0);
    expect(store.audit.list()).toHaveLength(3);
  });
});

describe('audit pruner', () => {
  const count = (): number =>
    store.db.prepare<[], { n: number }>('SELECT count(*) AS n FROM audit_log').get()?.n ?? 0;

  it('When the log is over the limit at start, then nothing is deleted before the first requests, and then the backlog goes batch by batch', async () => {
    for (let n = 1; n <= 12; n++) store.audit.record(call(n));
    const batches: number[] = [];
    const prune = store.audit.prune.bind(store.audit);
    store.audit.prune = (maxRows, batch) => {
      const deleted = prune(maxRows, batch);
      batches.push(deleted);
      return deleted;
    };
    const pruner = startAuditPruner(store, {
      retention: 4,
      batch: 3,
      gapMs: 0,
      firstAfterMs: 30,
      onError: () => undefined,
    });
    expect(count()).toBe(12);
    await waitUntil(() => count() === 4);
    pruner.stop();
    expect(batches.slice(0, 3)).toEqual([3, 3, 2]);
    expect(store.audit.list().map((e) => e.referenceId)).toEqual(
      [12, 11, 10, 9].map((n) => call(n).referenceId),
    );
  });

  it('When the retention is 0, then the log is never pruned', async () => {
    for (let n = 1; n <= 5; n++) store.audit.record(call(n));
    const pruner = startAuditPruner(store, { retention: 0, firstAfterMs: 0, onError: () => undefined });
    await new Promise((r) => setTimeout(r, 30));
    pruner.stop();
    expect(count()).toBe(5);
  });
});
