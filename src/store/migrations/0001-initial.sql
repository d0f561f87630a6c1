-- Organisations, certificate registrations (SEC-CERT), citizens with self-booking deadlines,
-- bookings with their creator's metadata (BK-OWNER-META) and history, and the audit log (SEC-AUDIT).
-- Times are ISO-8601 UTC strings ("2026-11-23T10:00:00.000Z"), which sort as they compare.

CREATE TABLE organisations (
  type INTEGER NOT NULL,
  code TEXT NOT NULL,
  name TEXT NOT NULL,
  PRIMARY KEY (type, code)
);

CREATE TABLE certificates (
  fingerprint TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  subject TEXT NOT NULL,
  registered_at TEXT NOT NULL
);

CREATE TABLE certificate_organisations (
  fingerprint TEXT NOT NULL REFERENCES certificates (fingerprint) ON DELETE CASCADE,
  type INTEGER NOT NULL,
  code TEXT NOT NULL,
  PRIMARY KEY (fingerprint, type, code)
);

CREATE TABLE citizens (
  cpr TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  kommune TEXT NOT NULL,
  jobcenter TEXT NOT NULL,
  akasse TEXT
);

CREATE TABLE self_booking_deadlines (
  cpr TEXT NOT NULL REFERENCES citizens (cpr) ON DELETE CASCADE,
  interview_type INTEGER NOT NULL,
  deadline TEXT NOT NULL,
  PRIMARY KEY (cpr, interview_type)
);

CREATE TABLE bookings (
  id TEXT PRIMARY KEY,
  cpr TEXT NOT NULL,
  interview_type INTEGER NOT NULL,
  start_at TEXT NOT NULL,
  end_at TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('Active', 'Cancelled')),
  origin_system_identifier TEXT,
  meeting_org_type INTEGER NOT NULL,
  meeting_org_code TEXT NOT NULL,
  meeting_location TEXT,
  caseworker_name TEXT,
  self_booked INTEGER NOT NULL,
  accepted INTEGER,
  accepted_time TEXT,
  rebooking_deadline TEXT,
  cancellation_deadline TEXT,
  cancellation_reason TEXT,
  created_at TEXT NOT NULL,
  last_changed_at TEXT NOT NULL,
  creator_org_type INTEGER NOT NULL,
  creator_org_code TEXT NOT NULL,
  creator_metadata TEXT NOT NULL,
  creator_system TEXT NOT NULL
);
CREATE INDEX bookings_by_cpr_start ON bookings (cpr, start_at);

CREATE TABLE booking_history (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  booking_id TEXT NOT NULL REFERENCES bookings (id) ON DELETE CASCADE,
  time TEXT NOT NULL,
  change TEXT NOT NULL,
  org_type INTEGER NOT NULL,
  org_code TEXT NOT NULL,
  metadata TEXT NOT NULL,
  reference_id TEXT NOT NULL
);
CREATE INDEX booking_history_by_booking ON booking_history (booking_id, id);

CREATE TABLE audit_log (
  reference_id TEXT PRIMARY KEY,
  time TEXT NOT NULL,
  service TEXT NOT NULL,
  operation TEXT,
  certificate_subject TEXT,
  certificate_fingerprint TEXT,
  org_type INTEGER,
  org_code TEXT,
  metadata TEXT,
  outcome TEXT NOT NULL,
  rule_id TEXT,
  detail TEXT
);
CREATE INDEX audit_log_by_time ON audit_log (time);

CREATE TABLE audit_cprs (
  reference_id TEXT NOT NULL REFERENCES audit_log (reference_id) ON DELETE CASCADE,
  cpr TEXT NOT NULL,
  PRIMARY KEY (cpr, reference_id)
);
