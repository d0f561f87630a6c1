/**
 * RULES.md SEC-CITIZEN on BookingWsrmMessageService, end to end over mutual TLS: a citizen-type call
 * (RequestUserType 1) may not open, read, acknowledge or abort the pickups of the organisation it
 * acts under, whichever certificate carries it; the organisation's queue is untouched afterwards.
 */
import type { RunningEmulator } from '../../../src/emulator';
import { startTestEmulator } from '../../helpers/emulator';
import {
  caseworkerBooking,
  citizenThrough,
  dfdgScenario,
  expectRuleFault,
  jobcenterCaseworker,
  kssPlannerApp,
  ORG,
  saveCitizen,
  type Actor,
  type DfdgScenario,
} from '../../helpers/scenario-dfdg';

const NOW = new Date('2026-03-02T09:00:00Z');

let emulator: RunningEmulator;
let dfdg: DfdgScenario;

beforeAll(async () => {
  emulator = await startTestEmulator({ clockStart: NOW, clockFrozen: true });
  dfdg = dfdgScenario(emulator);
});
beforeEach(async () => {
  await dfdg.drain(jobcenterCaseworker);
});
afterAll(async () => {
  dfdg.close();
  await emulator.stop();
});

/** What the jobcenter's queue holds, message by message, and whether a pickup is open. */
const jobcenterQueue = () => ({
  messages: emulator.store.wsrm.queueOf(ORG.jobcenterAarhus).map((m) => m.messageId),
  open: emulator.store.wsrm.openSequenceOf(ORG.jobcenterAarhus) ?? null,
});

/** Two bookings of another citizen of jobcenter Aarhus, queued for the jobcenter. */
const queueTwoBookings = async (): Promise<string[]> => {
  const other = saveCitizen(emulator, [], { memberships: [] });
  return [
    await dfdg.createdBookingId(jobcenterCaseworker, caseworkerBooking(other, '2026-03-10T08:00:00Z')),
    await dfdg.createdBookingId(jobcenterCaseworker, caseworkerBooking(other, '2026-03-10T09:00:00Z')),
  ];
};

const citizens: ReadonlyArray<[string, (cpr: string) => Actor]> = [
  ["the jobcenter's own certificate", (cpr) => citizenThrough('8-75100', ORG.jobcenterAarhus, cpr)],
  ["a KSS vendor's certificate", kssPlannerApp],
];

describe.each(citizens)('A citizen-type call under ActiveOrganisation 8/75100, through %s', (_via, as) => {
  it('When it calls CreateSequence, then 4413 SEC-CITIZEN, no pickup is opened and the queue is untouched', async () => {
    await queueTwoBookings();
    const before = jobcenterQueue();
    expect(before.messages).toHaveLength(2);

    const citizen = as(saveCitizen(emulator));
    expectRuleFault(await dfdg.createSequence(citizen), 4413, 'SEC-CITIZEN');
    expect(jobcenterQueue()).toEqual(before);
  });

  it("When it calls GetBookings, TerminateSequence and CloseSequence on the jobcenter's open pickup, then 4413 SEC-CITIZEN each time, and the jobcenter still gets every message", async () => {
    const booked = await queueTwoBookings();
    const pickup = await dfdg.openPickup(jobcenterCaseworker);
    expect(pickup.count).toBe(2);
    const before = jobcenterQueue();

    const citizen = as(saveCitizen(emulator));
    for (const operation of ['GetBookings', 'TerminateSequence', 'CloseSequence'] as const) {
      expectRuleFault(await dfdg.sequenceOp(citizen, operation, pickup.id), 4413, 'SEC-CITIZEN');
    }
    expect(jobcenterQueue()).toEqual(before);

    const delivered = await dfdg.pickupMessages(jobcenterCaseworker, pickup.id);
    expect(delivered.map((m) => m.booking.id)).toEqual(booked);
    await dfdg.endPickup(jobcenterCaseworker, 'TerminateSequence', pickup.id);
    expect(jobcenterQueue()).toEqual({ messages: [], open: null });
  });
});

it('When a caseworker of the same jobcenter calls CreateSequence through the same certificate, then it is served (the control)', async () => {
  await queueTwoBookings();
  const pickup = await dfdg.openPickup(jobcenterCaseworker);
  expect(pickup.count).toBe(2);
  await dfdg.endPickup(jobcenterCaseworker, 'CloseSequence', pickup.id);
});
