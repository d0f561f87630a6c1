/**
 * A database file an earlier release wrote (test/fixtures/databases/, made by
 * scripts/make-release-database.ts) opens in this release and is served end to end over mutual TLS:
 * the stored bookings answer GetBookingDetails and GetBookings, and the WSRM messages queued before
 * the upgrade are picked up, each with its booking as it was when queued.
 */
import Database from 'better-sqlite3';
import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunningEmulator } from '../../../src/emulator';
import { PROJECT_ROOT } from '../../../src/project-root';
import { startTestEmulator } from '../../helpers/emulator';
import { caseworker, citizen, requestBody } from '../../helpers/envelope';
import { RELEASE_BOOKING, RELEASE_CPR, RELEASE_ORG, RELEASE_WORLD_NOW } from '../../helpers/release-database';
import {
  acceptedPayload,
  akasseCaseworker,
  all,
  dfdgScenario,
  jobcenterCaseworker,
  readBooking,
  type BookingRead,
  type DfdgScenario,
} from '../../helpers/scenario-dfdg';

const RELEASE_0008 = join(PROJECT_ROOT, 'test', 'fixtures', 'databases', 'release-0008.sqlite');
const HOUR = 3600_000;

const jobcenterCreator = caseworker(RELEASE_ORG.jobcenterAarhus, 'Mette Hansen');
const akasseCreator = caseworker(RELEASE_ORG.akasse17, 'Karen Jensen');
const registered = '2026-11-23T10:00:00+01:00';
const createdBy = (u: typeof jobcenterCreator) => ({
  name: u.name,
  type: u.type,
  identifier: u.identifier,
  org: u.org,
  registrationDateTime: registered,
});

type AsStored = Omit<
  BookingRead,
  | 'contactType'
  | 'formType'
  | 'digitalMeetingLink'
  | 'compulsoryAttendance'
  | 'citizenShouldAcceptBooking'
  | 'cancellationPossible'
  | 'written'
>;

/**
 * What this release answers for a booking the older one stored: what it stored, and for what it
 * had no field for, the values of an ordinary caseworker's booking (migration 0010): meeting form 1,
 * group type 1, attendance compulsory, cancellation possible, no DigitalMeetingLink. No client's text
 * was kept for its times: each is answered as that release answered it, ISO-8601 UTC.
 */
const upgraded = (b: AsStored): BookingRead => ({
  ...b,
  contactType: 1,
  formType: 1,
  digitalMeetingLink: undefined,
  compulsoryAttendance: true,
  citizenShouldAcceptBooking: undefined,
  cancellationPossible: true,
  written: {
    start: b.start,
    end: b.end,
    acceptedTime: b.acceptedTime,
    rebookingDeadline: b.rebookingDeadline,
    cancellationDeadline: b.cancellationDeadline,
  },
});

/** The bookings as the release stored them, read back (instants as ISO UTC). */
const EXPECTED: Record<keyof typeof RELEASE_BOOKING, BookingRead> = {
  rescheduled: upgraded({
    id: RELEASE_BOOKING.rescheduled,
    cpr: RELEASE_CPR.anna,
    interviewType: 7,
    start: '2026-12-02T08:00:00.000Z',
    end: '2026-12-02T08:45:00.000Z',
    meeting: RELEASE_ORG.jobcenterAarhus,
    meetingLocation: 'Jobcenter Aarhus, lokale 2',
    selfBooked: false,
    accepted: undefined,
    acceptedTime: undefined,
    rebookingPossible: true,
    rebookingDeadline: '2026-11-29T11:00:00.000Z',
    cancellationDeadline: '2026-11-30T11:00:00.000Z',
    status: 'Active',
    createdAt: RELEASE_WORLD_NOW.toISOString(),
    lastChangedAt: RELEASE_WORLD_NOW.toISOString(),
    originator: RELEASE_ORG.jobcenterAarhus,
    createdBy: createdBy(jobcenterCreator),
  }),
  cancelled: upgraded({
    id: RELEASE_BOOKING.cancelled,
    cpr: RELEASE_CPR.anna,
    interviewType: 4,
    start: '2026-12-03T12:00:00.000Z',
    end: '2026-12-03T12:30:00.000Z',
    meeting: RELEASE_ORG.jobcenterAarhus,
    meetingLocation: 'telefon',
    selfBooked: false,
    accepted: undefined,
    acceptedTime: undefined,
    rebookingPossible: false,
    rebookingDeadline: undefined,
    cancellationDeadline: undefined,
    status: 'Cancelled',
    createdAt: RELEASE_WORLD_NOW.toISOString(),
    lastChangedAt: RELEASE_WORLD_NOW.toISOString(),
    originator: RELEASE_ORG.jobcenterAarhus,
    createdBy: createdBy(jobcenterCreator),
  }),
  selfBookedOutsideStar: upgraded({
    id: RELEASE_BOOKING.selfBookedOutsideStar,
    cpr: RELEASE_CPR.anna,
    interviewType: 9,
    start: '2026-12-05T08:00:00.000Z',
    end: '2026-12-05T09:00:00.000Z',
    meeting: RELEASE_ORG.jobcenterAarhus,
    meetingLocation: undefined,
    selfBooked: true,
    accepted: true,
    acceptedTime: '2026-11-23T08:30:00.000Z',
    rebookingPossible: false,
    rebookingDeadline: undefined,
    cancellationDeadline: undefined,
    status: 'Active',
    createdAt: RELEASE_WORLD_NOW.toISOString(),
    lastChangedAt: RELEASE_WORLD_NOW.toISOString(),
    originator: RELEASE_ORG.jobcenterAarhus,
    createdBy: { ...createdBy(citizen(RELEASE_CPR.anna, 8)) },
  }),
  selfBookedOnJobnet: upgraded({
    id: RELEASE_BOOKING.selfBookedOnJobnet,
    cpr: RELEASE_CPR.karenWithCvNumber,
    interviewType: 7,
    start: '2026-12-07T10:00:00.000Z',
    end: '2026-12-07T10:30:00.000Z',
    meeting: RELEASE_ORG.jobcenterAarhus,
    meetingLocation: undefined,
    selfBooked: true,
    accepted: true,
    acceptedTime: '2026-11-23T08:15:00.000Z',
    rebookingPossible: false,
    rebookingDeadline: undefined,
    cancellationDeadline: undefined,
    status: 'Active',
    createdAt: RELEASE_WORLD_NOW.toISOString(),
    lastChangedAt: RELEASE_WORLD_NOW.toISOString(),
    // The release showed STAR's CVR for every booking made through a STAR system.
    originator: { type: 5, code: '55568510' },
    createdBy: createdBy(citizen(RELEASE_CPR.karenWithCvNumber, 5)),
  }),
  byAkasseWithoutOffset: upgraded({
    id: RELEASE_BOOKING.byAkasseWithoutOffset,
    cpr: RELEASE_CPR.bo,
    interviewType: 10,
    // Written without an offset: Copenhagen time, 13:00 in December is 12:00 UTC.
    start: '2026-12-04T12:00:00.000Z',
    end: '2026-12-04T12:45:00.000Z',
    meeting: RELEASE_ORG.akasse17,
    meetingLocation: 'FOA, Staunings Plads 1, 2. sal',
    selfBooked: false,
    accepted: undefined,
    acceptedTime: undefined,
    rebookingPossible: false,
    rebookingDeadline: undefined,
    cancellationDeadline: undefined,
    status: 'Active',
    createdAt: RELEASE_WORLD_NOW.toISOString(),
    lastChangedAt: RELEASE_WORLD_NOW.toISOString(),
    originator: RELEASE_ORG.akasse17,
    createdBy: createdBy(akasseCreator),
  }),
};

let emulator: RunningEmulator;
let dfdg: DfdgScenario;

beforeAll(async () => {
  const dbPath = join(mkdtempSync(join(tmpdir(), 'dfdg-release-0008-')), 'dfdg.sqlite');
  copyFileSync(RELEASE_0008, dbPath);
  emulator = await startTestEmulator({
    dbPath,
    clockStart: new Date(RELEASE_WORLD_NOW.getTime() + HOUR),
    clockFrozen: true,
  });
  dfdg = dfdgScenario(emulator);
});
afterAll(async () => {
  dfdg.close();
  await emulator.stop();
});

it('The file is the release before this one: migrations up to 0008 applied', () => {
  const db = new Database(RELEASE_0008, { readonly: true });
  try {
    const { version } = db.prepare('SELECT max(version) AS version FROM schema_migrations').get() as {
      version: number;
    };
    expect(version).toBe(8);
  } finally {
    db.close();
  }
});

it('When the jobcenter asks for each stored booking, then GetBookingDetails answers it as stored', async () => {
  for (const [name, id] of Object.entries(RELEASE_BOOKING)) {
    const read = await dfdg.bookingDetails(jobcenterCaseworker, id);
    expect({ name, read }).toEqual({ name, read: EXPECTED[name as keyof typeof RELEASE_BOOKING] });
  }
});

it("When the jobcenter lists a citizen's bookings, then GetBookings answers the stored ones by start, the cancelled one included", async () => {
  const res = await dfdg.call(
    jobcenterCaseworker,
    'BookingService',
    'GetBookings',
    requestBody('BookingService', 'GetBookings', { PersonCivilRegistrationIdentifier: RELEASE_CPR.anna }),
  );
  const bookings = all(await acceptedPayload('BookingService', res), 'Booking').map(readBooking);
  expect(bookings).toEqual([EXPECTED.rescheduled, EXPECTED.cancelled, EXPECTED.selfBookedOutsideStar]);
});

it('When the receivers pick up the messages queued before the upgrade, then each comes with its booking as it was queued', async () => {
  const jobcenter = await dfdg.pickUp(jobcenterCaseworker);
  expect(jobcenter.map((m) => [m.booking.id, m.booking.status])).toEqual([
    [RELEASE_BOOKING.rescheduled, 'Active'],
    [RELEASE_BOOKING.cancelled, 'Active'],
    [RELEASE_BOOKING.selfBookedOutsideStar, 'Active'],
    [RELEASE_BOOKING.selfBookedOnJobnet, 'Active'],
    [RELEASE_BOOKING.byAkasseWithoutOffset, 'Active'],
    [RELEASE_BOOKING.rescheduled, 'Active'],
    [RELEASE_BOOKING.cancelled, 'Cancelled'],
    [RELEASE_BOOKING.byAkasseWithoutOffset, 'Active'],
  ]);
  // The last message of each booking carries it as it is stored now.
  expect(jobcenter[5]?.booking).toEqual(EXPECTED.rescheduled);
  expect(jobcenter[6]?.booking).toEqual(EXPECTED.cancelled);
  // The first message of the rescheduled booking carries it as it was created.
  expect(jobcenter[0]?.booking).toMatchObject({
    start: '2026-12-01T09:00:00.000Z',
    rebookingPossible: true,
    rebookingDeadline: '2026-11-28T11:00:00.000Z',
    meetingLocation: 'Jobcenter Aarhus, Fredensgade 40',
    contactType: 1,
    formType: 1,
    compulsoryAttendance: true,
    cancellationPossible: true,
  });
  expect(jobcenter[0]?.authority).toEqual(RELEASE_ORG.jobcenterAarhus);

  const akasse = await dfdg.pickUp(akasseCaseworker);
  expect(akasse.map((m) => m.booking.id)).toEqual([
    RELEASE_BOOKING.rescheduled,
    RELEASE_BOOKING.selfBookedOutsideStar,
    RELEASE_BOOKING.selfBookedOnJobnet,
    RELEASE_BOOKING.byAkasseWithoutOffset,
    RELEASE_BOOKING.rescheduled,
    RELEASE_BOOKING.byAkasseWithoutOffset,
  ]);
  expect(akasse[3]?.registeringUser.name).toBe(akasseCreator.name);
  expect(akasse[5]?.booking).toEqual(EXPECTED.byAkasseWithoutOffset);
});
