/**
 * What a booking call reads, over the real socket: the citizen the access check (step 6) read is the
 * one the operation and its write use.
 */
import { randomUUID } from 'node:crypto';
import type { RunningEmulator } from '../../../src/emulator';
import { startTestEmulator } from '../../helpers/emulator';
import { indkaldelseDto, restCall, restHeaders } from '../../helpers/rest-calls';
import {
  caseworkerBooking,
  dfdgScenario,
  jobcenterCaseworker,
  saveCitizen,
  type DfdgScenario,
} from '../../helpers/scenario-dfdg';

// Monday 2 March 2026, 10:00 Copenhagen time, frozen.
const NOW = new Date('2026-03-02T09:00:00Z');
const MEETING = '2026-03-12T10:00:00+01:00';

let emulator: RunningEmulator & { dbPath: string };
let dfdg: DfdgScenario;

beforeAll(async () => {
  emulator = await startTestEmulator({ clockStart: NOW, clockFrozen: true });
  dfdg = dfdgScenario(emulator);
});
afterEach(() => jest.restoreAllMocks());
afterAll(async () => {
  dfdg.close();
  await emulator.stop();
});

/** How often the citizen with this CPR is read from the store while `act` runs. */
const citizenReadsDuring = async (cpr: string, act: () => Promise<void>): Promise<number> => {
  const find = jest.spyOn(emulator.store.citizens, 'find');
  await act();
  const reads = find.mock.calls.filter(([read]) => read === cpr).length;
  find.mockRestore();
  return reads;
};

const booked = (cpr: string): Promise<string> =>
  dfdg.createdBookingId(jobcenterCaseworker, caseworkerBooking(cpr, MEETING));

describe('the citizen, read once per call', () => {
  it('When a jobcenter books for its citizen, then the citizen is read once, by the access check, and the booking reaches the WSRM queues of the jobcenter and the a-kasse', async () => {
    const cpr = saveCitizen(emulator);
    let id = '';
    expect(
      await citizenReadsDuring(cpr, async () => {
        id = await booked(cpr);
      }),
    ).toBe(1);
    const queued = emulator.store.db
      .prepare<[string], { receiver: string }>(
        "SELECT receiver_type || ':' || receiver_code AS receiver FROM wsrm_messages WHERE booking_id = ? ORDER BY receiver",
      )
      .all(id)
      .map((r) => r.receiver);
    expect(queued).toEqual(['2:17', '8:75100']);
  });

  it('When a jobcenter reads, updates and cancels its booking, then each call reads the citizen once', async () => {
    const cpr = saveCitizen(emulator);
    const id = await booked(cpr);
    expect(
      await citizenReadsDuring(cpr, async () => {
        expect((await dfdg.bookingDetails(jobcenterCaseworker, id)).cpr).toBe(cpr);
      }),
    ).toBe(1);
    expect(
      await citizenReadsDuring(cpr, () =>
        dfdg.updateBookingAccepted(
          jobcenterCaseworker,
          caseworkerBooking(cpr, MEETING, { id, meetingLocation: 'Lokale 2' }),
        ),
      ),
    ).toBe(1);
    expect(await citizenReadsDuring(cpr, () => dfdg.cancelAccepted(jobcenterCaseworker, id))).toBe(1);
    expect((await dfdg.bookingDetails(jobcenterCaseworker, id)).status).toBe('Cancelled');
  });

  it('When a jobcenter creates a meeting over REST, then the citizen is read once', async () => {
    const cpr = saveCitizen(emulator);
    const id = randomUUID();
    const reads = await citizenReadsDuring(cpr, async () => {
      const res = await restCall(emulator.soapUrl, 'POST', `/v2/Indkaldelse/${id}`, {
        headers: restHeaders(jobcenterCaseworker, cpr),
        body: indkaldelseDto(MEETING),
      });
      expect(res.status).toBe(201);
    });
    expect(reads).toBe(1);
  });

  it('When a booking names an identifier in use, then it is refused as before, and whether the id is taken is asked without decoding the booking', async () => {
    const cpr = saveCitizen(emulator);
    const id = await booked(cpr);
    const find = jest.spyOn(emulator.store.bookings, 'find');
    const again = await dfdg.createBooking(jobcenterCaseworker, caseworkerBooking(cpr, MEETING, { id }));
    expect(again.status).toBe(500);
    expect(again.body).toContain('is already in use');
    expect(find).not.toHaveBeenCalled();
  });
});
