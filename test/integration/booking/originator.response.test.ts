/**
 * RULES.md BK-ORIGINATOR, end to end over mutual TLS: BookingOriginator's OrganisationCode is an int
 * (STAR's booking type, P5; the XSD holds every response to it); a self-booking through Jobnet (5/4)
 * shows STAR (5) with the citizen's CV number, or STAR's CVR number when the citizen has none; any
 * other booking shows the creating ActiveOrganisation; and the originator is fixed at creation.
 */
import type { RunningEmulator } from '../../../src/emulator';
import { startTestEmulator } from '../../helpers/emulator';
import { caseworker } from '../../helpers/envelope';
import {
  akasseCaseworker,
  caseworkerBooking,
  dfdgScenario,
  jobcenterCaseworker,
  jobnet,
  kssPlannerApp,
  ORG,
  saveCitizen,
  selfBooking,
  type Actor,
  type DfdgScenario,
} from '../../helpers/scenario-dfdg';

const NOW = new Date('2026-03-02T09:00:00Z');
const MEETING = '2026-03-12T10:00:00+01:00';
const ACCEPTED = '2026-03-02T08:30:00Z';
const STAR_CVR = '55568510';
/** fixtures/citizens.json: Karen Cv-Nummer, a citizen of jobcenter Aarhus and a-kasse 17 with CV number 12345678. */
const KAREN = '1111575011';

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

/** The originator each reader sees: GetBookingDetails and the WSRM messages of the jobcenter and a-kasse. */
const originatorsOf = async (id: string) => ({
  details: (await dfdg.bookingDetails(jobcenterCaseworker, id)).originator,
  jobcenterMessage: (await dfdg.pickUp(jobcenterCaseworker)).map((m) => m.booking.originator),
  akasseMessage: (await dfdg.pickUp(akasseCaseworker)).map((m) => m.booking.originator),
});

it('When a citizen with a CV number self-books on Jobnet (5/4), then every reader sees originator 5 with the CV number', async () => {
  const id = await dfdg.createdBookingId(jobnet(KAREN), selfBooking(KAREN, MEETING, ACCEPTED));
  const cv = { type: 5, code: '12345678' };
  expect(await originatorsOf(id)).toEqual({ details: cv, jobcenterMessage: [cv], akasseMessage: [cv] });
});

it('When a citizen without a CV number self-books on Jobnet, then the originator is 5 with STAR’s CVR number', async () => {
  const cpr = saveCitizen(emulator, [], { cvNumber: null });
  const id = await dfdg.createdBookingId(jobnet(cpr), selfBooking(cpr, MEETING, ACCEPTED));
  const star = { type: 5, code: STAR_CVR };
  expect(await originatorsOf(id)).toEqual({ details: star, jobcenterMessage: [star], akasseMessage: [star] });
});

it('When a citizen with a CV number self-books through a KSS app of jobcenter 8/75100, then the originator is the jobcenter', async () => {
  const cpr = saveCitizen(emulator, [], { cvNumber: '23456789' });
  const id = await dfdg.createdBookingId(kssPlannerApp(cpr), selfBooking(cpr, MEETING, ACCEPTED));
  expect((await dfdg.bookingDetails(jobcenterCaseworker, id)).originator).toEqual(ORG.jobcenterAarhus);
});

it('When a STAR employee books on Jobnet, not self-booked, then the originator is the calling system 5/4', async () => {
  const starEmployee: Actor = { cert: '5-4', ao: ORG.jobnet, user: caseworker(ORG.jobnet, 'Sara Styrelse') };
  const cpr = saveCitizen(emulator, [], { cvNumber: '34567890' });
  const id = await dfdg.createdBookingId(starEmployee, caseworkerBooking(cpr, MEETING));
  expect((await dfdg.bookingDetails(jobcenterCaseworker, id)).originator).toEqual(ORG.jobnet);
});

it('When the citizen’s CV number changes after a Jobnet self-booking, then the booking keeps the originator of its creation', async () => {
  const cpr = saveCitizen(emulator, [], { cvNumber: '45678901' });
  const id = await dfdg.createdBookingId(jobnet(cpr), selfBooking(cpr, MEETING, ACCEPTED));
  const citizen = emulator.store.citizens.find(cpr);
  if (!citizen) throw new Error('the citizen was not saved');
  emulator.store.citizens.save({ ...citizen, cvNumber: '56789012' });
  expect((await dfdg.bookingDetails(jobcenterCaseworker, id)).originator).toEqual({
    type: 5,
    code: '45678901',
  });
});
