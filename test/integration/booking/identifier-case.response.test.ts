/**
 * Booking and WSRM identifiers are UUIDs, compared without regard to case and stored in one form,
 * lower case (RULES.md BK-NOT-FOUND, BK-VALID), end to end over mutual TLS: the upper-case form of an
 * id names the same booking or sequence, never a second one; and a database an older emulator left
 * with ids as clients sent them is served the same way once opened.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunningEmulator } from '../../../src/emulator';
import { WsrmRepository } from '../../../src/store/wsrm.repository';
import { buildBooking, buildMetadata } from '../../helpers/builders';
import { deleteBookingBody } from '../../helpers/dfdg-calls';
import { startTestEmulator } from '../../helpers/emulator';
import { insertLegacyBooking, legacyDatabase } from '../../helpers/legacy-database';
import { faultOf, type RawResponse } from '../../helpers/soap-request';
import {
  acceptedPayload,
  caseworkerBooking,
  dfdgScenario,
  expectRuleFault,
  jobcenterCaseworker,
  kssPlannerApp,
  ORG,
  saveCitizen,
  type DfdgScenario,
} from '../../helpers/scenario-dfdg';

const NOW = new Date('2026-03-02T09:00:00Z');
const START = '2026-03-10T08:00:00Z';

/** A fresh id as a client might write it: upper case. */
const upperCaseId = (): string => randomUUID().toUpperCase();

/** What a fault tells the caller (all but the reference id). */
const answer = (res: RawResponse) => {
  const { errorCode, faultcode, faultstring, message, source } = faultOf(res);
  return { status: res.status, errorCode, faultcode, faultstring, message, source };
};

describe('a running emulator', () => {
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

  const bookingsOf = (cpr: string): string[] => emulator.store.bookings.listByCpr(cpr).map((b) => b.id);

  it('When CreateBooking names its id in upper case, then the booking is stored and answered in lower case', async () => {
    const cpr = saveCitizen(emulator);
    const id = upperCaseId();
    const created = await dfdg.createdBookingId(jobcenterCaseworker, caseworkerBooking(cpr, START, { id }));
    expect(created).toBe(id.toLowerCase());
    expect(bookingsOf(cpr)).toEqual([id.toLowerCase()]);
  });

  it('When CreateBooking names the upper-case form of an existing id, then it gets the answer of the duplicate id itself, and no second booking is made', async () => {
    const cpr = saveCitizen(emulator);
    const id = randomUUID();
    await dfdg.createdBookingId(jobcenterCaseworker, caseworkerBooking(cpr, START, { id }));

    const again = await dfdg.createBooking(jobcenterCaseworker, caseworkerBooking(cpr, START, { id }));
    const upper = await dfdg.createBooking(
      jobcenterCaseworker,
      caseworkerBooking(cpr, START, { id: id.toUpperCase() }),
    );
    expectRuleFault(again, 1014, 'BK-VALID');
    expect(answer(upper)).toEqual(answer(again));
    expect(bookingsOf(cpr)).toEqual([id]);
  });

  it('When GetBookingDetails, UpdateBooking and DeleteBooking name a booking by the upper-case form of its id, then they find it', async () => {
    const cpr = saveCitizen(emulator);
    const id = await dfdg.createdBookingId(jobcenterCaseworker, caseworkerBooking(cpr, START));
    const upper = id.toUpperCase();

    expect((await dfdg.bookingDetails(jobcenterCaseworker, upper)).id).toBe(id);
    await dfdg.updateBookingAccepted(
      jobcenterCaseworker,
      caseworkerBooking(cpr, START, { id: upper, meetingLocation: 'Værkmestergade 3' }),
    );
    expect(emulator.store.bookings.find(id)?.meetingLocation).toBe('Værkmestergade 3');

    const deleted = await dfdg.call(
      jobcenterCaseworker,
      'BookingService',
      'DeleteBooking',
      deleteBookingBody(upper, cpr),
    );
    await acceptedPayload('BookingService', deleted);
    expect((await dfdg.bookingDetails(jobcenterCaseworker, id)).status).toBe('Cancelled');
    expect(bookingsOf(cpr)).toEqual([id]);
  });

  it('When ExternalBookingService cancels a booking by the upper-case form of its id, then it is cancelled', async () => {
    const cpr = saveCitizen(emulator);
    const id = await dfdg.createdBookingId(jobcenterCaseworker, caseworkerBooking(cpr, START));
    await dfdg.cancelAccepted(jobcenterCaseworker, id.toUpperCase(), 'moved');
    expect(emulator.store.bookings.find(id)?.status).toBe('Cancelled');
  });

  it("When a citizen names another citizen's booking by the upper-case form of its id, then 4413 SEC-CITIZEN, as for the id itself", async () => {
    const other = saveCitizen(emulator);
    const id = await dfdg.createdBookingId(jobcenterCaseworker, caseworkerBooking(other, START));
    const citizen = kssPlannerApp(saveCitizen(emulator));
    const details = (bookingId: string) =>
      dfdg.call(
        citizen,
        'BookingService',
        'GetBookingDetails',
        `<s:GetBookingDetailsRequest xmlns:s="http://service.bm.dk/BookingService/2020/02/01/"><s:BookingIdentifier>${bookingId}</s:BookingIdentifier></s:GetBookingDetailsRequest>`,
      );
    expectRuleFault(await details(id), 4413, 'SEC-CITIZEN');
    expectRuleFault(await details(id.toUpperCase()), 4413, 'SEC-CITIZEN');
  });

  it('When GetBookings and TerminateSequence name a WSRM sequence by the upper-case form of its id, then they find it', async () => {
    await dfdg.drain(jobcenterCaseworker);
    const cpr = saveCitizen(emulator, [], { memberships: [] });
    const id = await dfdg.createdBookingId(jobcenterCaseworker, caseworkerBooking(cpr, START));
    const pickup = await dfdg.openPickup(jobcenterCaseworker);
    const upper = pickup.id.toUpperCase();

    const messages = await dfdg.pickupMessages(jobcenterCaseworker, upper);
    expect(messages.map((m) => m.booking.id)).toEqual([id]);
    await dfdg.endPickup(jobcenterCaseworker, 'TerminateSequence', upper);
    expect(emulator.store.wsrm.queueOf(ORG.jobcenterAarhus)).toEqual([]);
    expect(emulator.store.wsrm.openSequenceOf(ORG.jobcenterAarhus)).toBeUndefined();
  });
});

describe('a database an older emulator left with ids as clients sent them', () => {
  const CPR = '0404575004'; // a fixture citizen of jobcenter Aarhus without an a-kasse
  const MIXED = 'AAAAAAAA-AAAA-4AAA-8AAA-AAAAAAAAAAAA';
  const lower = MIXED.toLowerCase();
  let emulator: RunningEmulator;
  let dfdg: DfdgScenario;

  beforeAll(async () => {
    const dbPath = join(mkdtempSync(join(tmpdir(), 'dfdg-legacy-db-')), 'dfdg.sqlite');
    const booking = buildBooking({
      id: MIXED,
      cpr: CPR,
      start: new Date(START),
      end: new Date(new Date(START).getTime() + 30 * 60_000),
      createdAt: NOW,
      lastChangedAt: NOW,
    });
    legacyDatabase(dbPath, 5, (db) => {
      insertLegacyBooking(db, booking);
      new WsrmRepository(db).enqueue(MIXED, {
        messageId: randomUUID(),
        receiver: ORG.jobcenterAarhus,
        clientSystem: '8-75100',
        registeringAuthority: ORG.jobcenterAarhus,
        registeringUser: buildMetadata(),
        queuedAt: NOW,
        booking,
      });
    });
    emulator = await startTestEmulator({ clockStart: NOW, clockFrozen: true, dbPath });
    dfdg = dfdgScenario(emulator);
  });
  afterAll(async () => {
    dfdg.close();
    await emulator.stop();
  });

  it('When it is opened, then GetBookingDetails finds the booking by either form of its id, answered in lower case', async () => {
    expect((await dfdg.bookingDetails(jobcenterCaseworker, lower)).id).toBe(lower);
    expect((await dfdg.bookingDetails(jobcenterCaseworker, MIXED)).id).toBe(lower);
  });

  it('When CreateBooking names the id again, in either form, then 1014 BK-VALID: the id is in use', async () => {
    for (const id of [lower, MIXED]) {
      const res = await dfdg.createBooking(jobcenterCaseworker, caseworkerBooking(CPR, START, { id }));
      expectRuleFault(res, 1014, 'BK-VALID');
    }
    expect(emulator.store.bookings.listByCpr(CPR).map((b) => b.id)).toEqual([lower]);
  });

  it('When the jobcenter picks up its queue, then the queued message carries the booking under its lower-case id', async () => {
    const messages = await dfdg.pickUp(jobcenterCaseworker);
    expect(messages.map((m) => m.booking.id)).toEqual([lower]);
  });
});
