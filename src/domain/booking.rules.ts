import type { Booking, BookingInput, Citizen, SelfBookingDeadline } from './booking';
import { deadlinesConsistent, startsNotBeforeToday, validBooking } from './booking-validity.rules';
import { copenhagenDate, endOfCopenhagenDay } from './copenhagen-time';
import { interviewDateLimit, isOpenDeadline } from './deadline-status.rules';
import { violation, type Violation } from './errors';
import { visibleToUnemploymentFund, type CodeLists } from './codelists';
import { OrganisationType, type Organisation } from './organisation';
import { RequestUserType, type RequestUserMetadata } from './request-user-metadata';

/** The call a booking rule judges: on whose behalf, and when. */
export interface BookingCall {
  readonly activeOrganisation: Organisation;
  readonly user: RequestUserMetadata;
  readonly now: Date;
}

/** What a CreateBooking needs to know besides the request (gathered by the service, read here). */
export interface CreateBookingFacts {
  readonly idTaken: boolean;
  readonly citizen: Citizen | undefined;
  /**
   * The citizen's first active booking after now of each type in `futureBookingTypes(b)`: all that
   * BK-STRAKS and BK-ONE-FUTURE read, so gathering them costs the same however many bookings the
   * citizen has (the rules still check status and start).
   */
  readonly futureBookings: readonly Booking[];
  /** The code lists in force (BK-VALID reads the interview types). */
  readonly codeLists: CodeLists;
}

export { interviewDateLimit, SELF_BOOKING_GRACE_DAYS } from './deadline-status.rules';
const ONE_FUTURE_TYPES: ReadonlySet<number> = new Set([7, 15]);

/** The interview types whose future bookings CreateBooking's rules read: the booking's own, 7 and 15. */
export const futureBookingTypes = (b: Pick<BookingInput, 'interviewType'>): number[] => [
  b.interviewType,
  ...ONE_FUTURE_TYPES,
];

/**
 * The rules of an operation that ran, in order, up to the one that refused (if any): the journal
 * lists those that passed before the refusal, so a vendor sees how far the call got.
 */
export interface RuleTrail {
  readonly passed: ReadonlyArray<{ readonly ruleId: string; readonly why: string }>;
  readonly violation: Violation | null;
}

type RuleStep = readonly [ruleId: string, why: string, run: () => Violation | null];

const trailOf = (steps: readonly RuleStep[]): RuleTrail => {
  const passed: Array<{ ruleId: string; why: string }> = [];
  for (const [ruleId, why, run] of steps) {
    const v = run();
    if (v) return { passed, violation: v };
    passed.push({ ruleId, why });
  }
  return { passed, violation: null };
};

/** RULES.md step 7 for CreateBooking, in its order; the first violation answers. */
export const createBookingRuleTrail = (
  b: BookingInput,
  call: BookingCall,
  facts: CreateBookingFacts,
): RuleTrail =>
  trailOf([
    [
      'BK-VALID',
      'a valid CPR, code-list values and times; the BookingIdentifier is not in use',
      () =>
        validBooking(b, facts.codeLists) ??
        (facts.idTaken ? violation('BK-VALID', `BookingIdentifier ${b.id ?? ''} is already in use`) : null),
    ],
    ['BK-START', 'the meeting starts today or later', () => startsNotBeforeToday(b.start, call.now)],
    [
      'BK-DEADLINES-CONSISTENT',
      'the rebooking and cancellation flags match their deadlines',
      () => deadlinesConsistent(b),
    ],
    visAkasseOnWriteStep(b, call, facts.codeLists),
    ...(b.selfBooked ? selfBookingSteps(b, call, facts) : []),
    [
      'BK-DEADLINES-CREATE',
      'the rebooking and cancellation deadlines are in the future, before the meeting',
      () => deadlinesOnCreate(b, call.now),
    ],
  ]);

/** RULES.md step 7 for CreateBooking, in its order; the first violation answers. */
export const createBookingRules = (
  b: BookingInput,
  call: BookingCall,
  facts: CreateBookingFacts,
): Violation | null => createBookingRuleTrail(b, call, facts).violation;

const selfBookingSteps = (b: BookingInput, call: BookingCall, facts: CreateBookingFacts): RuleStep[] => {
  // BK-DEADLINE-STATUS: a fulfilled or closed deadline no longer limits self-booking.
  const deadline = facts.citizen?.selfBookingDeadlines.find(
    (d) => d.interviewType === b.interviewType && isOpenDeadline(d, call.now),
  );
  return [
    ['BK-SELF-CITIZEN', 'self-booked by the citizen', () => selfBookedByCitizen(b, call.user)],
    ['BK-SELF-ACCEPT', 'BookingAcceptedTime is not in the future', () => selfBookingAccepted(b, call.now)],
    ...(deadline
      ? ([
          [
            'BK-SELF-DEADLINE',
            `the meeting is within the self-booking deadline ${deadline.deadline} + 7 days`,
            () => withinSelfBookingDeadline(b, deadline),
          ],
        ] as const)
      : []),
    ...(deadline && call.activeOrganisation.type !== OrganisationType.Star
      ? ([
          [
            'BK-STRAKS',
            'the citizen is not straksbooking-ramt',
            () => notStraksbookingRamt(deadline, facts.futureBookings, call.now),
          ],
        ] as const)
      : []),
    [
      'BK-ONE-FUTURE',
      'no other future Jobsamtale or Rådighedssamtale',
      () => oneFutureJobsamtale(b, facts.futureBookings, call.now),
    ],
  ];
};

/**
 * RULES.md step 7 for UpdateBooking once the booking is found (BK-NOT-FOUND with VIS-AKASSE): the
 * rules that judge the stored booking against the request, in their order. The update is judged on
 * the booking as it would be after the change: an a-kasse may not move a booking it sees to a type
 * it cannot see.
 */
export const updateBookingRuleTrail = (
  b: BookingInput,
  existing: Booking,
  call: BookingCall,
  codeLists: CodeLists,
): RuleTrail =>
  trailOf([
    ['BK-CPR-MATCH', 'the CPR is the booking’s', () => cprMatchesBooking(b.cpr, existing)],
    // The cancelled check is BK-VALID's, which RULES.md puts before VIS-AKASSE (as REST-STATE is, over REST).
    ['BK-VALID', 'the booking is not cancelled', () => notCancelled(existing)],
    visAkasseOnWriteStep(b, call, codeLists),
  ]);

const visAkasseOnWriteStep = (
  b: Pick<BookingInput, 'interviewType'>,
  call: BookingCall,
  codeLists: CodeLists,
): RuleStep => [
  'VIS-AKASSE',
  'the caller may see bookings of this interview type',
  () => writableInterviewType(call.activeOrganisation, b, codeLists),
];

/** BK-VALID: a cancelled booking is kept for the record but cannot be changed any more. */
export const notCancelled = (booking: Pick<Booking, 'id' | 'status'>): Violation | null =>
  booking.status === 'Cancelled'
    ? violation('BK-VALID', `booking ${booking.id} is cancelled and cannot be changed; create a new booking`)
    : null;

/** BK-CPR-MATCH */
export const cprMatchesBooking = (cpr: string, booking: Booking): Violation | null =>
  cpr === booking.cpr
    ? null
    : violation('BK-CPR-MATCH', 'PersonCivilRegistrationIdentifier differs from the CPR of the booking');

/** BK-SELF-CITIZEN */
export const selfBookedByCitizen = (b: BookingInput, user: RequestUserMetadata): Violation | null =>
  user.userType === RequestUserType.Citizen &&
  user.userIdentifier === b.cpr &&
  user.organisation.code === b.cpr
    ? null
    : violation(
        'BK-SELF-CITIZEN',
        `SelfBooked is true, so the call must be made as the citizen: RequestUserType 1 with UserIdentifier and ` +
          `OrganisationCode ${b.cpr}; got type ${user.userType}, UserIdentifier ${user.userIdentifier}`,
      );

/** BK-SELF-ACCEPT */
export const selfBookingAccepted = (b: BookingInput, now: Date): Violation | null => {
  if (b.accepted !== true || !b.acceptedTime) {
    return violation(
      'BK-SELF-ACCEPT',
      'a self-booked booking needs BookingAccepted true and BookingAcceptedTime',
    );
  }
  return b.acceptedTime.getTime() > now.getTime()
    ? violation('BK-SELF-ACCEPT', `BookingAcceptedTime ${b.acceptedTime.toISOString()} is in the future`)
    : null;
};

/** BK-SELF-DEADLINE */
export const withinSelfBookingDeadline = (
  b: BookingInput,
  deadline: SelfBookingDeadline,
): Violation | null => {
  const limit = interviewDateLimit(deadline);
  return copenhagenDate(b.start) <= limit
    ? null
    : violation(
        'BK-SELF-DEADLINE',
        `the meeting starts on ${copenhagenDate(b.start)}; the self-booking deadline ${deadline.deadline} allows ` +
          `a start on or before ${limit} (Copenhagen time)`,
      );
};

/**
 * Straksbooking (905.3): the deadline is open (BK-DEADLINE-STATUS), has passed, and the citizen has no
 * future booking of that type. The one definition, read by BK-STRAKS and by PersonStatusService's
 * ImmediateBookingRequired.
 */
export const isStraksbookingRamt = (
  deadline: SelfBookingDeadline,
  bookings: readonly Booking[],
  now: Date,
): boolean =>
  isOpenDeadline(deadline, now) &&
  now.getTime() > endOfCopenhagenDay(deadline.deadline).getTime() &&
  !bookings.some((b) => b.interviewType === deadline.interviewType && isFutureActive(b, now));

/** BK-STRAKS (the caller is not a STAR system: checked by the caller of this rule). */
export const notStraksbookingRamt = (
  deadline: SelfBookingDeadline,
  bookings: readonly Booking[],
  now: Date,
): Violation | null =>
  isStraksbookingRamt(deadline, bookings, now)
    ? violation(
        'BK-STRAKS',
        `the self-booking deadline ${deadline.deadline} for interview type ${deadline.interviewType} has passed ` +
          'and there is no future booking of that type: the citizen may only self-book on Jobnet',
      )
    : null;

const isFutureActive = (b: Booking, now: Date): boolean =>
  b.status === 'Active' && b.start.getTime() > now.getTime();

/** BK-ONE-FUTURE */
export const oneFutureJobsamtale = (
  b: BookingInput,
  bookings: readonly Booking[],
  now: Date,
): Violation | null => {
  if (!ONE_FUTURE_TYPES.has(b.interviewType)) return null;
  const existing = bookings.find((x) => ONE_FUTURE_TYPES.has(x.interviewType) && isFutureActive(x, now));
  return existing
    ? violation(
        'BK-ONE-FUTURE',
        `the citizen already has a future booking of type ${existing.interviewType} (${existing.id}) on ${existing.start.toISOString()}`,
      )
    : null;
};

/** BK-DEADLINES-CREATE (only on create: BK-DEADLINES-UPDATE lets a caseworker re-book after them). */
export const deadlinesOnCreate = (b: BookingInput, now: Date): Violation | null => {
  const given = [
    ['ReBookingDeadline', b.rebookingDeadline],
    ['CancellationDeadline', b.cancellationDeadline],
  ] as const;
  for (const [name, at] of given) {
    if (!at) continue;
    if (at.getTime() <= now.getTime())
      return violation('BK-DEADLINES-CREATE', `${name} ${at.toISOString()} is not in the future`);
    if (at.getTime() > b.start.getTime())
      return violation('BK-DEADLINES-CREATE', `${name} is after the meeting start`);
  }
  return null;
};

/**
 * VIS-AKASSE on writes (4575): an a-kasse may not create a booking of a type it cannot see, nor
 * change one to such a type. (A booking it cannot see is, to it, not there: BK-NOT-FOUND.)
 */
export const writableInterviewType = (
  activeOrganisation: Organisation,
  b: Pick<BookingInput, 'interviewType'>,
  codeLists: CodeLists,
): Violation | null =>
  isVisibleTo(activeOrganisation, b, codeLists)
    ? null
    : violation(
        'VIS-AKASSE',
        `an a-kasse may not create or update a booking of interview type ${b.interviewType}, a type it ` +
          `cannot see; it sees only ${typesVisibleToUnemploymentFunds(codeLists).join(', ')}`,
      );

const typesVisibleToUnemploymentFunds = (codeLists: CodeLists): number[] =>
  codeLists.InterviewType.filter((t) => t.visibleToUnemploymentFund === true).map((t) => t.id);

/** VIS-AKASSE: an a-kasse sees only the interview types the code list marks visible to unemployment funds. */
export const isVisibleTo = (
  activeOrganisation: Organisation,
  booking: { interviewType: number },
  codeLists: CodeLists,
): boolean =>
  activeOrganisation.type !== OrganisationType.Akasse ||
  visibleToUnemploymentFund(codeLists, booking.interviewType);
