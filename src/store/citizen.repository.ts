import type { Citizen, DeadlineStatus, SelfBookingDeadline } from '../domain/booking';
import type { Db } from './db';

interface CitizenRow {
  cpr: string;
  name: string;
  kommune: string;
  jobcenter: string;
  deceased: string | null;
  cvNumber: string | null;
}

/** A citizen's row with what hangs on it, each as a JSON array of tuples (see findStmt). */
interface CitizenFoundRow extends CitizenRow {
  memberships: string;
  andenAktoer: string;
  guestAccess: string;
  deadlines: string;
}

type MembershipTuple = [position: number, akasse: string, from: string | null, to: string | null];
type GuestAccessTuple = [type: number, code: string, until: string];
/** The fulfilling booking's start as it is now: a fulfilled deadline closes on that date. */
type DeadlineTuple = [
  interviewType: number,
  deadline: string,
  status: DeadlineStatus,
  fulfilledBy: string | null,
  fulfillingStart: string | null,
];

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
    // One statement for the citizen and everything that hangs on it: a citizen is read on most
    // calls (ACC-*), and five statements cost twice what one does. The lists are put in order in
    // find(): an ORDER BY inside the aggregates made SQLite sort each in a temporary b-tree, which
    // cost more than the four statements saved.
    this.findStmt = db.prepare<[string], CitizenFoundRow>(
      `SELECT c.cpr, c.name, c.kommune, c.jobcenter, c.deceased, c.cv_number AS cvNumber,
         (SELECT json_group_array(json_array(m.position, m.akasse, m.from_date, m.to_date))
            FROM citizen_memberships m WHERE m.cpr = c.cpr) AS memberships,
         (SELECT json_group_array(a.cvr) FROM citizen_anden_aktoer a WHERE a.cpr = c.cpr) AS andenAktoer,
         (SELECT json_group_array(json_array(g.org_type, g.org_code, g.until))
            FROM citizen_guest_access g WHERE g.cpr = c.cpr) AS guestAccess,
         (SELECT json_group_array(json_array(d.interview_type, d.deadline, d.status, d.fulfilled_by, b.start_at))
            FROM self_booking_deadlines d LEFT JOIN bookings b ON b.id = d.fulfilled_by
            WHERE d.cpr = c.cpr) AS deadlines
       FROM citizens c WHERE c.cpr = ?`,
    );
    this.cprsStmt = db.prepare<[], { cpr: string }>('SELECT cpr FROM citizens ORDER BY cpr');
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
    const { memberships, andenAktoer, guestAccess, deadlines, ...citizen } = row;
    return {
      ...citizen,
      memberships: (JSON.parse(memberships) as MembershipTuple[])
        .sort((a, b) => a[0] - b[0])
        .map(([, akasse, from, to]) => ({ akasse, from, to })),
      andenAktoer: (JSON.parse(andenAktoer) as string[]).sort(),
      guestAccess: (JSON.parse(guestAccess) as GuestAccessTuple[])
        .sort((a, b) => a[0] - b[0] || (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0))
        .map(([type, code, until]) => ({ organisation: { type, code }, until: new Date(until) })),
      selfBookingDeadlines: (JSON.parse(deadlines) as DeadlineTuple[])
        .sort((a, b) => a[0] - b[0])
        .map(toDeadline),
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

const toDeadline = ([
  interviewType,
  deadline,
  status,
  fulfilledBy,
  fulfillingStart,
]: DeadlineTuple): SelfBookingDeadline => ({
  interviewType,
  deadline,
  status,
  fulfilledBy:
    fulfilledBy !== null && fulfillingStart !== null
      ? { bookingId: fulfilledBy, start: new Date(fulfillingStart) }
      : undefined,
});
