import type { Store } from './store';

export interface AuditPrunerOptions {
  /** Most calls the log keeps (0: no limit). */
  readonly retention: number;
  /** Rows deleted per transaction. */
  readonly batch?: number;
  /** Pause between two batches while a backlog is worked off. */
  readonly gapMs?: number;
  /** The first run, after start: the first requests are served before any pruning. */
  readonly firstAfterMs?: number;
  /** How often the log is looked at once it is within the limit. */
  readonly everyMs?: number;
  readonly onError: (error: unknown) => void;
}

/**
 * Keeps the audit log within its retention limit without holding up the SOAP calls. Deleting a call
 * deletes its CPR rows too, about 60 µs a call on a large database: a batch of 500 is ~30 ms, and
 * the event loop serves requests between batches. A large backlog (a restart with a lower limit, a
 * long-lived shared instance) is worked off in the background; it never delays the first request.
 */
export const startAuditPruner = (store: Store, options: AuditPrunerOptions): { stop(): void } => {
  const { retention, batch = 500, gapMs = 20, firstAfterMs = 2_000, everyMs = 60_000, onError } = options;
  let timer: NodeJS.Timeout | null = null;
  let stopped = false;
  const schedule = (ms: number): void => {
    if (stopped) return;
    timer = setTimeout(run, ms);
    timer.unref();
  };
  const run = (): void => {
    let deleted = 0;
    try {
      // Its own transaction: the deletes must not share the fate of a group of SOAP calls.
      deleted = store.transaction(() => store.audit.prune(retention, batch));
    } catch (error) {
      onError(error);
    }
    schedule(deleted > 0 ? gapMs : everyMs);
  };
  if (retention > 0) schedule(firstAfterMs);
  return {
    stop: () => {
      stopped = true;
      if (timer) clearTimeout(timer);
    },
  };
};
