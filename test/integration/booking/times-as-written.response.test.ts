/**
 * CONTRACT.md, "The booking": the times a client writes are answered as it wrote them (offset or
 * none, every fraction digit, up to the seven .NET writes), by GetBookingDetails, GetBookings and the
 * WSRM pickups; the rules read the instant, a time without an offset as Copenhagen time; the times
 * the emulator makes carry an offset. End to end over mutual TLS, responses held to the XSD.
 */
import type { RunningEmulator } from '../../../src/emulator';
import { startTestEmulator } from '../../helpers/emulator';
import { requestBody } from '../../helpers/envelope';
import {
  acceptedPayload,
  all,
  caseworkerBooking,
  dfdgScenario,
  expectRuleFault,
  jobcenterCaseworker,
  kssPlannerApp,
  one,
  readBooking,
  saveCitizen,
  selfBooking,
  textIn,
  type BookingRead,
  type DfdgScenario,
} from '../../helpers/scenario-dfdg';

// Monday 1 February 2027, 10:00 Copenhagen time (UTC+1).
const NOW = new Date('2027-02-01T09:00:00Z');

/** What a .NET client writes (DateTimeOffset, seven fraction digits) and what a client without zones writes. */
const WRITTEN = {
  start: '2027-03-01T10:00:00.1234567+01:00',
  end: '2027-03-01T10:45:00',
  rebookingDeadline: '2027-02-26T12:00:00.5Z',
  cancellationDeadline: '2027-02-28T18:30:00.1000000+01:00',
};
/** The instants the rules read from them: a time without an offset is Copenhagen time. */
const INSTANTS = {
  start: '2027-03-01T09:00:00.123Z',
  end: '2027-03-01T09:45:00.000Z',
  rebookingDeadline: '2027-02-26T12:00:00.500Z',
  cancellationDeadline: '2027-02-28T17:30:00.100Z',
};

let emulator: RunningEmulator;
let dfdg: DfdgScenario;

beforeAll(async () => {
  emulator = await startTestEmulator({ clockStart: NOW, clockFrozen: true });
  dfdg = dfdgScenario(emulator);
});
beforeEach(async () => {
  emulator.clock.set(NOW);
  await dfdg.drain(jobcenterCaseworker);
});
afterAll(async () => {
  dfdg.close();
  await emulator.stop();
});

const getBookings = async (cpr: string): Promise<BookingRead[]> => {
  const bs = 'BookingService';
  const res = await dfdg.call(
    jobcenterCaseworker,
    bs,
    'GetBookings',
    requestBody(bs, 'GetBookings', { PersonCivilRegistrationIdentifier: cpr }),
  );
  return all(await acceptedPayload(bs, res), 'Booking').map(readBooking);
};

/** A time the emulator writes: with an offset (Z or ±hh:mm). */
const WITH_OFFSET = /(Z|[+-]\d{2}:\d{2})$/;

it('When a caseworker writes .NET times and a time without an offset, then GetBookingDetails, GetBookings and the WSRM pickup answer each as written, and the rules read its instant', async () => {
  const cpr = saveCitizen(emulator);
  const id = await dfdg.createdBookingId(jobcenterCaseworker, {
    ...caseworkerBooking(cpr, WRITTEN.start),
    ...WRITTEN,
  });

  const details = await dfdg.bookingDetails(jobcenterCaseworker, id);
  const expected = {
    ...INSTANTS,
    written: { ...WRITTEN, acceptedTime: undefined },
  };
  expect(details).toMatchObject(expected);
  expect(await getBookings(cpr)).toEqual([details]);
  const [message, ...more] = await dfdg.pickUp(jobcenterCaseworker);
  expect(more).toEqual([]);
  expect(message?.booking).toEqual(details);

  // The emulator's own times carry an offset; and the store holds the instants.
  const raw = one(
    await acceptedPayload(
      'BookingService',
      await dfdg.call(
        jobcenterCaseworker,
        'BookingService',
        'GetBookingDetails',
        requestBody('BookingService', 'GetBookingDetails', { BookingIdentifier: id }),
      ),
    ),
    'Booking',
  );
  for (const own of ['CreatedDateTime', 'LastChangedDateTime']) expect(textIn(raw, own)).toMatch(WITH_OFFSET);
  expect(emulator.store.bookings.find(id)?.start.toISOString()).toBe(INSTANTS.start);
});

it('When a citizen self-books with an acceptance time without an offset, then it is read as Copenhagen time (not in the future) and answered as written', async () => {
  const cpr = saveCitizen(emulator);
  // 09:30 Copenhagen time is 08:30 UTC, half an hour before now: accepted (read as UTC, it would lie
  // half an hour ahead and be refused by BK-SELF-ACCEPT).
  const acceptedTime = '2027-02-01T09:30:00';
  const id = await dfdg.createdBookingId(
    kssPlannerApp(cpr),
    selfBooking(cpr, '2027-02-10T09:00:00.1200000+01:00', acceptedTime),
  );
  expect(await dfdg.bookingDetails(jobcenterCaseworker, id)).toMatchObject({
    acceptedTime: '2027-02-01T08:30:00.000Z',
    written: { start: '2027-02-10T09:00:00.1200000+01:00', acceptedTime },
  });
});

it('When a meeting is written without an offset, then BK-START judges its Copenhagen date: 00:30 today is accepted, 23:30 yesterday is 4783', async () => {
  const cpr = saveCitizen(emulator);
  const start = '2027-02-01T00:30:00';
  const id = await dfdg.createdBookingId(jobcenterCaseworker, {
    ...caseworkerBooking(cpr, start),
    end: '2027-02-01T01:00:00',
  });
  expect((await dfdg.bookingDetails(jobcenterCaseworker, id)).written.start).toBe(start);
  expectRuleFault(
    await dfdg.createBooking(jobcenterCaseworker, {
      ...caseworkerBooking(cpr, '2027-01-31T23:30:00'),
      end: '2027-02-01T00:15:00',
    }),
    4783,
    'BK-START',
  );
});

it('When a booking is rescheduled with times written another way, then the new texts are answered, and a kept deadline keeps its own', async () => {
  const cpr = saveCitizen(emulator);
  const id = await dfdg.createdBookingId(jobcenterCaseworker, {
    ...caseworkerBooking(cpr, WRITTEN.start),
    ...WRITTEN,
  });
  await dfdg.drain(jobcenterCaseworker);
  await dfdg.rescheduleAccepted(jobcenterCaseworker, id, {
    start: '2027-03-02T08:15:00',
    end: '2027-03-02T07:45:00.9876543Z',
    rebookingDeadline: '2027-02-27T12:00:00+01:00',
  });
  const expected = {
    start: '2027-03-02T07:15:00.000Z',
    end: '2027-03-02T07:45:00.988Z',
    written: {
      start: '2027-03-02T08:15:00',
      end: '2027-03-02T07:45:00.9876543Z',
      acceptedTime: undefined,
      rebookingDeadline: '2027-02-27T12:00:00+01:00',
      cancellationDeadline: WRITTEN.cancellationDeadline,
    },
  };
  expect(await dfdg.bookingDetails(jobcenterCaseworker, id)).toMatchObject(expected);
  expect((await dfdg.pickUp(jobcenterCaseworker))[0]?.booking).toMatchObject(expected);
});
