import {
  bookingOriginator,
  cprMatchesBooking,
  createBookingRules,
  deadlinesOnCreate,
  interviewDateLimit,
  isStraksbookingRamt,
  isVisibleTo,
  notStraksbookingRamt,
  oneFutureJobsamtale,
  selfBookedByCitizen,
  selfBookingAccepted,
  validBooking,
  withinSelfBookingDeadline,
} from '../../../src/domain/booking.rules';
import type { Booking, BookingInput, SelfBookingDeadline } from '../../../src/domain/booking';
import type { ErrorKey } from '../../../src/domain/errors';
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
      citizenBookings: s.bookings ?? [],
    }),
  )?.key ?? null;

describe('BK-VALID', () => {
  it.each<[string, string, ErrorKey | null]>([
    ['a well-formed CPR (1 January)', '0101575001', null],
    ['a CPR of 29 February', '2902005001', null],
    ['a CPR of 31 February', '3102575001', 'BK-VALID'],
    ['a CPR of 31 April', '3104575001', 'BK-VALID'],
    ['a CPR of month 13', '0113575001', 'BK-VALID'],
    ['a CPR of day 00', '0001575001', 'BK-VALID'],
    ['a CPR of nine digits', '010157500', 'BK-VALID'],
    ['a CPR of eleven digits', '01015750011', 'BK-VALID'],
    ['a CPR with a hyphen', '010157-5001', 'BK-VALID'],
    ['an empty CPR', '', 'BK-VALID'],
  ])('When a booking carries %s, then %s', (_name, cpr, expected) => {
    expect(validBooking(buildBookingInput({ cpr }))?.key ?? null).toBe(expected);
  });

  it.each<[number, ErrorKey | null]>([
    [0, 'BK-VALID-INTERVIEW-TYPE'],
    [1, null],
    [7, null],
    [18, null],
    [19, 'BK-VALID-INTERVIEW-TYPE'],
    [-1, 'BK-VALID-INTERVIEW-TYPE'],
    [100, 'BK-VALID-INTERVIEW-TYPE'],
  ])('When a booking has interview type %i, then %s', (interviewType, expected) => {
    expect(validBooking(buildBookingInput({ interviewType }))?.key ?? null).toBe(expected);
  });

  it.each<[string, number, ErrorKey | null]>([
    ['ends a minute after it starts', 60 * SECOND, null],
    ['ends one millisecond after it starts', 1, null],
    ['ends when it starts', 0, 'BK-VALID'],
    ['ends before it starts', -60 * SECOND, 'BK-VALID'],
  ])('When a booking %s, then %s', (_name, durationMs, expected) => {
    const start = at('2026-02-10T09:00:00Z');
    const b = buildBookingInput({ start, end: new Date(start.getTime() + durationMs) });
    expect(validBooking(b)?.key ?? null).toBe(expected);
  });

  it.each<[boolean, ErrorKey | null]>([
    [true, 'BK-VALID'],
    [false, null],
  ])('When CreateBooking names a booking id that is taken (%s), then %s', (idTaken, expected) => {
    const b = buildBookingInput({ id: 'b0000000-0000-4000-8000-000000000009' });
    const v = createBookingRules(b, buildCall(at('2026-02-01T09:00:00Z')), buildFacts({ idTaken }));
    expect(v?.key ?? null).toBe(expected);
  });

  it('When the interview type is not in the code list, then the violation is the one with code 2002', () => {
    const v = createBookingRules(
      buildBookingInput({ interviewType: 19 }),
      buildCall(at('2026-02-01T09:00:00Z')),
      buildFacts(),
    );
    expect(v?.key).toBe('BK-VALID-INTERVIEW-TYPE');
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
  it.each<[string, string, ErrorKey | null]>([
    ['the booking’s CPR', CPR, null],
    ['another CPR', OTHER_CPR, 'BK-CPR-MATCH'],
  ])('When an update names %s, then %s', (_name, cpr, expected) => {
    expect(cprMatchesBooking(cpr, buildBooking({ cpr: CPR }))?.key ?? null).toBe(expected);
  });
});

describe('BK-SELF-CITIZEN', () => {
  const now = at('2026-02-01T09:00:00Z');
  it.each<[string, RequestUserMetadata, ErrorKey | null]>([
    ['the citizen (type 1, CPR twice)', buildCitizenMetadata(CPR), null],
    ['the citizen with an a-kasse organisation type in RUM', buildCitizenMetadata(CPR, 2), null],
    ['a caseworker', buildMetadata(), 'BK-SELF-CITIZEN'],
    [
      'a system (type 3)',
      buildMetadata({ userType: 3, userFullName: 'KSS nightly sync' }),
      'BK-SELF-CITIZEN',
    ],
    ['another citizen', buildCitizenMetadata(OTHER_CPR), 'BK-SELF-CITIZEN'],
    [
      'type 1 with the CPR as UserIdentifier but another OrganisationCode',
      buildCitizenMetadata(CPR, 8, { organisation: { type: 8, code: OTHER_CPR } }),
      'BK-SELF-CITIZEN',
    ],
    [
      'type 1 with the CPR as OrganisationCode but another UserIdentifier',
      buildCitizenMetadata(CPR, 8, { userIdentifier: OTHER_CPR }),
      'BK-SELF-CITIZEN',
    ],
    [
      'a caseworker whose UserIdentifier and OrganisationCode are the CPR',
      buildCitizenMetadata(CPR, 8, { userType: 2 }),
      'BK-SELF-CITIZEN',
    ],
  ])('When a self-booked meeting is reported by %s, then %s', (_name, user, expected) => {
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
  it.each<[string, Partial<BookingInput>, ErrorKey | null]>([
    ['accepted an hour ago', { accepted: true, acceptedTime: new Date(now.getTime() - HOUR) }, null],
    ['accepted right now', { accepted: true, acceptedTime: now }, null],
    ['not accepted', { accepted: false, acceptedTime: new Date(now.getTime() - HOUR) }, 'BK-SELF-ACCEPT'],
    ['without BookingAccepted', { accepted: undefined }, 'BK-SELF-ACCEPT'],
    ['accepted without BookingAcceptedTime', { accepted: true, acceptedTime: undefined }, 'BK-SELF-ACCEPT'],
    [
      'accepted one second in the future',
      { accepted: true, acceptedTime: new Date(now.getTime() + SECOND) },
      'BK-SELF-ACCEPT',
    ],
  ])('When a self-booked meeting is %s, then %s', (_name, booking, expected) => {
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
      const d = { interviewType: 7, deadline };
      expect(
        withinSelfBookingDeadline(buildSelfBookingInput(at(start), { start: at(start) }), d)?.key ?? null,
      ).toBe(expected);
      // Through CreateBooking, with "now" well before the deadline (so BK-STRAKS does not apply).
      const now = new Date(at(`${deadline}T12:00:00Z`).getTime() - 5 * 24 * HOUR);
      expect(selfBook({ now, start: at(start), deadlines: [d] })).toBe(expected);
    },
  );

  it.each<[string, string, ErrorKey | null]>([
    ['exactly at 23:59:59 Copenhagen time of InterviewDateLimit', '2026-01-15T22:59:59Z', null],
    [
      'one second after InterviewDateLimit (00:00:00 the next day)',
      '2026-01-16T00:00:00+01:00',
      'BK-SELF-DEADLINE',
    ],
    ['on the deadline day itself', '2026-01-08T10:00:00+01:00', null],
    ['a week after InterviewDateLimit', '2026-01-22T10:00:00+01:00', 'BK-SELF-DEADLINE'],
  ])('When a self-booked meeting starts %s, then %s', (_name, start, expected) => {
    const deadlines = [{ interviewType: 7, deadline: '2026-01-08' }];
    expect(selfBook({ now: at('2026-01-02T09:00:00Z'), start: at(start), deadlines })).toBe(expected);
  });

  it.each<[string, readonly SelfBookingDeadline[], ErrorKey | null]>([
    ['a deadline for another interview type only', [{ interviewType: 15, deadline: '2026-01-08' }], null],
    ['no deadlines', [], null],
    ['a deadline for this type', [{ interviewType: 7, deadline: '2026-01-08' }], 'BK-SELF-DEADLINE'],
  ])('When the citizen has %s and the meeting is a month later, then %s', (_name, deadlines, expected) => {
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
        citizen: buildCitizen({ selfBookingDeadlines: [{ interviewType: 7, deadline: '2026-01-08' }] }),
      }),
    );
    expect(v).toBeNull();
  });
});

describe('BK-STRAKS', () => {
  // Deadline for Informationsmøde (type 9, which BK-ONE-FUTURE does not limit) on 8 January 2026.
  const deadline: SelfBookingDeadline = { interviewType: 9, deadline: '2026-01-08' };
  const start = at('2026-01-12T09:00:00Z'); // within InterviewDateLimit (2026-01-15)
  const afterDeadline = at('2026-01-09T10:00:00Z');
  const future = (overrides: Partial<Booking>): Booking =>
    buildBooking({ interviewType: 9, start: at('2026-01-20T09:00:00Z'), ...overrides });

  it.each<[string, readonly Booking[], ErrorKey | null]>([
    ['no bookings', [], 'BK-STRAKS'],
    ['a future Active booking of that type', [future({})], null],
    ['only a Cancelled future booking of that type', [future({ status: 'Cancelled' })], 'BK-STRAKS'],
    ['only a past Active booking of that type', [future({ start: at('2026-01-05T09:00:00Z') })], 'BK-STRAKS'],
    ['only a future Active booking of another type', [future({ interviewType: 10 })], 'BK-STRAKS'],
    [
      'an Active booking of that type starting exactly now (not after now)',
      [future({ start: afterDeadline })],
      'BK-STRAKS',
    ],
    [
      'a Cancelled and an Active future booking of that type',
      [future({ id: 'b0000000-0000-4000-8000-000000000002', status: 'Cancelled' }), future({})],
      null,
    ],
  ])('When the deadline has passed and the citizen has %s, then %s', (_name, bookings, expected) => {
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
    const d = { interviewType: 9, deadline: date };
    expect(notStraksbookingRamt(d, [], at(now))?.key ?? null).toBe(expected);
    const meeting = new Date(at(now).getTime() + 2 * 24 * HOUR);
    expect(selfBook({ now: at(now), start: meeting, interviewType: 9, deadlines: [d] })).toBe(expected);
  });

  it.each<[string, Organisation, ErrorKey | null]>([
    ['Jobnet (STAR 5/4)', ORG.jobnet, null],
    ['another STAR system (5/7)', { type: 5, code: '7' }, null],
    ['jobcenter Aarhus', ORG.jobcenterAarhus, 'BK-STRAKS'],
    ['a-kasse 17', ORG.akasse17, 'BK-STRAKS'],
    ['an anden aktør', ORG.andenAktoer, 'BK-STRAKS'],
  ])(
    'When a straksbooking-ramt citizen self-books through %s, then %s',
    (_name, activeOrganisation, expected) => {
      expect(
        selfBook({ now: afterDeadline, start, interviewType: 9, deadlines: [deadline], activeOrganisation }),
      ).toBe(expected);
    },
  );

  it('When the deadline for another interview type has passed, then no violation', () => {
    const deadlines = [{ interviewType: 10, deadline: '2026-01-08' }];
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

  it.each<[string, number, readonly Booking[], ErrorKey | null]>([
    ['a Jobsamtale (7) with a future Jobsamtale', 7, [existing(7)], 'BK-ONE-FUTURE'],
    ['a Jobsamtale (7) with a future Rådighedssamtale (15)', 7, [existing(15)], 'BK-ONE-FUTURE'],
    ['a Rådighedssamtale (15) with a future Jobsamtale (7)', 15, [existing(7)], 'BK-ONE-FUTURE'],
    ['a Rådighedssamtale (15) with a future Rådighedssamtale', 15, [existing(15)], 'BK-ONE-FUTURE'],
    ['a Jobsamtale with no bookings', 7, [], null],
    ['a Jobsamtale with a past Jobsamtale', 7, [existing(7, { start: at('2026-01-20T09:00:00Z') })], null],
    ['a Jobsamtale with a Jobsamtale starting exactly now', 7, [existing(7, { start: now })], null],
    ['a Jobsamtale with a cancelled future Jobsamtale', 7, [existing(7, { status: 'Cancelled' })], null],
    [
      'a Rådighedssamtale with a cancelled future Jobsamtale',
      15,
      [existing(7, { status: 'Cancelled' })],
      null,
    ],
    ['a Jobsamtale with a future CV samtale (10)', 7, [existing(10)], null],
    ['an Informationsmøde (9) with a future Jobsamtale', 9, [existing(9), existing(7)], null],
    ['a CV samtale (10) with a future CV samtale', 10, [existing(10)], null],
    ['a Fælles Jobsamtale (17) with a future Jobsamtale', 17, [existing(7)], null],
  ])('When the citizen self-books %s, then %s', (_name, interviewType, bookings, expected) => {
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
      buildFacts({ citizenBookings: [existing(7)] }),
    );
    expect(v).toBeNull();
  });
});

describe('BK-DEADLINES-CREATE', () => {
  const now = at('2026-02-01T09:00:00Z');
  const start = at('2026-02-10T09:00:00Z');
  const plus = (base: Date, ms: number): Date => new Date(base.getTime() + ms);

  it.each<[string, Partial<BookingInput>, ErrorKey | null]>([
    ['no deadlines', {}, null],
    [
      'deadlines between now and the start',
      { rebookingDeadline: plus(now, HOUR), cancellationDeadline: plus(now, HOUR) },
      null,
    ],
    ['deadlines exactly at the start', { rebookingDeadline: start, cancellationDeadline: start }, null],
    ['a rebooking deadline in the past', { rebookingDeadline: plus(now, -HOUR) }, 'BK-DEADLINES-CREATE'],
    [
      'a cancellation deadline in the past',
      { cancellationDeadline: plus(now, -HOUR) },
      'BK-DEADLINES-CREATE',
    ],
    ['a rebooking deadline exactly now', { rebookingDeadline: now }, 'BK-DEADLINES-CREATE'],
    [
      'a rebooking deadline after the start',
      { rebookingDeadline: plus(start, SECOND) },
      'BK-DEADLINES-CREATE',
    ],
    [
      'a cancellation deadline after the start',
      { cancellationDeadline: plus(start, HOUR) },
      'BK-DEADLINES-CREATE',
    ],
    [
      'a good rebooking and a late cancellation deadline',
      { rebookingDeadline: plus(now, HOUR), cancellationDeadline: plus(start, HOUR) },
      'BK-DEADLINES-CREATE',
    ],
  ])('When a booking is created with %s, then %s', (_name, deadlines, expected) => {
    const b = buildBookingInput({ start, ...deadlines });
    expect(deadlinesOnCreate(b, now)?.key ?? null).toBe(expected);
    const v = createBookingRules(b, buildCall(now, { user: buildMetadata() }), buildFacts());
    expect(v?.key ?? null).toBe(expected);
    expect(selfBook({ now, start, booking: deadlines })).toBe(expected);
  });
});

describe('Order of the booking rules (RULES.md step 6)', () => {
  const deadline = { interviewType: 7, deadline: '2026-01-08' };

  it.each<[string, SelfBookingScenario, ErrorKey]>([
    [
      'breaks BK-SELF-CITIZEN (a caseworker) and BK-SELF-ACCEPT (not accepted)',
      {
        now: at('2026-01-02T09:00:00Z'),
        start: at('2026-01-10T09:00:00Z'),
        user: buildMetadata(),
        booking: { accepted: false },
      },
      'BK-SELF-CITIZEN',
    ],
    [
      'breaks BK-SELF-ACCEPT and BK-SELF-DEADLINE',
      {
        now: at('2026-01-02T09:00:00Z'),
        start: at('2026-02-10T09:00:00Z'),
        deadlines: [deadline],
        booking: { accepted: false },
      },
      'BK-SELF-ACCEPT',
    ],
    [
      'breaks BK-SELF-DEADLINE and BK-STRAKS',
      { now: at('2026-01-10T09:00:00Z'), start: at('2026-01-20T09:00:00Z'), deadlines: [deadline] },
      'BK-SELF-DEADLINE',
    ],
    [
      'breaks BK-STRAKS and BK-ONE-FUTURE (a future Rådighedssamtale)',
      {
        now: at('2026-01-10T09:00:00Z'),
        start: at('2026-01-12T09:00:00Z'),
        deadlines: [deadline],
        bookings: [buildBooking({ interviewType: 15, start: at('2026-01-11T09:00:00Z') })],
      },
      'BK-STRAKS',
    ],
    [
      'breaks BK-ONE-FUTURE and BK-DEADLINES-CREATE',
      {
        now: at('2026-01-02T09:00:00Z'),
        start: at('2026-01-12T09:00:00Z'),
        bookings: [buildBooking({ interviewType: 7, start: at('2026-01-11T09:00:00Z') })],
        booking: { rebookingDeadline: at('2026-01-01T09:00:00Z') },
      },
      'BK-ONE-FUTURE',
    ],
  ])('When a self-booked request %s, then %s answers', (_name, scenario, expected) => {
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
  // RULES.md: an a-kasse sees interview types 7, 8, 9, 10, 11, 12, 13, 15 and 17 only.
  const VISIBLE_TO_AKASSE = new Set([7, 8, 9, 10, 11, 12, 13, 15, 17]);
  const allTypes = Array.from({ length: 18 }, (_, i) => i + 1);

  it.each(allTypes.map((t) => [t, VISIBLE_TO_AKASSE.has(t)] as const))(
    'When a-kasse 2/17 reads a booking of interview type %i, then visible is %s',
    (interviewType, visible) => {
      expect(isVisibleTo(ORG.akasse17, { interviewType })).toBe(visible);
    },
  );

  it.each(allTypes)(
    'When jobcenter 8/75100 reads a booking of interview type %i, then it is visible',
    (interviewType) => {
      expect(isVisibleTo(ORG.jobcenterAarhus, { interviewType })).toBe(true);
    },
  );

  it.each<[string, Organisation]>([
    ['kommune 7/751', ORG.kommuneAarhus],
    ['anden aktør 4/35669035', ORG.andenAktoer],
    ['Jobnet 5/4', ORG.jobnet],
  ])('When %s reads a sygeopfølgningssamtale (6), then it is visible', (_name, org) => {
    expect(isVisibleTo(org, { interviewType: 6 })).toBe(true);
  });

  it('When an a-kasse reads a booking of a type outside the code list, then it is not visible', () => {
    expect(isVisibleTo(ORG.akasse81, { interviewType: 19 })).toBe(false);
  });
});

describe('BK-ORIGINATOR', () => {
  const STAR_CVR = '55568510';
  it.each<[string, Organisation, Organisation]>([
    ['Jobnet (5/4)', ORG.jobnet, { type: 5, code: STAR_CVR }],
    ['another STAR system (5/7)', { type: 5, code: '7' }, { type: 5, code: STAR_CVR }],
    ['jobcenter 8/75100', ORG.jobcenterAarhus, ORG.jobcenterAarhus],
    ['a-kasse 2/17', ORG.akasse17, ORG.akasse17],
    ['anden aktør 4/35669035', ORG.andenAktoer, ORG.andenAktoer],
  ])('When a booking was created through %s, then its originator is %j', (_name, creator, expected) => {
    expect(bookingOriginator(creator, STAR_CVR)).toEqual(expected);
  });
});
