/**
 * ExternalBookingService (RescheduleBooking, CancelBooking), used by external planner and booking
 * systems: BK-NOT-FOUND and VIS-AKASSE on the write path, end to end with a frozen clock.
 */
import { randomUUID } from 'node:crypto';
import type { RunningEmulator } from '../../../src/emulator';
import { startTestEmulator } from '../../helpers/emulator';
import { requestBody } from '../../helpers/envelope';
import {
  akasseCaseworker,
  caseworkerBooking,
  dfdgScenario,
  expectRuleFault,
  HOUR,
  iso,
  jobcenterCaseworker,
  meetingAt,
  ORG,
  saveCitizen,
  sentUser,
  type DfdgScenario,
} from '../../helpers/scenario-dfdg';
import { faultOf } from '../../helpers/soap-request';

const NOW = new Date('2026-03-02T09:00:00Z');

let emulator: RunningEmulator;
let dfdg: DfdgScenario;

beforeAll(async () => {
  emulator = await startTestEmulator({ clockStart: NOW, clockFrozen: true });
  dfdg = dfdgScenario(emulator);
});
beforeEach(() => emulator.clock.set(NOW));
afterAll(async () => {
  dfdg.close();
  await emulator.stop();
});

it('When RescheduleBooking or CancelBooking names a booking that does not exist, then fault 4768 BK-NOT-FOUND, audited with the caller', async () => {
  const unknown = randomUUID();
  expectRuleFault(
    await dfdg.reschedule(jobcenterCaseworker, unknown, meetingAt('2026-03-10T10:00:00+01:00')),
    4768,
    'BK-NOT-FOUND',
  );
  expectRuleFault(await dfdg.cancel(jobcenterCaseworker, unknown, 'Aflyst'), 4768, 'BK-NOT-FOUND');
  expect(emulator.store.bookings.find(unknown)).toBeUndefined();
  expect(
    emulator.store.audit
      .list({ organisation: ORG.jobcenterAarhus, limit: 2 })
      .map((a) => [a.service, a.operation, a.outcome, a.ruleId])
      .reverse(),
  ).toEqual([
    ['ExternalBookingService', 'RescheduleBooking', '4768', 'BK-NOT-FOUND'],
    ['ExternalBookingService', 'CancelBooking', '4768', 'BK-NOT-FOUND'],
  ]);
});

it('When a reschedule of an unknown booking also has its end before its start, then BK-VALID (4792) answers before BK-NOT-FOUND', async () => {
  const res = await dfdg.reschedule(jobcenterCaseworker, randomUUID(), {
    start: '2026-03-10T10:00:00+01:00',
    end: '2026-03-10T09:00:00+01:00',
  });
  expectRuleFault(res, 4792, 'BK-VALID');
});

it("When an a-kasse reschedules or cancels its member's Sygeopfølgningssamtale (type 6), then fault 4768 BK-NOT-FOUND exactly as for an unknown booking and nothing changes (VIS-AKASSE), while the member's Jobsamtale it may reschedule and cancel", async () => {
  const cpr = saveCitizen(emulator);
  const sickFields = caseworkerBooking(cpr, '2026-03-09T10:00:00+01:00', { interviewType: 6 });
  const sick = await dfdg.createdBookingId(jobcenterCaseworker, sickFields);
  const job = await dfdg.createdBookingId(
    jobcenterCaseworker,
    caseworkerBooking(cpr, '2026-03-10T10:00:00+01:00'),
  );
  const before = await dfdg.bookingDetails(jobcenterCaseworker, sick);
  const queuedBefore = emulator.store.wsrm.queueOf(ORG.jobcenterAarhus).length;
  emulator.clock.advance(HOUR);

  const moved = meetingAt('2026-03-16T10:00:00+01:00');
  const hidden = await dfdg.reschedule(akasseCaseworker, sick, moved);
  expectRuleFault(hidden, 4768, 'BK-NOT-FOUND');
  expectRuleFault(await dfdg.cancel(akasseCaseworker, sick, 'Aflyst'), 4768, 'BK-NOT-FOUND');
  const unknown = faultOf(await dfdg.reschedule(akasseCaseworker, randomUUID(), moved));
  expect(faultOf(hidden).faultstring).toBe(unknown.faultstring);
  // Reading it is no different (BookingService.GetBookingDetails).
  expectRuleFault(
    await dfdg.call(
      akasseCaseworker,
      'BookingService',
      'GetBookingDetails',
      requestBody('BookingService', 'GetBookingDetails', { BookingIdentifier: sick }),
    ),
    4768,
    'BK-NOT-FOUND',
  );

  expect(await dfdg.bookingDetails(jobcenterCaseworker, sick)).toEqual(before);
  expect(emulator.store.bookings.history(sick).map((h) => h.change)).toEqual(['Created']);
  expect(emulator.store.wsrm.queueOf(ORG.jobcenterAarhus)).toHaveLength(queuedBefore);
  expect(emulator.store.reminders.find(sick)?.meetingStart).toEqual(new Date(sickFields.start));

  await dfdg.rescheduleAccepted(akasseCaseworker, job, { ...moved, meetingLocation: 'video' });
  expect(await dfdg.bookingDetails(akasseCaseworker, job)).toMatchObject({
    start: iso(moved.start),
    end: moved.end,
    status: 'Active',
    lastChangedAt: new Date(NOW.getTime() + HOUR).toISOString(),
    originator: ORG.jobcenterAarhus,
    createdBy: sentUser(jobcenterCaseworker.user),
  });
  await dfdg.cancelAccepted(akasseCaseworker, job, 'Medlemmet er i job');
  expect((await dfdg.bookingDetails(jobcenterCaseworker, job)).status).toBe('Cancelled');
  expect(
    emulator.store.bookings
      .history(job)
      .map((h) => [h.change, h.activeOrganisation, h.requestUserMetadata.userFullName]),
  ).toEqual([
    ['Created', ORG.jobcenterAarhus, 'Mette Hansen'],
    ['Rescheduled', ORG.foa, 'Karen Jensen'],
    ['Cancelled', ORG.foa, 'Karen Jensen'],
  ]);
});
