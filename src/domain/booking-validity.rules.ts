import type { BookingInput } from './booking';
import { findCodeListItem, type CodeListName, type CodeListValue, type CodeLists } from './codelists';
import { copenhagenDate } from './copenhagen-time';
import { isWellFormedCpr } from './cpr';
import { violation, type ErrorKey, type Violation } from './errors';

/**
 * The booking's own rules, the first of RULES.md step 7: BK-VALID (every write), BK-START
 * (CreateBooking) and BK-DEADLINES-CONSISTENT (every write that sets the flags). Each returns the
 * first violation in RULES.md's order, or null.
 */

/** The meeting form whose meetings need a DigitalMeetingLink: 8, Digitalt møde (STAR P1). */
export const DIGITAL_MEETING = 8;

/** BK-VALID's 4792: STAR refuses an end before the start (P4); an end at the start is not refused. */
export const endsBeforeStart = (start: Date, end: Date): boolean => end.getTime() < start.getTime();

/** The code lists the booking's identifiers must be in, each with STAR's code when it is not (P4). */
const BOOKING_CODE_LISTS: ReadonlyArray<{
  readonly list: CodeListName;
  readonly element: string;
  readonly value: (b: BookingInput) => number;
  readonly key: ErrorKey;
}> = [
  {
    list: 'InterviewType',
    element: 'InterviewTypeIdentifier',
    value: (b) => b.interviewType,
    key: 'BK-VALID-INTERVIEW-TYPE',
  },
  {
    list: 'InterviewContactType',
    element: 'InterviewContactTypeIdentifier',
    value: (b) => b.contactType,
    key: 'BK-VALID-CONTACT-TYPE',
  },
  {
    list: 'InterviewFormType',
    element: 'InterviewFormTypeIdentifier',
    value: (b) => b.formType,
    key: 'BK-VALID-FORM-TYPE',
  },
];

/** BK-VALID: the booking is well-formed (the XSD cannot say all of it); the code lists are a fact. */
export const validBooking = (b: BookingInput, codeLists: CodeLists): Violation | null => {
  if (!isWellFormedCpr(b.cpr))
    return violation('BK-VALID', `PersonCivilRegistrationIdentifier ${b.cpr} is not a valid CPR number`);
  for (const { list, element, value, key } of BOOKING_CODE_LISTS) {
    if (!findCodeListItem(codeLists, list, value(b))) {
      return violation(
        key,
        `${element} ${value(b)} is not in the code list ${list} (${codeLists[list].map((t) => t.id).join(', ')})`,
      );
    }
  }
  if (endsBeforeStart(b.start, b.end))
    return violation('BK-VALID-END', 'BookingEndTime is before BookingStartTime');
  if (b.contactType === DIGITAL_MEETING && !b.digitalMeetingLink) {
    return violation(
      'BK-VALID',
      `InterviewContactTypeIdentifier ${DIGITAL_MEETING} (Digitalt møde) needs a DigitalMeetingLink`,
    );
  }
  return null;
};

/** The code-list values a booking carries, for REQ-CODELIST (step 5, before the booking rules). */
export const bookingCodeListValues = (b: BookingInput): CodeListValue[] => [
  ...BOOKING_CODE_LISTS.map(({ list, element, value }) => ({ list, id: value(b), element })),
  {
    list: 'OrganisationType',
    id: b.meetingOrganisation.type,
    element: 'MeetingOrganisation/OrganisationTypeIdentifier',
  },
];

/** BK-START (CreateBooking only): the meeting may not start before today's Copenhagen date. */
export const startsNotBeforeToday = (start: Date, now: Date): Violation | null => {
  const day = copenhagenDate(start);
  const today = copenhagenDate(now);
  return day < today
    ? violation(
        'BK-START',
        `BookingStartTime ${start.toISOString()} is on ${day}, before today ${today} (Copenhagen time)`,
      )
    : null;
};

/** The flags and deadlines BK-DEADLINES-CONSISTENT reads. */
export type DeadlineFlags = Pick<
  BookingInput,
  'rebookingPossible' | 'rebookingDeadline' | 'cancellationPossible' | 'cancellationDeadline'
>;

/**
 * BK-DEADLINES-CONSISTENT: a deadline only where its flag allows one, and a rebooking deadline
 * wherever rebooking is possible (STAR's 8125, 8126, 8127, P4).
 */
export const deadlinesConsistent = (b: DeadlineFlags): Violation | null => {
  if (!b.rebookingPossible && b.rebookingDeadline) {
    return violation(
      'BK-DEADLINES-REBOOKING-FORBIDDEN',
      `ReBookingDeadline ${b.rebookingDeadline.toISOString()} is given, but ReBookingPossible is false`,
    );
  }
  if (b.rebookingPossible && !b.rebookingDeadline) {
    return violation(
      'BK-DEADLINES-REBOOKING-MISSING',
      'ReBookingPossible is true, but no ReBookingDeadline is given',
    );
  }
  if (!b.cancellationPossible && b.cancellationDeadline) {
    return violation(
      'BK-DEADLINES-CANCELLATION-FORBIDDEN',
      `CancellationDeadline ${b.cancellationDeadline.toISOString()} is given, but CancellationPossible is false`,
    );
  }
  return null;
};
