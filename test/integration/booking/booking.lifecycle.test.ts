import type { RunningEmulator } from '../../../src/emulator';
import { adminClient } from '../../helpers/admin-client';
import { startTestEmulator } from '../../helpers/emulator';
import { NS, aBooking, caseworker, citizen, type Org, type User } from '../../helpers/envelope';
import {
  asOrg,
  bookingClientFor,
  expectFault,
  metadataSentBy,
  namespacesOfElements,
  type BookingServiceClient,
} from '../../helpers/soap-client';
import type { CertificateName } from '../../helpers/test-certificates';

const JOBCENTER_AARHUS: Org = { type: 8, code: '75100' };
const JOBCENTER_KBH: Org = { type: 8, code: '10100' };
const KOMMUNE_AARHUS: Org = { type: 7, code: '751' };
const AKASSE_FOA: Org = { type: 2, code: '17' };
const JOBNET: Org = { type: 5, code: '4' };
/** fixtures/bookings.json: citizen 0505575005 (a-kasse 17), sygeopfølgningssamtale (type 6) at jobcenter 10100. */
const FIXTURE_TYPE_6 = 'b0000000-0000-4000-8000-000000000002';
/** fixtures/bookings.json: the same citizen's Jobsamtale (type 7), which an a-kasse may see. */
const FIXTURE_TYPE_7 = 'b0000000-0000-4000-8000-000000000001';
const DAY = 24 * 3600 * 1000;

let emulator: RunningEmulator;
let jobcenter: BookingServiceClient;

beforeAll(async () => {
  emulator = await startTestEmulator({ schemaValidation: 'strict' });
  jobcenter = await asOrg(emulator, '8-75100', JOBCENTER_AARHUS);
});
afterAll(() => emulator.stop());
// Tests that set the emulator's clock leave it running with real time again for the next one.
afterEach(() => emulator.clock.reset());

const inDays = (days: number, hour = 10): Date => {
  const d = new Date(Date.now() + days * DAY);
  d.setUTCHours(hour, 0, 0, 0);
  return d;
};
/** Stops the emulator's clock at the last whole second (through the admin API) and returns that instant. */
const freezeClock = async (): Promise<Date> => {
  const at = new Date(Math.floor(Date.now() / 1000) * 1000);
  const res = await adminClient(emulator.adminUrl).put('/admin/clock', {
    now: at.toISOString(),
    frozen: true,
  });
  expect(res.status).toBe(200);
  return at;
};
const meeting = (start: Date, minutes = 30) => ({
  start: start.toISOString(),
  end: new Date(start.getTime() + minutes * 60 * 1000).toISOString(),
});

it('When a jobcenter caseworker creates a booking with node-soap, then GetBookingDetails returns it in read form, Active, with originator 8/75100 and the creator metadata', async () => {
  const fields = aBooking({
    ...meeting(inDays(7)),
    meetingLocation: 'Jobcenter Aarhus, Værkmestergade 3',
    caseworkerName: 'Mette Hansen',
  });
  const createdAt = await freezeClock();
  const { bookingId, referenceId } = await jobcenter.createBooking(fields);
  expect(bookingId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  expect(referenceId).toMatch(/^[0-9a-f-]{36}$/);

  const details = await jobcenter.getBookingDetails(bookingId);
  expect(details).toEqual({
    id: bookingId,
    cpr: fields.cpr,
    interviewType: 7,
    contactType: 1,
    formType: 1,
    start: new Date(fields.start),
    end: new Date(fields.end),
    meetingOrganisation: JOBCENTER_AARHUS,
    meetingLocation: 'Jobcenter Aarhus, Værkmestergade 3',
    digitalMeetingLink: undefined,
    caseworkerName: 'Mette Hansen',
    compulsoryAttendance: true,
    selfBooked: false,
    accepted: undefined,
    acceptedTime: undefined,
    rebookingPossible: false,
    rebookingDeadline: undefined,
    cancellationPossible: true,
    cancellationDeadline: undefined,
    status: 'Active',
    createdAt,
    lastChangedAt: createdAt,
    originator: JOBCENTER_AARHUS,
    createdBy: metadataSentBy(jobcenter.soap),
  });
});

it('When node-soap builds a CreateBooking from a plain object, then the code-list and MeetingOrganisation children are in their STAR namespaces', async () => {
  await jobcenter.createBooking(aBooking(meeting(inDays(8))));
  const sent = jobcenter.soap.lastRequest();
  expect(namespacesOfElements(sent, 'CreateBookingRequest')).toEqual([
    'http://service.bm.dk/BookingService/2020/02/01/',
  ]);
  expect(namespacesOfElements(sent, 'InterviewTypeIdentifier')).toEqual([NS.bk]);
  expect(namespacesOfElements(sent, 'InterviewContactTypeIdentifier')).toEqual([NS.bk]);
  expect(namespacesOfElements(sent, 'InterviewFormTypeIdentifier')).toEqual([NS.bk]);
  // Header ones (RequestUserTypeIdentifier, OrganisationTypeIdentifier) first, then the booking's three.
  expect(namespacesOfElements(sent, 'CodeListItemIdentifier')).toEqual([
    NS.clb,
    NS.clb,
    NS.clb,
    NS.clb,
    NS.clb,
  ]);
  expect(namespacesOfElements(sent, 'MeetingOrganisation')).toEqual([NS.bk]);
  expect(namespacesOfElements(sent, 'OrganisationTypeIdentifier')).toEqual([NS.ros, NS.aoh, NS.aoh]);
  expect(namespacesOfElements(sent, 'OrganisationCode')).toEqual([NS.ros, NS.aoh, NS.aoh]);
});

const kommuneEmployee: User = caseworker(KOMMUNE_AARHUS, 'Lars Kommunesen');
const updaters: Array<[string, CertificateName, Org]> = [
  ['kommune 7/751 through the kss-vendor certificate', 'kss-vendor', KOMMUNE_AARHUS],
  ['a municipal employee (RUM 7/751) acting for jobcenter 8/75100', '8-75100', JOBCENTER_AARHUS],
];

it.each(updaters)(
  'When %s updates the booking, then the times change, LastChangedDateTime is the emulator time of the update, but CreatedByRequestUserMetadata and BookingOriginator stay the creator ones (BK-OWNER-META)',
  async (_label, certificate, activeOrganisation) => {
    // The clock stands still at a whole second while the booking is created, then moves on by 1 h 1 s
    // before the update: LastChangedDateTime must be exactly the moved time, CreatedDateTime the first.
    const createdAt = await freezeClock();
    const fields = aBooking(meeting(inDays(9)));
    const { bookingId } = await jobcenter.createBooking(fields);
    const before = await jobcenter.getBookingDetails(bookingId);
    const updatedAt = new Date(createdAt.getTime() + 3_601_000);
    const advanced = await adminClient(emulator.adminUrl).put<{ now: string }>('/admin/clock', {
      advance: 'PT1H1S',
    });
    expect(new Date(advanced.body.now)).toEqual(updatedAt);

    const kommune = await bookingClientFor(emulator, certificate, {
      activeOrganisation,
      user: kommuneEmployee,
    });
    const moved = meeting(inDays(11, 13), 45);
    await kommune.updateBooking({ ...fields, ...moved, id: bookingId, meetingLocation: 'telefon' });

    const after = await jobcenter.getBookingDetails(bookingId);
    expect(after.start).toEqual(new Date(moved.start));
    expect(after.end).toEqual(new Date(moved.end));
    expect(after.meetingLocation).toBe('telefon');
    expect(after.createdBy).toEqual(metadataSentBy(jobcenter.soap));
    expect(after.createdBy.name).not.toBe(kommuneEmployee.name);
    expect(after.originator).toEqual(JOBCENTER_AARHUS);
    expect(before.createdAt).toEqual(createdAt);
    expect(before.lastChangedAt).toEqual(createdAt);
    expect(after.createdAt).toEqual(createdAt);
    expect(after.lastChangedAt).toEqual(updatedAt);
    expect(after.status).toBe('Active');

    const history = emulator.store.bookings.history(bookingId);
    expect(history.map((h) => h.change)).toEqual(['Created', 'Updated']);
    expect(history[1]?.activeOrganisation).toEqual(activeOrganisation);
    expect(history[1]?.requestUserMetadata).toMatchObject({
      userFullName: kommuneEmployee.name,
      organisation: KOMMUNE_AARHUS,
    });
  },
);

it('When GetBookings is asked for a period, then it returns only the bookings starting in it, by start time', async () => {
  const cpr = '0404575004';
  const early = await jobcenter.createBooking(aBooking({ cpr, interviewType: 3, ...meeting(inDays(20, 9)) }));
  const late = await jobcenter.createBooking(aBooking({ cpr, interviewType: 4, ...meeting(inDays(20, 14)) }));
  const outside = await jobcenter.createBooking(aBooking({ cpr, interviewType: 5, ...meeting(inDays(40)) }));

  const inPeriod = await jobcenter.getBookings(cpr, { start: inDays(20, 0), end: inDays(21, 0) });
  expect(inPeriod.map((b) => b.id)).toEqual([early.bookingId, late.bookingId]);
  expect(inPeriod.map((b) => b.interviewType)).toEqual([3, 4]);

  const all = await jobcenter.getBookings(cpr);
  expect(all.map((b) => b.id)).toEqual(
    expect.arrayContaining([early.bookingId, late.bookingId, outside.bookingId]),
  );
  const starts = all.map((b) => b.start.getTime());
  expect(starts).toEqual([...starts].sort((a, b) => a - b));

  expect(await jobcenter.getBookings(cpr, { start: inDays(60), end: inDays(61) })).toEqual([]);
});

it('When a booking is deleted, then it is kept with status Cancelled and GetBookings still lists it', async () => {
  const cpr = '0202575002';
  const fields = aBooking({ cpr, interviewType: 10, ...meeting(inDays(12)) });
  const { bookingId } = await jobcenter.createBooking(fields);

  const referenceId = await jobcenter.deleteBooking(bookingId, cpr, 'Borgeren er i arbejde');
  expect(referenceId).toMatch(/^[0-9a-f-]{36}$/);

  const details = await jobcenter.getBookingDetails(bookingId);
  expect(details.status).toBe('Cancelled');
  expect(details.createdBy).toEqual(metadataSentBy(jobcenter.soap));
  const listed = await jobcenter.getBookings(cpr, { start: inDays(11), end: inDays(13) });
  expect(listed).toEqual([expect.objectContaining({ id: bookingId, status: 'Cancelled' })]);
});

it('When GetBookingDetails names an unknown booking, then node-soap rejects with fault 4768 (BK-NOT-FOUND)', async () => {
  const fault = await expectFault(jobcenter.getBookingDetails('0f0f0f0f-0000-4000-8000-000000000000'));
  expect(fault).toMatchObject({
    httpStatus: 500,
    faultcode: 'soap:Client',
    errorCode: 4768,
    source: 'BK-NOT-FOUND',
  });
});

it('When DeleteBooking names another citizen CPR than the booking, then fault 8107 (BK-CPR-MATCH) and the booking stays Active', async () => {
  const { bookingId } = await jobcenter.createBooking(aBooking(meeting(inDays(13))));
  const fault = await expectFault(jobcenter.deleteBooking(bookingId, '0202575002'));
  expect(fault).toMatchObject({ faultcode: 'soap:Client', errorCode: 8107, source: 'BK-CPR-MATCH' });
  expect((await jobcenter.getBookingDetails(bookingId)).status).toBe('Active');
});

it('When UpdateBooking names another citizen CPR than the booking, then fault 8107 (BK-CPR-MATCH)', async () => {
  const fields = aBooking(meeting(inDays(14)));
  const { bookingId } = await jobcenter.createBooking(fields);
  const fault = await expectFault(jobcenter.updateBooking({ ...fields, id: bookingId, cpr: '0202575002' }));
  expect(fault).toMatchObject({ errorCode: 8107, source: 'BK-CPR-MATCH' });
});

it('When a booking has interview type 20 (not in the code list), then STAR’s fault 4709 (BK-VALID) and nothing is stored', async () => {
  const cpr = '0101575001';
  const start = inDays(50);
  const fault = await expectFault(
    jobcenter.createBooking(aBooking({ cpr, interviewType: 20, ...meeting(start) })),
  );
  expect(fault).toMatchObject({
    faultcode: 'soap:Client',
    faultstring: 'The submitted InterviewTypeIdentifier is invalid',
    errorCode: 4709,
    source: 'BK-VALID',
  });
  expect(await jobcenter.getBookings(cpr, { start: inDays(49), end: inDays(51) })).toEqual([]);
});

it('When a-kasse 2/17 asks for the type-6 fixture booking of its member, then fault 4768 (VIS-AKASSE), while the type-7 one is visible', async () => {
  const akasse = await asOrg(emulator, '2-17', AKASSE_FOA);
  const fault = await expectFault(akasse.getBookingDetails(FIXTURE_TYPE_6));
  expect(fault).toMatchObject({ errorCode: 4768, source: 'BK-NOT-FOUND' });

  expect((await akasse.getBookingDetails(FIXTURE_TYPE_7)).interviewType).toBe(7);
  const listed = await akasse.getBookings('0505575005');
  expect(listed.map((b) => b.id)).toContain(FIXTURE_TYPE_7);
  expect(listed.map((b) => b.id)).not.toContain(FIXTURE_TYPE_6);
});

it('When jobcenter 8/10100 asks for the type-6 fixture booking, then it gets it with its originator and creator', async () => {
  const kbh = await asOrg(emulator, '8-10100', JOBCENTER_KBH);
  const booking = await kbh.getBookingDetails(FIXTURE_TYPE_6);
  expect(booking).toMatchObject({
    id: FIXTURE_TYPE_6,
    cpr: '0505575005',
    interviewType: 6,
    status: 'Active',
    originator: JOBCENTER_KBH,
    createdBy: {
      name: 'Mette Sagsbehandler',
      type: 2,
      identifier: 'CVR:55555555-RID:10100001',
      org: JOBCENTER_KBH,
      registrationDateTime: new Date('2026-01-01T09:00:00+01:00'),
    },
  });
});

it('When Jobnet 5/4 reports a self-booking on behalf of a citizen, then BookingOriginator is STAR 5/55568510 and the creator is the citizen', async () => {
  const cpr = '0101575001';
  const jobnet = await bookingClientFor(emulator, '5-4', {
    activeOrganisation: JOBNET,
    user: citizen(cpr, 5),
  });
  const { bookingId } = await jobnet.createBooking(
    aBooking({
      cpr,
      interviewType: 9,
      ...meeting(inDays(6)),
      selfBooked: true,
      accepted: true,
      acceptedTime: new Date(Date.now() - 60 * 1000).toISOString(),
    }),
  );
  const booking = await jobcenter.getBookingDetails(bookingId);
  expect(booking.originator).toEqual({ type: 5, code: '55568510' });
  expect(booking.selfBooked).toBe(true);
  expect(booking.accepted).toBe(true);
  expect(booking.createdBy).toEqual(metadataSentBy(jobnet.soap));
  expect(booking.createdBy).toMatchObject({ type: 1, identifier: cpr, org: { type: 5, code: cpr } });
});
