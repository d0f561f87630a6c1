import { rescheduled, type RescheduleInput } from '../../../src/domain/booking-reschedule';
import { deadlinesConsistent } from '../../../src/domain/booking-validity.rules';
import { ERROR_TABLE } from '../../../src/domain/errors';
import { buildBooking } from '../../helpers/builders';

const at = (iso: string): Date => new Date(iso);
const NOW = at('2026-02-01T09:00:00Z');
const START = at('2026-02-12T09:00:00Z');
const END = at('2026-02-12T09:30:00Z');
const R = at('2026-02-10T09:00:00Z');
const C = at('2026-02-11T09:00:00Z');

const move = (change: Partial<RescheduleInput> = {}): RescheduleInput => ({
  start: START,
  end: END,
  ...change,
});

/** A stored booking with both flags and deadlines as given. */
const stored = (rebooking: boolean, cancellation: boolean) =>
  buildBooking({
    rebookingPossible: rebooking,
    rebookingDeadline: rebooking ? at('2026-02-08T09:00:00Z') : undefined,
    cancellationPossible: cancellation,
    cancellationDeadline: cancellation ? at('2026-02-09T09:00:00Z') : undefined,
    meetingLocation: 'lokale 1',
  });

/** The code BK-DEADLINES-CONSISTENT answers for the rescheduled booking, or null. */
const judged = (existing: ReturnType<typeof stored>, change: RescheduleInput): number | null => {
  const v = deadlinesConsistent(rescheduled(existing, change, NOW));
  return v ? ERROR_TABLE[v.key].code : null;
};

describe('RescheduleBooking: what is left out keeps the stored value (BK-DEADLINES-CONSISTENT judges the result)', () => {
  it('When only the times are given, then the flags, deadlines and location stay', () => {
    const existing = stored(true, true);
    const next = rescheduled(existing, move(), NOW);
    expect(next).toMatchObject({
      start: START,
      end: END,
      rebookingPossible: true,
      rebookingDeadline: existing.rebookingDeadline,
      cancellationPossible: true,
      cancellationDeadline: existing.cancellationDeadline,
      meetingLocation: 'lokale 1',
      lastChangedAt: NOW,
      creator: existing.creator,
    });
  });

  it.each<[string, [boolean, boolean], Partial<RescheduleInput>, number | null]>([
    [
      'a rebooking deadline, the flag left out and stored false',
      [false, true],
      { rebookingDeadline: R },
      8125,
    ],
    ['a rebooking deadline, the flag left out and stored true', [true, true], { rebookingDeadline: R }, null],
    [
      'a cancellation deadline, the flag left out and stored false',
      [false, false],
      { cancellationDeadline: C },
      8127,
    ],
    [
      'ReBookingPossible true without a deadline, none stored',
      [false, true],
      { rebookingPossible: true },
      8126,
    ],
    [
      'ReBookingPossible true without a deadline, one stored',
      [true, true],
      { rebookingPossible: true },
      null,
    ],
    [
      'ReBookingPossible true with a deadline',
      [false, true],
      { rebookingPossible: true, rebookingDeadline: R },
      null,
    ],
    [
      'ReBookingPossible false with a deadline',
      [true, true],
      { rebookingPossible: false, rebookingDeadline: R },
      8125,
    ],
    [
      'ReBookingPossible false without a deadline, one stored (it goes)',
      [true, true],
      { rebookingPossible: false },
      null,
    ],
    [
      'CancellationPossible false without a deadline, one stored (it goes)',
      [true, true],
      { cancellationPossible: false },
      null,
    ],
    [
      'CancellationPossible false with a deadline',
      [true, true],
      { cancellationPossible: false, cancellationDeadline: C },
      8127,
    ],
  ])('When a reschedule gives %s, then %s', (_name, [rebooking, cancellation], change, code) => {
    expect(judged(stored(rebooking, cancellation), move(change))).toBe(code);
  });

  it('When a reschedule turns rebooking off, then the stored deadline and its written text go', () => {
    const existing = buildBooking({
      rebookingPossible: true,
      rebookingDeadline: at('2026-02-08T09:00:00Z'),
      writtenTimes: { start: '2026-02-10T10:00:00+01:00', rebookingDeadline: '2026-02-08T10:00:00+01:00' },
    });
    const next = rescheduled(
      existing,
      move({
        rebookingPossible: false,
        writtenTimes: { start: '2026-02-12T10:00:00', end: '2026-02-12T10:30:00' },
      }),
      NOW,
    );
    expect(next.rebookingDeadline).toBeUndefined();
    expect(next.writtenTimes).toEqual({ start: '2026-02-12T10:00:00', end: '2026-02-12T10:30:00' });
  });
});
