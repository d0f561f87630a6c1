import { Worker } from 'node:worker_threads';
import { QUICK_CHECK_LINES } from './db';

export interface IntegrityCheck {
  /** Stops the check if it still runs; resolves when its thread has ended. */
  stop(): Promise<void>;
}

/**
 * The worker's program, as plain CommonJS so it runs the same from the compiled build and from the
 * TypeScript sources under test: a read-only connection of its own, one PRAGMA quick_check, its
 * findings posted back. A reader in WAL mode never blocks the writer.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
let findings;
try {
  const db = new Database(workerData.path, { readonly: true, fileMustExist: true });
  try {
    findings = db.pragma('quick_check(' + workerData.lines + ')').map((row) => String(row.quick_check).replace(/\\s+/g, ' '));
  } finally {
    db.close();
  }
} catch (error) {
  findings = [String((error && error.message) || error)];
}
parentPort.postMessage(findings);
`;

/**
 * PRAGMA quick_check of a file too large to check before serving (db.ts, START_CHECK_LIMIT_BYTES),
 * on a thread of its own once the server listens: the start does not wait for it, and neither
 * does any request. `damaged` gets quick_check's findings if it finds anything wrong.
 */
export const checkIntegrityInBackground = (
  path: string,
  damaged: (findings: readonly string[]) => void,
): IntegrityCheck => {
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: { driver: require.resolve('better-sqlite3'), path, lines: QUICK_CHECK_LINES },
  });
  worker.unref();
  worker.once('message', (findings: string[]) => {
    if (!(findings.length === 1 && findings[0] === 'ok')) damaged(findings);
  });
  worker.once('error', (error) => damaged([`the check itself failed: ${String(error)}`]));
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  return {
    stop: async () => {
      await worker.terminate();
      await exited;
    },
  };
};
