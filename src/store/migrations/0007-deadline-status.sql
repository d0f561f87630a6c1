-- Self-booking deadlines with a status (BK-DEADLINE-STATUS): open, fulfilled or closed, as in STAR's
-- Frist service. Every existing deadline is open, as every deadline was read before. fulfilled_by
-- names the booking that fulfilled it: a fulfilled deadline is closed from that meeting's date, which
-- is read from the booking when the deadline is read (no foreign key: a booking is never deleted, and
-- a deadline whose booking is gone stays fulfilled).
ALTER TABLE self_booking_deadlines
  ADD COLUMN status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'fulfilled', 'closed'));
ALTER TABLE self_booking_deadlines ADD COLUMN fulfilled_by TEXT;
