/**
 * RULES.md BK-WSRM with ACC-OWN, end to end over mutual TLS: an a-kasse is sent a message about a
 * new booking only while it may see the citizen, from 120 days before a membership to 120 days after
 * it (Copenhagen calendar days, both ends included); the jobcenter is sent every one.
 */
import type { RunningEmulator } from '../../../src/emulator';
import { startTestEmulator } from '../../helpers/emulator';
import {
  akasseCaseworker,
  caseworkerBooking,
  dfdgScenario,
  jobcenterCaseworker,
  saveCitizen,
  type DfdgScenario,
} from '../../helpers/scenario-dfdg';

// Monday 2 March 2026, 10:00 Copenhagen time.
const NOW = new Date('2026-03-02T09:00:00Z');
const MEETING = '2026-03-12T10:00:00+01:00';

let emulator: RunningEmulator;
let dfdg: DfdgScenario;

beforeAll(async () => {
  emulator = await startTestEmulator({ clockStart: NOW, clockFrozen: true });
  dfdg = dfdgScenario(emulator);
});
beforeEach(async () => {
  await dfdg.drain(jobcenterCaseworker);
  await dfdg.drain(akasseCaseworker);
});
afterAll(async () => {
  dfdg.close();
  await emulator.stop();
});

/** A citizen of jobcenter Aarhus whose only membership, of a-kasse 17, runs from `from` to `to`. */
const memberOf17 = (from: string | null, to: string | null): string =>
  saveCitizen(emulator, [], { memberships: [{ akasse: '17', from, to }] });

it.each<[string, boolean, string | null, string | null]>([
  ['ended 121 days ago (1 November 2025)', false, '2024-01-01', '2025-11-01'],
  ['ended 120 days ago (2 November 2025: the last day it counts)', true, '2024-01-01', '2025-11-02'],
  ['ended 200 days ago', false, '2024-01-01', '2025-08-14'],
  ['is open', true, '2024-01-01', null],
  ['starts in 120 days (30 June 2026)', true, '2026-06-30', null],
  ['starts in 121 days (1 July 2026)', false, '2026-07-01', null],
])(
  'When the jobcenter books a Jobsamtale for a member whose a-kasse membership %s, then the a-kasse is sent a message: %s',
  async (_name, akasseIsSent, from, to) => {
    const cpr = memberOf17(from, to);
    const id = await dfdg.createdBookingId(jobcenterCaseworker, caseworkerBooking(cpr, MEETING));

    const akasse = (await dfdg.pickUp(akasseCaseworker)).map((m) => m.booking.id);
    expect(akasse).toEqual(akasseIsSent ? [id] : []);
    expect(emulator.store.wsrm.queueOf(akasseCaseworker.ao)).toEqual([]);
    expect((await dfdg.pickUp(jobcenterCaseworker)).map((m) => m.booking.id)).toEqual([id]);
  },
);
