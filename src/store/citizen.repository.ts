import type { Citizen, SelfBookingDeadline } from '../domain/booking';
import type { Db } from './db';

interface CitizenRow {
  cpr: string;
  name: string;
  kommune: string;
  jobcenter: string;
  akasse: string | null;
}

/** Citizens and their self-booking deadlines. */
export class CitizenRepository {
  private readonly upsertStmt;
  private readonly clearDeadlinesStmt;
  private readonly addDeadlineStmt;
  private readonly findStmt;
  private readonly deadlinesStmt;

  constructor(private readonly db: Db) {
    this.upsertStmt = db.prepare<CitizenRow>(
      `INSERT INTO citizens (cpr, name, kommune, jobcenter, akasse) VALUES (@cpr, @name, @kommune, @jobcenter, @akasse)
       ON CONFLICT (cpr) DO UPDATE SET name = excluded.name, kommune = excluded.kommune,
         jobcenter = excluded.jobcenter, akasse = excluded.akasse`,
    );
    this.clearDeadlinesStmt = db.prepare('DELETE FROM self_booking_deadlines WHERE cpr = ?');
    this.addDeadlineStmt = db.prepare(
      'INSERT INTO self_booking_deadlines (cpr, interview_type, deadline) VALUES (?, ?, ?)',
    );
    this.findStmt = db.prepare<[string], CitizenRow>(
      'SELECT cpr, name, kommune, jobcenter, akasse FROM citizens WHERE cpr = ?',
    );
    this.deadlinesStmt = db.prepare<[string], SelfBookingDeadline>(
      'SELECT interview_type AS interviewType, deadline FROM self_booking_deadlines WHERE cpr = ? ORDER BY interview_type',
    );
  }

  /** Stores a citizen whole: the deadlines given replace the earlier ones. */
  save(citizen: Citizen): void {
    this.db.transaction(() => {
      const { selfBookingDeadlines, ...row } = citizen;
      this.upsertStmt.run(row);
      this.clearDeadlinesStmt.run(citizen.cpr);
      for (const d of selfBookingDeadlines)
        this.addDeadlineStmt.run(citizen.cpr, d.interviewType, d.deadline);
    })();
  }

  find(cpr: string): Citizen | undefined {
    const row = this.findStmt.get(cpr);
    return row ? { ...row, selfBookingDeadlines: this.deadlinesStmt.all(cpr) } : undefined;
  }
}
