import {
  cprMatchesBooking,
  createBookingRules,
  createBookingRuleTrail,
  deadlinesOnCreate,
  interviewDateLimit,
  isStraksbookingRamt,
  isVisibleTo,
  notStraksbookingRamt,
  oneFutureJobsamtale,
  selfBookedByCitizen,
  selfBookingAccepted,
  updateBookingRuleTrail,
  withinSelfBookingDeadline,
  writableInterviewType,
} from '../../../src/domain/booking.rules';
import { validBooking } from '../../../src/domain/booking-validity.rules';
import type { Booking, BookingInput, SelfBookingDeadline } from '../../../src/domain/booking';
import { ERROR_TABLE, type ErrorKey } from '../../../src/domain/errors';
import type { Organisation } from '../../../src/domain/organisation';
import type { RequestUserMetadata } from '../../../src/domain/request-user-metadata';
import {
  buildBooking,
  buildBookingInput,
  buildCall,
  buildCitizen,
  buildCitizenMetadata,
  buildFacts,
  buildMetadata,
  buildSelfBookingInput,
  CODE_LISTS,
  CPR,
  ORG,
  OTHER_CPR,
} from '../../helpers/builders';

const at = (iso: string): Date => new Date(iso);
const HOUR = 3600_000;
const SECOND = 1000;

interface SelfBookingScenario {
  readonly now: Date;
  readonly start: Date;
  readonly interviewType?: number;
  readonly deadlines?: readonly SelfBookingDeadline[];
  readonly bookings?: readonly Booking[];
  readonly activeOrganisation?: Organisation;
  readonly user?: RequestUserMetadata;
  readonly booking?: Partial<BookingInput>;
}

/** CreateBooking of a self-booked meeting, by the citizen, with everything else in order. */
const selfBook = (s: SelfBookingScenario): ErrorKey | null =>
  createBookingRules(
    buildSelfBookingInput(s.now, { start: s.start, interviewType: s.interviewType ?? 7, ...s.booking }),
    buildCall(s.now, {
      activeOrganisation: s.activeOrganisation ?? ORG.jobcenterAarhus,
      user: s.user ?? buildCitizenMetadata(),
    }),
    buildFacts({
      citizen: buildCitizen({ selfBookingDeadlines: s.deadlines ?? [] }),
      futureBookings: s.bookings ?? [],
    }),
  )?.key ?? null;

describe('BK-VALID', () => {
  it.each<[string, ErrorKey | null, string]>([
    ['a well-formed CPR (1 January)', null, '0101575001'],
    ['a CPR of 29 February', null, '2902005001'],
    ['a CPR of 31 February', 'BK-VALID', '3102575001'],
    ['a CPR of 31 April', 'BK-VALID', '3104575001'],
    ['a CPR of month 13', 'BK-VALID', '0113575001'],
    ['a CPR of day 00', 'BK-VALID', '0001575001'],
    ['a CPR of nine digits', 'BK-VALID', '010157500'],
    ['a CPR of eleven digits', 'BK-VALID', '01015750011'],
    ['a CPR with a hyphen', 'BK-VALID', '010157-5001'],
    ['an empty CPR', 'BK-VALID', ''],
  ])('When a booking carries %s, then %s', (_name, expected, cpr) => {
    expect(validBooking(buildBookingInput({ cpr }), CODE_LISTS)?.key ?? null).toBe(expected);
  });

  it.each<[number, ErrorKey | null]>([
    [0, 'BK-VALID-INTERVIEW-TYPE'],
    [1, null],
    [7, null],
    [17, null],
    [18, null],
    [19, null],
    [20, 'BK-VALID-INTERVIEW-TYPE'],
    [-1, 'BK-VALID-INTERVIEW-TYPE'],
    [100, 'BK-VALID-INTERVIEW-TYPE'],
  ])('When a booking has interview type %i, then %s', (interviewType, expected) => {
    expect(validBooking(buildBookingInput({ interviewType }), CODE_LISTS)?.key ?? null).toBe(expected);
  });

  it.each<[string, ErrorKey | null, number]>([
    ['ends a minute after it starts', null, 60 * SECOND],
    ['ends one millisecond after it starts', null, 1],
    ['ends when it starts', null, 0],
    ['ends one millisecond before it starts', 'BK-VALID-END', -1],
    ['ends before it starts', 'BK-VALID-END', -60 * SECOND],
  ])('When a booking %s, then %s', (_name, expected, durationMs) => {
    const start = at('2026-02-10T09:00:00Z');
    const b = buildBookingInput({ start, end: new Date(start.getTime() + durationMs) });
    expect(validBooking(b, CODE_LISTS)?.key ?? null).toBe(expected);
  });

  it.each<[string, ErrorKey | null, boolean]>([
    ['a booking id that is taken', 'BK-VALID', true],
    ['a booking id that is free', null, false],
  ])('When CreateBooking names %s, then %s', (_name, expected, idTaken) => {
    const b = buildBookingInput({ id: 'b0000000-0000-4000-8000-000000000009' });
    const v = createBookingRules(b, buildCall(at('2026-02-01T09:00:00Z')), buildFacts({ idTaken }));
    expect(v?.key ?? null).toBe(expected);
  });

  it('When the interview type is not in the code list, then the violation is STAR’s 4709', () => {
    const v = createBookingRules(
      buildBookingInput({ interviewType: 20 }),
      buildCall(at('2026-02-01T09:00:00Z')),
      buildFacts(),
    );
    expect(v?.key).toBe('BK-VALID-INTERVIEW-TYPE');
    expect(v && ERROR_TABLE[v.key]).toMatchObject({
      ruleId: 'BK-VALID',
      code: 4709,
      text: 'The submitted InterviewTypeIdentifier is invalid',
    });
  });

  it('When the code list the rules are given lacks a type, then that type is refused (the list is data, not code)', () => {
    const without7 = { ...CODE_LISTS, InterviewType: CODE_LISTS.InterviewType.filter((t) => t.id !== 7) };
    expect(validBooking(buildBookingInput({ interviewType: 7 }), without7)?.key).toBe(
      'BK-VALID-INTERVIEW-TYPE',
    );
    expect(validBooking(buildBookingInput({ interviewType: 8 }), without7)).toBeNull();
  });

  it('When a self-booked request breaks BK-VALID and BK-SELF-CITIZEN, then BK-VALID answers', () => {
    const now = at('2026-02-01T09:00:00Z');
    const v = createBookingRules(
      buildSelfBookingInput(now, { cpr: '3102575001' }),
      buildCall(now, { user: buildMetadata() }),
      buildFacts(),
    );
    expect(v?.key).toBe('BK-VALID');
  });
});

describe('BK-CPR-MATCH', () => {
  it.each<[string, ErrorKey | null, string]>([
    ['the booking’s CPR', null, CPR],
    ['another CPR', 'BK-CPR-MATCH', OTHER_CPR],
  ])('When an update names %s, then %s', (_name, expected, cpr) => {
    expect(cprMatchesBooking(cpr, buildBooking({ cpr: CPR }))?.key ?? null).toBe(expected);
  });
});

describe('BK-SELF-CITIZEN', () => {
  const now = at('2026-02-01T09:00:00Z');
  it.each<[string, ErrorKey | null, RequestUserMetadata]>([
    ['the citizen (type 1, CPR twice)', null, buildCitizenMetadata(CPR)],
    ['the citizen with an a-kasse organisation type in RUM', null, buildCitizenMetadata(CPR, 2)],
    ['a caseworker', 'BK-SELF-CITIZEN', buildMetadata()],
    [
      'a system (type 3)',
      'BK-SELF-CITIZEN',
      buildMetadata({ userType: 3, userFullName: 'KSS nightly sync' }),
    ],
    ['another citizen', 'BK-SELF-CITIZEN', buildCitizenMetadata(OTHER_CPR)],
    [
      'type 1 with the CPR as UserIdentifier but another OrganisationCode',
      'BK-SELF-CITIZEN',
      buildCitizenMetadata(CPR, 8, { organisation: { type: 8, code: OTHER_CPR } }),
    ],
    [
      'type 1 with the CPR as OrganisationCode but another UserIdentifier',
      'BK-SELF-CITIZEN',
      buildCitizenMetadata(CPR, 8, { userIdentifier: OTHER_CPR }),
    ],
    [
      'a caseworker whose UserIdentifier and OrganisationCode are the CPR',
      'BK-SELF-CITIZEN',
      buildCitizenMetadata(CPR, 8, { userType: 2 }),
    ],
  ])('When a self-booked meeting is reported by %s, then %s', (_name, expected, user) => {
    expect(selfBookedByCitizen(buildSelfBookingInput(now), user)?.key ?? null).toBe(expected);
    expect(selfBook({ now, start: at('2026-02-10T09:00:00Z'), user })).toBe(expected);
  });

  it('When a caseworker creates a booking that is not self-booked, then no violation', () => {
    const v = createBookingRules(
      buildBookingInput(),
      buildCall(now, { user: buildMetadata() }),
      buildFacts(),
    );
    expect(v).toBeNull();
  });
});

describe('BK-SELF-ACCEPT', () => {
  const now = at('2026-02-01T09:00:00Z');
  it.each<[string, ErrorKey | null, Partial<BookingInput>]>([
    ['accepted an hour ago', null, { accepted: true, acceptedTime: new Date(now.getTime() - HOUR) }],
    ['accepted right now', null, { accepted: true, acceptedTime: now }],
    ['not accepted', 'BK-SELF-ACCEPT', { accepted: false, acceptedTime: new Date(now.getTime() - HOUR) }],
    ['without BookingAccepted', 'BK-SELF-ACCEPT', { accepted: undefined }],
    ['accepted without BookingAcceptedTime', 'BK-SELF-ACCEPT', { accepted: true, acceptedTime: undefined }],
    [
      'accepted one second in the future',
      'BK-SELF-ACCEPT',
      { accepted: true, acceptedTime: new Date(now.getTime() + SECOND) },
    ],
  ])('When a self-booked meeting is %s, then %s', (_name, expected, booking) => {
    expect(selfBookingAccepted(buildSelfBookingInput(now, booking), now)?.key ?? null).toBe(expected);
    expect(selfBook({ now, start: at('2026-02-10T09:00:00Z'), booking })).toBe(expected);
  });

  it('When a booking that is not self-booked lacks BookingAccepted, then no violation', () => {
    const v = createBookingRules(
      buildBookingInput({ accepted: undefined, acceptedTime: undefined }),
      buildCall(now, { user: buildMetadata() }),
      buildFacts(),
    );
    expect(v).toBeNull();
  });
});

describe('BK-SELF-DEADLINE', () => {
  it.each<[string, string]>([
    ['2026-01-08', '2026-01-15'],
    ['2026-07-08', '2026-07-15'],
    ['2026-12-28', '2027-01-04'],
    ['2028-02-25', '2028-03-03'],
  ])('When the self-booking deadline is %s, then InterviewDateLimit is %s', (deadline, limit) => {
    expect(interviewDateLimit({ interviewType: 7, deadline })).toBe(limit);
  });

  // The limit is deadline + 7 days; its last instant is 23:59:59 Copenhagen time (UTC+1 in winter,
  // UTC+2 in summer), and the limits in the DST-change rows are days of 23 and 25 hours.
  it.each<[string, string, string, ErrorKey | null]>([
    ['winter (UTC+1)', '2026-01-08', '2026-01-15T22:59:59.000Z', null],
    ['winter (UTC+1)', '2026-01-08', '2026-01-15T22:59:59.999Z', null],
    ['winter (UTC+1)', '2026-01-08', '2026-01-15T23:00:00.000Z', 'BK-SELF-DEADLINE'],
    ['summer (UTC+2)', '2026-07-08', '2026-07-15T21:59:59.000Z', null],
    ['summer (UTC+2)', '2026-07-08', '2026-07-15T22:00:00.000Z', 'BK-SELF-DEADLINE'],
    ['summer, limit on the spring DST change', '2026-03-22', '2026-03-29T21:59:59.000Z', null],
    ['summer, limit on the spring DST change', '2026-03-22', '2026-03-29T22:00:00.000Z', 'BK-SELF-DEADLINE'],
    ['winter, limit on the autumn DST change', '2026-10-18', '2026-10-25T22:59:59.000Z', null],
    ['winter, limit on the autumn DST change', '2026-10-18', '2026-10-25T23:00:00.000Z', 'BK-SELF-DEADLINE'],
  ])(
    'When a self-booked meeting (%s, deadline %s) starts at %s, then %s',
    (_season, deadline, start, expected) => {
      const d = { interviewType: 7, deadline, status: 'open' as const };
      expect(
        withinSelfBookingDeadline(buildSelfBookingInput(at(start), { start: at(start) }), d)?.key ?? null,
      ).toBe(expected);
      // Through CreateBooking, with "now" well before the deadline (so BK-STRAKS does not apply).
      const now = new Date(at(`${deadline}T12:00:00Z`).getTime() - 5 * 24 * HOUR);
      expect(selfBook({ now, start: at(start), deadlines: [d] })).toBe(expected);
    },
  );

  it.each<[string, ErrorKey | null, string]>([
    ['exactly at 23:59:59 Copenhagen time of InterviewDateLimit', null, '2026-01-15T22:59:59Z'],
    [
      'one second after InterviewDateLimit (00:00:00 the next day)',
      'BK-SELF-DEADLINE',
      '2026-01-16T00:00:00+01:00',
    ],
    ['on the deadline day itself', null, '2026-01-08T10:00:00+01:00'],
    ['a week after InterviewDateLimit', 'BK-SELF-DEADLINE', '2026-01-22T10:00:00+01:00'],
  ])('When a self-booked meeting starts %s, then %s', (_name, expected, start) => {
    const deadlines = [{ interviewType: 7, deadline: '2026-01-08', status: 'open' as const }];
    expect(selfBook({ now: at('2026-01-02T09:00:00Z'), start: at(start), deadlines })).toBe(expected);
  });

  it.each<[string, ErrorKey | null, readonly SelfBookingDeadline[]]>([
    [
      'a deadline for another interview type only',
      null,
      [{ interviewType: 15, deadline: '2026-01-08', status: 'open' as const }],
    ],
    ['no deadlines', null, []],
    [
      'a deadline for this type',
      'BK-SELF-DEADLINE',
      [{ interviewType: 7, deadline: '2026-01-08', status: 'open' as const }],
    ],
  ])('When the citizen has %s and the meeting is a month later, then %s', (_name, expected, deadlines) => {
    expect(selfBook({ now: at('2026-01-02T09:00:00Z'), start: at('2026-02-10T09:00:00Z'), deadlines })).toBe(
      expected,
    );
  });

  it('When the citizen is unknown, then no self-booking deadline applies', () => {
    const now = at('2026-01-02T09:00:00Z');
    const v = createBookingRules(
      buildSelfBookingInput(now, { start: at('2026-06-10T09:00:00Z') }),
      buildCall(now),
      buildFacts({ citizen: undefined }),
    );
    expect(v).toBeNull();
  });

  it('When a caseworker books a meeting after the limit, not self-booked, then no violation', () => {
    const now = at('2026-01-02T09:00:00Z');
    const v = createBookingRules(
      buildBookingInput({ start: at('2026-02-10T09:00:00Z') }),
      buildCall(now, { user: buildMetadata() }),
      buildFacts({
        citizen: buildCitizen({
          selfBookingDeadlines: [{ interviewType: 7, deadline: '2026-01-08', status: 'open' as const }],
        }),
      }),
    );
    expect(v).toBeNull();
  });
});

describe('BK-STRAKS', () => {
  // Deadline for Informationsmøde (type 9, which BK-ONE-FUTURE does not limit) on 8 January 2026.
  const deadline: SelfBookingDeadline = { interviewType: 9, deadline: '2026-01-08', status: 'open' as const };
  const start = at('2026-01-12T09:00:00Z'); // within InterviewDateLimit (2026-01-15)
  const afterDeadline = at('2026-01-09T10:00:00Z');
  const future = (overrides: Partial<Booking>): Booking =>
    buildBooking({ interviewType: 9, start: at('2026-01-20T09:00:00Z'), ...overrides });

  it.each<[string, ErrorKey | null, readonly Booking[]]>([
    ['no bookings', 'BK-STRAKS', []],
    ['a future Active booking of that type', null, [future({})]],
    ['only a Cancelled future booking of that type', 'BK-STRAKS', [future({ status: 'Cancelled' })]],
    ['only a past Active booking of that type', 'BK-STRAKS', [future({ start: at('2026-01-05T09:00:00Z') })]],
    ['only a future Active booking of another type', 'BK-STRAKS', [future({ interviewType: 10 })]],
    [
      'an Active booking of that type starting exactly now (not after now)',
      'BK-STRAKS',
      [future({ start: afterDeadline })],
    ],
    [
      'a Cancelled and an Active future booking of that type',
      null,
      [future({ id: 'b0000000-0000-4000-8000-000000000002', status: 'Cancelled' }), future({})],
    ],
  ])('When the deadline has passed and the citizen has %s, then %s', (_name, expected, bookings) => {
    expect(notStraksbookingRamt(deadline, bookings, afterDeadline)?.key ?? null).toBe(expected);
    expect(isStraksbookingRamt(deadline, bookings, afterDeadline)).toBe(expected !== null);
    expect(selfBook({ now: afterDeadline, start, interviewType: 9, deadlines: [deadline], bookings })).toBe(
      expected,
    );
  });

  it.each<[string, string, string, ErrorKey | null]>([
    ['winter: 23:59 Copenhagen time on the deadline day', '2026-01-08', '2026-01-08T22:59:00Z', null],
    ['winter: the last millisecond of the deadline day', '2026-01-08', '2026-01-08T22:59:59.999Z', null],
    ['winter: 00:00 Copenhagen time the day after', '2026-01-08', '2026-01-08T23:00:00Z', 'BK-STRAKS'],
    ['summer: 23:59 Copenhagen time on the deadline day', '2026-07-08', '2026-07-08T21:59:00Z', null],
    ['summer: 00:00 Copenhagen time the day after', '2026-07-08', '2026-07-08T22:00:00Z', 'BK-STRAKS'],
    ['the morning of the deadline day', '2026-01-08', '2026-01-08T08:00:00Z', null],
  ])('When now is %s (deadline %s, now %s), then %s', (_name, date, now, expected) => {
    const d = { interviewType: 9, deadline: date, status: 'open' as const };
    expect(notStraksbookingRamt(d, [], at(now))?.key ?? null).toBe(expected);
    const meeting = new Date(at(now).getTime() + 2 * 24 * HOUR);
    expect(selfBook({ now: at(now), start: meeting, interviewType: 9, deadlines: [d] })).toBe(expected);
  });

  it.each<[string, ErrorKey | null, Organisation]>([
    ['Jobnet (STAR 5/4)', null, ORG.jobnet],
    ['another STAR system (5/7)', null, { type: 5, code: '7' }],
    ['jobcenter Aarhus', 'BK-STRAKS', ORG.jobcenterAarhus],
    ['a-kasse 17', 'BK-STRAKS', ORG.akasse17],
    ['an anden aktør', 'BK-STRAKS', ORG.andenAktoer],
  ])(
    'When a straksbooking-ramt citizen self-books through %s, then %s',
    (_name, expected, activeOrganisation) => {
      expect(
        selfBook({ now: afterDeadline, start, interviewType: 9, deadlines: [deadline], activeOrganisation }),
      ).toBe(expected);
    },
  );

  it('When the deadline for another interview type has passed, then no violation', () => {
    const deadlines = [{ interviewType: 10, deadline: '2026-01-08', status: 'open' as const }];
    expect(selfBook({ now: afterDeadline, start, interviewType: 9, deadlines })).toBeNull();
  });

  it('When a caseworker books (not self-booked) for a straksbooking-ramt citizen, then no violation', () => {
    const v = createBookingRules(
      buildBookingInput({ interviewType: 9, start }),
      buildCall(afterDeadline, { user: buildMetadata() }),
      buildFacts({ citizen: buildCitizen({ selfBookingDeadlines: [deadline] }) }),
    );
    expect(v).toBeNull();
  });
});

describe('BK-ONE-FUTURE', () => {
  const now = at('2026-02-01T09:00:00Z');
  const start = at('2026-02-10T09:00:00Z');
  const existing = (interviewType: number, overrides: Partial<Booking> = {}): Booking =>
    buildBooking({ interviewType, start: at('2026-02-05T09:00:00Z'), ...overrides });

  it.each<[string, ErrorKey | null, number, readonly Booking[]]>([
    ['a Jobsamtale (7) with a future Jobsamtale', 'BK-ONE-FUTURE', 7, [existing(7)]],
    ['a Jobsamtale (7) with a future Rådighedssamtale (15)', 'BK-ONE-FUTURE', 7, [existing(15)]],
    ['a Rådighedssamtale (15) with a future Jobsamtale (7)', 'BK-ONE-FUTURE', 15, [existing(7)]],
    ['a Rådighedssamtale (15) with a future Rådighedssamtale', 'BK-ONE-FUTURE', 15, [existing(15)]],
    ['a Jobsamtale with no bookings', null, 7, []],
    ['a Jobsamtale with a past Jobsamtale', null, 7, [existing(7, { start: at('2026-01-20T09:00:00Z') })]],
    ['a Jobsamtale with a Jobsamtale starting exactly now', null, 7, [existing(7, { start: now })]],
    ['a Jobsamtale with a cancelled future Jobsamtale', null, 7, [existing(7, { status: 'Cancelled' })]],
    [
      'a Rådighedssamtale with a cancelled future Jobsamtale',
      null,
      15,
      [existing(7, { status: 'Cancelled' })],
    ],
    ['a Jobsamtale with a future CV samtale (10)', null, 7, [existing(10)]],
    ['an Informationsmøde (9) with a future Jobsamtale', null, 9, [existing(9), existing(7)]],
    ['a CV samtale (10) with a future CV samtale', null, 10, [existing(10)]],
    ['a Fælles Jobsamtale (17) with a future Jobsamtale', null, 17, [existing(7)]],
  ])('When the citizen self-books %s, then %s', (_name, expected, interviewType, bookings) => {
    expect(oneFutureJobsamtale(buildBookingInput({ interviewType }), bookings, now)?.key ?? null).toBe(
      expected,
    );
    expect(selfBook({ now, start, interviewType, bookings })).toBe(expected);
  });

  it('When a STAR system self-books a Jobsamtale for a citizen with a future Rådighedssamtale, then BK-ONE-FUTURE', () => {
    expect(selfBook({ now, start, activeOrganisation: ORG.jobnet, bookings: [existing(15)] })).toBe(
      'BK-ONE-FUTURE',
    );
  });

  it('When a caseworker books a Jobsamtale (not self-booked) next to a future Jobsamtale, then no violation', () => {
    const v = createBookingRules(
      buildBookingInput({ start }),
      buildCall(now, { user: buildMetadata() }),
      buildFacts({ futureBookings: [existing(7)] }),
    );
    expect(v).toBeNull();
  });
});

describe('BK-DEADLINES-CREATE', () => {
  const now = at('2026-02-01T09:00:00Z');
  const start = at('2026-02-10T09:00:00Z');
  const plus = (base: Date, ms: number): Date => new Date(base.getTime() + ms);

  it.each<[string, ErrorKey | null, Partial<BookingInput>]>([
    ['no deadlines', null, {}],
    [
      'deadlines between now and the start',
      null,
      { rebookingDeadline: plus(now, HOUR), cancellationDeadline: plus(now, HOUR) },
    ],
    ['deadlines exactly at the start', null, { rebookingDeadline: start, cancellationDeadline: start }],
    ['a rebooking deadline in the past', 'BK-DEADLINES-CREATE', { rebookingDeadline: plus(now, -HOUR) }],
    [
      'a cancellation deadline in the past',
      'BK-DEADLINES-CREATE',
      { cancellationDeadline: plus(now, -HOUR) },
    ],
    ['a rebooking deadline exactly now', 'BK-DEADLINES-CREATE', { rebookingDeadline: now }],
    [
      'a rebooking deadline after the start',
      'BK-DEADLINES-CREATE',
      { rebookingDeadline: plus(start, SECOND) },
    ],
    [
      'a cancellation deadline after the start',
      'BK-DEADLINES-CREATE',
      { cancellationDeadline: plus(start, HOUR) },
    ],
    [
      'a good rebooking and a late cancellation deadline',
      'BK-DEADLINES-CREATE',
      { rebookingDeadline: plus(now, HOUR), cancellationDeadline: plus(start, HOUR) },
    ],
  ])('When a booking is created with %s, then %s', (_name, expected, given) => {
    // Rebooking possible exactly when a rebooking deadline is given (BK-DEADLINES-CONSISTENT holds).
    const deadlines = { rebookingPossible: given.rebookingDeadline !== undefined, ...given };
    const b = buildBookingInput({ start, ...deadlines });
    expect(deadlinesOnCreate(b, now)?.key ?? null).toBe(expected);
    const v = createBookingRules(b, buildCall(now, { user: buildMetadata() }), buildFacts());
    expect(v?.key ?? null).toBe(expected);
    expect(selfBook({ now, start, booking: deadlines })).toBe(expected);
  });
});

describe('Order of the booking rules (RULES.md step 7)', () => {
  const deadline = { interviewType: 7, deadline: '2026-01-08', status: 'open' as const };

  it.each<[string, ErrorKey, SelfBookingScenario]>([
    [
      'breaks BK-SELF-CITIZEN (a caseworker) and BK-SELF-ACCEPT (not accepted)',
      'BK-SELF-CITIZEN',
      {
        now: at('2026-01-02T09:00:00Z'),
        start: at('2026-01-10T09:00:00Z'),
        user: buildMetadata(),
        booking: { accepted: false },
      },
    ],
    [
      'breaks BK-SELF-ACCEPT and BK-SELF-DEADLINE',
      'BK-SELF-ACCEPT',
      {
        now: at('2026-01-02T09:00:00Z'),
        start: at('2026-02-10T09:00:00Z'),
        deadlines: [deadline],
        booking: { accepted: false },
      },
    ],
    [
      'breaks BK-SELF-DEADLINE and BK-STRAKS',
      'BK-SELF-DEADLINE',
      { now: at('2026-01-10T09:00:00Z'), start: at('2026-01-20T09:00:00Z'), deadlines: [deadline] },
    ],
    [
      'breaks BK-STRAKS and BK-ONE-FUTURE (a future Rådighedssamtale)',
      'BK-STRAKS',
      {
        now: at('2026-01-10T09:00:00Z'),
        start: at('2026-01-12T09:00:00Z'),
        deadlines: [deadline],
        bookings: [buildBooking({ interviewType: 15, start: at('2026-01-11T09:00:00Z') })],
      },
    ],
    [
      'breaks BK-ONE-FUTURE and BK-DEADLINES-CREATE',
      'BK-ONE-FUTURE',
      {
        now: at('2026-01-02T09:00:00Z'),
        start: at('2026-01-12T09:00:00Z'),
        bookings: [buildBooking({ interviewType: 7, start: at('2026-01-11T09:00:00Z') })],
        booking: { rebookingPossible: true, rebookingDeadline: at('2026-01-01T09:00:00Z') },
      },
    ],
  ])('When a self-booked request %s, then %s answers', (_name, expected, scenario) => {
    expect(selfBook(scenario)).toBe(expected);
  });

  it('When a Jobsamtale is self-booked after the deadline next to a future Jobsamtale, then BK-ONE-FUTURE (not BK-STRAKS)', () => {
    const bookings = [buildBooking({ interviewType: 7, start: at('2026-01-11T09:00:00Z') })];
    expect(
      selfBook({
        now: at('2026-01-10T09:00:00Z'),
        start: at('2026-01-12T09:00:00Z'),
        deadlines: [deadline],
        bookings,
      }),
    ).toBe('BK-ONE-FUTURE');
  });
});

describe('VIS-AKASSE', () => {
  // RULES.md: an a-kasse sees interview types 7, 8, 9, 10, 11, 12, 13, 15, 17 and 19 only.
  const VISIBLE_TO_AKASSE = new Set([7, 8, 9, 10, 11, 12, 13, 15, 17, 19]);
  const allTypes = Array.from({ length: 19 }, (_, i) => i + 1);

  it.each(allTypes.map((t) => [t, VISIBLE_TO_AKASSE.has(t)] as const))(
    'When a-kasse 2/17 reads a booking of interview type %i, then visible is %s',
    (interviewType, visible) => {
      expect(isVisibleTo(ORG.akasse17, { interviewType }, CODE_LISTS)).toBe(visible);
    },
  );

  it.each(allTypes)(
    'When jobcenter 8/75100 reads a booking of interview type %i, then it is visible',
    (interviewType) => {
      expect(isVisibleTo(ORG.jobcenterAarhus, { interviewType }, CODE_LISTS)).toBe(true);
    },
  );

  it.each<[string, Organisation]>([
    ['kommune 7/751', ORG.kommuneAarhus],
    ['anden aktør 4/35669035', ORG.andenAktoer],
    ['Jobnet 5/4', ORG.jobnet],
  ])('When %s reads a sygeopfølgningssamtale (6), then it is visible', (_name, org) => {
    expect(isVisibleTo(org, { interviewType: 6 }, CODE_LISTS)).toBe(true);
  });

  it('When an a-kasse reads a booking of a type outside the code list, then it is not visible', () => {
    expect(isVisibleTo(ORG.akasse81, { interviewType: 20 }, CODE_LISTS)).toBe(false);
  });

  it('When the code list marks a type visible to unemployment funds, then an a-kasse sees it (the flag is data)', () => {
    const lists = {
      ...CODE_LISTS,
      InterviewType: CODE_LISTS.InterviewType.map((t) =>
        t.id === 6 ? { ...t, visibleToUnemploymentFund: true } : t,
      ),
    };
    expect(isVisibleTo(ORG.akasse17, { interviewType: 6 }, lists)).toBe(true);
    expect(isVisibleTo(ORG.akasse17, { interviewType: 6 }, CODE_LISTS)).toBe(false);
  });
});

describe('VIS-AKASSE on writes (4575)', () => {
  const VISIBLE_TO_AKASSE = new Set([7, 8, 9, 10, 11, 12, 13, 15, 17, 19]);
  const allTypes = Array.from({ length: 19 }, (_, i) => i + 1);
  const now = at('2026-02-01T09:00:00Z');
  const akasseCall = buildCall(now, {
    activeOrganisation: ORG.akasse17,
    user: buildMetadata({ userFullName: 'Karen Jensen', organisation: ORG.akasse17 }),
  });
  const jobcenterCall = buildCall(now, { user: buildMetadata() });
  /** A booking a-kasse 17 may see (a Jobsamtale), as stored. */
  const stored = buildBooking({ interviewType: 7 });
  const createdBy = (call: typeof akasseCall, b: Partial<BookingInput>) =>
    createBookingRuleTrail(buildBookingInput(b), call, buildFacts());
  const updatedBy = (call: typeof akasseCall, b: Partial<BookingInput>, existing: Booking = stored) =>
    updateBookingRuleTrail(buildBookingInput(b), existing, call, CODE_LISTS);

  it.each(allTypes.map((t) => [t, VISIBLE_TO_AKASSE.has(t) ? null : 'VIS-AKASSE'] as const))(
    'When a-kasse 2/17 creates a booking of interview type %i, then %s',
    (interviewType, expected) => {
      expect(createdBy(akasseCall, { interviewType }).violation?.key ?? null).toBe(expected);
    },
  );

  it.each(allTypes.map((t) => [t, VISIBLE_TO_AKASSE.has(t) ? null : 'VIS-AKASSE'] as const))(
    'When a-kasse 2/17 updates a Jobsamtale to interview type %i, then %s (judged on the booking after the change)',
    (interviewType, expected) => {
      expect(updatedBy(akasseCall, { interviewType }).violation?.key ?? null).toBe(expected);
    },
  );

  it.each<[string, Organisation]>([
    ['jobcenter 8/75100', ORG.jobcenterAarhus],
    ['kommune 7/751', ORG.kommuneAarhus],
    ['anden aktør 4/35669035', ORG.andenAktoer],
    ['Jobnet 5/4', ORG.jobnet],
  ])('When %s writes a booking of any interview type 1-19, then VIS-AKASSE lets it', (_name, org) => {
    expect(
      allTypes.map((interviewType) => writableInterviewType(org, { interviewType }, CODE_LISTS)),
    ).toEqual(allTypes.map(() => null));
  });

  it('When a jobcenter creates or updates a sygeopfølgningssamtale (6), then no rule refuses and VIS-AKASSE is among those passed', () => {
    const created = createdBy(jobcenterCall, { interviewType: 6 });
    const updated = updatedBy(jobcenterCall, { interviewType: 6 });
    expect([created.violation, updated.violation]).toEqual([null, null]);
    expect(created.passed.map((p) => p.ruleId)).toContain('VIS-AKASSE');
    expect(updated.passed.map((p) => p.ruleId)).toEqual(['BK-CPR-MATCH', 'BK-VALID', 'VIS-AKASSE']);
  });

  it('When an a-kasse is refused, then the violation is 4575 and says which types it may write', () => {
    const v = createdBy(akasseCall, { interviewType: 6 }).violation;
    expect(v?.key).toBe('VIS-AKASSE');
    expect(ERROR_TABLE['VIS-AKASSE']).toMatchObject({ ruleId: 'VIS-AKASSE', code: 4575 });
    expect(v?.detail).toContain('interview type 6');
    expect(v?.detail).toContain('7, 8, 9, 10, 11, 12, 13, 15, 17, 19');
  });

  it('When the code list marks a type visible to unemployment funds, then an a-kasse may write it (the flag is data)', () => {
    const lists = {
      ...CODE_LISTS,
      InterviewType: CODE_LISTS.InterviewType.map((t) =>
        t.id === 6 ? { ...t, visibleToUnemploymentFund: true } : t,
      ),
    };
    expect(writableInterviewType(ORG.akasse17, { interviewType: 6 }, lists)).toBeNull();
    expect(writableInterviewType(ORG.akasse17, { interviewType: 6 }, CODE_LISTS)?.key).toBe('VIS-AKASSE');
  });

  describe('its place in RULES.md step 7', () => {
    it.each<[string, ErrorKey, Partial<BookingInput>]>([
      ['an invalid CPR', 'BK-VALID', { cpr: '3102575001' }],
      ['a start before today', 'BK-START', { start: at('2026-01-20T09:00:00Z') }],
      [
        'a rebooking deadline while rebooking is not possible',
        'BK-DEADLINES-REBOOKING-FORBIDDEN',
        { rebookingDeadline: at('2026-02-05T09:00:00Z') },
      ],
    ])('When an a-kasse creates a booking of type 6 with %s, then %s answers first', (_name, expected, b) => {
      const trail = createdBy(akasseCall, { interviewType: 6, ...b });
      expect(trail.violation?.key).toBe(expected);
    });

    it('When an a-kasse self-books type 6 as a caseworker (breaking BK-SELF-CITIZEN too), then VIS-AKASSE answers, after the rules before it passed', () => {
      const trail = createdBy(akasseCall, { interviewType: 6, selfBooked: true, accepted: true });
      expect(trail.violation?.key).toBe('VIS-AKASSE');
      expect(trail.passed.map((p) => p.ruleId)).toEqual(['BK-VALID', 'BK-START', 'BK-DEADLINES-CONSISTENT']);
      // The same self-booking of a type it may see is refused by BK-SELF-CITIZEN: the next rule.
      expect(
        createdBy(akasseCall, { interviewType: 7, selfBooked: true, accepted: true }).violation?.key,
      ).toBe('BK-SELF-CITIZEN');
    });

    it('When an a-kasse updates a booking to type 6 naming another CPR, then BK-CPR-MATCH answers first', () => {
      expect(updatedBy(akasseCall, { interviewType: 6, cpr: OTHER_CPR }).violation?.key).toBe('BK-CPR-MATCH');
    });

    it('When an a-kasse updates a cancelled booking to type 6, then BK-VALID (cancelled) answers first', () => {
      const cancelled = buildBooking({ interviewType: 7, status: 'Cancelled' });
      expect(updatedBy(akasseCall, { interviewType: 6 }, cancelled).violation?.key).toBe('BK-VALID');
    });
  });
});
