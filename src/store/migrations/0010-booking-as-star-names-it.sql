-- The booking as STAR names it (CONTRACT.md, "The booking"): the meeting form and group type, a
-- DigitalMeetingLink, CompulsoryAttendance, CitizenShouldAcceptBooking, the ReBookingPossible and
-- CancellationPossible flags; the text each time was written in, answered back verbatim (NULL: no
-- client wrote it, answered as ISO-8601 UTC as before); and the BookingOriginator fixed at creation
-- (NULL: the booking shows what the release that stored it showed).
--
-- A booking stored before has no such facts; it takes the values a caseworker's ordinary booking
-- has: meeting form 1 (Personligt fremmøde), group type 1 (Individuel), attendance compulsory,
-- cancellation possible, and rebooking possible exactly when a rebooking deadline is stored (so
-- every stored booking is consistent under BK-DEADLINES-CONSISTENT).

ALTER TABLE bookings ADD COLUMN contact_type INTEGER NOT NULL DEFAULT 1;
ALTER TABLE bookings ADD COLUMN form_type INTEGER NOT NULL DEFAULT 1;
ALTER TABLE bookings ADD COLUMN digital_meeting_link TEXT;
ALTER TABLE bookings ADD COLUMN compulsory_attendance INTEGER NOT NULL DEFAULT 1;
ALTER TABLE bookings ADD COLUMN citizen_should_accept INTEGER;
ALTER TABLE bookings ADD COLUMN rebooking_possible INTEGER NOT NULL DEFAULT 0;
ALTER TABLE bookings ADD COLUMN cancellation_possible INTEGER NOT NULL DEFAULT 1;
ALTER TABLE bookings ADD COLUMN start_text TEXT;
ALTER TABLE bookings ADD COLUMN end_text TEXT;
ALTER TABLE bookings ADD COLUMN accepted_time_text TEXT;
ALTER TABLE bookings ADD COLUMN rebooking_deadline_text TEXT;
ALTER TABLE bookings ADD COLUMN cancellation_deadline_text TEXT;
ALTER TABLE bookings ADD COLUMN originator_type INTEGER;
ALTER TABLE bookings ADD COLUMN originator_code TEXT;

UPDATE bookings SET rebooking_possible = 1 WHERE rebooking_deadline IS NOT NULL;

-- A queued WSRM message carries the booking as it was then (JSON): it gets the same values, so a
-- pickup after the upgrade answers it in the new shape.
UPDATE wsrm_messages
SET booking = json_insert(
  booking,
  '$.contactType', 1,
  '$.formType', 1,
  '$.compulsoryAttendance', json('true'),
  '$.rebookingPossible',
    json(CASE WHEN json_extract(booking, '$.rebookingDeadline') IS NULL THEN 'false' ELSE 'true' END),
  '$.cancellationPossible', json('true')
);
