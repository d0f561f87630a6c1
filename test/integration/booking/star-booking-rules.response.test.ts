/**
 * The booking's own rules as STAR answers them (RULES.md BK-VALID, BK-START, BK-DEADLINES-CONSISTENT;
 * STAR's codes and texts, P4), end to end over mutual TLS with a frozen clock: each refused write
 * leaves the store as it was; RescheduleBooking is judged with the flags it leaves out as stored.
 */
import type { CodeListItem } from '../../../src/domain/codelists';
import type { RunningEmulator } from '../../../src/emulator';
import { startTestEmulator } from '../../helpers/emulator';
import type { BookingFields } from '../../helpers/envelope';
import { expectFault } from '../../helpers/fault-assertions';
import {
  caseworkerBooking,
  dfdgScenario,
  expectRuleFault,
  jobcenterCaseworker,
  saveCitizen,
  type DfdgScenario,
} from '../../helpers/scenario-dfdg';

// Monday 2 March 2026, 10:00 Copenhagen time.
const NOW = new Date('2026-03-02T09:00:00Z');
const MEETING = '2026-03-12T10:00:00+01:00';
const REBOOK_BY = '2026-03-10T12:00:00+01:00';
const CANCEL_BY = '2026-03-11T12:00:00+01:00';

let emulator: RunningEmulator;
let dfdg: DfdgScenario;

beforeAll(async () => {
  emulator = await startTestEmulator({ clockStart: NOW, clockFrozen: true });
  dfdg = dfdgScenario(emulator);
});
afterAll(async () => {
  dfdg.close();
  await emulator.stop();
});

/** A caseworker's booking for a new citizen of jobcenter Aarhus. */
const booking = (overrides: Partial<BookingFields> = {}): BookingFields =>
  caseworkerBooking(saveCitizen(emulator), MEETING, overrides);

const create = (b: BookingFields) => dfdg.createBooking(jobcenterCaseworker, b);

const storedOf = (cpr: string) => emulator.store.bookings.listByCpr(cpr);

describe('CreateBooking refused with STAR’s code, nothing stored', () => {
  it.each<[string, Partial<BookingFields>, 4708 | 4805 | 4783 | 8125 | 8126 | 8127, string]>([
    ['a meeting form not in its code list (4)', { contactType: 4 }, 4708, 'BK-VALID'],
    ['a meeting group type not in its code list (3)', { formType: 3 }, 4805, 'BK-VALID'],
    [
      'a start yesterday, Copenhagen time (23:59:59 on 1 March)',
      { start: '2026-03-01T23:59:59+01:00', end: '2026-03-02T00:30:00+01:00' },
      4783,
      'BK-START',
    ],
    [
      'a ReBookingDeadline while ReBookingPossible is false',
      { rebookingPossible: false, rebookingDeadline: REBOOK_BY },
      8125,
      'BK-DEADLINES-CONSISTENT',
    ],
    [
      'ReBookingPossible true without a deadline',
      { rebookingPossible: true },
      8126,
      'BK-DEADLINES-CONSISTENT',
    ],
    [
      'a CancellationDeadline while CancellationPossible is false',
      { cancellationPossible: false, cancellationDeadline: CANCEL_BY },
      8127,
      'BK-DEADLINES-CONSISTENT',
    ],
    [
      'an unknown meeting form and a start yesterday (BK-VALID comes first)',
      { contactType: 4, start: '2026-03-01T10:00:00+01:00', end: '2026-03-01T10:30:00+01:00' },
      4708,
      'BK-VALID',
    ],
    [
      'a start yesterday and a forbidden rebooking deadline (BK-START comes first)',
      {
        start: '2026-03-01T10:00:00+01:00',
        end: '2026-03-01T10:30:00+01:00',
        rebookingPossible: false,
        rebookingDeadline: REBOOK_BY,
      },
      4783,
      'BK-START',
    ],
  ])('When the booking has %s (%j), then %i %s', async (_name, overrides, code, source) => {
    const b = booking(overrides);
    await expectFault(await create(b), { code, source });
    expect(storedOf(b.cpr)).toEqual([]);
  });

  it('When the meeting form is 8 (Digitalt møde) without a DigitalMeetingLink, then 1014 BK-VALID naming it', async () => {
    const b = booking({ contactType: 8 });
    const fault = await expectFault(await create(b), { code: 1014, source: 'BK-VALID' });
    expect(fault.innerException).toContain('DigitalMeetingLink');
    expect(storedOf(b.cpr)).toEqual([]);
  });

  it('When the meeting form is 8 with a DigitalMeetingLink, then it is accepted and read back with the link, form and group type', async () => {
    const b = booking({
      contactType: 8,
      formType: 2,
      digitalMeetingLink: 'https://meet.example.dk/r/4711?pin=12',
    });
    const id = await dfdg.createdBookingId(jobcenterCaseworker, b);
    expect(await dfdg.bookingDetails(jobcenterCaseworker, id)).toMatchObject({
      contactType: 8,
      formType: 2,
      digitalMeetingLink: 'https://meet.example.dk/r/4711?pin=12',
    });
  });

  it('When the meeting starts earlier today, Copenhagen time (00:00 on 2 March), then it is accepted: BK-START counts days', async () => {
    const b = booking({ start: '2026-03-02T00:00:00+01:00', end: '2026-03-02T00:30:00+01:00' });
    await dfdg.createdBookingId(jobcenterCaseworker, b);
    expect(storedOf(b.cpr)).toHaveLength(1);
  });

  it('When every flag and deadline is consistent, then CompulsoryAttendance, CitizenShouldAcceptBooking and the flags are read back as written', async () => {
    const b = booking({
      compulsoryAttendance: false,
      citizenShouldAcceptBooking: true,
      rebookingPossible: true,
      rebookingDeadline: REBOOK_BY,
      cancellationPossible: true,
      cancellationDeadline: CANCEL_BY,
    });
    const id = await dfdg.createdBookingId(jobcenterCaseworker, b);
    expect(await dfdg.bookingDetails(jobcenterCaseworker, id)).toMatchObject({
      compulsoryAttendance: false,
      citizenShouldAcceptBooking: true,
      rebookingPossible: true,
      rebookingDeadline: new Date(REBOOK_BY).toISOString(),
      cancellationPossible: true,
      cancellationDeadline: new Date(CANCEL_BY).toISOString(),
    });
  });

  it('When the meeting form has expired in the code list, then 2003 REQ-CODELIST (before BK-VALID’s rules)', async () => {
    const lists = emulator.store.codelists.current();
    const expired: CodeListItem[] = lists.InterviewContactType.map((i) =>
      i.id === 2 ? { ...i, validTo: '2026-03-02' } : i,
    );
    emulator.store.codelists.replace('InterviewContactType', expired);
    try {
      const b = booking({ contactType: 2 });
      expectRuleFault(await create(b), 2003, 'REQ-CODELIST');
      expect(storedOf(b.cpr)).toEqual([]);
    } finally {
      emulator.store.codelists.replace('InterviewContactType', lists.InterviewContactType);
    }
  });
});

describe('UpdateBooking: BK-VALID and BK-DEADLINES-CONSISTENT, not BK-START', () => {
  it.each<[string, Partial<BookingFields>, 4708 | 4805 | 8125 | 8126 | 8127, string]>([
    ['an unknown meeting form', { contactType: 5 }, 4708, 'BK-VALID'],
    ['an unknown group type', { formType: 9 }, 4805, 'BK-VALID'],
    [
      'a forbidden rebooking deadline',
      { rebookingPossible: false, rebookingDeadline: REBOOK_BY },
      8125,
      'BK-DEADLINES-CONSISTENT',
    ],
    ['rebooking possible without a deadline', { rebookingPossible: true }, 8126, 'BK-DEADLINES-CONSISTENT'],
    [
      'a forbidden cancellation deadline',
      { cancellationPossible: false, cancellationDeadline: CANCEL_BY },
      8127,
      'BK-DEADLINES-CONSISTENT',
    ],
  ])(
    'When an update has %s (%j), then %i %s, and the booking is unchanged',
    async (_name, change, code, source) => {
      const b = booking();
      const id = await dfdg.createdBookingId(jobcenterCaseworker, b);
      const before = emulator.store.bookings.find(id);
      await expectFault(await dfdg.updateBooking(jobcenterCaseworker, { ...b, id, ...change }), {
        code,
        source,
      });
      expect(emulator.store.bookings.find(id)).toEqual(before);
    },
  );

  it('When an update moves the meeting to yesterday, then it is accepted (BK-START is CreateBooking’s only)', async () => {
    const b = booking();
    const id = await dfdg.createdBookingId(jobcenterCaseworker, b);
    await dfdg.updateBookingAccepted(jobcenterCaseworker, {
      ...b,
      id,
      start: '2026-03-01T10:00:00+01:00',
      end: '2026-03-01T10:30:00+01:00',
    });
    expect(emulator.store.bookings.find(id)?.start.toISOString()).toBe('2026-03-01T09:00:00.000Z');
  });
});

describe('RescheduleBooking: a flag left out keeps the stored one, and BK-DEADLINES-CONSISTENT judges with it', () => {
  const moved = { start: '2026-03-13T10:00:00+01:00', end: '2026-03-13T10:30:00+01:00' };

  it('When the stored booking cannot be rebooked and the reschedule gives only a ReBookingDeadline, then 8125, and nothing changes', async () => {
    const id = await dfdg.createdBookingId(jobcenterCaseworker, booking({ rebookingPossible: false }));
    const before = emulator.store.bookings.find(id);
    await expectFault(
      await dfdg.reschedule(jobcenterCaseworker, id, { ...moved, rebookingDeadline: REBOOK_BY }),
      {
        code: 8125,
        source: 'BK-DEADLINES-CONSISTENT',
      },
    );
    expect(emulator.store.bookings.find(id)).toEqual(before);
  });

  it('When the stored booking cannot be cancelled and the reschedule gives only a CancellationDeadline, then 8127', async () => {
    const id = await dfdg.createdBookingId(jobcenterCaseworker, booking({ cancellationPossible: false }));
    await expectFault(
      await dfdg.reschedule(jobcenterCaseworker, id, { ...moved, cancellationDeadline: CANCEL_BY }),
      { code: 8127, source: 'BK-DEADLINES-CONSISTENT' },
    );
  });

  it('When the reschedule makes rebooking possible without a deadline and none is stored, then 8126', async () => {
    const id = await dfdg.createdBookingId(jobcenterCaseworker, booking());
    await expectFault(await dfdg.reschedule(jobcenterCaseworker, id, { ...moved, rebookingPossible: true }), {
      code: 8126,
      source: 'BK-DEADLINES-CONSISTENT',
    });
  });

  it('When the stored booking can be rebooked and the reschedule gives only times, then it is accepted and keeps its flags, deadlines and location', async () => {
    const b = booking({
      rebookingPossible: true,
      rebookingDeadline: REBOOK_BY,
      cancellationDeadline: CANCEL_BY,
      meetingLocation: 'Fredensgade 40',
    });
    const id = await dfdg.createdBookingId(jobcenterCaseworker, b);
    await dfdg.rescheduleAccepted(jobcenterCaseworker, id, moved);
    expect(await dfdg.bookingDetails(jobcenterCaseworker, id)).toMatchObject({
      start: '2026-03-13T09:00:00.000Z',
      rebookingPossible: true,
      rebookingDeadline: new Date(REBOOK_BY).toISOString(),
      cancellationPossible: true,
      cancellationDeadline: new Date(CANCEL_BY).toISOString(),
      meetingLocation: 'Fredensgade 40',
    });
  });

  it('When the reschedule turns rebooking and cancellation off without deadlines, then it is accepted and the stored deadlines go with them', async () => {
    const b = booking({
      rebookingPossible: true,
      rebookingDeadline: REBOOK_BY,
      cancellationDeadline: CANCEL_BY,
    });
    const id = await dfdg.createdBookingId(jobcenterCaseworker, b);
    await dfdg.rescheduleAccepted(jobcenterCaseworker, id, {
      ...moved,
      rebookingPossible: false,
      cancellationPossible: false,
    });
    expect(await dfdg.bookingDetails(jobcenterCaseworker, id)).toMatchObject({
      rebookingPossible: false,
      rebookingDeadline: undefined,
      cancellationPossible: false,
      cancellationDeadline: undefined,
    });
  });

  it('When a reschedule names an unknown booking, then 4768 BK-NOT-FOUND (the stored flags it would be judged with do not exist)', async () => {
    expectRuleFault(
      await dfdg.reschedule(jobcenterCaseworker, 'a0000000-0000-4000-8000-0000000000ee', {
        ...moved,
        rebookingPossible: true,
      }),
      4768,
      'BK-NOT-FOUND',
    );
  });
});
