/**
 * Test-data builders (goldbergyoni's `buildX(overrides)`): a valid, ordinary value by default, so a
 * test states only what matters to it. Every default instant is fixed; nothing reads the wall clock.
 */
import type { BookingCall, CreateBookingFacts } from '../../src/domain/booking.rules';
import type { Booking, BookingHistoryEntry, BookingInput, Citizen } from '../../src/domain/booking';
import type { Caller } from '../../src/domain/caller';
import type { Organisation } from '../../src/domain/organisation';
import type { RequestUserMetadata } from '../../src/domain/request-user-metadata';
import type { CodeLists } from '../../src/domain/codelists';
import type { AuditEntry } from '../../src/store/audit.repository';
import { DEFAULT_CODELISTS_PATH, readCodeListsFile } from '../../src/store/codelists-file';

/** The code lists a new installation ships (fixtures/codelists.json), as the rules receive them. */
export const CODE_LISTS: CodeLists = readCodeListsFile(DEFAULT_CODELISTS_PATH);

/** The organisations of the fixtures (CONTRACT.md, "Fixtures every installation has"). */
export const ORG = {
  jobcenterAarhus: { type: 8, code: '75100' },
  jobcenterKobenhavn: { type: 8, code: '10100' },
  kommuneAarhus: { type: 7, code: '751' },
  kommuneKobenhavn: { type: 7, code: '101' },
  andenAktoer: { type: 4, code: '35669035' },
  akasse17: { type: 2, code: '17' },
  akasse81: { type: 2, code: '81' },
  jobnet: { type: 5, code: '4' },
} as const satisfies Record<string, Organisation>;

/** A well-formed CPR number (a valid date, not a real person). */
export const CPR = '0101575001';
export const OTHER_CPR = '0202575002';

/** A caseworker of jobcenter Aarhus, by default. */
export const buildMetadata = (overrides: Partial<RequestUserMetadata> = {}): RequestUserMetadata => ({
  userFullName: 'Mette Hansen',
  userType: 2,
  userIdentifier: 'CVR:12345678-RID:1234',
  organisation: ORG.jobcenterAarhus,
  registrationDateTime: '2026-01-01T09:00:00+01:00',
  ...overrides,
});

/** The citizen acting for themself (RequestUserType 1, the CPR as UserIdentifier and OrganisationCode). */
export const buildCitizenMetadata = (
  cpr: string = CPR,
  orgType: number = ORG.jobcenterAarhus.type,
  overrides: Partial<RequestUserMetadata> = {},
): RequestUserMetadata =>
  buildMetadata({
    userFullName: 'Anna Testesen',
    userType: 1,
    userIdentifier: cpr,
    organisation: { type: orgType, code: cpr },
    ...overrides,
  });

/** A caller whose certificate is registered for the given organisations. */
export const buildCaller = (organisations: readonly Organisation[], systemName = 'test-system'): Caller => ({
  certificate: { subject: `CN=${systemName}`, fingerprint: `fingerprint-of-${systemName}` },
  organisations,
  systemName,
});

const START = new Date('2026-02-10T09:00:00.000Z');

/**
 * A booking as a caller sends it: a 30-minute Jobsamtale (type 7) in person (meeting form 1,
 * individual) at jobcenter Aarhus, compulsory, not self-booked, neither rebookable nor with a
 * cancellation deadline.
 */
export const buildBookingInput = (overrides: Partial<BookingInput> = {}): BookingInput => {
  const start = overrides.start ?? START;
  return {
    cpr: CPR,
    interviewType: 7,
    contactType: 1,
    formType: 1,
    start,
    end: new Date(start.getTime() + 30 * 60_000),
    meetingOrganisation: ORG.jobcenterAarhus,
    compulsoryAttendance: true,
    selfBooked: false,
    rebookingPossible: false,
    cancellationPossible: true,
    ...overrides,
  };
};

/** A self-booked booking as the citizen sends it: accepted an hour before `acceptedBefore`. */
export const buildSelfBookingInput = (
  acceptedBefore: Date,
  overrides: Partial<BookingInput> = {},
): BookingInput =>
  buildBookingInput({
    selfBooked: true,
    accepted: true,
    acceptedTime: new Date(acceptedBefore.getTime() - 3600_000),
    ...overrides,
  });

/** A stored booking: active, created by a jobcenter Aarhus caseworker. */
export const buildBooking = (overrides: Partial<Booking> = {}): Booking => ({
  ...buildBookingInput(overrides),
  id: 'b0000000-0000-4000-8000-000000000001',
  status: 'Active',
  createdAt: new Date('2026-01-05T08:00:00.000Z'),
  lastChangedAt: new Date('2026-01-05T08:00:00.000Z'),
  creator: {
    organisation: ORG.jobcenterAarhus,
    metadata: buildMetadata(),
    system: '8-75100',
  },
  createdSelfBookedOutsideStar: false,
  ...overrides,
});

/**
 * A citizen followed by jobcenter Aarhus and a-kasse 17 (an open membership), alive, without
 * self-booking deadlines, anden aktør or guest access.
 */
export const buildCitizen = (overrides: Partial<Citizen> = {}): Citizen => ({
  cpr: CPR,
  name: 'Anna Testesen',
  kommune: '751',
  jobcenter: '75100',
  memberships: [{ akasse: '17', from: null, to: null }],
  andenAktoer: [],
  guestAccess: [],
  deceased: null,
  cvNumber: null,
  selfBookingDeadlines: [],
  ...overrides,
});

/** A CreateBooking call made at `now`, by default by the citizen through jobcenter Aarhus's system. */
export const buildCall = (now: Date, overrides: Partial<BookingCall> = {}): BookingCall => ({
  activeOrganisation: ORG.jobcenterAarhus,
  user: buildCitizenMetadata(),
  now,
  ...overrides,
});

/** What the service knows before CreateBooking: by default a known citizen without bookings. */
export const buildFacts = (overrides: Partial<CreateBookingFacts> = {}): CreateBookingFacts => ({
  idTaken: false,
  citizen: buildCitizen(),
  futureBookings: [],
  codeLists: CODE_LISTS,
  ...overrides,
});

/** One row of a booking's history. */
export const buildHistoryEntry = (overrides: Partial<BookingHistoryEntry> = {}): BookingHistoryEntry => ({
  time: new Date('2026-01-05T08:00:00.000Z'),
  change: 'Created',
  activeOrganisation: ORG.jobcenterAarhus,
  requestUserMetadata: buildMetadata(),
  referenceId: 'c0000000-0000-4000-8000-000000000001',
  ...overrides,
});

/** The n-th call of an audit log: its reference id and its time both sort as n does. */
export const buildAuditEntry = (n: number): AuditEntry => ({
  referenceId: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
  time: new Date(Date.UTC(2026, 0, 1, 0, 0, n)),
  service: 'BookingService',
  operation: 'GetBookings',
  certificate: null,
  activeOrganisation: null,
  requestUserMetadata: null,
  cprs: [CPR],
  outcome: 'ok',
  ruleId: null,
  detail: null,
});

/** Waits until `done` holds (polling), or fails after `timeoutMs`. */
export const waitUntil = async (done: () => boolean, timeoutMs = 5000): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`not done within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
};
