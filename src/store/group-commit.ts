import { BUSY_TIMEOUT_MS, type Db } from './db';
import type { StoreHealth } from './store-health';

/**
 * Group commit: the calls handled in one turn of the event loop share one SQLite transaction, each
 * in its own savepoint, and none is answered before that transaction has committed.
 *
 * Why: a commit writes every page the transaction touched to the WAL, and a booking with its
 * history, reminder, WSRM messages and audit row touches about 26 pages, most of them the same few
 * index and table tails as the call before. Committed together, ten calls write those pages once.
 *
 * What stays as it was: each call is all or nothing (its savepoint is rolled back if it fails, and
 * the others go on); it sees everything committed and everything the calls before it in the group
 * wrote; and it is answered only once its writes are committed, so an acknowledged booking survives
 * a killed process as before. If the commit itself fails, every call of the group fails.
 *
 * Another process on the same file (a second emulator) may hold the write lock. A group does not
 * wait for it inside SQLite's busy handler, which would stop this process's event loop and, while
 * the other process starts a new group every turn, rarely find the lock free: the calls wait in
 * order, the lock is tried again every few milliseconds, and only after BUSY_TIMEOUT_MS do they fail.
 */
export class GroupCommit {
  private open = false;
  /** Calls waiting, in order, for another process to release the write lock. */
  private waiting: Array<() => void> = [];
  private retry: NodeJS.Timeout | null = null;
  private pending: Array<{ committed: () => void; failed: (error: unknown) => void }> = [];
  /** better-sqlite3 turns a nested transaction into a savepoint: one wrapper, made once. */
  private readonly inTransaction: ((work: () => unknown) => unknown) & {
    immediate: (work: () => unknown) => unknown;
  };

  /** Why SQLite rolled the open group's transaction back, if it did (a full disk): its calls fail with it. */
  private abortedBy: unknown = null;

  constructor(
    private readonly db: Db,
    /** Where an exception thrown by a caller's own callback goes: it must not stop the others. */
    private readonly report: (error: unknown) => void,
    private readonly lockWaitMs: number = BUSY_TIMEOUT_MS,
    /** Told of every commit and failed write, to report a full store (StoreHealth). */
    private readonly health: StoreHealth | null = null,
  ) {
    this.inTransaction = db.transaction((work: () => unknown) => work());
  }

  /**
   * Runs `work` now, in the open group (opening one if none is). If it throws, its writes are undone
   * and `failed` is told at once; otherwise `committed` gets its value once the group has committed.
   */
  run<T>(work: () => T, committed: (value: T) => void, failed: (error: unknown) => void): void {
    this.runFrom(Date.now(), work, committed, failed);
  }

  private runFrom<T>(
    since: number,
    work: () => T,
    committed: (value: T) => void,
    failed: (error: unknown) => void,
  ): void {
    // SQLite rolls a whole transaction back on some errors (a full disk): settle that group as failed.
    if (this.open && !this.db.inTransaction) this.flush();
    let value: T;
    try {
      if (!this.open && (this.waiting.length > 0 || !this.begin())) {
        if (Date.now() - since > this.lockWaitMs) throw new Error('database is locked by another process');
        this.waiting.push(() => this.runFrom(since, work, committed, failed));
        this.retryLater();
        return;
      }
      value = this.inTransaction(work) as T;
    } catch (error) {
      this.health?.noteFailure(error);
      if (this.open && !this.db.inTransaction) this.abortedBy ??= error;
      failed(error);
      return;
    }
    this.pending.push({ committed: () => committed(value), failed });
  }

  /** BEGIN IMMEDIATE without waiting: false while another connection holds the write lock. */
  private begin(): boolean {
    // Set anew each time: SQLite applies this pragma when it is prepared, not when it is run.
    this.db.pragma('busy_timeout = 0');
    try {
      this.db.exec('BEGIN IMMEDIATE');
    } catch (error) {
      if ((error as { code?: unknown }).code === 'SQLITE_BUSY') return false;
      throw error;
    } finally {
      this.db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    }
    this.open = true;
    setImmediate(this.flush);
    return true;
  }

  private retryLater(): void {
    if (this.retry) return;
    this.retry = setTimeout(() => {
      this.retry = null;
      const calls = this.waiting;
      this.waiting = [];
      for (const call of calls) call();
    }, 2);
  }

  /**
   * One transaction outside any group (for the admin API, fixtures, pruning): the open group is
   * committed first, so the work never shares the fate of calls still waiting for their answer.
   */
  transaction<T>(work: () => T): T {
    this.flush();
    // Only failures are noted: these transactions (pruning, reset) may write nothing new, so their
    // commit would not show that the store can grow again.
    try {
      return this.inTransaction.immediate(work) as T;
    } catch (error) {
      this.health?.noteFailure(error);
      throw error;
    }
  }

  /** Commits the open group, if any, and settles its calls. */
  readonly flush = (): void => {
    if (!this.open) return;
    this.open = false;
    const settled = this.pending;
    this.pending = [];
    // A group SQLite already rolled back is not committed: its calls fail with what aborted it.
    const commitError = this.abortedBy ?? this.commit(settled.length > 0);
    this.abortedBy = null;
    for (const call of settled) {
      try {
        if (commitError === null) call.committed();
        else call.failed(commitError);
      } catch (error) {
        this.reportSafely(error);
      }
    }
  };

  /**
   * COMMIT, or ROLLBACK when that fails: null, or the error the group's calls fail with. `wrote`:
   * some call's work succeeded, so a commit shows the store takes writes (an empty one shows nothing).
   */
  private commit(wrote: boolean): unknown {
    try {
      this.db.exec('COMMIT');
      if (wrote) this.health?.noteCommit();
      return null;
    } catch (error) {
      this.health?.noteFailure(error);
      try {
        if (this.db.inTransaction) this.db.exec('ROLLBACK');
      } catch (rollbackError) {
        this.reportSafely(rollbackError);
      }
      return error;
    }
  }

  /** flush runs from setImmediate: an exception out of it, even the report's own, would end the process. */
  private reportSafely(error: unknown): void {
    try {
      this.report(error);
    } catch {
      // Nowhere left to report it; the other calls of the group are still settled.
    }
  }
}
