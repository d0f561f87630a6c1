-- Booking identifiers are UUIDs compared without regard to case (RULES.md BK-NOT-FOUND) and stored in
-- one form, lower case, the form the emulator generates. Before, a client's id was stored as sent, so
-- the upper-case form of an existing id could create a second booking. Each stored booking id takes
-- its lower-case form; where two bookings share that form (that defect), the one already in lower
-- case, else the first stored, keeps it and each other gets a new random UUID: no booking is lost and
-- no two answer to one id. The rows that name a booking (history, reminder, WSRM messages and the
-- booking copy a message carries) follow it. WSRM sequence ids are always made by the emulator, in
-- lower case: nothing to do there.

-- The references are rewritten after their booking: checked once, at commit.
PRAGMA defer_foreign_keys = ON;

CREATE TEMP TABLE booking_id_changes AS
SELECT
  b.id AS old_id,
  CASE
    WHEN NOT EXISTS (SELECT 1 FROM bookings o WHERE o.id = lower(b.id))
      AND b.rowid = (SELECT min(o.rowid) FROM bookings o WHERE lower(o.id) = lower(b.id))
    THEN lower(b.id)
    -- A version 4 UUID: 122 random bits, the version nibble 4 and the variant bits 10.
    ELSE lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' ||
      substr(lower(hex(randomblob(2))), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) ||
      substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6)))
  END AS new_id
FROM bookings b
WHERE b.id <> lower(b.id);

UPDATE bookings
SET id = (SELECT new_id FROM booking_id_changes WHERE old_id = bookings.id)
WHERE id IN (SELECT old_id FROM booking_id_changes);

UPDATE booking_history
SET booking_id = (SELECT new_id FROM booking_id_changes WHERE old_id = booking_history.booking_id)
WHERE booking_id IN (SELECT old_id FROM booking_id_changes);

UPDATE reminders
SET booking_id = (SELECT new_id FROM booking_id_changes WHERE old_id = reminders.booking_id)
WHERE booking_id IN (SELECT old_id FROM booking_id_changes);

UPDATE wsrm_messages
SET booking_id = (SELECT new_id FROM booking_id_changes WHERE old_id = wsrm_messages.booking_id),
    booking = json_set(booking, '$.id',
      (SELECT new_id FROM booking_id_changes WHERE old_id = wsrm_messages.booking_id))
WHERE booking_id IN (SELECT old_id FROM booking_id_changes);

DROP TABLE booking_id_changes;
