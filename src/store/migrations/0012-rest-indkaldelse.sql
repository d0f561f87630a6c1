-- What the REST service Kontaktforloeb.IndkaldelseService keeps besides the booking both faces share
-- (REST.md §2-§4).
--
-- The three fields a meeting has only over REST (absent from SOAP reads): gruppemoedeId,
-- moedeVarighed in minutes as the caller gave it, and kildesystemType (REST-KILDESYSTEM). NULL: not
-- given, or a booking made over SOAP.
ALTER TABLE bookings ADD COLUMN group_meeting_id TEXT;
ALTER TABLE bookings ADD COLUMN duration_minutes INTEGER;
ALTER TABLE bookings ADD COLUMN source_system_type INTEGER;

-- REQ-REQUESTID: every well-formed x-requestId, when it was first recorded (emulator time) and the
-- call that recorded it (the 412's beskrivelse names both). POST /admin/reset empties it as it
-- empties every table.
CREATE TABLE rest_request_ids (
  request_id TEXT PRIMARY KEY,
  recorded_at TEXT NOT NULL,
  reference_id TEXT NOT NULL
);

-- The authority participants of a meeting (CreateMyndighedsdeltagerRequestDto, STAR P3). A
-- participant goes with its meeting (a meeting is never deleted, only cancelled; the cascade is for
-- a reset's order).
CREATE TABLE myndighedsdeltagere (
  id TEXT PRIMARY KEY,
  booking_id TEXT NOT NULL REFERENCES bookings (id) ON DELETE CASCADE,
  navn TEXT,
  kontaktdetaljer TEXT,
  telefonnummer TEXT,
  email TEXT,
  created_at TEXT NOT NULL,
  last_changed_at TEXT NOT NULL
);
CREATE INDEX myndighedsdeltagere_by_booking ON myndighedsdeltagere (booking_id, created_at);

-- The meeting's read form right after each change (JSON), for the historik entry (REST.md §4): the
-- history rows alone do not let the meeting be rebuilt as it was. NULL for a row written before.
ALTER TABLE booking_history ADD COLUMN snapshot TEXT;

-- A certificate's system type (REST.md §4: "systemType" in POST /admin/certificates; 30 DFDG and 32
-- Jobnet are STAR's ids): what REST-KILDESYSTEM compares a meeting's kildesystemType with. NULL: not
-- set, which matches no kildesystemType.
ALTER TABLE certificates ADD COLUMN system_type INTEGER;
