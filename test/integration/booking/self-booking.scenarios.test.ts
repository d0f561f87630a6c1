/**
 * Epic 905.3 (self-booking on other systems than Jobnet), end to end over mutual TLS with a frozen
 * emulator clock: Monday 2 March 2026, 10:00 Copenhagen time (CET, +01:00). Every citizen is saved
 * by the test with fixed deadlines, so no scenario depends on the day it runs.
 */
import type { RunningEmulator } from '../../../src/emulator';
import { startTestEmulator } from '../../helpers/emulator';
import { batchJob, caseworker, type BookingFields } from '../../helpers/envelope';
import { UUID } from '../../helpers/fault-assertions';
import {
  akasseApp,
  akasseCaseworker,
  caseworkerBooking,
  dfdgScenario,
  expectRuleFault,
  HOUR,
  iso,
  jobcenterCaseworker,
  jobnet,
  kssPlannerApp,
  meetingAt,
  ORG,
  saveCitizen,
  selfBooking,
  sentUser,
  type Actor,
  withoutAcceptance,
  type DfdgScenario,
} from '../../helpers/scenario-dfdg';

const NOW = new Date('2026-03-02T09:00:00Z');
/** The citizen accepted the booking half an hour before it was reported. */
const ACCEPTED = '2026-03-02T08:30:00Z';
const STAR_CVR = '55568510';

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

it("When an a-kasse (2/17) reports a member's self-booked Jobsamtale made in its own app (905.3.2), then it is accepted and the jobcenter's WSRM pickup shows it self-booked, created by the a-kasse's citizen user, registered by 2/17 from client system 2-17", async () => {
  await dfdg.drain(jobcenterCaseworker);
  await dfdg.drain(akasseCaseworker);
  const cpr = saveCitizen(emulator, [{ interviewType: 7, deadline: '2026-03-13' }]);
  const app = akasseApp(cpr);
  expect(app.user).toMatchObject({ type: 1, identifier: cpr, org: { type: 2, code: cpr } });
  const fields = selfBooking(cpr, '2026-03-11T10:00:00+01:00', ACCEPTED, {
    meeting: ORG.foa,
    meetingLocation: 'video',
  });

  const id = await dfdg.createdBookingId(app, fields);

  const pickup = await dfdg.openPickup(jobcenterCaseworker);
  const messages = await dfdg.pickupMessages(jobcenterCaseworker, pickup.id);
  await dfdg.endPickup(jobcenterCaseworker, 'TerminateSequence', pickup.id);
  expect(pickup.count).toBe(1);
  expect(messages).toEqual([
    {
      messageId: expect.stringMatching(UUID) as string,
      clientSystem: '2-17',
      authority: ORG.foa,
      registeringUser: sentUser(app.user),
      queuedAt: NOW.toISOString(),
      booking: {
        id,
        cpr,
        interviewType: 7,
        contactType: 1,
        formType: 1,
        start: '2026-03-11T09:00:00.000Z',
        end: '2026-03-11T09:30:00.000Z',
        meeting: ORG.foa,
        meetingLocation: 'video',
        digitalMeetingLink: undefined,
        compulsoryAttendance: true,
        selfBooked: true,
        citizenShouldAcceptBooking: undefined,
        accepted: true,
        acceptedTime: iso(ACCEPTED),
        rebookingPossible: false,
        rebookingDeadline: undefined,
        cancellationPossible: true,
        cancellationDeadline: undefined,
        // Each time as the app wrote it.
        written: {
          start: fields.start,
          end: fields.end,
          acceptedTime: ACCEPTED,
          rebookingDeadline: undefined,
          cancellationDeadline: undefined,
        },
        status: 'Active',
        createdAt: NOW.toISOString(),
        lastChangedAt: NOW.toISOString(),
        originator: ORG.foa,
        createdBy: sentUser(app.user),
      },
    },
  ]);
  // The a-kasse follows the citizen too: it gets the same booking as the confirmation of its own report.
  const confirmation = await dfdg.pickUp(akasseCaseworker);
  expect(confirmation.map((m) => m.booking)).toEqual(messages.map((m) => m.booking));
  expect(confirmation[0]?.messageId).not.toBe(messages[0]?.messageId);
});

it('When a KSS planner app reports a self-booking that starts after the deadline window, then fault 5102 BK-SELF-DEADLINE, and the edge is 23:59:59 Copenhagen time on deadline + 7 days (accepted) against 00:00:00 the next day (refused)', async () => {
  // Deadline Tuesday 10 March: InterviewDateLimit is Tuesday 17 March (CET, +01:00).
  const cpr = saveCitizen(emulator, [{ interviewType: 7, deadline: '2026-03-10' }]);
  const app = kssPlannerApp(cpr);
  const selfBook = (start: string) => dfdg.createBooking(app, selfBooking(cpr, start, ACCEPTED));

  expectRuleFault(await selfBook('2026-03-24T10:00:00+01:00'), 5102, 'BK-SELF-DEADLINE');
  expectRuleFault(await selfBook('2026-03-18T00:00:00+01:00'), 5102, 'BK-SELF-DEADLINE');
  expectRuleFault(await selfBook('2026-03-17T23:00:00Z'), 5102, 'BK-SELF-DEADLINE');
  expect(emulator.store.bookings.listByCpr(cpr)).toEqual([]);

  const id = await dfdg.createdBookingId(app, selfBooking(cpr, '2026-03-17T23:59:59+01:00', ACCEPTED));
  const stored = await dfdg.bookingDetails(jobcenterCaseworker, id);
  expect(stored).toMatchObject({
    start: '2026-03-17T22:59:59.000Z',
    selfBooked: true,
    originator: ORG.jobcenterAarhus,
    createdBy: sentUser(app.user),
  });
  expect(
    emulator.store.audit
      .list({ cpr })
      .map((a) => [a.operation, a.outcome, a.ruleId, a.time.toISOString()])
      .reverse(),
  ).toEqual([
    ['CreateBooking', '5102', 'BK-SELF-DEADLINE', NOW.toISOString()],
    ['CreateBooking', '5102', 'BK-SELF-DEADLINE', NOW.toISOString()],
    ['CreateBooking', '5102', 'BK-SELF-DEADLINE', NOW.toISOString()],
    ['CreateBooking', 'ok', null, NOW.toISOString()],
    ['GetBookingDetails', 'ok', null, NOW.toISOString()],
  ]);
});

it('When the deadline window ends in summer time, then the self-booking edge is 23:59:59 +02:00 on deadline + 7 days, also for a start written without a zone (read as Copenhagen time)', async () => {
  // Deadline 25 March (CET); InterviewDateLimit 1 April, after the switch to CEST on 29 March.
  const cpr = saveCitizen(emulator, [{ interviewType: 15, deadline: '2026-03-25' }]);
  const app = kssPlannerApp(cpr);
  const selfBook = (start: string) =>
    dfdg.createBooking(app, selfBooking(cpr, start, ACCEPTED, { interviewType: 15 }));

  expectRuleFault(await selfBook('2026-04-02T00:00:00+02:00'), 5102, 'BK-SELF-DEADLINE');
  expectRuleFault(await selfBook('2026-04-01T22:30:00Z'), 5102, 'BK-SELF-DEADLINE');
  // A zoneless xs:dateTime is Copenhagen wall-clock time (the end is given as an instant: JS would read
  // the zoneless one in the test process's zone).
  expectRuleFault(
    await dfdg.createBooking(
      app,
      selfBooking(cpr, '2026-04-02T00:00:00', ACCEPTED, { interviewType: 15, end: '2026-04-01T22:30:00Z' }),
    ),
    5102,
    'BK-SELF-DEADLINE',
  );
  const id = await dfdg.createdBookingId(
    app,
    selfBooking(cpr, '2026-04-01T23:59:59', ACCEPTED, {
      interviewType: 15,
      end: '2026-04-01T22:29:59Z',
    }),
  );
  expect((await dfdg.bookingDetails(jobcenterCaseworker, id)).start).toBe('2026-04-01T21:59:59.000Z');
});

it('When a straksbooking-ramt citizen (deadline passed, no future Jobsamtale) self-books through an a-kasse or a KSS app, then fault 5103 BK-STRAKS, while the same booking through Jobnet (5/4) is accepted with BookingOriginator 5/55568510', async () => {
  // Deadline Friday 27 February has passed; InterviewDateLimit is Friday 6 March.
  const cpr = saveCitizen(emulator, [{ interviewType: 7, deadline: '2026-02-27' }]);
  const fields = selfBooking(cpr, '2026-03-04T10:00:00+01:00', ACCEPTED);

  expectRuleFault(await dfdg.createBooking(akasseApp(cpr), fields), 5103, 'BK-STRAKS');
  expectRuleFault(await dfdg.createBooking(kssPlannerApp(cpr), fields), 5103, 'BK-STRAKS');
  expect(emulator.store.bookings.listByCpr(cpr)).toEqual([]);

  const viaJobnet = jobnet(cpr);
  expectRuleFault(
    await dfdg.createBooking(viaJobnet, selfBooking(cpr, '2026-03-07T10:00:00+01:00', ACCEPTED)),
    5102,
    'BK-SELF-DEADLINE',
  );
  await dfdg.drain(jobcenterCaseworker);
  const id = await dfdg.createdBookingId(viaJobnet, fields);
  expect(await dfdg.bookingDetails(jobcenterCaseworker, id)).toMatchObject({
    selfBooked: true,
    accepted: true,
    originator: { type: 5, code: STAR_CVR },
    createdBy: sentUser(viaJobnet.user),
  });
  expect(await dfdg.pickUp(jobcenterCaseworker)).toMatchObject([
    {
      clientSystem: '5-4',
      authority: ORG.jobnet,
      registeringUser: sentUser(viaJobnet.user),
      booking: { id, originator: { type: 5, code: STAR_CVR } },
    },
  ]);
  // Now the citizen has a future Jobsamtale: no longer straksbooking-ramt, but BK-ONE-FUTURE answers.
  expectRuleFault(
    await dfdg.createBooking(akasseApp(cpr), selfBooking(cpr, '2026-03-05T10:00:00+01:00', ACCEPTED)),
    5104,
    'BK-ONE-FUTURE',
  );
  expect(
    emulator.store.audit
      .list({ cpr })
      .filter((a) => a.outcome !== 'ok')
      .map((a) => [a.activeOrganisation, a.outcome, a.ruleId])
      .reverse(),
  ).toEqual([
    [ORG.foa, '5103', 'BK-STRAKS'],
    [ORG.jobcenterAarhus, '5103', 'BK-STRAKS'],
    [ORG.jobnet, '5102', 'BK-SELF-DEADLINE'],
    [ORG.foa, '5104', 'BK-ONE-FUTURE'],
  ]);
});

it('When a citizen with a future Jobsamtale self-books another Jobsamtale or a Rådighedssamtale, then fault 5104 BK-ONE-FUTURE, other interview types are not limited, and once the future Jobsamtale is cancelled the self-booking is accepted', async () => {
  const cpr = saveCitizen(emulator);
  const app = kssPlannerApp(cpr);
  const existing = await dfdg.createdBookingId(
    jobcenterCaseworker,
    caseworkerBooking(cpr, '2026-03-20T09:00:00+01:00'),
  );

  const jobsamtale = selfBooking(cpr, '2026-03-12T10:00:00+01:00', ACCEPTED);
  const raadighed = { ...jobsamtale, interviewType: 15 };
  expectRuleFault(await dfdg.createBooking(app, jobsamtale), 5104, 'BK-ONE-FUTURE');
  expectRuleFault(await dfdg.createBooking(app, raadighed), 5104, 'BK-ONE-FUTURE');
  await dfdg.createdBookingId(app, { ...jobsamtale, interviewType: 9 });

  await dfdg.cancelAccepted(jobcenterCaseworker, existing, 'Borger har booket selv');
  const id = await dfdg.createdBookingId(app, raadighed);
  expect(await dfdg.bookingDetails(jobcenterCaseworker, id)).toMatchObject({
    interviewType: 15,
    selfBooked: true,
    status: 'Active',
  });
});

it('When SelfBooked is true but the call is made by a caseworker or a batch job, Jobnet included, then fault 5100 BK-SELF-CITIZEN', async () => {
  const cpr = saveCitizen(emulator);
  const fields = selfBooking(cpr, '2026-03-12T10:00:00+01:00', ACCEPTED);
  const nonCitizens: Actor[] = [
    jobcenterCaseworker,
    akasseCaseworker,
    { cert: 'kss-vendor', ao: ORG.jobcenterAarhus, user: batchJob(ORG.jobcenterAarhus) },
    { cert: '7-751', ao: ORG.kommuneAarhus, user: caseworker(ORG.kommuneAarhus, 'Lars Kommunesen') },
    // SEC-STAR skips the header checks, not the booking rules.
    { cert: '5-4', ao: ORG.jobnet, user: caseworker(ORG.jobnet, 'Jens Jobnet') },
  ];
  for (const actor of nonCitizens) {
    expectRuleFault(await dfdg.createBooking(actor, fields), 5100, 'BK-SELF-CITIZEN');
  }
  // Another citizen's header: SEC-STAR lets Jobnet's call past SEC-CITIZEN, not past BK-SELF-CITIZEN;
  // any other system is stopped by SEC-CITIZEN first (step 4 before step 6).
  const someoneElse = saveCitizen(emulator);
  expectRuleFault(await dfdg.createBooking(jobnet(someoneElse), fields), 5100, 'BK-SELF-CITIZEN');
  expectRuleFault(await dfdg.createBooking(akasseApp(someoneElse), fields), 4413, 'SEC-CITIZEN');
  expect(emulator.store.bookings.listByCpr(cpr)).toEqual([]);
  expect(emulator.store.wsrm.queueOf(ORG.foa).filter((m) => m.booking.cpr === cpr)).toEqual([]);
});

it('When a self-booking is not accepted by the citizen (BookingAccepted false or missing, no BookingAcceptedTime, or one in the future), then fault 5101 BK-SELF-ACCEPT, and an acceptance at this very instant is accepted', async () => {
  const cpr = saveCitizen(emulator);
  const app = akasseApp(cpr);
  const base = selfBooking(cpr, '2026-03-12T10:00:00+01:00', ACCEPTED, { interviewType: 9 });
  const unaccepted = withoutAcceptance(base);
  const refused: BookingFields[] = [
    { ...base, accepted: false },
    { ...unaccepted, acceptedTime: ACCEPTED },
    { ...unaccepted, accepted: true },
    { ...base, acceptedTime: '2026-03-02T09:00:01Z' },
    { ...base, acceptedTime: '2026-03-02T10:00:01+01:00' },
  ];
  for (const fields of refused) {
    expectRuleFault(await dfdg.createBooking(app, fields), 5101, 'BK-SELF-ACCEPT');
  }
  expect(emulator.store.bookings.listByCpr(cpr)).toEqual([]);

  const id = await dfdg.createdBookingId(app, { ...base, acceptedTime: '2026-03-02T10:00:00+01:00' });
  expect((await dfdg.bookingDetails(akasseCaseworker, id)).acceptedTime).toBe(NOW.toISOString());
});

it('When a booking is created with a past rebooking or cancellation deadline, then fault 5105 BK-DEADLINES-CREATE, but after its rebooking deadline a caseworker may still update and reschedule it, and a stale SelfBooked=true on update triggers no self-booking rule (BK-DEADLINES-UPDATE)', async () => {
  const cpr = saveCitizen(emulator, [{ interviewType: 7, deadline: '2026-03-04' }]);
  const start = '2026-03-10T10:00:00+01:00';
  const refused: BookingFields[] = [
    caseworkerBooking(cpr, start, { rebookingDeadline: '2026-03-01T12:00:00Z' }),
    caseworkerBooking(cpr, start, { cancellationDeadline: '2026-03-02T09:00:00Z' }),
    caseworkerBooking(cpr, start, { rebookingDeadline: '2026-03-10T10:00:01+01:00' }),
  ];
  for (const fields of refused) {
    expectRuleFault(await dfdg.createBooking(jobcenterCaseworker, fields), 5105, 'BK-DEADLINES-CREATE');
  }
  expect(emulator.store.bookings.listByCpr(cpr)).toEqual([]);

  // A deadline at the meeting's very start is allowed ("not after the meeting start").
  await dfdg.createdBookingId(
    jobcenterCaseworker,
    caseworkerBooking(cpr, start, {
      interviewType: 9,
      rebookingDeadline: start,
      cancellationDeadline: start,
    }),
  );
  const deadlines = {
    rebookingDeadline: '2026-03-05T12:00:00+01:00',
    cancellationDeadline: '2026-03-06T12:00:00+01:00',
  };
  const booked = caseworkerBooking(cpr, start, { ...deadlines, interviewType: 10 });
  const caseworkerId = await dfdg.createdBookingId(jobcenterCaseworker, booked);
  const selfBookedFields = selfBooking(cpr, '2026-03-09T10:00:00+01:00', ACCEPTED);
  const selfBookedId = await dfdg.createdBookingId(kssPlannerApp(cpr), selfBookedFields);

  // Sunday 8 March: both deadlines of the caseworker's booking and the citizen's deadline have passed.
  emulator.clock.set(new Date('2026-03-08T09:00:00Z'));
  const updated = { ...booked, id: caseworkerId, ...meetingAt('2026-03-11T10:00:00+01:00') };
  await dfdg.updateBookingAccepted(jobcenterCaseworker, updated);
  const moved = meetingAt('2026-03-12T13:00:00+01:00', 45);
  await dfdg.rescheduleAccepted(jobcenterCaseworker, caseworkerId, {
    ...moved,
    rebookingDeadline: '2026-03-07T12:00:00+01:00',
  });
  expect(await dfdg.bookingDetails(jobcenterCaseworker, caseworkerId)).toMatchObject({
    start: iso(moved.start),
    end: moved.end,
    rebookingDeadline: '2026-03-07T11:00:00.000Z',
    cancellationDeadline: '2026-03-06T11:00:00.000Z',
    status: 'Active',
  });

  // The caseworker moves the citizen's self-booked Jobsamtale far beyond the citizen's window, leaving
  // SelfBooked=true but no acceptance: each self-booking rule would refuse this as a create.
  const staleSelfBooked = withoutAcceptance(selfBookedFields);
  await dfdg.updateBookingAccepted(jobcenterCaseworker, {
    ...staleSelfBooked,
    id: selfBookedId,
    ...meetingAt('2026-03-30T10:00:00+02:00'),
    rebookingDeadline: '2026-03-07T12:00:00+01:00',
  });
  expect(await dfdg.bookingDetails(jobcenterCaseworker, selfBookedId)).toMatchObject({
    start: '2026-03-30T08:00:00.000Z',
    selfBooked: true,
    originator: ORG.jobcenterAarhus,
    createdBy: sentUser(kssPlannerApp(cpr).user),
  });
  expect(emulator.store.bookings.history(selfBookedId).map((h) => h.change)).toEqual(['Created', 'Updated']);
});

it('When a non-Jobnet system reports a self-booking, then no reminder is scheduled, while a caseworker booking gets one 24 h before the start that RescheduleBooking moves and CancelBooking removes, and a later caseworker update of the self-booking still adds none (BK-REMINDER)', async () => {
  const selfCpr = saveCitizen(emulator);
  const selfFields = selfBooking(selfCpr, '2026-03-09T10:00:00+01:00', ACCEPTED);
  const selfId = await dfdg.createdBookingId(kssPlannerApp(selfCpr), selfFields);
  expect(emulator.store.reminders.find(selfId)).toBeUndefined();
  expect(emulator.store.reminders.list(selfCpr)).toEqual([]);

  const jobnetCpr = saveCitizen(emulator);
  const jobnetId = await dfdg.createdBookingId(
    jobnet(jobnetCpr),
    selfBooking(jobnetCpr, '2026-03-09T10:00:00+01:00', ACCEPTED),
  );
  expect(emulator.store.reminders.find(jobnetId)?.remindAt).toEqual(new Date('2026-03-08T09:00:00Z'));

  const cpr = saveCitizen(emulator);
  const id = await dfdg.createdBookingId(
    jobcenterCaseworker,
    caseworkerBooking(cpr, '2026-03-10T10:00:00+01:00'),
  );
  expect(emulator.store.reminders.find(id)).toEqual({
    bookingId: id,
    cpr,
    remindAt: new Date('2026-03-09T09:00:00Z'),
    meetingStart: new Date('2026-03-10T09:00:00Z'),
    scheduledAt: NOW,
  });

  emulator.clock.advance(HOUR);
  const moved = meetingAt('2026-03-12T13:00:00+01:00');
  await dfdg.rescheduleAccepted(jobcenterCaseworker, id, moved);
  expect(emulator.store.reminders.find(id)).toEqual({
    bookingId: id,
    cpr,
    remindAt: new Date('2026-03-11T12:00:00Z'),
    meetingStart: new Date('2026-03-12T12:00:00Z'),
    scheduledAt: new Date(NOW.getTime() + HOUR),
  });

  await dfdg.cancelAccepted(jobcenterCaseworker, id, 'Aflyst');
  expect(emulator.store.reminders.find(id)).toBeUndefined();
  expect(emulator.store.reminders.list(cpr)).toEqual([]);

  // The caseworker re-books the citizen's self-booking and clears SelfBooked: still no reminder, as
  // "created self-booked outside Jobnet" is fixed at creation.
  await dfdg.updateBookingAccepted(jobcenterCaseworker, {
    ...withoutAcceptance(selfFields),
    id: selfId,
    selfBooked: false,
    ...meetingAt('2026-03-11T10:00:00+01:00'),
  });
  expect(emulator.store.reminders.find(selfId)).toBeUndefined();
  await dfdg.rescheduleAccepted(jobcenterCaseworker, selfId, meetingAt('2026-03-13T10:00:00+01:00'));
  expect(emulator.store.reminders.find(selfId)).toBeUndefined();
  expect(emulator.store.bookings.find(selfId)).toMatchObject({
    start: new Date('2026-03-13T09:00:00Z'),
    selfBooked: false,
  });
});
