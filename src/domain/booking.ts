import type { WrittenTimes } from './booking-times';
import type { Organisation } from './organisation';
import type { RequestUserMetadata } from './request-user-metadata';

/** A booking as a caller sends it (BookingType, CONTRACT.md: STAR's names where STAR shows them). */
export interface BookingInput {
  readonly id?: string | undefined;
  readonly originSystemIdentifier?: string | undefined;
  readonly cpr: string;
  readonly interviewType: number;
  /** InterviewContactTypeIdentifier: the meeting form (afholdelsesform), e.g. 8 Digitalt møde. */
  readonly contactType: number;
  /** InterviewFormTypeIdentifier: the meeting group type (mødegruppetype), individual or group. */
  readonly formType: number;
  readonly start: Date;
  readonly end: Date;
  readonly meetingOrganisation: Organisation;
  readonly meetingLocation?: string | undefined;
  /** Required when the meeting form is 8, Digitalt møde (BK-VALID). */
  readonly digitalMeetingLink?: string | undefined;
  readonly caseworkerName?: string | undefined;
  /** Mødepligt: the citizen must attend. */
  readonly compulsoryAttendance: boolean;
  readonly selfBooked: boolean;
  readonly citizenShouldAcceptBooking?: boolean | undefined;
  readonly accepted?: boolean | undefined;
  readonly acceptedTime?: Date | undefined;
  readonly rebookingPossible: boolean;
  readonly rebookingDeadline?: Date | undefined;
  readonly cancellationPossible: boolean;
  readonly cancellationDeadline?: Date | undefined;
  /** The text the client wrote for each of the times above, answered back verbatim. */
  readonly writtenTimes?: WrittenTimes | undefined;
  /** REST only (REST.md §4), absent from SOAP reads: gruppemoedeId of a group meeting (REST-FIELDS). */
  readonly groupMeetingId?: string | undefined;
  /** REST only: moedeVarighed in minutes, as the caller gave it. */
  readonly durationMinutes?: number | undefined;
  /** REST only: kildesystemType, the system type that alone may change the meeting (REST-KILDESYSTEM). */
  readonly sourceSystemType?: number | undefined;
}

export type BookingStatus = 'Active' | 'Cancelled';

/** Who created a booking: kept for ever (BK-OWNER-META), shown as BookingOriginator and CreatedBy. */
export interface BookingCreator {
  readonly organisation: Organisation;
  readonly metadata: RequestUserMetadata;
  /** The name the creating certificate is registered under. */
  readonly system: string;
}

export interface Booking extends BookingInput {
  readonly id: string;
  readonly status: BookingStatus;
  readonly createdAt: Date;
  readonly lastChangedAt: Date;
  readonly creator: BookingCreator;
  /**
   * BK-ORIGINATOR, fixed at creation. Undefined for a booking an older release stored: it shows
   * what that release showed (originatorOf).
   */
  readonly originator?: Organisation | undefined;
  readonly cancellationReason?: string | undefined;
  /** Created with SelfBooked by a system other than STAR's: fixed at creation (BK-REMINDER). */
  readonly createdSelfBookedOutsideStar: boolean;
}

export type BookingChange = 'Created' | 'Updated' | 'Rescheduled' | 'Cancelled';

/** One row of a booking's history: what changed, when, and on whose behalf. */
export interface BookingHistoryEntry {
  readonly time: Date;
  readonly change: BookingChange;
  readonly activeOrganisation: Organisation;
  readonly requestUserMetadata: RequestUserMetadata;
  readonly referenceId: string;
}

/** A Danish citizen as DFDG knows them: who follows them, and their self-booking deadlines. */
export interface Citizen {
  readonly cpr: string;
  readonly name: string;
  readonly kommune: string;
  readonly jobcenter: string;
  /** The a-kasse memberships, past and present (ACC-OWN for a-kasser, BK-AKASSE-MEMBER). */
  readonly memberships: readonly AkasseMembership[];
  /** The CVR numbers of the anden aktører the jobcenter has assigned the citizen to. */
  readonly andenAktoer: readonly string[];
  readonly guestAccess: readonly GuestAccess[];
  /** The date of death (Copenhagen calendar date), or null: a dead citizen is ACC-CPR's 4405. */
  readonly deceased: string | null;
  /** The citizen's Jobnet CV number (BK-ORIGINATOR of a self-booking through STAR), or null. */
  readonly cvNumber: string | null;
  readonly selfBookingDeadlines: readonly SelfBookingDeadline[];
}

/** A membership of an a-kasse: Copenhagen calendar dates, both included; null is open. */
export interface AkasseMembership {
  readonly akasse: string;
  readonly from: string | null;
  readonly to: string | null;
}

/** Another organisation's access to the citizen, in force up to and including `until`. */
export interface GuestAccess {
  readonly organisation: Organisation;
  readonly until: Date;
}

/**
 * BK-DEADLINE-STATUS: STAR's Frist service (P19). "Closed" is also what a fulfilled deadline becomes on
 * its meeting's date: that is derived when read (deadline-status.rules.ts), not stored.
 */
export type DeadlineStatus = 'open' | 'fulfilled' | 'closed';

/** The booking that fulfilled a deadline, with its meeting start as it is now (it may have moved). */
export interface FulfillingBooking {
  readonly bookingId: string;
  readonly start: Date;
}

export interface SelfBookingDeadline {
  readonly interviewType: number;
  /** A Copenhagen calendar date, YYYY-MM-DD; the deadline ends at the end of that day. */
  readonly deadline: string;
  /** The status as stored: set by a fulfilling booking or by the admin API. */
  readonly status: DeadlineStatus;
  readonly fulfilledBy?: FulfillingBooking | undefined;
}
