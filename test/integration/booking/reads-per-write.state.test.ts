/**
 * What a booking call reads, over the real socket: the citizen the access check (step 6) read is the
 * one the operation and its write use, the push subscriptions are read from SQLite once and kept
 * until they change, and every change to them (the admin API, a reset, another connection's commit)
 * reaches the next write.
 */
import { randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import type { Statement } from 'better-sqlite3';
import type { RunningEmulator } from '../../../src/emulator';
import { PushRepository } from '../../../src/store/push.repository';
import { adminClient, type AdminClient } from '../../helpers/admin-client';
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
const SUBSCRIPTIONS_SQL = 'SELECT * FROM push_subscriptions ORDER BY name';

let emulator: RunningEmulator & { dbPath: string };
let admin: AdminClient;
let dfdg: DfdgScenario;

beforeAll(async () => {
  emulator = await startTestEmulator({ clockStart: NOW, clockFrozen: true });
  admin = adminClient(emulator.adminUrl);
  dfdg = dfdgScenario(emulator);
});
afterEach(async () => {
  jest.restoreAllMocks();
  for (const s of (await admin.get<{ items: { name: string }[] }>('/admin/subscriptions')).body.items)
    await admin.delete(`/admin/subscriptions/${s.name}`);
});
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

describe('what a write makes JSON of', () => {
  /** The JSON.stringify calls while `act` runs whose value is a RequestUserMetadata, and a booking. */
  const stringifiedDuring = async (
    act: () => Promise<void>,
  ): Promise<{ users: number; bookings: number }> => {
    const stringify = jest.spyOn(JSON, 'stringify');
    await act();
    const values = stringify.mock.calls.map(([value]) => value as Record<string, unknown> | null);
    stringify.mockRestore();
    const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
    return {
      users: values.filter((v) => isObject(v) && 'userType' in v && 'registrationDateTime' in v).length,
      bookings: values.filter((v) => isObject(v) && 'interviewType' in v && 'creator' in v).length,
    };
  };

  it("When a jobcenter books for a citizen of a jobcenter and an a-kasse, then the caller's metadata and the booking are each made JSON once, and the booking, its history and both WSRM messages keep them as sent", async () => {
    const cpr = saveCitizen(emulator);
    let id = '';
    const made = await stringifiedDuring(async () => {
      id = await booked(cpr);
    });
    expect(made).toEqual({ users: 1, bookings: 1 });
    const { user } = jobcenterCaseworker;
    expect(
      JSON.parse(
        emulator.store.db
          .prepare<[string], { m: string }>('SELECT creator_metadata AS m FROM bookings WHERE id = ?')
          .get(id)?.m ?? '',
      ),
    ).toMatchObject({ userFullName: user.name });
    const read = await dfdg.bookingDetails(jobcenterCaseworker, id);
    expect(read.createdBy.name).toBe(user.name);
    const queued = emulator.store.db
      .prepare<[string], { registering_user: string; booking: string }>(
        'SELECT registering_user, booking FROM wsrm_messages WHERE booking_id = ?',
      )
      .all(id);
    expect(queued).toHaveLength(2);
    for (const m of queued) {
      expect(JSON.parse(m.registering_user)).toMatchObject({ userFullName: user.name });
      expect(JSON.parse(m.booking)).toMatchObject({ id, cpr });
    }
    const history = emulator.store.bookings.historyWithSnapshots(id);
    expect(
      history.map((h) => [h.entry.change, h.entry.requestUserMetadata.userFullName, h.after?.id]),
    ).toEqual([['Created', user.name, id]]);
  });
});

describe('the push subscriptions, kept until they change', () => {
  /** Counts the reads of the subscription table while `act` runs (every statement's `all`). */
  const subscriptionReadsDuring = async (act: () => Promise<void>): Promise<number> => {
    const statementType = Object.getPrototypeOf(emulator.store.db.prepare('SELECT 1')) as Statement;
    const all = jest.spyOn(statementType, 'all');
    await act();
    const reads = all.mock.contexts.filter((s) => (s as Statement).source === SUBSCRIPTIONS_SQL).length;
    all.mockRestore();
    return reads;
  };

  const pushedTo = (bookingId: string): string[] =>
    emulator.store.db
      .prepare<[string], { subscription: string }>(
        "SELECT subscription FROM push_messages WHERE body LIKE '%' || ? || '%' ORDER BY subscription",
      )
      .all(bookingId)
      .map((r) => r.subscription);

  const subscribe = async (name: string): Promise<void> => {
    const res = await admin.put(`/admin/subscriptions/${name}`, {
      organisation: '8:75100',
      messageTypes: ['Indkaldelse'],
      url: 'https://127.0.0.1:9/push',
    });
    expect(res.status).toBe(200);
  };

  it('When three bookings are written, then the subscriptions are read from the database at most once', async () => {
    await subscribe('jc-aarhus');
    const cpr = saveCitizen(emulator);
    const ids: string[] = [];
    const reads = await subscriptionReadsDuring(async () => {
      for (let i = 0; i < 3; i++) ids.push(await booked(cpr));
    });
    expect(reads).toBeLessThanOrEqual(1);
    expect(ids.map(pushedTo)).toEqual([['jc-aarhus'], ['jc-aarhus'], ['jc-aarhus']]);
  });

  it('When a subscription is added or deleted through the admin API, then the next booking goes to the subscriptions as they are now', async () => {
    const cpr = saveCitizen(emulator);
    expect(pushedTo(await booked(cpr))).toEqual([]);
    await subscribe('jc-aarhus');
    expect(pushedTo(await booked(cpr))).toEqual(['jc-aarhus']);
    await subscribe('jc-aarhus-2');
    expect(pushedTo(await booked(cpr))).toEqual(['jc-aarhus', 'jc-aarhus-2']);
    expect((await admin.delete('/admin/subscriptions/jc-aarhus')).status).toBe(200);
    expect(pushedTo(await booked(cpr))).toEqual(['jc-aarhus-2']);
  });

  it('When another connection to the database file adds a subscription, then the next booking goes to it too', async () => {
    await subscribe('jc-aarhus');
    const cpr = saveCitizen(emulator);
    expect(pushedTo(await booked(cpr))).toEqual(['jc-aarhus']);
    const other = new Database(emulator.dbPath);
    try {
      new PushRepository(other).saveSubscription({
        name: 'from-the-cli',
        organisation: { type: 8, code: '75100' },
        messageTypes: ['Indkaldelse'],
        url: 'https://127.0.0.1:9/cli',
        serverCaPem: null,
        createdAt: NOW,
      });
    } finally {
      other.close();
    }
    expect(pushedTo(await booked(cpr))).toEqual(['from-the-cli', 'jc-aarhus']);
  });

  it('When the emulator is reset, then the subscriptions it had are gone for the next write', async () => {
    await subscribe('jc-aarhus');
    expect(emulator.store.push.subscriptions().map((s) => s.name)).toEqual(['jc-aarhus']);
    expect((await admin.post('/admin/reset')).status).toBe(200);
    expect(emulator.store.push.subscriptions()).toEqual([]);
    expect((await admin.get<{ items: unknown[] }>('/admin/subscriptions')).body.items).toEqual([]);
  });
});
