-- BK-REMINDER: one reminder per booking; BK-WSRM: messages queued per receiving organisation,
-- fetched in pickups (sequences). A booking remembers whether it was created self-booked outside
-- Jobnet, since that (not the SelfBooked flag, which updates may leave stale) decides its reminders.

ALTER TABLE bookings ADD COLUMN created_self_booked_outside_star INTEGER NOT NULL DEFAULT 0;

CREATE TABLE reminders (
  booking_id TEXT PRIMARY KEY REFERENCES bookings (id) ON DELETE CASCADE,
  cpr TEXT NOT NULL,
  remind_at TEXT NOT NULL,
  meeting_start TEXT NOT NULL,
  scheduled_at TEXT NOT NULL
);
CREATE INDEX reminders_by_time ON reminders (remind_at);

CREATE TABLE wsrm_sequences (
  id TEXT PRIMARY KEY,
  receiver_type INTEGER NOT NULL,
  receiver_code TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('Open', 'Closed', 'Terminated')),
  created_at TEXT NOT NULL,
  ended_at TEXT
);
-- WSRM-ONE-OPEN, enforced by the database too: one open sequence per receiver.
CREATE UNIQUE INDEX wsrm_one_open_sequence ON wsrm_sequences (receiver_type, receiver_code) WHERE state = 'Open';

CREATE TABLE wsrm_messages (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  message_id TEXT NOT NULL UNIQUE,
  receiver_type INTEGER NOT NULL,
  receiver_code TEXT NOT NULL,
  booking_id TEXT NOT NULL,
  client_system TEXT NOT NULL,
  authority_type INTEGER NOT NULL,
  authority_code TEXT NOT NULL,
  registering_user TEXT NOT NULL,
  queued_at TEXT NOT NULL,
  booking TEXT NOT NULL,
  sequence_id TEXT REFERENCES wsrm_sequences (id)
);
CREATE INDEX wsrm_messages_pending ON wsrm_messages (receiver_type, receiver_code, sequence_id, id);
CREATE INDEX wsrm_messages_by_sequence ON wsrm_messages (sequence_id, id);
