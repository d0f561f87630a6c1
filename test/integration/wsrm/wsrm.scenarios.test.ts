/**
 * BookingWsrmMessageService pickups (CONTRACT.md; RULES.md BK-WSRM, WSRM-*), end to end over mutual
 * TLS with a frozen clock. Each scenario starts by acknowledging whatever earlier ones left queued.
 */
import { randomUUID } from 'node:crypto';
import type { RunningEmulator } from '../../../src/emulator';
import { startTestEmulator } from '../../helpers/emulator';
import { caseworker } from '../../helpers/envelope';
import {
  akasseCaseworker,
  caseworkerBooking,
  dfdgScenario,
  expectRuleFault,
  HOUR,
  jobcenterCaseworker,
  ORG,
  otherJobcenterCaseworker,
  saveCitizen,
  sentUser,
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
  emulator.clock.set(NOW);
  for (const receiver of [jobcenterCaseworker, akasseCaseworker, otherJobcenterCaseworker]) {
    await dfdg.drain(receiver);
  }
});
afterAll(async () => {
  dfdg.close();
  await emulator.stop();
});

/** The same jobcenter, through the KSS vendor's certificate (another client system). */
const kssCaseworker: Actor = { ...jobcenterCaseworker, cert: 'kss-vendor' };
const kommuneCaseworker: Actor = {
  cert: '7-751',
  ao: ORG.kommuneAarhus,
  user: caseworker(ORG.kommuneAarhus, 'Lars Kommunesen'),
};

/** Jobsamtaler by the jobcenter for a citizen without an a-kasse, an hour apart from the given start. */
const bookJobsamtaler = async (count: number, firstStart = '2026-03-10T08:00:00Z'): Promise<string[]> => {
  const cpr = saveCitizen(emulator, [], { memberships: [] });
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const start = new Date(new Date(firstStart).getTime() + i * HOUR).toISOString();
    ids.push(await dfdg.createdBookingId(jobcenterCaseworker, caseworkerBooking(cpr, start)));
  }
  return ids;
};

it('When a pickup is closed, then the same messages are delivered again in the next pickup, and when that one is terminated they are gone', async () => {
  const booked = await bookJobsamtaler(2);

  const first = await dfdg.openPickup(jobcenterCaseworker);
  expect(first.count).toBe(2);
  const delivered = await dfdg.pickupMessages(jobcenterCaseworker, first.id);
  expect(delivered.map((m) => m.booking.id)).toEqual(booked);
  await dfdg.endPickup(jobcenterCaseworker, 'CloseSequence', first.id);

  const again = await dfdg.openPickup(jobcenterCaseworker);
  expect(again.count).toBe(2);
  expect(again.id).not.toBe(first.id);
  const redelivered = await dfdg.pickupMessages(jobcenterCaseworker, again.id);
  expect(redelivered).toEqual(delivered);
  await dfdg.endPickup(jobcenterCaseworker, 'TerminateSequence', again.id);

  const after = await dfdg.openPickup(jobcenterCaseworker);
  expect(after.count).toBe(0);
  expect(await dfdg.pickupMessages(jobcenterCaseworker, after.id)).toEqual([]);
  await dfdg.endPickup(jobcenterCaseworker, 'TerminateSequence', after.id);
  expect(emulator.store.wsrm.queueOf(ORG.jobcenterAarhus)).toEqual([]);
});

it('When a receiver opens a second pickup while one is open, then fault 5200 WSRM-ONE-OPEN, also through another certificate for the same organisation, while another receiver is not affected', async () => {
  await bookJobsamtaler(1);
  const open = await dfdg.openPickup(jobcenterCaseworker);

  expectRuleFault(await dfdg.createSequence(jobcenterCaseworker), 5200, 'WSRM-ONE-OPEN');
  expectRuleFault(await dfdg.createSequence(kssCaseworker), 5200, 'WSRM-ONE-OPEN');
  const other = await dfdg.openPickup(otherJobcenterCaseworker);
  await dfdg.endPickup(otherJobcenterCaseworker, 'TerminateSequence', other.id);

  // The refused CreateSequence took nothing: the open pickup still holds its message.
  expect(await dfdg.pickupMessages(jobcenterCaseworker, open.id)).toHaveLength(1);
  await dfdg.endPickup(jobcenterCaseworker, 'CloseSequence', open.id);
  const next = await dfdg.openPickup(kssCaseworker);
  expect(next.count).toBe(1);
  await dfdg.endPickup(kssCaseworker, 'TerminateSequence', next.id);
});

it("When GetBookings names an unknown sequence, another receiver's sequence, a terminated or a closed one, then fault 5201 WSRM-UNKNOWN, and so do TerminateSequence and CloseSequence with another receiver's sequence", async () => {
  await bookJobsamtaler(1);
  const terminated = await dfdg.openPickup(jobcenterCaseworker);
  await dfdg.endPickup(jobcenterCaseworker, 'TerminateSequence', terminated.id);
  const closed = await dfdg.openPickup(jobcenterCaseworker);
  await dfdg.endPickup(jobcenterCaseworker, 'CloseSequence', closed.id);
  const foreign = await dfdg.openPickup(otherJobcenterCaseworker);

  for (const id of [randomUUID(), foreign.id, terminated.id, closed.id]) {
    expectRuleFault(await dfdg.sequenceOp(jobcenterCaseworker, 'GetBookings', id), 5201, 'WSRM-UNKNOWN');
  }
  expectRuleFault(
    await dfdg.sequenceOp(jobcenterCaseworker, 'TerminateSequence', foreign.id),
    5201,
    'WSRM-UNKNOWN',
  );
  expectRuleFault(
    await dfdg.sequenceOp(jobcenterCaseworker, 'CloseSequence', foreign.id),
    5201,
    'WSRM-UNKNOWN',
  );
  expectRuleFault(await dfdg.sequenceOp(kssCaseworker, 'GetBookings', foreign.id), 5201, 'WSRM-UNKNOWN');

  // The owner's sequence is untouched by the others' attempts.
  expect(await dfdg.pickupMessages(otherJobcenterCaseworker, foreign.id)).toEqual([]);
  await dfdg.endPickup(otherJobcenterCaseworker, 'TerminateSequence', foreign.id);
  expectRuleFault(
    await dfdg.sequenceOp(otherJobcenterCaseworker, 'CloseSequence', foreign.id),
    5201,
    'WSRM-UNKNOWN',
  );
});

it('When a message is queued while a pickup is open, then it is not part of that pickup but of the next one', async () => {
  const [early] = await bookJobsamtaler(1);
  const open = await dfdg.openPickup(jobcenterCaseworker);
  expect(open.count).toBe(1);

  const [late] = await bookJobsamtaler(1, '2026-03-11T08:00:00Z');
  expect((await dfdg.pickupMessages(jobcenterCaseworker, open.id)).map((m) => m.booking.id)).toEqual([early]);
  await dfdg.endPickup(jobcenterCaseworker, 'TerminateSequence', open.id);

  expect((await dfdg.pickUp(jobcenterCaseworker)).map((m) => m.booking.id)).toEqual([late]);
});

it('When a closed pickup is followed by one that also holds newer messages, then the redelivered ones come first, in queue order', async () => {
  const [first, second] = await bookJobsamtaler(2);
  const open = await dfdg.openPickup(jobcenterCaseworker);
  const [third] = await bookJobsamtaler(1, '2026-03-11T08:00:00Z');
  await dfdg.endPickup(jobcenterCaseworker, 'CloseSequence', open.id);

  expect((await dfdg.pickUp(jobcenterCaseworker)).map((m) => m.booking.id)).toEqual([first, second, third]);
});

it('When 501 messages wait for a receiver, then a pickup delivers the oldest 500 in queue order and the next pickup the last one', async () => {
  const booked = await bookJobsamtaler(501);

  const first = await dfdg.openPickup(jobcenterCaseworker);
  expect(first.count).toBe(500);
  const delivered = await dfdg.pickupMessages(jobcenterCaseworker, first.id);
  expect(delivered.map((m) => m.booking.id)).toEqual(booked.slice(0, 500));
  expect(new Set(delivered.map((m) => m.messageId)).size).toBe(500);
  await dfdg.endPickup(jobcenterCaseworker, 'TerminateSequence', first.id);

  expect((await dfdg.pickUp(jobcenterCaseworker)).map((m) => m.booking.id)).toEqual(booked.slice(500));
}, 30_000);

it('When a jobcenter books a Sygeopfølgningssamtale (type 6) and a Jobsamtale for a citizen of a-kasse 2/17, then the jobcenter receives both WSRM messages and the a-kasse only the Jobsamtale (VIS-AKASSE)', async () => {
  const cpr = saveCitizen(emulator);
  const sick = await dfdg.createdBookingId(
    jobcenterCaseworker,
    caseworkerBooking(cpr, '2026-03-09T10:00:00+01:00', { interviewType: 6, meetingLocation: 'telefon' }),
  );
  const job = await dfdg.createdBookingId(
    jobcenterCaseworker,
    caseworkerBooking(cpr, '2026-03-10T10:00:00+01:00'),
  );

  expect(emulator.store.wsrm.queueOf(ORG.foa).map((m) => m.booking.id)).toEqual([job]);
  const toJobcenter = await dfdg.pickUp(jobcenterCaseworker);
  expect(toJobcenter.map((m) => [m.booking.id, m.booking.interviewType])).toEqual([
    [sick, 6],
    [job, 7],
  ]);
  const toAkasse = await dfdg.pickUp(akasseCaseworker);
  expect(toAkasse.map((m) => [m.booking.id, m.booking.interviewType])).toEqual([[job, 7]]);
  expect(toAkasse[0]).toMatchObject({
    clientSystem: '8-75100',
    authority: ORG.jobcenterAarhus,
    registeringUser: sentUser(jobcenterCaseworker.user),
  });
});

it("When a booking is cancelled, then the next pickup of each follower holds it with BookingStatus Cancelled, registered by the cancelling call and still carrying its creator's metadata", async () => {
  const cpr = saveCitizen(emulator);
  const id = await dfdg.createdBookingId(
    jobcenterCaseworker,
    caseworkerBooking(cpr, '2026-03-10T10:00:00+01:00'),
  );
  const created = await dfdg.pickUp(jobcenterCaseworker);
  expect(created.map((m) => [m.booking.id, m.booking.status])).toEqual([[id, 'Active']]);
  await dfdg.pickUp(akasseCaseworker);

  emulator.clock.advance(HOUR);
  await dfdg.cancelAccepted(kommuneCaseworker, id, 'Borger er syg');

  for (const receiver of [jobcenterCaseworker, akasseCaseworker]) {
    const messages = await dfdg.pickUp(receiver);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({
      clientSystem: '7-751',
      authority: ORG.kommuneAarhus,
      registeringUser: sentUser(kommuneCaseworker.user),
      queuedAt: new Date(NOW.getTime() + HOUR).toISOString(),
      booking: {
        id,
        status: 'Cancelled',
        createdAt: NOW.toISOString(),
        lastChangedAt: new Date(NOW.getTime() + HOUR).toISOString(),
        originator: ORG.jobcenterAarhus,
        createdBy: sentUser(jobcenterCaseworker.user),
      },
    });
    expect(messages[0]?.messageId).not.toBe(created[0]?.messageId);
  }
});
