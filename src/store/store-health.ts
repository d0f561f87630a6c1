/** What `/admin/health` says of the store: writable, or why not and since when. */
export type StoreHealthReport =
  | { readonly status: 'ok' }
  | { readonly status: 'degraded'; readonly reason: string; readonly since: string };

/** Where the store's condition is logged (the emulator's logger has this shape). */
export interface StoreLog {
  info(message: string, fields: Record<string, unknown>): void;
  error(message: string, fields: Record<string, unknown>): void;
}

/** Whether a write failed because the database cannot grow: the disk is full, or its size limit reached. */
export const isStoreFull = (error: unknown): boolean =>
  (error as { code?: unknown } | null)?.code === 'SQLITE_FULL';

/** How often a full store is logged while it stays full: every call fails, the log must not flood. */
export const FULL_LOG_INTERVAL_MS = 60_000;

/**
 * Watches the store's writes. A full store fails every SOAP call (each writes its audit row,
 * SEC-AUDIT): it is logged at once, then at most once a minute with the number of writes refused
 * meanwhile, and reported as degraded until a call's writes commit again. Times are real time, not
 * the emulator's clock: they are about the machine.
 */
export class StoreHealth {
  private full: { since: Date; lastError: string } | null = null;
  private lastLoggedMs = Number.NEGATIVE_INFINITY;
  private refusedSinceLog = 0;
  /** The last line logged said "full": the next commit says "writable again", once. */
  private saidFull = false;
  private lastNoted: unknown = null;
  /** Why the file cannot be trusted, once a check has found it damaged: that does not heal. */
  private damage: { since: Date; reason: string } | null = null;

  constructor(
    private readonly log: StoreLog,
    private readonly nowMs: () => number = Date.now,
  ) {}

  /** A write failed: noted if the store is full (true), ignored otherwise (false). */
  noteFailure(error: unknown): boolean {
    if (!isStoreFull(error)) return false;
    if (error === this.lastNoted) return true; // the same failure, seen by two layers
    this.lastNoted = error;
    const now = this.nowMs();
    this.full ??= { since: new Date(now), lastError: '' };
    this.full.lastError = error instanceof Error ? error.message : String(error);
    this.refusedSinceLog += 1;
    // Not reset by a write that fits in between: a nearly full store flaps, the log must not.
    if (now - this.lastLoggedMs >= FULL_LOG_INTERVAL_MS) {
      this.log.error(
        'the database is full (SQLITE_FULL): every call that writes answers 1011 until space is freed',
        {
          since: this.full.since.toISOString(),
          refusedWrites: this.refusedSinceLog,
          error: this.full.lastError,
        },
      );
      this.lastLoggedMs = now;
      this.refusedSinceLog = 0;
      this.saidFull = true;
    }
    return true;
  }

  /**
   * The database file was found damaged after the server started (integrity-check.ts): from now on
   * every SOAP call is refused (1011, saying so) and /admin/health is degraded, until a restart with
   * a whole file.
   */
  noteDamaged(reason: string): void {
    this.damage ??= { since: new Date(this.nowMs()), reason };
  }

  /** Why the store must not be served from, or null. */
  get damagedBecause(): string | null {
    return this.damage?.reason ?? null;
  }

  /** A call's writes committed: the store takes writes (again). */
  noteCommit(): void {
    if (!this.full) return;
    if (this.saidFull) {
      this.log.info('the database is writable again', { fullSince: this.full.since.toISOString() });
      this.saidFull = false;
    }
    this.full = null;
  }

  report(): StoreHealthReport {
    if (this.damage)
      return {
        status: 'degraded',
        reason: `${this.damage.reason}; every SOAP call answers 1011 until then`,
        since: this.damage.since.toISOString(),
      };
    if (!this.full) return { status: 'ok' };
    return {
      status: 'degraded',
      reason: `the database is full (SQLITE_FULL): writes fail, so every SOAP call answers 1011; free disk space (${this.full.lastError})`,
      since: this.full.since.toISOString(),
    };
  }
}
