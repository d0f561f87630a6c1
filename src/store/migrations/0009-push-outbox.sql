-- Push messages (WSB, REST.md §7). Subscriptions are part of the world (fixtures, admin API); each
-- change writes one message per recipient subscription into push_messages in the change's own
-- transaction, so a crash loses none; a worker delivers them in seq order per subscription and
-- records every attempt.
CREATE TABLE push_subscriptions (
  name TEXT PRIMARY KEY,
  organisation_type INTEGER NOT NULL,
  organisation_code TEXT NOT NULL,
  message_types TEXT NOT NULL,        -- JSON array of "Indkaldelse" / "Frist"
  url TEXT NOT NULL,
  server_ca TEXT,                     -- PEM; NULL: the dev CA
  created_at TEXT NOT NULL
);

CREATE TABLE push_messages (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  message_id TEXT NOT NULL UNIQUE,
  subscription TEXT NOT NULL,
  message_type TEXT NOT NULL,
  aendringstype INTEGER NOT NULL,
  body TEXT NOT NULL,                 -- the JSON as sent, fixed when queued
  queued_at TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('pending', 'delivered', 'abandoned')),
  next_attempt_at TEXT,               -- pending only
  first_attempt_at TEXT,
  attempts INTEGER NOT NULL DEFAULT 0
);
-- The head of each subscription's queue, with one seek.
CREATE INDEX push_messages_pending ON push_messages (subscription, seq) WHERE status = 'pending';

CREATE TABLE push_attempts (
  message_seq INTEGER NOT NULL REFERENCES push_messages (seq) ON DELETE CASCADE,
  attempt INTEGER NOT NULL,
  time TEXT NOT NULL,
  outcome TEXT NOT NULL,
  http_status INTEGER,
  status_after TEXT NOT NULL,
  next_attempt_at TEXT,
  PRIMARY KEY (message_seq, attempt)
);
CREATE INDEX push_attempts_by_time ON push_attempts (time);
