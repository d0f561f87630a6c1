import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startCheckpointer, type Checkpointer } from '../../../src/store/checkpointer';
import { openStore, type Store } from '../../../src/store/store';
import { buildAuditEntry, waitUntil } from '../../helpers/builders';

let store: Store;
let path: string;
let checkpointer: Checkpointer | null = null;
beforeEach(() => {
  path = join(mkdtempSync(join(tmpdir(), 'dfdg-checkpoint-')), 'dfdg.sqlite');
  store = openStore(path);
});
afterEach(async () => {
  await checkpointer?.stop();
  checkpointer = null;
  store.close();
});

const call = buildAuditEntry;

describe('WAL checkpoints off the request path', () => {
  it('When the checkpointer runs, then the request connection no longer checkpoints every 1,000 frames', () => {
    expect(store.db.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    checkpointer = startCheckpointer(store.db, path, 'normal', 20);
    expect(store.db.pragma('wal_autocheckpoint', { simple: true })).toBe(10_000);
  });

  it('When calls are committed, then the worker copies their WAL frames into the database file', async () => {
    checkpointer = startCheckpointer(store.db, path, 'normal', 20);
    for (let n = 1; n <= 200; n++) store.transaction(() => store.audit.record(call(n)));
    const running = checkpointer;
    if (!running) throw new Error('no checkpointer for a file database');
    await waitUntil(() => running.stats().framesCheckpointed > 0);
    // 200 small commits stay far below the request connection's own threshold: the worker did it.
    expect(running.stats().lastError).toBeNull();
    expect(running.stats().runs).toBeGreaterThan(0);
  });

  it('When the store is in memory, then there is nothing to checkpoint and no worker', () => {
    const memory = openStore(':memory:');
    expect(startCheckpointer(memory.db, ':memory:', 'normal')).toBeNull();
    memory.close();
  });
});
