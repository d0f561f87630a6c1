/**
 * BK-DEADLINE-STATUS end to end over mutual TLS, with a frozen clock from Monday 2 March 2026, 10:00
 * Copenhagen time: a CreateBooking fulfils an open deadline, the deadline closes on its meeting's
 * date, and only an open deadline limits self-booking (BK-SELF-DEADLINE) or makes the citizen
 * straksbooking-ramt (BK-STRAKS, ImmediateBookingRequired). Every accepted response is held to the
 * service's XSD (acceptedPayload).
 */
import type { AdminClient } from '../../helpers/admin-client';
import { startAdminWorld, stopAdminWorld } from '../../helpers/admin-world';
import type { RunningEmulator } from '../../../src/emulator';
import {
  acceptedPayload,
  all,
  caseworkerBooking,
  expectRuleFault,
  jobcenterCaseworker,
  kssPlannerApp,
  nextCpr,
  one,
  saveCitizen,
  selfBooking,
  textIn,
  type DfdgScenario,
  type Node,
} from '../../helpers/scenario-dfdg';

const NOW = new Date('2026-03-02T09:00:00Z');

let emulator: RunningEmulator;
let dfdg: DfdgScenario;
let admin: AdminClient;

beforeAll(async () => {
  ({ emulator, dfdg, admin } = await startAdminWorld({ clockStart: NOW, clockFrozen: true }));
});
beforeEach(() => emulator.clock.set(NOW));
afterAll(() => stopAdminWorld({ emulator, dfdg }));

const code = (el: Node, name: string): number => Number(textIn(one(el, name), 'CodeListItemIdentifier'));

/** The deadlines PersonStatusService shows a jobcenter caseworker: [status id, interview type, date]. */
const deadlineStatus = async (cpr: string) => {
  const payload = await acceptedPayload(
    'PersonStatusService',
    await dfdg.personStatus(jobcenterCaseworker, cpr, {
      core: false,
      authority: false,
      booking: false,
      interviewDeadline: true,
    }),
  );
  const collection = one(payload, 'InterviewDeadlineCollection');
  return {
    deadlines: all(collection, 'InterviewDeadline').map((d) => {
      // STAR's order (P17): the status first.
      expect(d.children.map((c) => c.name)).toEqual([
        'InterviewDeadlineStatusTypeIdentifier',
        'InterviewTypeIdentifier',
        'InterviewDeadlineDate',
        'InterviewDateLimit',
      ]);
      return [
        code(d, 'InterviewDeadlineStatusTypeIdentifier'),
        code(d, 'InterviewTypeIdentifier'),
        textIn(d, 'InterviewDeadlineDate'),
      ];
    }),
    immediateBookingRequired: textIn(collection, 'ImmediateBookingRequired'),
  };
};

it('When a caseworker books a Jobsamtale within an open deadline, then the deadline is fulfilled (2), closed (3) from the meeting date, the citizen is not straksbooking-ramt after the deadline, and a self-booking beyond the old limit is not refused with 5102', async () => {
  // Deadline Friday 6 March: InterviewDateLimit Friday 13 March.
  const cpr = saveCitizen(emulator, [{ interviewType: 7, deadline: '2026-03-06' }]);
  expect(await deadlineStatus(cpr)).toEqual({
    deadlines: [[1, 7, '2026-03-06']],
    immediateBookingRequired: 'false',
  });

  const meeting = await dfdg.createdBookingId(
    jobcenterCaseworker,
    caseworkerBooking(cpr, '2026-03-04T10:00:00+01:00'),
  );
  expect(await deadlineStatus(cpr)).toEqual({
    deadlines: [[2, 7, '2026-03-06']],
    immediateBookingRequired: 'false',
  });

  // The last second before the meeting's date (Copenhagen) it is still fulfilled; from midnight closed.
  emulator.clock.set(new Date('2026-03-03T22:59:59Z'));
  expect((await deadlineStatus(cpr)).deadlines).toEqual([[2, 7, '2026-03-06']]);
  emulator.clock.set(new Date('2026-03-03T23:00:00Z'));
  expect((await deadlineStatus(cpr)).deadlines).toEqual([[3, 7, '2026-03-06']]);

  // Monday 9 March: the deadline has passed and the meeting is over (no future Jobsamtale), yet the
  // citizen is not straksbooking-ramt, and may self-book beyond the old limit (13 March).
  emulator.clock.set(new Date('2026-03-09T09:00:00Z'));
  expect(await deadlineStatus(cpr)).toEqual({
    deadlines: [[3, 7, '2026-03-06']],
    immediateBookingRequired: 'false',
  });
  const later = await dfdg.createdBookingId(
    kssPlannerApp(cpr),
    selfBooking(cpr, '2026-03-20T10:00:00+01:00', '2026-03-09T08:30:00Z'),
  );
  expect(emulator.store.bookings.listByCpr(cpr).map((b) => b.id)).toEqual([meeting, later]);
  expect(emulator.store.citizens.find(cpr)?.selfBookingDeadlines).toMatchObject([
    { status: 'fulfilled', fulfilledBy: { bookingId: meeting } },
  ]);
});

it('When a booking of another interview type, or one starting after the InterviewDateLimit, is created, then the deadline stays open: a self-booking beyond the limit is refused with 5102, and once the deadline and the late meeting have passed the citizen is straksbooking-ramt', async () => {
  const cpr = saveCitizen(emulator, [{ interviewType: 7, deadline: '2026-03-06' }]);
  await dfdg.createdBookingId(
    jobcenterCaseworker,
    caseworkerBooking(cpr, '2026-03-04T10:00:00+01:00', { interviewType: 15 }),
  );
  // Midnight of 14 March, Copenhagen: the first instant after the InterviewDateLimit (13 March).
  await dfdg.createdBookingId(jobcenterCaseworker, caseworkerBooking(cpr, '2026-03-14T00:00:00+01:00'));
  expect((await deadlineStatus(cpr)).deadlines).toEqual([[1, 7, '2026-03-06']]);
  expectRuleFault(
    await dfdg.createBooking(
      kssPlannerApp(cpr),
      selfBooking(cpr, '2026-03-20T10:00:00+01:00', '2026-03-02T08:30:00Z'),
    ),
    5102,
    'BK-SELF-DEADLINE',
  );
  emulator.clock.set(new Date('2026-03-16T09:00:00Z'));
  expect(await deadlineStatus(cpr)).toEqual({
    deadlines: [[1, 7, '2026-03-06']],
    immediateBookingRequired: 'true',
  });
});

it.each<[string, number, string]>([
  ['open', 1, 'true'],
  ['fulfilled', 2, 'false'],
  ['closed', 3, 'false'],
])(
  'When the admin API sets a passed deadline %s, then PersonStatusService shows status %s and ImmediateBookingRequired %s',
  async (status, id, immediate) => {
    const cpr = nextCpr();
    const put = await admin.put(`/admin/citizens/${cpr}`, {
      name: 'Anna Testesen',
      kommune: '751',
      jobcenter: '75100',
      akasse: '17',
      selfBookingDeadlines: [{ interviewType: 7, deadline: '2026-02-20', status }],
    });
    expect(put.status).toBe(200);
    expect(await deadlineStatus(cpr)).toEqual({
      deadlines: [[id, 7, '2026-02-20']],
      immediateBookingRequired: immediate,
    });
    expect((await admin.get(`/admin/citizens/${cpr}`)).body).toMatchObject({
      selfBookingDeadlines: [{ interviewType: 7, deadline: '2026-02-20', status }],
    });
  },
);
