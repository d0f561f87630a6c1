import type { Booking } from './booking';
import { OrganisationType, type Organisation } from './organisation';

/**
 * BK-ORIGINATOR, decided when the booking is created: the creating ActiveOrganisation, except that a
 * self-booking through a STAR system (Jobnet, 5/4) shows STAR (type 5) with the citizen's CV number,
 * or STAR's CVR number when the citizen has none (905.3: "ved selvbooking fra Jobnet er henholdsvis
 * Cv nummer og Star (id 5)"). Any other booking through a STAR system shows the calling system.
 */
export const bookingOriginator = (
  creator: Organisation,
  selfBooked: boolean,
  cvNumber: string | null,
  starCvr: string,
): Organisation =>
  creator.type === OrganisationType.Star && selfBooked
    ? { type: OrganisationType.Star, code: cvNumber ?? starCvr }
    : creator;

/**
 * The BookingOriginator a booking shows: the one fixed at its creation; for a booking an older
 * release stored (no originator kept), what that release showed, STAR's CVR number for every
 * booking made through a STAR system, so a stored booking reads back as it always did.
 */
export const originatorOf = (b: Pick<Booking, 'originator' | 'creator'>, starCvr: string): Organisation =>
  b.originator ??
  (b.creator.organisation.type === OrganisationType.Star
    ? { type: OrganisationType.Star, code: starCvr }
    : b.creator.organisation);

/** The largest OrganisationCode STAR's booking type holds: an int below 100000000 (P17). */
const ORIGINATOR_CODE = /^\d{1,8}$/;

/**
 * BookingOriginator's OrganisationCode as STAR's booking type has it, an int (P5, P17). Every
 * organisation DFDG knows has a numeric code; one registered in the emulator with letters or more
 * than 8 digits cannot be written there and shows as 0.
 */
export const originatorCode = (code: string): number => (ORIGINATOR_CODE.test(code) ? Number(code) : 0);
