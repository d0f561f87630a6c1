/**
 * PersonStatusService.GetVariablePersonStatus (VIS-AKASSE, BK-STRAKS's predicate as
 * ImmediateBookingRequired, InterviewDateLimit, collections asked for) and CodelistService's
 * interview types, end to end with a frozen clock: Monday 2 March 2026, 10:00 Copenhagen time.
 */
import type { RunningEmulator } from '../../src/emulator';
import { startTestEmulator } from '../helpers/emulator';
import {
  acceptedPayload,
  akasseCaseworker,
  all,
  caseworkerBooking,
  dfdgScenario,
  has,
  jobcenterCaseworker,
  jobnet,
  one,
  readBooking,
  saveCitizen,
  selfBooking,
  textIn,
  type Actor,
  type DfdgScenario,
  type Node,
  type PersonStatusAsk,
} from '../helpers/scenario-dfdg';
import type { CertificateName } from '../helpers/test-certificates';

const NOW = new Date('2026-03-02T09:00:00Z');
const EVERYTHING: PersonStatusAsk = { core: true, authority: true, booking: true, interviewDeadline: true };

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

const personStatus = async (actor: Actor, cpr: string, ask: PersonStatusAsk = EVERYTHING): Promise<Node> =>
  acceptedPayload('PersonStatusService', await dfdg.personStatus(actor, cpr, ask));

const deadlinesIn = (status: Node) => {
  const collection = one(status, 'InterviewDeadlineCollection');
  return {
    deadlines: all(collection, 'InterviewDeadline').map((d) => ({
      status: Number(textIn(one(d, 'InterviewDeadlineStatusTypeIdentifier'), 'CodeListItemIdentifier')),
      interviewType: Number(textIn(one(d, 'InterviewTypeIdentifier'), 'CodeListItemIdentifier')),
      deadline: textIn(d, 'InterviewDeadlineDate'),
      limit: textIn(d, 'InterviewDateLimit'),
    })),
    immediateBookingRequired: textIn(collection, 'ImmediateBookingRequired'),
  };
};

const immediateBookingRequired = async (cpr: string): Promise<string> =>
  deadlinesIn(await personStatus(jobcenterCaseworker, cpr)).immediateBookingRequired;

it("When an a-kasse asks GetVariablePersonStatus for a member with a Sygeopfølgningssamtale (type 6), then the a-kasse's BookingCollection omits it and the jobcenter's includes it (VIS-AKASSE)", async () => {
  const cpr = saveCitizen(emulator, [{ interviewType: 7, deadline: '2026-03-13' }], { name: 'Bo Prøvesen' });
  const sick = await dfdg.createdBookingId(
    jobcenterCaseworker,
    caseworkerBooking(cpr, '2026-03-09T10:00:00+01:00', { interviewType: 6 }),
  );
  const info = await dfdg.createdBookingId(
    jobcenterCaseworker,
    caseworkerBooking(cpr, '2026-03-10T10:00:00+01:00', { interviewType: 9 }),
  );

  const forAkasse = await personStatus(akasseCaseworker, cpr);
  const forJobcenter = await personStatus(jobcenterCaseworker, cpr);

  const bookingsOf = (status: Node) =>
    all(one(status, 'BookingCollection'), 'Booking')
      .map(readBooking)
      .map((b) => [b.id, b.interviewType, b.originator]);
  expect(bookingsOf(forAkasse)).toEqual([[info, 9, { type: 8, code: '75100' }]]);
  expect(bookingsOf(forJobcenter)).toEqual([
    [sick, 6, { type: 8, code: '75100' }],
    [info, 9, { type: 8, code: '75100' }],
  ]);
  for (const status of [forAkasse, forJobcenter]) {
    expect(textIn(status, 'PersonCivilRegistrationIdentifier')).toBe(cpr);
    expect(textIn(one(status, 'CoreInfo'), 'PersonName')).toBe('Bo Prøvesen');
    const authority = one(status, 'AuthorityInfo');
    expect([
      textIn(authority, 'MunicipalityCode'),
      textIn(authority, 'JobcenterCode'),
      textIn(authority, 'UnemploymentFundCode'),
    ]).toEqual(['751', '75100', '17']);
    expect(deadlinesIn(status)).toEqual({
      deadlines: [{ status: 1, interviewType: 7, deadline: '2026-03-13', limit: '2026-03-20' }],
      immediateBookingRequired: 'false',
    });
  }
});

it('When a citizen is straksbooking-ramt (deadline passed, no future booking of that type), then ImmediateBookingRequired is true (also with only another type or a cancelled one booked), and false otherwise: deadline ahead or today, a future booking of that type, or after a Jobnet self-booking', async () => {
  const straks = saveCitizen(emulator, [{ interviewType: 7, deadline: '2026-02-27' }]);
  const ahead = saveCitizen(emulator, [{ interviewType: 7, deadline: '2026-03-13' }]);
  const today = saveCitizen(emulator, [{ interviewType: 15, deadline: '2026-03-02' }]);
  const booked = saveCitizen(emulator, [{ interviewType: 7, deadline: '2026-02-27' }]);
  await dfdg.createdBookingId(jobcenterCaseworker, caseworkerBooking(booked, '2026-03-05T10:00:00+01:00'));
  const otherType = saveCitizen(emulator, [{ interviewType: 7, deadline: '2026-02-27' }]);
  await dfdg.createdBookingId(
    jobcenterCaseworker,
    caseworkerBooking(otherType, '2026-03-05T10:00:00+01:00', { interviewType: 15 }),
  );
  const cancelled = saveCitizen(emulator, [{ interviewType: 7, deadline: '2026-02-27' }]);
  // After the InterviewDateLimit (2026-03-06), so that the booking does not fulfil the deadline.
  const cancelledId = await dfdg.createdBookingId(
    jobcenterCaseworker,
    caseworkerBooking(cancelled, '2026-03-09T10:00:00+01:00'),
  );
  await dfdg.cancelAccepted(jobcenterCaseworker, cancelledId);
  const noDeadline = saveCitizen(emulator);

  expect(deadlinesIn(await personStatus(akasseCaseworker, straks))).toEqual({
    deadlines: [{ status: 1, interviewType: 7, deadline: '2026-02-27', limit: '2026-03-06' }],
    immediateBookingRequired: 'true',
  });
  expect(await immediateBookingRequired(straks)).toBe('true');
  expect(await immediateBookingRequired(otherType)).toBe('true');
  expect(await immediateBookingRequired(cancelled)).toBe('true');
  expect(await immediateBookingRequired(ahead)).toBe('false');
  expect(await immediateBookingRequired(today)).toBe('false');
  expect(await immediateBookingRequired(booked)).toBe('false');
  expect(await immediateBookingRequired(noDeadline)).toBe('false');

  // The deadline ends at 23:59:59.999 Copenhagen time on its date (RULES.md, Time).
  emulator.clock.set(new Date('2026-03-02T22:59:59.999Z'));
  expect(await immediateBookingRequired(today)).toBe('false');
  emulator.clock.set(new Date('2026-03-02T23:00:00.000Z'));
  expect(await immediateBookingRequired(today)).toBe('true');

  emulator.clock.set(NOW);
  await dfdg.createdBookingId(
    jobnet(straks),
    selfBooking(straks, '2026-03-04T10:00:00+01:00', '2026-03-02T08:00:00Z'),
  );
  expect(await immediateBookingRequired(straks)).toBe('false');
});

it('When deadlines fall at a month, year or leap-day boundary, then InterviewDateLimit is the deadline + 7 calendar days', async () => {
  const cpr = saveCitizen(emulator, [
    { interviewType: 7, deadline: '2026-12-28' },
    { interviewType: 10, deadline: '2028-02-25' },
    { interviewType: 15, deadline: '2026-03-25' },
  ]);
  expect(deadlinesIn(await personStatus(akasseCaseworker, cpr)).deadlines).toEqual([
    { status: 1, interviewType: 7, deadline: '2026-12-28', limit: '2027-01-04' },
    { status: 1, interviewType: 10, deadline: '2028-02-25', limit: '2028-03-03' },
    { status: 1, interviewType: 15, deadline: '2026-03-25', limit: '2026-04-01' },
  ]);
});

it('When a caller asks only for some collections, then those not asked for are absent and those asked for are present even when empty', async () => {
  // A member of a-kasse 17 until 2 December 2025: no a-kasse today, still visible to 17 (120 days).
  const cpr = saveCitizen(emulator, [], { memberships: [{ akasse: '17', from: null, to: '2025-12-02' }] });
  const names = (status: Node) => status.children.map((c) => c.name);

  const empty = await personStatus(jobcenterCaseworker, cpr, {
    core: false,
    authority: false,
    booking: true,
    interviewDeadline: true,
  });
  expect(names(empty)).toEqual([
    'PersonCivilRegistrationIdentifier',
    'BookingCollection',
    'InterviewDeadlineCollection',
    'ServiceRequestLogReferenceIdentifier',
  ]);
  expect(one(empty, 'BookingCollection').children).toEqual([]);
  expect(names(one(empty, 'InterviewDeadlineCollection'))).toEqual(['ImmediateBookingRequired']);

  const nothing = await personStatus(akasseCaseworker, cpr, {
    core: false,
    authority: false,
    booking: false,
    interviewDeadline: false,
  });
  expect(names(nothing)).toEqual([
    'PersonCivilRegistrationIdentifier',
    'ServiceRequestLogReferenceIdentifier',
  ]);

  const authorityOnly = await personStatus(jobcenterCaseworker, cpr, {
    core: false,
    authority: true,
    booking: false,
    interviewDeadline: false,
  });
  expect(names(authorityOnly)).toEqual([
    'PersonCivilRegistrationIdentifier',
    'AuthorityInfo',
    'ServiceRequestLogReferenceIdentifier',
  ]);
  expect(has(one(authorityOnly, 'AuthorityInfo'), 'UnemploymentFundCode')).toBe(false);
});

/** Epic 950.8's table, with STAR's later list for 17 and 19 (CONTRACT.md, P18). */
const INTERVIEW_TYPES: ReadonlyArray<[number, string]> = [
  [1, '1. henvendelse til kommunen'],
  [2, 'supplerende samtale'],
  [3, '1. opfølgningssamtale'],
  [4, 'Opfølgningssamtale'],
  [5, 'fleksjobopfølgningssamtale'],
  [6, 'sygeopfølgningssamtale'],
  [7, 'Jobsamtale'],
  [8, 'Henvisning'],
  [9, 'Informationsmøde'],
  [10, 'CV samtale'],
  [11, 'Formidlingssamtale'],
  [12, 'Anden samtale'],
  [13, 'Informationsmøde uden mødepligt'],
  [14, 'Anden samtale ifm. opfølgning'],
  [15, 'Rådighedssamtale'],
  [16, 'Samtale om kontrakten efter integrationsloven'],
  [17, 'Jobsamtale med a-kasse'],
  [18, 'Samtale i rehabiliteringsteam'],
  [19, 'Fælles Jobsamtale med dagpengemodtager'],
];
const VISIBLE_TO_AKASSE = new Set([7, 8, 9, 10, 11, 12, 13, 15, 17, 19]);

it.each<CertificateName>(['2-17', '8-75100'])(
  'When %s asks CodelistService for the interview types, then it gets the 19 types by STAR’s names, visible to unemployment funds exactly for 7, 8, 9, 10, 11, 12, 13, 15, 17 and 19, each valid from a date with no end',
  async (cert) => {
    const payload = await acceptedPayload('CodelistService', await dfdg.interviewTypes(cert));
    const types = all(payload, 'InterviewType').map((t) => [
      Number(textIn(t, 'CodeListItemIdentifier')),
      textIn(t, 'Name'),
      textIn(t, 'VisibleToUnemploymentFund'),
      textIn(t, 'ValidFrom'),
      has(t, 'ValidTo'),
    ]);
    expect(types).toEqual(
      INTERVIEW_TYPES.map(([id, name]) => [id, name, String(VISIBLE_TO_AKASSE.has(id)), '2010-01-01', false]),
    );
  },
);
