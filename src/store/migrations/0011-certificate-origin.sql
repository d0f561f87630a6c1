-- Where each certificate registration came from: the fixtures (registered again at every start and
-- reset), the admin API or the CLI. POST /admin/reset keeps the registrations made through the API
-- or the CLI (a client holding such a certificate goes on working) unless asked to forget them.
-- A registration made before this migration is counted as the API's: it was not a fixture's unless
-- its name is a fixture certificate's, and those are registered again, as fixtures, at every start.
ALTER TABLE certificates ADD COLUMN origin TEXT NOT NULL DEFAULT 'api'
  CHECK (origin IN ('fixtures', 'api', 'cli'));
CREATE INDEX certificates_by_name ON certificates (name);
