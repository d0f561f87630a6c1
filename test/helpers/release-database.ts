/**
 * A representative world, made through the SOAP endpoint of a running emulator, for a database file
 * that a release leaves behind (test/fixtures/databases/). A later release must open that file and
 * serve it: the upgrade test reads back what is written here. Every call is a real call, so the file
 * holds what the release itself writes: bookings with their history, reminders, WSRM messages, a
 * pickup that was aborted, and audit rows (a refused call among them).
 */
import {
  bookingXml,
  caseworker,
  citizen,
  createBookingBody,
  dfdgHeaders,
  envelope,
  requestBody,
  serviceNs,
  soapAction,
  type BookingFields,
  type Org,
  type User,
} from './envelope';
import { exchange, soapHeaders, textOf, type RawResponse } from './soap-request';
import { clientTls, type CertificateName } from './test-certificates';

/** The emulator's clock, frozen, while the world is written. */
export const RELEASE_WORLD_NOW = new Date('2026-11-23T09:00:00.000Z');

export const RELEASE_ORG = {
  jobcenterAarhus: { type: 8, code: '75100' },
  akasse17: { type: 2, code: '17' },
  jobnet: { type: 5, code: '4' },
} as const satisfies Record<string, Org>;

/** Fixture citizens (fixtures/citizens.json) the world's bookings are about. */
export const RELEASE_CPR = {
  anna: '0101575001',
  bo: '0202575002',
  karenWithCvNumber: '1111575011',
} as const;

/** The bookings, by what each stands for; every id is the client's, so a test can name it. */
export const RELEASE_BOOKING = {
  /** A jobcenter caseworker's Jobsamtale with rebooking and cancellation deadlines, rescheduled once. */
  rescheduled: 'a0000000-0000-4000-8000-000000000001',
  /** A jobcenter caseworker's Opfølgningssamtale (hidden from a-kasser), cancelled with a reason. */
  cancelled: 'a0000000-0000-4000-8000-000000000002',
  /** Self-booked by the citizen through a KSS vendor's app. */
  selfBookedOutsideStar: 'a0000000-0000-4000-8000-000000000003',
  /** Self-booked by a citizen with a CV number through Jobnet (STAR, 5/4). */
  selfBookedOnJobnet: 'a0000000-0000-4000-8000-000000000004',
  /** Made by an a-kasse caseworker, its times written without an offset (Copenhagen time). */
  byAkasseWithoutOffset: 'a0000000-0000-4000-8000-000000000005',
} as const;

interface Actor {
  readonly cert: CertificateName;
  readonly ao: Org;
  readonly user: User;
}

const jobcenterCaseworker: Actor = {
  cert: '8-75100',
  ao: RELEASE_ORG.jobcenterAarhus,
  user: caseworker(RELEASE_ORG.jobcenterAarhus, 'Mette Hansen'),
};
const akasseCaseworker: Actor = {
  cert: '2-17',
  ao: RELEASE_ORG.akasse17,
  user: caseworker(RELEASE_ORG.akasse17, 'Karen Jensen'),
};
const citizenThrough = (cert: CertificateName, ao: Org, cpr: string): Actor => ({
  cert,
  ao,
  user: citizen(cpr, ao.type),
});

const call = async (
  soapUrl: string,
  actor: Actor,
  service: string,
  operation: string,
  body: string,
): Promise<RawResponse> =>
  exchange(`${soapUrl}/${service}`, envelope(body, dfdgHeaders(actor.ao, actor.user)), {
    ...clientTls(actor.cert),
    agent: false,
    headers: soapHeaders(soapAction(service, operation)),
  });

/** A call the world needs to succeed: anything else stops the writing with what the emulator said. */
const accepted = async (res: Promise<RawResponse>, what: string): Promise<RawResponse> => {
  const r = await res;
  if (r.status !== 200) throw new Error(`${what}: HTTP ${r.status}: ${r.body.slice(0, 600)}`);
  return r;
};

const meeting = (start: string, end: string): Pick<BookingFields, 'start' | 'end'> => ({ start, end });

/** Writes the world through the emulator at `soapUrl`, whose clock stands at RELEASE_WORLD_NOW. */
export const writeReleaseWorld = async (soapUrl: string): Promise<void> => {
  const bs = 'BookingService';
  const ebs = 'ExternalBookingService';
  const wsrm = 'BookingWsrmMessageService';
  const create = (actor: Actor, b: BookingFields) =>
    accepted(call(soapUrl, actor, bs, 'CreateBooking', createBookingBody(b)), `CreateBooking ${b.id ?? ''}`);

  await create(jobcenterCaseworker, {
    id: RELEASE_BOOKING.rescheduled,
    cpr: RELEASE_CPR.anna,
    interviewType: 7,
    ...meeting('2026-12-01T10:00:00+01:00', '2026-12-01T10:45:00+01:00'),
    meeting: RELEASE_ORG.jobcenterAarhus,
    meetingLocation: 'Jobcenter Aarhus, Fredensgade 40',
    caseworkerName: 'Mette Hansen',
    selfBooked: false,
    rebookingDeadline: '2026-11-28T12:00:00+01:00',
    cancellationDeadline: '2026-11-30T12:00:00+01:00',
  });
  await create(jobcenterCaseworker, {
    id: RELEASE_BOOKING.cancelled,
    cpr: RELEASE_CPR.anna,
    interviewType: 4,
    ...meeting('2026-12-03T13:00:00+01:00', '2026-12-03T13:30:00+01:00'),
    meeting: RELEASE_ORG.jobcenterAarhus,
    meetingLocation: 'telefon',
    selfBooked: false,
  });
  await create(citizenThrough('kss-vendor', RELEASE_ORG.jobcenterAarhus, RELEASE_CPR.anna), {
    id: RELEASE_BOOKING.selfBookedOutsideStar,
    cpr: RELEASE_CPR.anna,
    interviewType: 9,
    ...meeting('2026-12-05T09:00:00+01:00', '2026-12-05T10:00:00+01:00'),
    meeting: RELEASE_ORG.jobcenterAarhus,
    selfBooked: true,
    accepted: true,
    acceptedTime: '2026-11-23T09:30:00+01:00',
  });
  await create(citizenThrough('5-4', RELEASE_ORG.jobnet, RELEASE_CPR.karenWithCvNumber), {
    id: RELEASE_BOOKING.selfBookedOnJobnet,
    cpr: RELEASE_CPR.karenWithCvNumber,
    interviewType: 7,
    ...meeting('2026-12-07T11:00:00+01:00', '2026-12-07T11:30:00+01:00'),
    meeting: RELEASE_ORG.jobcenterAarhus,
    selfBooked: true,
    accepted: true,
    acceptedTime: '2026-11-23T08:15:00Z',
  });
  await create(akasseCaseworker, {
    id: RELEASE_BOOKING.byAkasseWithoutOffset,
    cpr: RELEASE_CPR.bo,
    interviewType: 10,
    ...meeting('2026-12-04T13:00:00', '2026-12-04T13:45:00'),
    meeting: RELEASE_ORG.akasse17,
    meetingLocation: 'FOA, Staunings Plads 1',
    caseworkerName: 'Karen Jensen',
    selfBooked: false,
  });

  await accepted(
    call(
      soapUrl,
      jobcenterCaseworker,
      ebs,
      'RescheduleBooking',
      requestBody(ebs, 'RescheduleBooking', {
        BookingIdentifier: RELEASE_BOOKING.rescheduled,
        BookingStartTime: '2026-12-02T09:00:00+01:00',
        BookingEndTime: '2026-12-02T09:45:00+01:00',
        ReBookingDeadline: '2026-11-29T12:00:00+01:00',
        MeetingLocation: 'Jobcenter Aarhus, lokale 2',
      }),
    ),
    'RescheduleBooking',
  );
  await accepted(
    call(
      soapUrl,
      jobcenterCaseworker,
      bs,
      'DeleteBooking',
      requestBody(bs, 'DeleteBooking', {
        BookingIdentifier: RELEASE_BOOKING.cancelled,
        PersonCivilRegistrationIdentifier: RELEASE_CPR.anna,
        CancellationReason: 'Borgeren er i arbejde',
      }),
    ),
    'DeleteBooking',
  );
  // An UpdateBooking by the a-kasse: a second history row with another caller's metadata.
  await accepted(
    call(
      soapUrl,
      akasseCaseworker,
      bs,
      'UpdateBooking',
      `<bs:UpdateBookingRequest xmlns:bs="${serviceNs(bs)}">` +
        bookingXml({
          id: RELEASE_BOOKING.byAkasseWithoutOffset,
          cpr: RELEASE_CPR.bo,
          interviewType: 10,
          ...meeting('2026-12-04T13:00:00', '2026-12-04T13:45:00'),
          meeting: RELEASE_ORG.akasse17,
          meetingLocation: 'FOA, Staunings Plads 1, 2. sal',
          caseworkerName: 'Karen Jensen',
          selfBooked: false,
        }) +
        '</bs:UpdateBookingRequest>',
    ),
    'UpdateBooking',
  );

  // A refused call: its audit row carries the fault code.
  const refused = await call(
    soapUrl,
    jobcenterCaseworker,
    bs,
    'GetBookingDetails',
    requestBody(bs, 'GetBookingDetails', { BookingIdentifier: 'a0000000-0000-4000-8000-0000000000ff' }),
  );
  if (refused.status !== 500) throw new Error(`an unknown booking was answered: ${refused.body}`);

  // The jobcenter opens a pickup and aborts it: the messages stay queued for the next pickup.
  const opened = await accepted(
    call(soapUrl, jobcenterCaseworker, wsrm, 'CreateSequence', requestBody(wsrm, 'CreateSequence', {})),
    'CreateSequence',
  );
  const sequence = textOf(opened.body, 'Identifier');
  if (!sequence) throw new Error(`CreateSequence answered no Identifier: ${opened.body}`);
  await accepted(
    call(
      soapUrl,
      jobcenterCaseworker,
      wsrm,
      'GetBookings',
      requestBody(wsrm, 'GetBookings', { Identifier: sequence }),
    ),
    'GetBookings',
  );
  await accepted(
    call(
      soapUrl,
      jobcenterCaseworker,
      wsrm,
      'CloseSequence',
      requestBody(wsrm, 'CloseSequence', { Identifier: sequence }),
    ),
    'CloseSequence',
  );
};
