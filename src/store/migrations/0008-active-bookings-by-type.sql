-- The self-booking rules ask whether a citizen has an active booking of a given interview type that
-- starts after now (BK-STRAKS, BK-ONE-FUTURE, ImmediateBookingRequired). This index answers that
-- with one seek, however many bookings the citizen has had or has ahead.
CREATE INDEX bookings_active_by_cpr_type_start ON bookings (cpr, interview_type, start_at)
  WHERE status = 'Active';
