import { statSync } from 'node:fs';
import { DEFAULTS } from '../../src/config';
import type { Booking } from '../../src/domain/booking';
import { isVisibleTo } from '../../src/domain/booking.rules';
import type { Organisation } from '../../src/domain/organisation';
import type { RequestUserMetadata } from '../../src/domain/request-user-metadata';
import { loadFixtures, readFixtures } from '../../src/store/fixtures';
import { openStore } from '../../src/store/store';
import {
  AKASSER,
  bookingIdOf,
  bookingsOfCitizen,
  cprOf,
  jobcenterOf,
  KOMMUNER,
  LOAD_ORGANISATION,
  PICKUP_QUEUE_LENGTH,
  PICKUP_RECEIVERS,
  seededRandom,
  syntheticGuid,
} from './world';

/**
 * The fast loader: years of a shared installation written straight into SQLite (prepared
 * statements, one transaction, the journal in memory while loading) — citizens spread over 98
 * jobcenters and 24 a-kasser with five bookings each on average, each booking with its history,
 * reminder, audit rows (its CreateBooking and, while the log is within the default retention of
 * 1M calls, a later read), the a-kasse's WSRM message still
 * waiting, and a terminated pickup now and then. Plus the pickup receivers' queues.
 */
export interface DatasetSummary {
  readonly bookings: number;
  readonly citizens: number;
  readonly rows: Readonly<Record<string, number>>;
  readonly loadSeconds: number;
  readonly dbMegabytes: number;
}

const DAY_MS = 24 * 3600 * 1000;
const HISTORY_SPAN_MS = 3 * 365 * DAY_MS;
const AHEAD_MS = 120 * DAY_MS;

const caseworkerOf = (jobcenter: Organisation): RequestUserMetadata => ({
  userFullName: 'Mette Hansen',
  userType: 2,
  userIdentifier: `CVR:55555555-RID:${jobcenter.code}01`,
  organisation: jobcenter,
  registrationDateTime: '2025-01-01T09:00:00+01:00',
});

export const loadDataset = (dbPath: string, fixturesDir: string, bookingCount: number): DatasetSummary => {
  const started = performance.now();
  const now = new Date();
  const store = openStore(dbPath);
  loadFixtures(store, readFixtures(fixturesDir), now);
  const { db } = store;
  const codeLists = store.codelists.current();
  if (db.pragma('journal_mode = MEMORY', { simple: true }) !== 'memory')
    throw new Error('cannot leave WAL to load');
  db.pragma('synchronous = OFF');
  db.pragma('cache_size = -1000000');
  // The migrations' secondary indexes are dropped while loading and built again at the end, in one
  // sort each, rather than updated row by row (the same definitions, read back from the schema).
  const indexes = db
    .prepare<[], { name: string; sql: string }>(
      "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL",
    )
    .all();
  for (const index of indexes) db.exec(`DROP INDEX "${index.name}"`);
  const insert = {
    organisation: db.prepare('INSERT OR IGNORE INTO organisations (type, code, name) VALUES (?, ?, ?)'),
    citizen: db.prepare('INSERT INTO citizens (cpr, name, kommune, jobcenter) VALUES (?, ?, ?, ?)'),
    // The load's caller (LOAD_ORGANISATION) reads citizens of every jobcenter: a guest access each
    // lets it (ACC-OWN), and costs the read the same lookup an own citizen's would.
    guest: db.prepare(
      "INSERT INTO citizen_guest_access (cpr, org_type, org_code, until) VALUES (?, ?, ?, '9999-12-31T00:00:00.000Z')",
    ),
    membership: db.prepare(
      'INSERT INTO citizen_memberships (cpr, position, akasse, from_date, to_date) VALUES (?, 0, ?, NULL, NULL)',
    ),
    deadline: db.prepare(
      'INSERT INTO self_booking_deadlines (cpr, interview_type, deadline) VALUES (?, ?, ?)',
    ),
    booking: db.prepare(
      `INSERT INTO bookings (id, cpr, interview_type, start_at, end_at, status, meeting_org_type, meeting_org_code,
         meeting_location, caseworker_name, self_booked, cancellation_reason, created_at, last_changed_at,
         creator_org_type, creator_org_code, creator_metadata, creator_system, created_self_booked_outside_star,
         originator_type, originator_code)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?)`,
    ),
    history: db.prepare(
      'INSERT INTO booking_history (booking_id, time, change, org_type, org_code, metadata, reference_id) VALUES (?, ?, ?, ?, ?, ?, ?)',
    ),
    reminder: db.prepare(
      'INSERT INTO reminders (booking_id, cpr, remind_at, meeting_start, scheduled_at) VALUES (?, ?, ?, ?, ?)',
    ),
    audit: db.prepare(
      `INSERT INTO audit_log (reference_id, time, service, operation, certificate_subject, certificate_fingerprint,
         org_type, org_code, metadata, outcome) VALUES (?, ?, 'BookingService', ?, ?, ?, ?, ?, ?, 'ok')`,
    ),
    auditCpr: db.prepare('INSERT INTO audit_cprs (reference_id, cpr) VALUES (?, ?)'),
    message: db.prepare(
      `INSERT INTO wsrm_messages (message_id, receiver_type, receiver_code, booking_id, client_system, authority_type,
         authority_code, registering_user, queued_at, booking) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    sequence: db.prepare(
      "INSERT INTO wsrm_sequences (id, receiver_type, receiver_code, state, created_at, ended_at) VALUES (?, ?, ?, 'Terminated', ?, ?)",
    ),
  };
  const rows: Record<string, number> = {};
  const count = (table: string, n = 1): void => {
    rows[table] = (rows[table] ?? 0) + n;
  };
  const random = seededRandom(20_260_101);
  const metadataJson = new Map<string, string>();
  const jsonOf = (jc: Organisation): string => {
    let json = metadataJson.get(jc.code);
    if (!json) metadataJson.set(jc.code, (json = JSON.stringify(caseworkerOf(jc))));
    return json;
  };

  let citizens = 0;
  db.transaction(() => {
    for (const k of KOMMUNER) {
      insert.organisation.run(7, k, `Kommune ${k}`);
      insert.organisation.run(8, jobcenterOf(k).code, `Jobcenter ${k}`);
    }
    for (const a of AKASSER) insert.organisation.run(a.type, a.code, `A-kasse ${a.code}`);
    for (const r of PICKUP_RECEIVERS) insert.organisation.run(r.type, r.code, `Pickup jobcenter ${r.code}`);

    let n = 0;
    let messages = 0;
    for (let c = 0; n < bookingCount; c++, citizens++) {
      const cpr = cprOf(c);
      const kommune = KOMMUNER[Math.floor(random() * KOMMUNER.length)] ?? '101';
      const jobcenter = jobcenterOf(kommune);
      const akasse = random() < 0.7 ? (AKASSER[Math.floor(random() * AKASSER.length)] ?? null) : null;
      insert.citizen.run(cpr, `Borger ${c}`, kommune, jobcenter.code);
      if (akasse) insert.membership.run(cpr, akasse.code);
      if (jobcenter.code !== LOAD_ORGANISATION.code)
        insert.guest.run(cpr, LOAD_ORGANISATION.type, LOAD_ORGANISATION.code);
      count('citizens');
      if (random() < 0.5) {
        const deadline = new Date(now.getTime() + (random() * 60 - 30) * DAY_MS).toISOString().slice(0, 10);
        insert.deadline.run(cpr, random() < 0.5 ? 7 : 15, deadline);
        count('self_booking_deadlines');
      }
      const system = `jobcenter-${jobcenter.code}`;
      const subject = `CN=${system}, O=Jobcenter ${kommune}, C=DK`;
      const fingerprint = `BENCH:${jobcenter.code}`;
      for (let b = bookingsOfCitizen(c); b > 0 && n < bookingCount; b--, n++) {
        const start =
          Math.round((now.getTime() - HISTORY_SPAN_MS + random() * (HISTORY_SPAN_MS + AHEAD_MS)) / 900_000) *
          900_000;
        const createdAt = Math.min(now.getTime(), start - Math.floor(random() * 60) * DAY_MS - 3_600_000);
        const cancelled = random() < 0.1;
        const lastChangedAt = cancelled
          ? Math.min(now.getTime(), createdAt + Math.floor(random() * (start - createdAt)))
          : createdAt;
        const booking: Booking = {
          id: bookingIdOf(n),
          cpr,
          interviewType: 1 + Math.floor(random() * 18),
          contactType: 1,
          formType: 1,
          start: new Date(start),
          end: new Date(start + 45 * 60_000),
          meetingOrganisation: jobcenter,
          meetingLocation: `Jobcenter ${kommune}`,
          caseworkerName: 'Mette Hansen',
          compulsoryAttendance: true,
          selfBooked: false,
          rebookingPossible: false,
          cancellationPossible: true,
          status: cancelled ? 'Cancelled' : 'Active',
          cancellationReason: cancelled ? 'Borgeren er i arbejde' : undefined,
          createdAt: new Date(createdAt),
          lastChangedAt: new Date(lastChangedAt),
          creator: { organisation: jobcenter, metadata: caseworkerOf(jobcenter), system },
          originator: jobcenter,
          createdSelfBookedOutsideStar: false,
        };
        const meta = jsonOf(jobcenter);
        const createdIso = booking.createdAt.toISOString();
        const createRef = syntheticGuid('audit', 2 * n);
        insert.booking.run(
          booking.id,
          cpr,
          booking.interviewType,
          booking.start.toISOString(),
          booking.end.toISOString(),
          booking.status,
          jobcenter.type,
          jobcenter.code,
          booking.meetingLocation,
          booking.caseworkerName,
          booking.cancellationReason ?? null,
          createdIso,
          booking.lastChangedAt.toISOString(),
          jobcenter.type,
          jobcenter.code,
          meta,
          system,
          jobcenter.type,
          jobcenter.code,
        );
        insert.history.run(
          booking.id,
          createdIso,
          'Created',
          jobcenter.type,
          jobcenter.code,
          meta,
          createRef,
        );
        count('bookings');
        count('booking_history');
        if (cancelled) {
          const ref = syntheticGuid('audit', 2 * n + 1);
          insert.history.run(
            booking.id,
            booking.lastChangedAt.toISOString(),
            'Cancelled',
            8,
            jobcenter.code,
            meta,
            ref,
          );
          count('booking_history');
        } else if (start > now.getTime()) {
          const remindAt = new Date(start - DAY_MS).toISOString();
          insert.reminder.run(booking.id, cpr, remindAt, booking.start.toISOString(), createdIso);
          count('reminders');
        }
        const readAt = new Date(Math.min(now.getTime(), createdAt + 3_600_000)).toISOString();
        const audited = [[createRef, createdIso, 'CreateBooking']] as [string, string, string][];
        // The later read while the log stays within the emulator's default retention: a history
        // larger than that is a full log at its limit, as a long-lived instance holds it (a log over
        // the limit would be pruned in the background while the load runs).
        if (bookingCount + n < DEFAULTS.auditRetention)
          audited.push([
            syntheticGuid('audit', 2 * n + 1),
            readAt,
            cancelled ? 'DeleteBooking' : 'GetBookings',
          ]);
        for (const [ref, time, op] of audited) {
          insert.audit.run(ref, time, op, subject, fingerprint, jobcenter.type, jobcenter.code, meta);
          insert.auditCpr.run(ref, cpr);
          count('audit_log');
          count('audit_cprs');
        }
        // BK-WSRM: the jobcenter picked its message up long ago (deleted, its pickup kept); the
        // a-kasse, which does not poll this emulator, still has its own waiting.
        const receivers: Organisation[] = [];
        if (akasse && isVisibleTo(akasse, booking, codeLists)) receivers.push(akasse);
        if (n < PICKUP_RECEIVERS.length * PICKUP_QUEUE_LENGTH) {
          receivers.push(PICKUP_RECEIVERS[n % PICKUP_RECEIVERS.length] as Organisation);
        }
        const bookingJson = receivers.length > 0 ? JSON.stringify(booking) : '';
        for (const r of receivers) {
          insert.message.run(
            syntheticGuid('message', messages++),
            r.type,
            r.code,
            booking.id,
            system,
            jobcenter.type,
            jobcenter.code,
            meta,
            createdIso,
            bookingJson,
          );
          count('wsrm_messages');
        }
        if (n % 25 === 0) {
          const ended = new Date(createdAt + 60_000).toISOString();
          insert.sequence.run(syntheticGuid('sequence', n), 8, jobcenter.code, createdIso, ended);
          count('wsrm_sequences');
        }
      }
    }
    for (const index of indexes) db.exec(index.sql);
  })();
  db.pragma('journal_mode = WAL');
  store.close();
  return {
    bookings: bookingCount,
    citizens,
    rows,
    loadSeconds: (performance.now() - started) / 1000,
    dbMegabytes: statSync(dbPath).size / 1024 / 1024,
  };
};
