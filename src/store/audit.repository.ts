import type { CallRecord } from '../domain/call-record';
import type { Organisation } from '../domain/organisation';
import type { RequestUserMetadata } from '../domain/request-user-metadata';
import type { Db } from './db';
import { requestUserMetadataJson } from './stringified-once';

/** One call as SEC-AUDIT records it, accepted or rejected: the call's one record. */
export type AuditEntry = CallRecord;

interface AuditRow {
  reference_id: string;
  time: string;
  service: string;
  operation: string | null;
  certificate_subject: string | null;
  certificate_fingerprint: string | null;
  org_type: number | null;
  org_code: string | null;
  metadata: string | null;
  outcome: string;
  rule_id: string | null;
  detail: string | null;
  cprs: string | null;
}

export interface AuditFilter {
  readonly cpr?: string | undefined;
  readonly organisation?: Organisation | undefined;
  readonly service?: string | undefined;
  readonly operation?: string | undefined;
  /** "ok", "fault" (any fault) or one fault code such as "5102". */
  readonly outcome?: string | undefined;
  /** Calls at or after this instant. */
  readonly from?: Date | undefined;
  /** Calls at or before this instant. */
  readonly to?: Date | undefined;
  /** Only the calls after this one in the list's order (newest first): the next page. */
  readonly before?: AuditCursor | undefined;
  readonly limit?: number | undefined;
}

/**
 * Where a row stands in the list's order (time, then insertion, both descending): a page goes on from
 * it even when calls arrive meanwhile or the emulator's clock was set back, so a script reads a long
 * run whole, each call once.
 */
export interface AuditCursor {
  readonly time: string;
  readonly rowid: number;
}

/** The outcomes of the calls a filter matched, grouped: what a failed expectation saw instead. */
export interface OutcomeCount {
  readonly outcome: string;
  readonly ruleId: string | null;
  readonly count: number;
}

export class AuditRepository {
  private readonly insertStmt;
  private readonly insertCprStmt;
  private readonly byReferenceStmt;
  private readonly countStmt;
  private readonly pruneStmt;
  private readonly cursorStmt;

  constructor(private readonly db: Db) {
    this.insertStmt = db.prepare(
      `INSERT INTO audit_log (reference_id, time, service, operation, certificate_subject, certificate_fingerprint,
         org_type, org_code, metadata, outcome, rule_id, detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.insertCprStmt = db.prepare('INSERT OR IGNORE INTO audit_cprs (reference_id, cpr) VALUES (?, ?)');
    this.byReferenceStmt = db.prepare<[string], AuditRow>(`${SELECT} WHERE a.reference_id = ?`);
    this.countStmt = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM audit_log');
    this.pruneStmt = db.prepare(
      'DELETE FROM audit_log WHERE rowid IN (SELECT rowid FROM audit_log ORDER BY rowid LIMIT ?)',
    );
    this.cursorStmt = db.prepare<[string], AuditCursor>(
      'SELECT time, rowid FROM audit_log WHERE reference_id = ?',
    );
  }

  /** The position of a call in the list, to page on from it; undefined when the call is not (or no longer) there. */
  cursorOf(referenceId: string): AuditCursor | undefined {
    return this.cursorStmt.get(referenceId);
  }

  record(e: AuditEntry): void {
    this.insertStmt.run(
      e.referenceId,
      e.time.toISOString(),
      e.service,
      e.operation,
      e.certificate?.subject ?? null,
      e.certificate?.fingerprint ?? null,
      e.activeOrganisation?.type ?? null,
      e.activeOrganisation?.code ?? null,
      e.requestUserMetadata ? requestUserMetadataJson(e.requestUserMetadata) : null,
      e.outcome,
      e.ruleId,
      e.detail,
    );
    for (const cpr of new Set(e.cprs)) this.insertCprStmt.run(e.referenceId, cpr);
  }

  /**
   * Drops the oldest calls beyond the newest `maxRows` (their CPR rows go with them), at most `batch`
   * at a time so a large backlog never holds the event loop for long: the retention limit, so a
   * long-lived shared instance does not grow without end. Returns how many calls were dropped.
   */
  prune(maxRows: number, batch = 10_000): number {
    if (maxRows <= 0) return 0;
    const excess = (this.countStmt.get()?.n ?? 0) - maxRows;
    if (excess <= 0) return 0;
    return this.pruneStmt.run(Math.min(excess, batch)).changes;
  }

  find(referenceId: string): AuditEntry | undefined {
    const row = this.byReferenceStmt.get(referenceId);
    return row ? fromRow(row) : undefined;
  }

  /** Newest first. */
  list(filter: AuditFilter = {}): AuditEntry[] {
    const { where, params } = conditionsOf(filter);
    const sql = `${SELECT} ${where} ORDER BY a.time DESC, a.rowid DESC LIMIT ?`;
    return this.db
      .prepare<Array<string | number>, AuditRow>(sql)
      .all(...params, filter.limit ?? 1000)
      .map(fromRow);
  }

  /** How many calls the filter matches (its limit aside). */
  count(filter: AuditFilter = {}): number {
    const { where, params } = conditionsOf(filter);
    return (
      this.db
        .prepare<Array<string | number>, { n: number }>(`SELECT count(*) AS n FROM audit_log a ${where}`)
        .get(...params)?.n ?? 0
    );
  }

  /** The calls the filter matches, counted by outcome and rule, most frequent first. */
  countByOutcome(filter: AuditFilter = {}): OutcomeCount[] {
    const { where, params } = conditionsOf(filter);
    return this.db
      .prepare<Array<string | number>, { outcome: string; rule_id: string | null; n: number }>(
        `SELECT outcome, rule_id, count(*) AS n FROM audit_log a ${where}
         GROUP BY outcome, rule_id ORDER BY n DESC, outcome, rule_id`,
      )
      .all(...params)
      .map((r) => ({ outcome: r.outcome, ruleId: r.rule_id, count: r.n }));
  }
}

/** The WHERE clause of a filter, with its parameters in order. */
const conditionsOf = (filter: AuditFilter): { where: string; params: Array<string | number> } => {
  const where: string[] = [];
  const params: Array<string | number> = [];
  if (filter.cpr) {
    where.push('a.reference_id IN (SELECT reference_id FROM audit_cprs WHERE cpr = ?)');
    params.push(filter.cpr);
  }
  if (filter.organisation) {
    where.push('a.org_type = ? AND a.org_code = ?');
    params.push(filter.organisation.type, filter.organisation.code);
  }
  if (filter.service) {
    where.push('a.service = ?');
    params.push(filter.service);
  }
  if (filter.operation) {
    where.push('a.operation = ?');
    params.push(filter.operation);
  }
  if (filter.outcome === 'fault') where.push("a.outcome <> 'ok'");
  else if (filter.outcome) {
    where.push('a.outcome = ?');
    params.push(filter.outcome);
  }
  if (filter.from) {
    where.push('a.time >= ?');
    params.push(filter.from.toISOString());
  }
  if (filter.to) {
    where.push('a.time <= ?');
    params.push(filter.to.toISOString());
  }
  if (filter.before) {
    where.push('(a.time, a.rowid) < (?, ?)');
    params.push(filter.before.time, filter.before.rowid);
  }
  return { where: where.length ? `WHERE ${where.join(' AND ')}` : '', params };
};

const SELECT = `SELECT a.*, (SELECT json_group_array(cpr) FROM audit_cprs c WHERE c.reference_id = a.reference_id) AS cprs
  FROM audit_log a`;

const fromRow = (r: AuditRow): AuditEntry => ({
  referenceId: r.reference_id,
  time: new Date(r.time),
  service: r.service,
  operation: r.operation,
  certificate:
    r.certificate_fingerprint !== null
      ? { subject: r.certificate_subject ?? '', fingerprint: r.certificate_fingerprint }
      : null,
  activeOrganisation:
    r.org_type !== null && r.org_code !== null ? { type: r.org_type, code: r.org_code } : null,
  requestUserMetadata: r.metadata ? (JSON.parse(r.metadata) as RequestUserMetadata) : null,
  cprs: r.cprs ? (JSON.parse(r.cprs) as string[]) : [],
  outcome: r.outcome,
  ruleId: r.rule_id,
  detail: r.detail,
});
