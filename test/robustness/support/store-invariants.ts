/**
 * What a database file must hold after crashes and concurrent writers, read straight from SQLite
 * (better-sqlite3, not through the emulator): every acknowledged booking with its history, audit
 * row, WSRM messages and reminder; and nothing half-written anywhere.
 */
import Database from 'better-sqlite3';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** A CreateBooking whose HTTP 200 the client received. */
export interface AcknowledgedBooking {
  readonly bookingId: string;
  readonly referenceId: string;
  readonly cpr: string;
  /** WSRM messages its creation queues (one per receiving organisation), before any pickup. */
  readonly wsrmMessages: number;
}

const FIXTURE_BOOKINGS = join(__dirname, '..', '..', '..', 'fixtures', 'bookings.json');

/** Bookings loaded from the fixtures, which no call wrote (so no audit row or WSRM message). */
export const fixtureBookingIds = (): ReadonlySet<string> =>
  new Set((JSON.parse(readFileSync(FIXTURE_BOOKINGS, 'utf8')) as { id: string }[]).map((b) => b.id));

export interface StoreReport {
  /** Every broken invariant, in words; empty when the store is whole. */
  readonly problems: string[];
  readonly bookings: number;
  readonly auditRows: number;
  readonly wsrmMessages: number;
}

const rows = <T>(db: Database.Database, sql: string, ...params: unknown[]): T[] =>
  db.prepare(sql).all(...params) as T[];

/**
 * Checks the file. `wsrmPickedUp` says messages may have been delivered and deleted (terminated
 * pickups), so their count is not checked then; everything else is.
 */
export const checkStore = (
  dbPath: string,
  acknowledged: readonly AcknowledgedBooking[],
  options: { wsrmPickedUp?: boolean } = {},
): StoreReport => {
  const db = new Database(dbPath, { fileMustExist: true });
  const problems: string[] = [];
  const cap = (list: string[], what: string): void => {
    if (list.length > 0) problems.push(`${what}: ${list.length} (e.g. ${list.slice(0, 3).join(', ')})`);
  };
  try {
    const integrity = rows<{ integrity_check: string }>(db, 'PRAGMA integrity_check').map(
      (r) => r.integrity_check,
    );
    if (integrity.join() !== 'ok') problems.push(`integrity_check: ${integrity.join('; ')}`);
    const foreignKeys = rows<Record<string, unknown>>(db, 'PRAGMA foreign_key_check');
    if (foreignKeys.length > 0)
      problems.push(`foreign_key_check: ${JSON.stringify(foreignKeys.slice(0, 3))}`);

    const booking = db.prepare<[string], { cpr: string; status: string }>(
      'SELECT cpr, status FROM bookings WHERE id = ?',
    );
    const created = db.prepare<[string], { reference_id: string }>(
      "SELECT reference_id FROM booking_history WHERE booking_id = ? AND change = 'Created'",
    );
    const audit = db.prepare<[string], { outcome: string; operation: string | null }>(
      'SELECT outcome, operation FROM audit_log WHERE reference_id = ?',
    );
    const wsrm = db.prepare<[string], { n: number }>(
      'SELECT COUNT(*) AS n FROM wsrm_messages WHERE booking_id = ?',
    );
    const reminder = db.prepare<[string], { n: number }>(
      'SELECT COUNT(*) AS n FROM reminders WHERE booking_id = ?',
    );

    const lost: string[] = [];
    const wrongHistory: string[] = [];
    const noAudit: string[] = [];
    const wrongWsrm: string[] = [];
    const noReminder: string[] = [];
    for (const ack of acknowledged) {
      const row = booking.get(ack.bookingId);
      if (!row || row.cpr !== ack.cpr) {
        lost.push(ack.bookingId);
        continue;
      }
      const history = created.all(ack.bookingId);
      if (history.length !== 1 || history[0]?.reference_id !== ack.referenceId)
        wrongHistory.push(ack.bookingId);
      const auditRow = audit.get(ack.referenceId);
      if (auditRow?.outcome !== 'ok' || auditRow.operation !== 'CreateBooking') noAudit.push(ack.referenceId);
      if (!options.wsrmPickedUp && wsrm.get(ack.bookingId)?.n !== ack.wsrmMessages)
        wrongWsrm.push(ack.bookingId);
      if (row.status === 'Active' && reminder.get(ack.bookingId)?.n !== 1) noReminder.push(ack.bookingId);
    }
    cap(lost, 'acknowledged bookings missing');
    cap(wrongHistory, 'acknowledged bookings without exactly one Created history row of their call');
    cap(noAudit, 'acknowledged calls without their ok audit row');
    cap(wrongWsrm, 'acknowledged bookings with another number of WSRM messages than queued');
    cap(noReminder, 'acknowledged active bookings without their reminder');

    // Half-written: any booking (acknowledged or not) missing a part its transaction writes.
    const fixtures = fixtureBookingIds();
    const written = rows<{ id: string; status: string }>(db, 'SELECT id, status FROM bookings').filter(
      (b) => !fixtures.has(b.id),
    );
    cap(
      written.filter((b) => created.all(b.id).length !== 1).map((b) => b.id),
      'bookings without exactly one Created history row',
    );
    cap(
      rows<{ booking_id: string; reference_id: string }>(
        db,
        `SELECT h.booking_id, h.reference_id FROM booking_history h LEFT JOIN audit_log a ON a.reference_id = h.reference_id
         WHERE a.reference_id IS NULL OR a.outcome <> 'ok'`,
      )
        .filter((h) => !fixtures.has(h.booking_id))
        .map((h) => h.booking_id),
      'history rows without the ok audit row of their call',
    );
    if (!options.wsrmPickedUp) {
      cap(
        written.filter((b) => (wsrm.get(b.id)?.n ?? 0) === 0).map((b) => b.id),
        'bookings without any WSRM message',
      );
    }
    cap(
      written.filter((b) => b.status === 'Active' && reminder.get(b.id)?.n !== 1).map((b) => b.id),
      'active bookings without their reminder',
    );
    cap(
      rows<{ booking_id: string }>(
        db,
        'SELECT m.booking_id FROM wsrm_messages m LEFT JOIN bookings b ON b.id = m.booking_id WHERE b.id IS NULL',
      ).map((m) => m.booking_id),
      'WSRM messages of no booking',
    );
    cap(
      rows<{ reference_id: string }>(
        db,
        `SELECT a.reference_id FROM audit_log a LEFT JOIN booking_history h ON h.reference_id = a.reference_id
         WHERE a.operation = 'CreateBooking' AND a.outcome = 'ok' AND h.reference_id IS NULL`,
      ).map((a) => a.reference_id),
      'ok CreateBooking audit rows without their booking',
    );
    const count = (table: string): number =>
      (db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
    return {
      problems,
      bookings: count('bookings'),
      auditRows: count('audit_log'),
      wsrmMessages: count('wsrm_messages'),
    };
  } finally {
    db.close();
  }
};
