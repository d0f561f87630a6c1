import type { BookingInput } from '../../../src/domain/booking';
import { createBookingRules } from '../../../src/domain/booking.rules';
import {
  bookingCodeListValues,
  deadlinesConsistent,
  startsNotBeforeToday,
  validBooking,
  type DeadlineFlags,
} from '../../../src/domain/booking-validity.rules';
import { ERROR_TABLE, type Violation } from '../../../src/domain/errors';
import { buildBookingInput, buildCall, buildFacts, buildMetadata, CODE_LISTS } from '../../helpers/builders';

const at = (iso: string): Date => new Date(iso);

/** What the caller reads of a violation: the code, the rule in Source, and STAR's text. */
const answer = (v: Violation | null) =>
  v === null
    ? null
    : { code: ERROR_TABLE[v.key].code, rule: ERROR_TABLE[v.key].ruleId, text: ERROR_TABLE[v.key].text };

const NOT_VALID = { code: 1014, rule: 'BK-VALID', text: 'The submitted message is not valid' };
const CONTACT_TYPE_INVALID = {
  code: 4708,
  rule: 'BK-VALID',
  text: 'The submitted InterviewContactTypeIdentifier is invalid',
};
const FORM_TYPE_INVALID = {
  code: 4805,
  rule: 'BK-VALID',
  text: 'The submitted InterviewFormTypeIdentifier is invalid.',
};

describe('BK-VALID: meeting form, meeting group type, DigitalMeetingLink', () => {
  it.each<[string, Partial<BookingInput>, ReturnType<typeof answer>]>([
    ['meeting form 1 (Personligt fremmøde)', { contactType: 1 }, null],
    ['meeting form 2 (Telefonisk)', { contactType: 2 }, null],
    ['meeting form 3 (Video)', { contactType: 3 }, null],
    ['meeting form 6 (Møde direkte på arbejde)', { contactType: 6 }, null],
    ['meeting form 4, not in the list', { contactType: 4 }, CONTACT_TYPE_INVALID],
    ['meeting form 0', { contactType: 0 }, CONTACT_TYPE_INVALID],
    ['meeting form 99', { contactType: 99 }, CONTACT_TYPE_INVALID],
    ['group type 1 (Individuel)', { formType: 1 }, null],
    ['group type 2 (Gruppe)', { formType: 2 }, null],
    ['group type 3, not in the list', { formType: 3 }, FORM_TYPE_INVALID],
    ['group type 0', { formType: 0 }, FORM_TYPE_INVALID],
    [
      'meeting form 8 (Digitalt møde) with a DigitalMeetingLink',
      { contactType: 8, digitalMeetingLink: 'https://meet.example.dk/abc' },
      null,
    ],
    ['meeting form 8 without a DigitalMeetingLink', { contactType: 8 }, NOT_VALID],
    [
      'meeting form 8 with an empty DigitalMeetingLink',
      { contactType: 8, digitalMeetingLink: '' },
      NOT_VALID,
    ],
    [
      'meeting form 3 (Video) with a DigitalMeetingLink',
      { contactType: 3, digitalMeetingLink: 'https://meet.example.dk/abc' },
      null,
    ],
  ])('When a booking has %s, then %o', (_name, overrides, expected) => {
    expect(answer(validBooking(buildBookingInput(overrides), CODE_LISTS))).toEqual(expected);
  });

  it.each<[string, Partial<BookingInput>, number]>([
    ['an unknown interview type and meeting form', { interviewType: 20, contactType: 4 }, 4709],
    ['an unknown meeting form and group type', { contactType: 4, formType: 3 }, 4708],
    [
      'an unknown group type and an end before the start',
      { formType: 3, end: at('2026-02-10T08:00:00Z') },
      4805,
    ],
    [
      'an end before the start and no DigitalMeetingLink for meeting form 8',
      { contactType: 8, end: at('2026-02-10T08:00:00Z') },
      4792,
    ],
  ])('When a booking has %s, then the first in RULES.md’s order answers: %i', (_name, overrides, code) => {
    const v = validBooking(buildBookingInput(overrides), CODE_LISTS);
    expect(v && ERROR_TABLE[v.key].code).toBe(code);
  });

  it('When the meeting form list is replaced without 2, then meeting form 2 is refused (the list is data)', () => {
    const lists = {
      ...CODE_LISTS,
      InterviewContactType: CODE_LISTS.InterviewContactType.filter((i) => i.id !== 2),
    };
    expect(answer(validBooking(buildBookingInput({ contactType: 2 }), lists))).toEqual(CONTACT_TYPE_INVALID);
  });

  it('When a booking is read for REQ-CODELIST, then its meeting form and group type are among its values', () => {
    expect(bookingCodeListValues(buildBookingInput({ contactType: 8, formType: 2 }))).toEqual([
      { list: 'InterviewType', id: 7, element: 'InterviewTypeIdentifier' },
      { list: 'InterviewContactType', id: 8, element: 'InterviewContactTypeIdentifier' },
      { list: 'InterviewFormType', id: 2, element: 'InterviewFormTypeIdentifier' },
      { list: 'OrganisationType', id: 8, element: 'MeetingOrganisation/OrganisationTypeIdentifier' },
    ]);
  });
});

describe('BK-START', () => {
  const BEFORE_TODAY = { code: 4783, rule: 'BK-START', text: 'The BookingTime cannot be before todays date' };
  // 2 March 2026, 10:00 Copenhagen time (winter: UTC+1).
  const now = at('2026-03-02T09:00:00Z');

  it.each<[string, string, ReturnType<typeof answer>]>([
    ['later today', '2026-03-02T12:00:00Z', null],
    ['earlier today (the day counts, not the hour)', '2026-03-02T06:00:00Z', null],
    ['at the first instant of today, Copenhagen time', '2026-03-01T23:00:00Z', null],
    ['at the last instant of yesterday, Copenhagen time', '2026-03-01T22:59:59.999Z', BEFORE_TODAY],
    ['yesterday', '2026-03-01T09:00:00Z', BEFORE_TODAY],
    ['a year ago', '2025-03-02T09:00:00Z', BEFORE_TODAY],
    ['tomorrow', '2026-03-03T09:00:00Z', null],
  ])('When the meeting starts %s (%s), then %o', (_name, start, expected) => {
    expect(answer(startsNotBeforeToday(at(start), now))).toEqual(expected);
  });

  it('When CreateBooking starts yesterday, then 4783 answers, before the deadline rules', () => {
    const b = buildBookingInput({
      start: at('2026-03-01T09:00:00Z'),
      end: at('2026-03-01T09:30:00Z'),
      rebookingPossible: false,
      rebookingDeadline: at('2026-02-28T09:00:00Z'),
    });
    const v = createBookingRules(b, buildCall(now, { user: buildMetadata() }), buildFacts());
    expect(v && ERROR_TABLE[v.key].code).toBe(4783);
  });

  it('When CreateBooking starts yesterday with an unknown meeting form, then BK-VALID answers first', () => {
    const b = buildBookingInput({
      contactType: 4,
      start: at('2026-03-01T09:00:00Z'),
      end: at('2026-03-01T09:30:00Z'),
    });
    const v = createBookingRules(b, buildCall(now, { user: buildMetadata() }), buildFacts());
    expect(v && ERROR_TABLE[v.key].code).toBe(4708);
  });
});

describe('BK-DEADLINES-CONSISTENT', () => {
  const D = at('2026-02-09T09:00:00Z');
  const REBOOKING_FORBIDDEN = {
    code: 8125,
    rule: 'BK-DEADLINES-CONSISTENT',
    text: 'Rebooking deadline cannot be specified if rebooking is not possible',
  };
  const REBOOKING_MISSING = {
    code: 8126,
    rule: 'BK-DEADLINES-CONSISTENT',
    text: 'Rebooking deadline must be specified if rebooking is possible',
  };
  const CANCELLATION_FORBIDDEN = {
    code: 8127,
    rule: 'BK-DEADLINES-CONSISTENT',
    text: 'Cancellation deadline cannot be specified if cancellation is not possible',
  };
  const flags = (f: Partial<DeadlineFlags>): DeadlineFlags => ({
    rebookingPossible: false,
    cancellationPossible: false,
    ...f,
  });

  it.each<[string, DeadlineFlags, ReturnType<typeof answer>]>([
    ['nothing possible, no deadlines', flags({}), null],
    ['rebooking possible with its deadline', flags({ rebookingPossible: true, rebookingDeadline: D }), null],
    ['a rebooking deadline, rebooking not possible', flags({ rebookingDeadline: D }), REBOOKING_FORBIDDEN],
    ['rebooking possible without a deadline', flags({ rebookingPossible: true }), REBOOKING_MISSING],
    ['cancellation possible without a deadline', flags({ cancellationPossible: true }), null],
    [
      'cancellation possible with its deadline',
      flags({ cancellationPossible: true, cancellationDeadline: D }),
      null,
    ],
    [
      'a cancellation deadline, cancellation not possible',
      flags({ cancellationDeadline: D }),
      CANCELLATION_FORBIDDEN,
    ],
    [
      'both deadlines, neither possible (8125 first)',
      flags({ rebookingDeadline: D, cancellationDeadline: D }),
      REBOOKING_FORBIDDEN,
    ],
    [
      'rebooking possible without a deadline and a forbidden cancellation deadline (8126 first)',
      flags({ rebookingPossible: true, cancellationDeadline: D }),
      REBOOKING_MISSING,
    ],
  ])('When a booking has %s, then %o', (_name, b, expected) => {
    expect(answer(deadlinesConsistent(b))).toEqual(expected);
  });

  it('When CreateBooking breaks BK-DEADLINES-CONSISTENT and BK-DEADLINES-CREATE, then BK-DEADLINES-CONSISTENT answers first', () => {
    const now = at('2026-02-01T09:00:00Z');
    const b = buildBookingInput({ rebookingPossible: false, rebookingDeadline: at('2026-01-01T09:00:00Z') });
    const v = createBookingRules(b, buildCall(now, { user: buildMetadata() }), buildFacts());
    expect(answer(v)).toEqual(REBOOKING_FORBIDDEN);
  });
});
