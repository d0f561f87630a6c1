import type { RecordedRequestId } from '../rest/request-id.rules';
import type { Db } from './db';

interface RequestIdRow {
  recorded_at: string;
  reference_id: string;
}

/**
 * The x-requestIds the REST face has recorded (REQ-REQUESTID): when each was first seen and by which
 * call. Whether a repeat is refused is the pure rule's (request-id.rules.ts); this only remembers.
 */
export class RestRequestIdRepository {
  private readonly findStmt;
  private readonly recordStmt;

  constructor(db: Db) {
    this.findStmt = db.prepare<[string], RequestIdRow>(
      'SELECT recorded_at, reference_id FROM rest_request_ids WHERE request_id = ?',
    );
    // A repeat past its 7 days is recorded again, from this call: its 7 days start over.
    this.recordStmt = db.prepare(
      `INSERT INTO rest_request_ids (request_id, recorded_at, reference_id) VALUES (?, ?, ?)
       ON CONFLICT (request_id) DO UPDATE SET recorded_at = excluded.recorded_at, reference_id = excluded.reference_id`,
    );
  }

  find(requestId: string): RecordedRequestId | null {
    const row = this.findStmt.get(requestId);
    return row ? { at: new Date(row.recorded_at), referenceId: row.reference_id } : null;
  }

  record(requestId: string, at: Date, referenceId: string): void {
    this.recordStmt.run(requestId, at.toISOString(), referenceId);
  }
}
