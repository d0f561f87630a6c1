import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startCheckpointer, type Checkpointer } from '../../../src/store/checkpointer';
import { openStore, type Store } from '../../../src/store/store';

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

const call = (n: number) => ({
  referenceId: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
  time: new Date(Date.UTC(2026, 0, 1, 0, 0, n)),
  service: 'BookingService',
  operation: 'GetBookings',
  certificate: null,
  activeOrganisation: null,
  requestUserMetadata: null,
  cprs: ['0101575001'],
  outcome: 'ok',
  ruleId: null,
  detail: null,
});

const until = async (done: () => boolean, timeoutMs = 5000): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
};

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
    await until(() => running.stats().framesCheckpointed > 0);
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
