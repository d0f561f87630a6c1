import { Worker } from 'node:worker_threads';
import type { Db, SyncMode } from './db';

/** What the checkpointer has done so far. */
export interface CheckpointStats {
  /** Checkpoints run by the worker. */
  readonly runs: number;
  /** WAL frames copied into the database file, in all runs. */
  readonly framesCheckpointed: number;
  /** The last error the worker met, if any (it keeps trying). */
  readonly lastError: string | null;
}

export interface Checkpointer {
  stats(): CheckpointStats;
  /** Stops the worker and closes its connection; resolves when it has exited. */
  stop(): Promise<void>;
}

/**
 * The request path's own connection only checkpoints as a safety net, when the WAL has grown this
 * far (the worker did not keep up, or could not restart the log under a steady stream of writes).
 * The worker has copied most frames by then, so that checkpoint is short.
 */
const SAFETY_NET_FRAMES = 10_000;

/**
 * The worker's program, as plain CommonJS so it runs the same from the compiled build and from the
 * TypeScript sources under test. It opens its own connection and checkpoints PASSIVE on a timer:
 * PASSIVE never waits for the writer, and copies what is committed when it starts.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.path);
db.pragma('busy_timeout = 1000');
db.pragma('synchronous = ' + workerData.synchronous);
let runs = 0, frames = 0, lastError = null;
const checkpoint = () => {
  try {
    const [row] = db.pragma('wal_checkpoint(PASSIVE)');
    runs += 1;
    frames += Math.max(0, row.checkpointed);
    lastError = null;
  } catch (error) {
    lastError = String(error && error.message || error);
  }
  parentPort.postMessage({ runs, frames, lastError });
};
const timer = setInterval(checkpoint, workerData.intervalMs);
parentPort.on('message', (message) => {
  if (message !== 'stop') return;
  clearInterval(timer);
  try { db.close(); } catch {}
  parentPort.close();
});
`;

/**
 * Takes WAL checkpoints off the request path. With SQLite's default, the connection that commits
 * the transaction crossing 1,000 WAL frames copies them into the database and fsyncs, inside a SOAP
 * call: every few dozen bookings one caller waited milliseconds for it (the benchmark's p99). Here a
 * worker thread with its own connection does that copying on the other core. Durability is the
 * same: a transaction is committed once it is in the WAL, checkpointed or not.
 */
export const startCheckpointer = (
  db: Db,
  path: string,
  sync: SyncMode,
  intervalMs = 200,
): Checkpointer | null => {
  // An in-memory database has no WAL, and no other connection could see it.
  if (path === ':memory:') return null;
  db.pragma(`wal_autocheckpoint = ${SAFETY_NET_FRAMES}`);
  let stats: CheckpointStats = { runs: 0, framesCheckpointed: 0, lastError: null };
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: {
      driver: require.resolve('better-sqlite3'),
      path,
      synchronous: sync === 'full' ? 'FULL' : 'NORMAL',
      intervalMs,
    },
  });
  worker.unref();
  worker.on('message', (m: { runs: number; frames: number; lastError: string | null }) => {
    stats = { runs: m.runs, framesCheckpointed: m.frames, lastError: m.lastError };
  });
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  // Should the worker die, the request path checkpoints as SQLite does by default again.
  worker.once('error', (error) => {
    stats = { ...stats, lastError: String(error) };
    if (db.open) db.pragma('wal_autocheckpoint = 1000');
  });
  return {
    stats: () => stats,
    stop: async () => {
      // Referenced again while it stops: an unreferenced worker let the process end here, with
      // code 0 and the error that made it stop (e.g. a port in use) never printed.
      worker.ref();
      worker.postMessage('stop');
      await exited;
    },
  };
};
