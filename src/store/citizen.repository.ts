import type {
  AkasseMembership,
  Citizen,
  DeadlineStatus,
  GuestAccess,
  SelfBookingDeadline,
} from '../domain/booking';
import type { Db } from './db';

interface CitizenRow {
  cpr: string;
  name: string;
  kommune: string;
  jobcenter: string;
  deceased: string | null;
  cvNumber: string | null;
}

interface MembershipRow {
  akasse: string;
  from: string | null;
  to: string | null;
}

interface DeadlineRow {
  interviewType: number;
  deadline: string;
  status: DeadlineStatus;
  fulfilledBy: string | null;
  fulfillingStart: string | null;
}

interface GuestAccessRow {
  type: number;
  code: string;
  until: string;
}

/** Citizens with what decides access to them (ACC-OWN) and their self-booking deadlines. */
export class CitizenRepository {
  private readonly upsertStmt;
  private readonly clearStmts;
  private readonly addDeadlineStmt;
  private readonly fulfilDeadlineStmt;
  private readonly addMembershipStmt;
  private readonly addAndenAktoerStmt;
  private readonly addGuestAccessStmt;
  private readonly findStmt;
  private readonly cprsStmt;
  private readonly deadlinesStmt;
  private readonly membershipsStmt;
  private readonly andenAktoerStmt;
  private readonly guestAccessStmt;

  constructor(private readonly db: Db) {
    this.upsertStmt = db.prepare<CitizenRow>(
      `INSERT INTO citizens (cpr, name, kommune, jobcenter, deceased, cv_number)
       VALUES (@cpr, @name, @kommune, @jobcenter, @deceased, @cvNumber)
       ON CONFLICT (cpr) DO UPDATE SET name = excluded.name, kommune = excluded.kommune,
         jobcenter = excluded.jobcenter, deceased = excluded.deceased, cv_number = excluded.cv_number`,
    );
    this.clearStmts = [
      'self_booking_deadlines',
      'citizen_memberships',
      'citizen_anden_aktoer',
      'citizen_guest_access',
    ].map((table) => db.prepare<[string]>(`DELETE FROM ${table} WHERE cpr = ?`));
    this.addDeadlineStmt = db.prepare(
      'INSERT INTO self_booking_deadlines (cpr, interview_type, deadline, status, fulfilled_by) VALUES (?, ?, ?, ?, ?)',
    );
    this.fulfilDeadlineStmt = db.prepare(
      `UPDATE self_booking_deadlines SET status = 'fulfilled', fulfilled_by = ?
       WHERE cpr = ? AND interview_type = ?`,
    );
    this.addMembershipStmt = db.prepare(
      'INSERT INTO citizen_memberships (cpr, position, akasse, from_date, to_date) VALUES (?, ?, ?, ?, ?)',
    );
    this.addAndenAktoerStmt = db.prepare(
      'INSERT OR IGNORE INTO citizen_anden_aktoer (cpr, cvr) VALUES (?, ?)',
    );
    this.addGuestAccessStmt = db.prepare(
      `INSERT INTO citizen_guest_access (cpr, org_type, org_code, until) VALUES (?, ?, ?, ?)
       ON CONFLICT (cpr, org_type, org_code) DO UPDATE SET until = excluded.until`,
    );
    this.findStmt = db.prepare<[string], CitizenRow>(
      'SELECT cpr, name, kommune, jobcenter, deceased, cv_number AS cvNumber FROM citizens WHERE cpr = ?',
    );
    this.cprsStmt = db.prepare<[], { cpr: string }>('SELECT cpr FROM citizens ORDER BY cpr');
    // The fulfilling booking's start as it is now: a fulfilled deadline closes on that date.
    this.deadlinesStmt = db.prepare<[string], DeadlineRow>(
      `SELECT d.interview_type AS interviewType, d.deadline, d.status, d.fulfilled_by AS fulfilledBy,
         b.start_at AS fulfillingStart
       FROM self_booking_deadlines d LEFT JOIN bookings b ON b.id = d.fulfilled_by
       WHERE d.cpr = ? ORDER BY d.interview_type`,
    );
    this.membershipsStmt = db.prepare<[string], MembershipRow>(
      'SELECT akasse, from_date AS "from", to_date AS "to" FROM citizen_memberships WHERE cpr = ? ORDER BY position',
    );
    this.andenAktoerStmt = db.prepare<[string], { cvr: string }>(
      'SELECT cvr FROM citizen_anden_aktoer WHERE cpr = ? ORDER BY cvr',
    );
    this.guestAccessStmt = db.prepare<[string], GuestAccessRow>(
      'SELECT org_type AS type, org_code AS code, until FROM citizen_guest_access WHERE cpr = ? ORDER BY org_type, org_code',
    );
  }

  /** Stores a citizen whole: the deadlines, memberships and accesses given replace the earlier ones. */
  save(citizen: Citizen): void {
    this.db.transaction(() => {
      const { cpr, name, kommune, jobcenter, deceased, cvNumber } = citizen;
      this.upsertStmt.run({ cpr, name, kommune, jobcenter, deceased, cvNumber });
      for (const clear of this.clearStmts) clear.run(cpr);
      for (const d of citizen.selfBookingDeadlines)
        this.addDeadlineStmt.run(
          cpr,
          d.interviewType,
          d.deadline,
          d.status,
          d.fulfilledBy?.bookingId ?? null,
        );
      citizen.memberships.forEach((m, i) => this.addMembershipStmt.run(cpr, i, m.akasse, m.from, m.to));
      for (const cvr of citizen.andenAktoer) this.addAndenAktoerStmt.run(cpr, cvr);
      for (const g of citizen.guestAccess)
        this.addGuestAccessStmt.run(cpr, g.organisation.type, g.organisation.code, g.until.toISOString());
    })();
  }

  find(cpr: string): Citizen | undefined {
    const row = this.findStmt.get(cpr);
    if (!row) return undefined;
    const memberships: AkasseMembership[] = this.membershipsStmt.all(cpr);
    const guestAccess: GuestAccess[] = this.guestAccessStmt
      .all(cpr)
      .map((g) => ({ organisation: { type: g.type, code: g.code }, until: new Date(g.until) }));
    return {
      ...row,
      memberships,
      andenAktoer: this.andenAktoerStmt.all(cpr).map((r) => r.cvr),
      guestAccess,
      selfBookingDeadlines: this.deadlinesStmt.all(cpr).map(toDeadline),
    };
  }

  /** BK-DEADLINE-STATUS: the booking fulfilled the citizen's deadline of that interview type. */
  markFulfilled(cpr: string, interviewType: number, bookingId: string): void {
    this.fulfilDeadlineStmt.run(bookingId, cpr, interviewType);
  }

  /** Every citizen, by CPR (GET /admin/citizens). */
  list(): Citizen[] {
    return this.cprsStmt.all().flatMap((r) => this.find(r.cpr) ?? []);
  }
}

const toDeadline = (r: DeadlineRow): SelfBookingDeadline => ({
  interviewType: r.interviewType,
  deadline: r.deadline,
  status: r.status,
  fulfilledBy:
    r.fulfilledBy !== null && r.fulfillingStart !== null
      ? { bookingId: r.fulfilledBy, start: new Date(r.fulfillingStart) }
      : undefined,
});
