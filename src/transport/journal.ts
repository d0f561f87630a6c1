import type { CallRecord } from '../domain/call-record';
import type { Decision } from '../domain/decision';
import type { RequestHead } from './request-head';

/**
 * The request journal: the last N exchanges, raw, with who called and every rule that decided
 * the answer — so a vendor sees not only that a call was refused but which rule refused it and what
 * it expected instead. Kept in memory, newest first, bounded in count and in bytes per exchange.
 */
export interface JournalEntry extends CallRecord {
  readonly durationMs: number;
  /** The HTTP status of the answer. */
  readonly status: number;
  /** Every rule that judged the call, in order. */
  readonly decisions: readonly Decision[];
  /** The request line and headers as received; null for a request no face read. */
  readonly head: RequestHead | null;
  /** The request body as received, and the response body as sent (each cut, see clip). */
  readonly request: string;
  readonly response: string;
}

export interface JournalFilter {
  /** "ok", "fault" (any fault) or one fault code such as "4413". */
  readonly outcome?: string | undefined;
  readonly service?: string | undefined;
  readonly operation?: string | undefined;
  /** Only the exchanges after this one, newest first: the next page. */
  readonly before?: string | undefined;
  /** Only the exchanges newer than this one: what a poller that has it has not seen yet. */
  readonly after?: string | undefined;
  readonly limit?: number | undefined;
}

const outcomeMatches = (wanted: string | undefined, outcome: string): boolean =>
  !wanted || (wanted === 'fault' ? outcome !== 'ok' : outcome === wanted);

/** Bodies larger than this are kept cut, with a note, so the journal's memory stays bounded. */
export const JOURNAL_BODY_LIMIT = 256 * 1024;

export const clip = (body: string): string =>
  body.length <= JOURNAL_BODY_LIMIT
    ? body
    : `${body.slice(0, JOURNAL_BODY_LIMIT)}\n<!-- … ${body.length - JOURNAL_BODY_LIMIT} more characters not kept -->`;

export class Journal {
  private entries: JournalEntry[] = [];

  constructor(private readonly capacity: number) {}

  add(entry: JournalEntry): void {
    if (this.capacity <= 0) return;
    this.entries.unshift(entry);
    if (this.entries.length > this.capacity) this.entries.length = this.capacity;
  }

  /**
   * Newest first; with `before`, from the exchange after that one (none when it is not kept); with
   * `after`, down to the exchange newer than that one (none when it is not kept).
   */
  list(filter: JournalFilter = {}): JournalEntry[] {
    const start = filter.before === undefined ? 0 : this.indexOf(filter.before) + 1;
    if (start === 0 && filter.before !== undefined) return [];
    const end = filter.after === undefined ? this.entries.length : this.indexOf(filter.after);
    const limit = filter.limit ?? this.capacity;
    const found: JournalEntry[] = [];
    for (let i = start; i < end && found.length < limit; i++) {
      const e = this.entries[i] as JournalEntry;
      if (!outcomeMatches(filter.outcome, e.outcome)) continue;
      if (filter.service && e.service !== filter.service) continue;
      if (filter.operation && e.operation !== filter.operation) continue;
      found.push(e);
    }
    return found;
  }

  private indexOf(referenceId: string): number {
    return this.entries.findIndex((e) => e.referenceId === referenceId);
  }

  find(referenceId: string): JournalEntry | undefined {
    return this.entries.find((e) => e.referenceId === referenceId);
  }

  clear(): void {
    this.entries = [];
  }
}
