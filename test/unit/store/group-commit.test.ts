import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GroupCommit } from '../../../src/store/group-commit';
import { openStore, type Store } from '../../../src/store/store';
import { buildAuditEntry, waitUntil } from '../../helpers/builders';

let store: Store;
let other: Store;
let path: string;
const reported: unknown[] = [];
beforeEach(() => {
  path = join(mkdtempSync(join(tmpdir(), 'dfdg-group-')), 'dfdg.sqlite');
  store = openStore(path, 'normal', (error) => reported.push(error));
  other = openStore(path);
  reported.length = 0;
});
afterEach(() => {
  store.close();
  other.close();
});

const call = buildAuditEntry;

/** What another connection (another process) sees: only what is committed. */
const committedCalls = (): string[] => other.audit.list({ limit: 100 }).map((e) => e.referenceId);
const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** Runs calls in the group and notes which were answered as committed and which as failed. */
const track = () => {
  const committed: string[] = [];
  const failed: string[] = [];
  const run = (n: number, work: () => void): void =>
    store.group.run(
      work,
      () => committed.push(call(n).referenceId),
      () => failed.push(call(n).referenceId),
    );
  return { committed, failed, run };
};

describe('GroupCommit', () => {
  it('When calls are handled in one turn, then none is answered before their shared commit, and all are committed when they are', async () => {
    const t = track();
    for (const n of [1, 2, 3]) t.run(n, () => store.audit.record(call(n)));
    expect(t.committed).toEqual([]);
    expect(committedCalls()).toEqual([]);
    await nextTurn();
    expect(t.committed).toEqual([1, 2, 3].map((n) => call(n).referenceId));
    expect(committedCalls().sort()).toEqual([1, 2, 3].map((n) => call(n).referenceId));
  });

  it('When a call fails, then it is told at once, its writes are undone, and the others are committed', async () => {
    const t = track();
    t.run(1, () => store.audit.record(call(1)));
    t.run(2, () => {
      store.audit.record(call(2));
      throw new Error('rule refused');
    });
    t.run(3, () => store.audit.record(call(3)));
    expect(t.failed).toEqual([call(2).referenceId]);
    await nextTurn();
    expect(t.committed).toEqual([call(1).referenceId, call(3).referenceId]);
    expect(committedCalls().sort()).toEqual([call(1).referenceId, call(3).referenceId]);
  });

  it('When a later call of the group reads, then it sees what the earlier ones wrote', async () => {
    const t = track();
    let seen: string | undefined;
    t.run(1, () => store.audit.record(call(1)));
    t.run(2, () => {
      seen = store.audit.find(call(1).referenceId)?.referenceId;
    });
    expect(seen).toBe(call(1).referenceId);
    await nextTurn();
  });

  it('When the commit fails, then every call of the group is told it failed and nothing is kept', async () => {
    const t = track();
    t.run(1, () => store.audit.record(call(1)));
    t.run(2, () => {
      // A foreign key checked at COMMIT: the whole group's commit fails.
      store.db.pragma('defer_foreign_keys = ON');
      store.db
        .prepare("INSERT INTO audit_cprs (reference_id, cpr) VALUES ('no-such-call', '0101575001')")
        .run();
    });
    await nextTurn();
    expect(t.committed).toEqual([]);
    expect(t.failed).toEqual([call(1).referenceId, call(2).referenceId]);
    expect(committedCalls()).toEqual([]);
    // The next group starts clean.
    t.run(3, () => store.audit.record(call(3)));
    await nextTurn();
    expect(committedCalls()).toEqual([call(3).referenceId]);
  });

  it('When the disk fills up mid-group, then every call of the group fails with SQLITE_FULL, and health says so until a call commits', async () => {
    const failures: unknown[] = [];
    const committed: number[] = [];
    const run = (n: number): void =>
      store.group.run(
        () => store.audit.record({ ...call(n), detail: 'x'.repeat(3000) }),
        () => committed.push(n),
        (error) => failures.push(error),
      );
    store.db.pragma(`max_page_count = ${String(store.db.pragma('page_count', { simple: true }))}`);
    for (let n = 1; n <= 20 && failures.length === 0; n++) run(n);
    await nextTurn();
    expect(committed).toEqual([]);
    expect(failures.length).toBeGreaterThan(1);
    expect(failures.map((e) => (e as { code?: string }).code)).toEqual(failures.map(() => 'SQLITE_FULL'));
    expect(store.health.report().status).toBe('degraded');
    store.db.pragma('max_page_count = 4294967294');
    run(99);
    await nextTurn();
    expect(committed).toEqual([99]);
    expect(store.health.report()).toEqual({ status: 'ok' });
  });

  it('When a transaction of its own is asked for, then the open group is committed first', () => {
    const t = track();
    t.run(1, () => store.audit.record(call(1)));
    store.transaction(() => store.audit.record(call(2)));
    expect(t.committed).toEqual([call(1).referenceId]);
    expect(committedCalls().sort()).toEqual([call(1).referenceId, call(2).referenceId]);
  });

  it("When a caller's own callback throws, then it is reported and the other calls are still answered", async () => {
    store.group.run(
      () => undefined,
      () => {
        throw new Error('socket gone');
      },
      () => undefined,
    );
    const t = track();
    t.run(2, () => store.audit.record(call(2)));
    await nextTurn();
    expect(t.committed).toEqual([call(2).referenceId]);
    expect(reported).toHaveLength(1);
  });

  it('When the report of a thrown callback throws too, then nothing escapes the commit and the other calls are still answered', async () => {
    const group = new GroupCommit(store.db, () => {
      throw new Error('the log cannot be written');
    });
    const committed: number[] = [];
    group.run(
      () => undefined,
      () => {
        throw new Error('socket gone');
      },
      () => undefined,
    );
    group.run(
      () => store.audit.record(call(2)),
      () => committed.push(2),
      () => undefined,
    );
    await nextTurn();
    expect(committed).toEqual([2]);
    expect(committedCalls()).toEqual([call(2).referenceId]);
  });

  it('When another process holds the write lock, then the calls wait without blocking, in order, and run once it is released', async () => {
    other.db.exec('BEGIN IMMEDIATE');
    const t = track();
    const ran: number[] = [];
    for (const n of [1, 2]) t.run(n, () => (ran.push(n), store.audit.record(call(n))));
    await new Promise((resolve) => setTimeout(resolve, 30));
    // The event loop ran (the timer fired) while the lock was held; nothing ran or failed.
    expect(ran).toEqual([]);
    expect(t.failed).toEqual([]);
    other.db.exec('COMMIT');
    await waitUntil(() => t.committed.length === 2);
    expect(ran).toEqual([1, 2]);
    expect(committedCalls().sort()).toEqual([call(1).referenceId, call(2).referenceId]);
  });

  it('When the lock is held longer than the wait limit, then the waiting calls fail', async () => {
    const patient = new GroupCommit(store.db, (error) => reported.push(error), 40);
    other.db.exec('BEGIN IMMEDIATE');
    const failed: unknown[] = [];
    patient.run(
      () => store.audit.record(call(1)),
      () => undefined,
      (error) => failed.push(error),
    );
    await waitUntil(() => failed.length === 1);
    other.db.exec('ROLLBACK');
    expect(String(failed[0])).toContain('locked');
  });
});
