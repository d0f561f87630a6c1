import type { Booking, BookingHistoryEntry } from '../domain/booking';
import type { WrittenTimes } from '../domain/booking-times';
import type { Organisation } from '../domain/organisation';
import type { RequestUserMetadata } from '../domain/request-user-metadata';
import { canonicalUuid } from '../domain/uuid';
import type { Myndighedsdeltager } from '../rest/indkaldelse-mapping';
import type { Db } from './db';
import {
  myndighedsdeltagerOfRow,
  myndighedsdeltagerRowOf,
  type MyndighedsdeltagerRepository,
  type MyndighedsdeltagerRow,
} from './myndighedsdeltager.repository';
import { lastOnce, requestUserMetadataJson } from './stringified-once';

export interface BookingRow {
  id: string;
  cpr: string;
  interview_type: number;
  start_at: string;
  end_at: string;
  status: 'Active' | 'Cancelled';
  origin_system_identifier: string | null;
  meeting_org_type: number;
  meeting_org_code: string;
  meeting_location: string | null;
  caseworker_name: string | null;
  self_booked: number;
  accepted: number | null;
  accepted_time: string | null;
  rebooking_deadline: string | null;
  cancellation_deadline: string | null;
  cancellation_reason: string | null;
  created_at: string;
  last_changed_at: string;
  creator_org_type: number;
  creator_org_code: string;
  creator_metadata: string;
  creator_system: string;
  created_self_booked_outside_star: number;
  contact_type: number;
  form_type: number;
  digital_meeting_link: string | null;
  compulsory_attendance: number;
  citizen_should_accept: number | null;
  rebooking_possible: number;
  cancellation_possible: number;
  start_text: string | null;
  end_text: string | null;
  accepted_time_text: string | null;
  rebooking_deadline_text: string | null;
  cancellation_deadline_text: string | null;
  originator_type: number | null;
  originator_code: string | null;
  group_meeting_id: string | null;
  duration_minutes: number | null;
  source_system_type: number | null;
}

interface HistoryRow {
  time: string;
  change: BookingHistoryEntry['change'];
  org_type: number;
  org_code: string;
  metadata: string;
  reference_id: string;
}

interface HistorySnapshotRow extends HistoryRow {
  snapshot: string | null;
}

/** A history row with the booking as it was right after its change (REST's historik entry). */
export interface BookingHistoryWithSnapshot {
  readonly entry: BookingHistoryEntry;
  /** Undefined for a row written before migration 0012, which kept no snapshot. */
  readonly after: Booking | undefined;
  /**
   * The meeting's authority participants right after the change (REST.md §4: the read form after
   * it); undefined for a row whose snapshot was kept before the participants were.
   */
  readonly participants: Myndighedsdeltager[] | undefined;
}

/** A snapshot as kept in booking_history.snapshot: the booking's row and its participants' rows. */
type SnapshotRow = BookingRow & { myndighedsdeltagere?: MyndighedsdeltagerRow[] };

const iso = (d: Date | undefined): string | null => (d ? d.toISOString() : null);
const date = (s: string | null): Date | undefined => (s === null ? undefined : new Date(s));
const bool = (n: number | null): boolean | undefined => (n === null ? undefined : n === 1);
const flag = (b: boolean | undefined): number | null => (b === undefined ? null : b ? 1 : 0);

/** The written texts as columns: one per time, NULL where no client wrote it. */
const TEXT_COLUMNS = {
  start: 'start_text',
  end: 'end_text',
  acceptedTime: 'accepted_time_text',
  rebookingDeadline: 'rebooking_deadline_text',
  cancellationDeadline: 'cancellation_deadline_text',
} as const satisfies Record<keyof WrittenTimes, keyof BookingRow>;

const textColumns = (t: WrittenTimes | undefined) =>
  Object.fromEntries(
    Object.entries(TEXT_COLUMNS).map(([field, column]) => [column, t?.[field as keyof WrittenTimes] ?? null]),
  ) as Record<(typeof TEXT_COLUMNS)[keyof WrittenTimes], string | null>;

const writtenTimes = (r: BookingRow): WrittenTimes | undefined => {
  const entries = Object.entries(TEXT_COLUMNS).flatMap(([field, column]) => {
    const text = r[column];
    return text === null ? [] : [[field, text] as const];
  });
  return entries.length === 0 ? undefined : Object.fromEntries(entries);
};

const originator = (r: BookingRow): Organisation | undefined =>
  r.originator_type === null || r.originator_code === null
    ? undefined
    : { type: r.originator_type, code: r.originator_code };

/** A booking as its row of the bookings table (exported for tests that write older schemas). */
export const bookingRowOf = (b: Booking): BookingRow => ({
  id: b.id,
  cpr: b.cpr,
  interview_type: b.interviewType,
  start_at: b.start.toISOString(),
  end_at: b.end.toISOString(),
  status: b.status,
  origin_system_identifier: b.originSystemIdentifier ?? null,
  meeting_org_type: b.meetingOrganisation.type,
  meeting_org_code: b.meetingOrganisation.code,
  meeting_location: b.meetingLocation ?? null,
  caseworker_name: b.caseworkerName ?? null,
  self_booked: b.selfBooked ? 1 : 0,
  accepted: flag(b.accepted),
  accepted_time: iso(b.acceptedTime),
  rebooking_deadline: iso(b.rebookingDeadline),
  cancellation_deadline: iso(b.cancellationDeadline),
  cancellation_reason: b.cancellationReason ?? null,
  created_at: b.createdAt.toISOString(),
  last_changed_at: b.lastChangedAt.toISOString(),
  creator_org_type: b.creator.organisation.type,
  creator_org_code: b.creator.organisation.code,
  creator_metadata: requestUserMetadataJson(b.creator.metadata),
  creator_system: b.creator.system,
  created_self_booked_outside_star: b.createdSelfBookedOutsideStar ? 1 : 0,
  contact_type: b.contactType,
  form_type: b.formType,
  digital_meeting_link: b.digitalMeetingLink ?? null,
  compulsory_attendance: b.compulsoryAttendance ? 1 : 0,
  citizen_should_accept: flag(b.citizenShouldAcceptBooking),
  rebooking_possible: b.rebookingPossible ? 1 : 0,
  cancellation_possible: b.cancellationPossible ? 1 : 0,
  ...textColumns(b.writtenTimes),
  originator_type: b.originator?.type ?? null,
  originator_code: b.originator?.code ?? null,
  group_meeting_id: b.groupMeetingId ?? null,
  duration_minutes: b.durationMinutes ?? null,
  source_system_type: b.sourceSystemType ?? null,
});

const fromRow = (r: BookingRow): Booking => ({
  id: r.id,
  cpr: r.cpr,
  interviewType: r.interview_type,
  start: new Date(r.start_at),
  end: new Date(r.end_at),
  status: r.status,
  originSystemIdentifier: r.origin_system_identifier ?? undefined,
  meetingOrganisation: { type: r.meeting_org_type, code: r.meeting_org_code },
  meetingLocation: r.meeting_location ?? undefined,
  caseworkerName: r.caseworker_name ?? undefined,
  selfBooked: r.self_booked === 1,
  accepted: bool(r.accepted),
  acceptedTime: date(r.accepted_time),
  rebookingDeadline: date(r.rebooking_deadline),
  cancellationDeadline: date(r.cancellation_deadline),
  cancellationReason: r.cancellation_reason ?? undefined,
  createdAt: new Date(r.created_at),
  lastChangedAt: new Date(r.last_changed_at),
  creator: {
    organisation: { type: r.creator_org_type, code: r.creator_org_code },
    metadata: JSON.parse(r.creator_metadata) as RequestUserMetadata,
    system: r.creator_system,
  },
  createdSelfBookedOutsideStar: r.created_self_booked_outside_star === 1,
  contactType: r.contact_type,
  formType: r.form_type,
  digitalMeetingLink: r.digital_meeting_link ?? undefined,
  compulsoryAttendance: r.compulsory_attendance === 1,
  citizenShouldAcceptBooking: bool(r.citizen_should_accept),
  rebookingPossible: r.rebooking_possible === 1,
  cancellationPossible: r.cancellation_possible === 1,
  writtenTimes: writtenTimes(r),
  originator: originator(r),
  ...restOnly(r),
});

/** The REST-only fields, only when stored (a booking made over SOAP has none, and shows none). */
const restOnly = (
  r: BookingRow,
): Pick<Booking, 'groupMeetingId' | 'durationMinutes' | 'sourceSystemType'> => ({
  ...(r.group_meeting_id === null ? {} : { groupMeetingId: r.group_meeting_id }),
  ...(r.duration_minutes === null ? {} : { durationMinutes: r.duration_minutes }),
  ...(r.source_system_type === null ? {} : { sourceSystemType: r.source_system_type }),
});

const COLUMNS: ReadonlyArray<keyof BookingRow> = [
  'id',
  'cpr',
  'interview_type',
  'start_at',
  'end_at',
  'status',
  'origin_system_identifier',
  'meeting_org_type',
  'meeting_org_code',
  'meeting_location',
  'caseworker_name',
  'self_booked',
  'accepted',
  'accepted_time',
  'rebooking_deadline',
  'cancellation_deadline',
  'cancellation_reason',
  'created_at',
  'last_changed_at',
  'creator_org_type',
  'creator_org_code',
  'creator_metadata',
  'creator_system',
  'created_self_booked_outside_star',
  'contact_type',
  'form_type',
  'digital_meeting_link',
  'compulsory_attendance',
  'citizen_should_accept',
  'rebooking_possible',
  'cancellation_possible',
  'start_text',
  'end_text',
  'accepted_time_text',
  'rebooking_deadline_text',
  'cancellation_deadline_text',
  'originator_type',
  'originator_code',
  'group_meeting_id',
  'duration_minutes',
  'source_system_type',
];
/**
 * What an update may change: everything but the identity and the creation (BK-OWNER-META), the
 * originator included (BK-ORIGINATOR is decided at creation).
 */
const MUTABLE = COLUMNS.filter(
  (c) => c !== 'id' && !c.startsWith('created_') && !c.startsWith('creator_') && !c.startsWith('originator_'),
);

const historyEntryOf = (r: HistoryRow): BookingHistoryEntry => ({
  time: new Date(r.time),
  change: r.change,
  activeOrganisation: { type: r.org_type, code: r.org_code },
  requestUserMetadata: JSON.parse(r.metadata) as RequestUserMetadata,
  referenceId: r.reference_id,
});

/** Bookings and their history; statements prepared once per database. */
export class BookingRepository {
  private readonly insertStmt;
  private readonly updateStmt;
  private readonly byIdStmt;
  private readonly citizenByIdStmt;
  private readonly byCprStmt;
  private readonly firstActiveAfterStmt;
  private readonly historyInsertStmt;
  private readonly historyStmt;
  private readonly historySnapshotStmt;

  /** The participants a snapshot keeps (none given: snapshots keep none). */
  constructor(
    db: Db,
    private readonly participants?: Pick<MyndighedsdeltagerRepository, 'ofBooking'>,
  ) {
    this.insertStmt = db.prepare<BookingRow>(
      `INSERT INTO bookings (${COLUMNS.join(', ')}) VALUES (${COLUMNS.map((c) => `@${c}`).join(', ')})`,
    );
    this.updateStmt = db.prepare<BookingRow>(
      `UPDATE bookings SET ${MUTABLE.map((c) => `${c} = @${c}`).join(', ')} WHERE id = @id`,
    );
    this.byIdStmt = db.prepare<[string], BookingRow>('SELECT * FROM bookings WHERE id = ?');
    this.citizenByIdStmt = db.prepare<[string], { id: string; cpr: string }>(
      'SELECT id, cpr FROM bookings WHERE id = ?',
    );
    this.byCprStmt = db.prepare<[string, string, string], BookingRow>(
      'SELECT * FROM bookings WHERE cpr = ? AND start_at >= ? AND start_at <= ? ORDER BY start_at, id',
    );
    this.firstActiveAfterStmt = db.prepare<[string, number, string], BookingRow>(
      `SELECT * FROM bookings
       WHERE cpr = ? AND interview_type = ? AND status = 'Active' AND start_at > ?
       ORDER BY start_at LIMIT 1`,
    );
    this.historyInsertStmt = db.prepare(
      'INSERT INTO booking_history (booking_id, time, change, org_type, org_code, metadata, reference_id, snapshot) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    );
    this.historySnapshotStmt = db.prepare<[string], HistorySnapshotRow>(
      'SELECT time, change, org_type, org_code, metadata, reference_id, snapshot FROM booking_history WHERE booking_id = ? ORDER BY id',
    );
    this.historyStmt = db.prepare<[string], HistoryRow>(
      'SELECT time, change, org_type, org_code, metadata, reference_id FROM booking_history WHERE booking_id = ? ORDER BY id',
    );
  }

  /** A write's booking becomes its row and its history row's snapshot: the row is made once. */
  private readonly rowOf = lastOnce(bookingRowOf);

  insert(booking: Booking): void {
    this.insertStmt.run(this.rowOf(booking));
  }

  /** Saves a changed booking; the creator columns are never rewritten (BK-OWNER-META). */
  update(booking: Booking): void {
    this.updateStmt.run(this.rowOf(booking));
  }

  /** The booking with this id, in whichever case it is written (ids are stored in lower case). */
  find(id: string): Booking | undefined {
    const row = this.byIdStmt.get(canonicalUuid(id));
    return row ? fromRow(row) : undefined;
  }

  /**
   * Whose booking this is: its id as stored and its citizen's CPR, without reading the rest (what
   * SEC-CITIZEN and ACC-* need of every booking a request names).
   */
  citizenOf(id: string): { id: string; cpr: string } | undefined {
    return this.citizenByIdStmt.get(canonicalUuid(id));
  }

  /** A citizen's bookings whose start lies in [from, to], by start time, cancelled ones included. */
  listByCpr(cpr: string, from?: Date, to?: Date): Booking[] {
    return this.byCprStmt
      .all(cpr, from ? from.toISOString() : '0000', to ? to.toISOString() : '9999')
      .map(fromRow);
  }

  /**
   * The citizen's first active booking of each of these interview types that starts after `now`:
   * all that the self-booking rules and ImmediateBookingRequired need to know (is there one, and the
   * earliest). One seek per type in the partial index of active bookings (migration 0008), so the
   * cost does not grow with the citizen's bookings, past or future.
   */
  firstActiveAfter(cpr: string, now: Date, interviewTypes: Iterable<number>): Booking[] {
    const found: Booking[] = [];
    for (const type of new Set(interviewTypes)) {
      const row = this.firstActiveAfterStmt.get(cpr, type, now.toISOString());
      if (row) found.push(fromRow(row));
    }
    return found.sort((a, b) => a.start.getTime() - b.start.getTime() || a.id.localeCompare(b.id));
  }

  /**
   * A history row; with `after`, the booking as the change left it and its participants as they are
   * now (the change's writes are done), kept as their rows (JSON).
   */
  appendHistory(bookingId: string, entry: BookingHistoryEntry, after?: Booking): void {
    this.historyInsertStmt.run(
      bookingId,
      entry.time.toISOString(),
      entry.change,
      entry.activeOrganisation.type,
      entry.activeOrganisation.code,
      requestUserMetadataJson(entry.requestUserMetadata),
      entry.referenceId,
      after ? JSON.stringify(this.snapshotOf(after, entry.change)) : null,
    );
  }

  private snapshotOf(after: Booking, change: BookingHistoryEntry['change']): SnapshotRow {
    // A meeting just created has no participants yet: no read on the create path.
    const participants =
      change === 'Created' || !this.participants ? [] : this.participants.ofBooking(after.id);
    return { ...this.rowOf(after), myndighedsdeltagere: participants.map(myndighedsdeltagerRowOf) };
  }

  history(bookingId: string): BookingHistoryEntry[] {
    return this.historyStmt.all(canonicalUuid(bookingId)).map(historyEntryOf);
  }

  /** The history with the booking after each change (migration 0012), oldest first. */
  historyWithSnapshots(bookingId: string): BookingHistoryWithSnapshot[] {
    return this.historySnapshotStmt.all(canonicalUuid(bookingId)).map((r) => {
      const snapshot = r.snapshot === null ? undefined : (JSON.parse(r.snapshot) as SnapshotRow);
      return {
        entry: historyEntryOf(r),
        after: snapshot && fromRow(snapshot),
        participants: snapshot?.myndighedsdeltagere?.map(myndighedsdeltagerOfRow),
      };
    });
  }
}
