import type { DeadlineStatus, FulfillingBooking, SelfBookingDeadline } from '../../../src/domain/booking';
import { createBookingRules, isStraksbookingRamt } from '../../../src/domain/booking.rules';
import {
  DEADLINE_STATUS_IDS,
  deadlinesFulfilledBy,
  deadlineStatus,
} from '../../../src/domain/deadline-status.rules';
import type { ErrorKey } from '../../../src/domain/errors';
import type { Organisation } from '../../../src/domain/organisation';
import {
  buildCall,
  buildCitizen,
  buildCitizenMetadata,
  buildFacts,
  buildSelfBookingInput,
  ORG,
} from '../../helpers/builders';

const at = (iso: string): Date => new Date(iso);

/** A Jobsamtale deadline on 8 January 2026: InterviewDateLimit 15 January (Copenhagen, UTC+1). */
const deadline = (status: DeadlineStatus, fulfilledBy?: FulfillingBooking): SelfBookingDeadline => ({
  interviewType: 7,
  deadline: '2026-01-08',
  status,
  fulfilledBy,
});
const meetingOn = (start: string): FulfillingBooking => ({ bookingId: 'b-1', start: at(start) });

describe('BK-DEADLINE-STATUS: the status now', () => {
  it.each<[string, SelfBookingDeadline, string, DeadlineStatus]>([
    ['an open deadline', deadline('open'), '2026-01-20T12:00:00Z', 'open'],
    ['a closed deadline', deadline('closed'), '2026-01-05T12:00:00Z', 'closed'],
    [
      'a fulfilled deadline without a booking (set by the admin API)',
      deadline('fulfilled'),
      '2026-02-20T12:00:00Z',
      'fulfilled',
    ],
    [
      'a fulfilled deadline, the day before its meeting (last second, Copenhagen)',
      deadline('fulfilled', meetingOn('2026-01-14T09:00:00Z')),
      '2026-01-13T22:59:59Z',
      'fulfilled',
    ],
    [
      'a fulfilled deadline, from midnight of its meeting date (Copenhagen)',
      deadline('fulfilled', meetingOn('2026-01-14T09:00:00Z')),
      '2026-01-13T23:00:00Z',
      'closed',
    ],
    [
      'a fulfilled deadline, the day after its meeting',
      deadline('fulfilled', meetingOn('2026-01-14T09:00:00Z')),
      '2026-01-15T12:00:00Z',
      'closed',
    ],
    [
      'a fulfilled deadline whose meeting is at 00:30 Copenhagen time (23:30 UTC the day before)',
      deadline('fulfilled', meetingOn('2026-01-13T23:30:00Z')),
      '2026-01-13T23:10:00Z',
      'closed',
    ],
  ])('When it is %s at %s, then it is %s', (_name, d, now, expected) => {
    expect(deadlineStatus(d, at(now))).toBe(expected);
  });

  it('When the status is shown, then Open is 1, Fulfilled 2 and Closed 3', () => {
    expect(DEADLINE_STATUS_IDS).toEqual({ open: 1, fulfilled: 2, closed: 3 });
  });
});

describe('BK-DEADLINE-STATUS: a booking created fulfils', () => {
  const NOW = at('2026-01-05T12:00:00Z');
  it.each<[string, SelfBookingDeadline, number, string, boolean]>([
    [
      'an open deadline of its type, meeting before the deadline',
      deadline('open'),
      7,
      '2026-01-07T09:00:00Z',
      true,
    ],
    [
      'an open deadline of its type, meeting on the InterviewDateLimit (23:59:59 Copenhagen)',
      deadline('open'),
      7,
      '2026-01-15T22:59:59Z',
      true,
    ],
    [
      'an open deadline of its type, meeting the day after the InterviewDateLimit',
      deadline('open'),
      7,
      '2026-01-15T23:00:00Z',
      false,
    ],
    ['an open deadline of another type', deadline('open'), 15, '2026-01-07T09:00:00Z', false],
    ['a fulfilled deadline', deadline('fulfilled'), 7, '2026-01-07T09:00:00Z', false],
    ['a closed deadline', deadline('closed'), 7, '2026-01-07T09:00:00Z', false],
  ])('When it meets %s (type %s, start %s), then it fulfils it: %s', (_name, d, type, start, expected) => {
    expect(deadlinesFulfilledBy({ interviewType: type, start: at(start) }, [d], NOW)).toEqual(
      expected ? [d] : [],
    );
  });
});

describe('BK-DEADLINE-STATUS: only an open deadline limits self-booking or makes straksbooking-ramt', () => {
  // Now is after the deadline (8 January 2026, InterviewDateLimit 15 January).
  const NOW = at('2026-01-10T12:00:00Z');
  const selfBook = (
    d: SelfBookingDeadline,
    start: string,
    activeOrganisation: Organisation,
  ): ErrorKey | null =>
    createBookingRules(
      buildSelfBookingInput(NOW, {
        start: at(start),
        end: new Date(at(start).getTime() + 30 * 60_000),
        interviewType: 7,
      }),
      buildCall(NOW, { activeOrganisation, user: buildCitizenMetadata() }),
      buildFacts({ citizen: buildCitizen({ selfBookingDeadlines: [d] }) }),
    )?.key ?? null;

  it.each<[string, SelfBookingDeadline, ErrorKey | null, ErrorKey | null, boolean]>([
    ['open', deadline('open'), 'BK-SELF-DEADLINE', 'BK-STRAKS', true],
    ['fulfilled', deadline('fulfilled'), null, null, false],
    [
      'fulfilled, its meeting passed (closed now)',
      deadline('fulfilled', meetingOn('2026-01-09T09:00:00Z')),
      null,
      null,
      false,
    ],
    ['closed', deadline('closed'), null, null, false],
  ])(
    'When the deadline is %s, then a self-booking on Jobnet beyond its limit answers %s, one by a jobcenter within its limit %s, and straksbooking-ramt is %s',
    (_name, d, beyondLimit, straks, ramt) => {
      // On Jobnet (a STAR system) BK-STRAKS does not apply: only BK-SELF-DEADLINE can refuse.
      expect(selfBook(d, '2026-01-20T09:00:00Z', ORG.jobnet)).toBe(beyondLimit);
      // Within the limit BK-SELF-DEADLINE holds: only BK-STRAKS can refuse.
      expect(selfBook(d, '2026-01-12T09:00:00Z', ORG.jobcenterAarhus)).toBe(straks);
      expect(isStraksbookingRamt(d, [], NOW)).toBe(ramt);
    },
  );
});
