import { join } from 'node:path';
import type { RunningEmulator } from '../../src/emulator';
import { startTestEmulator } from '../helpers/emulator';
import { runPythonClient } from '../helpers/python-client';
import { pathOf } from '../helpers/soap-client';
import { testCertDir } from '../helpers/test-certificates';
import { AUTHORITY_TYPE_INVALID, TYPED_4413 } from './booking-round-trip';
import { probe, requirePrerequisites } from './vendor-stack';

/**
 * Python zeep (Debian's python3-zeep) as a vendor would use it: the script loads every WSDL from
 * the emulator over mutual TLS and calls BookingService and CodelistService. It must be installed
 * (`apt-get install -y python3-zeep`); when it is not, this test fails at once with that line.
 */
const SCRIPT = join(__dirname, 'zeep_client.py');
/** Debian's Python, which runPythonClient runs: the one python3-zeep installs into. */
const PYTHON = '/usr/bin/python3';

const SERVICE_OPERATIONS: Record<string, string[]> = {
  BookingService: ['CreateBooking', 'DeleteBooking', 'GetBookingDetails', 'GetBookings', 'UpdateBooking'],
  ExternalBookingService: ['CancelBooking', 'RescheduleBooking'],
  BookingWsrmMessageService: ['CloseSequence', 'CreateSequence', 'GetBookings', 'TerminateSequence'],
  PersonStatusService: ['GetVariablePersonStatus'],
  CodelistService: ['GetCodeList', 'GetInterviewTypes'],
};

let emulator: RunningEmulator;
let output: Record<string, unknown>;

const runZeep = (soapUrl: string, certDir: string): Promise<Record<string, unknown>> =>
  runPythonClient(SCRIPT, [soapUrl, certDir]);

beforeAll(async () => {
  await requirePrerequisites(
    'zeep',
    [probe('python3-zeep and python3-requests', PYTHON, ['-c', 'import zeep, requests'])],
    'apt-get install -y python3-zeep python3-requests',
  );
  emulator = await startTestEmulator();
  output = await runZeep(emulator.soapUrl, testCertDir());
}, 90_000);
afterAll(() => emulator?.stop());

it('When zeep loads the five WSDLs over mutual TLS, then each has one port at its https address with the CONTRACT.md operations, and zeep warns about nothing', () => {
  for (const [service, operations] of Object.entries(SERVICE_OPERATIONS)) {
    expect({ service, port: pathOf(output, 'services', service, service) }).toEqual({
      service,
      port: { service, address: `${emulator.soapUrl}/${service}`, operations },
    });
  }
  expect(output.warnings).toEqual([]);
});

it('When zeep calls CreateBooking with both headers built from the WSDL header types, then it gets a booking id and a reference id', () => {
  expect(pathOf(output, 'create', 'BookingIdentifier')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-/);
  expect(pathOf(output, 'create', 'ServiceRequestLogReferenceIdentifier')).toMatch(/^[0-9a-f-]{36}$/);
});

it('When zeep calls GetBookingDetails, then it parses the read form with STAR’s names, status, originator and the creator metadata, and its start as it wrote it', () => {
  const booking = pathOf(output, 'details', 'Booking');
  expect(booking).toMatchObject({
    BookingIdentifier: pathOf(output, 'create', 'BookingIdentifier'),
    PersonCivilRegistrationIdentifier: '0101575001',
    InterviewTypeIdentifier: { CodeListItemIdentifier: 8 },
    InterviewContactTypeIdentifier: { CodeListItemIdentifier: 2 },
    InterviewFormTypeIdentifier: { CodeListItemIdentifier: 1 },
    MeetingOrganisation: { OrganisationTypeIdentifier: 8, OrganisationCode: '75100' },
    MeetingLocation: 'telefon',
    CompulsoryAttendance: true,
    SelfBooked: false,
    ReBookingPossible: false,
    CancellationPossible: true,
    BookingStatus: 'Active',
    // STAR's booking type: the originator's code is an int, and zeep reads it as one.
    BookingOriginator: { OrganisationTypeIdentifier: 8, OrganisationCode: 75100 },
    CreatedByRequestUserMetadata: {
      RequestUserStructure: {
        UserFullName: 'Mette Hansen',
        RequestUserTypeIdentifier: { CodeListItemIdentifier: 2 },
        UserIdentifier: 'CVR:12345678-RID:1234',
      },
      RequestOrganisationStructure: {
        OrganisationTypeIdentifier: { CodeListItemIdentifier: 8 },
        OrganisationCode: '75100',
      },
    },
  });
  // zeep reads back the very time it wrote: the same offset, every microsecond.
  expect(pathOf(booking, 'BookingStartTime')).toBe(output.sentStart);
  expect(String(output.sentStart)).toMatch(/T\d{2}:\d{2}:\d{2}\.123456\+01:00$/);
  const instant = (v: unknown): number => new Date(String(v)).getTime();
  expect(instant(pathOf(booking, 'CreatedByRequestUserMetadata', 'RegistrationDateTime'))).toBe(
    instant(output.sentRegistrationDateTime),
  );
  expect(pathOf(output, 'details', 'ServiceRequestLogReferenceIdentifier')).toMatch(/^[0-9a-f-]{36}$/);
});

it('When zeep asks for an unknown booking, then it raises a Fault whose FaultDetails carry 4768 and BK-NOT-FOUND', () => {
  expect(pathOf(output, 'unknownBooking', 'fault')).toEqual({
    faultcode: expect.stringMatching(/Client$/) as string,
    faultstring: 'The submitted BookingIdentifier is unknown to the system',
    ErrorCode: 4768,
    Source: 'BK-NOT-FOUND',
  });
});

it('When zeep calls GetBookingDetails with a RequestUserMetadata of another organisation, then the FaultDetails parsed with the WSDL element carry 4413', () => {
  expect(pathOf(output, 'refused', 'fault')).toEqual({
    faultstring: AUTHORITY_TYPE_INVALID,
    typedDetail: TYPED_4413,
  });
});

it('When zeep calls CodelistService.GetInterviewTypes, then it gets the 19 interview types of CONTRACT.md with their validity', () => {
  const types = pathOf(output, 'interviewTypes', 'InterviewType');
  expect(Array.isArray(types)).toBe(true);
  const list = Array.isArray(types) ? types : [];
  expect(list).toHaveLength(19);
  expect(list.map((t) => pathOf(t, 'CodeListItemIdentifier'))).toEqual(
    Array.from({ length: 19 }, (_, i) => i + 1),
  );
  expect(list[6]).toEqual({
    CodeListItemIdentifier: 7,
    Name: 'Jobsamtale',
    VisibleToUnemploymentFund: true,
    ValidFrom: '2010-01-01',
    ValidTo: null,
  });
  expect(list[16]).toMatchObject({ CodeListItemIdentifier: 17, Name: 'Jobsamtale med a-kasse' });
  expect(list[18]).toMatchObject({
    CodeListItemIdentifier: 19,
    Name: 'Fælles Jobsamtale med dagpengemodtager',
  });
  expect(
    list
      .filter((t) => pathOf(t, 'VisibleToUnemploymentFund') === true)
      .map((t) => pathOf(t, 'CodeListItemIdentifier')),
  ).toEqual([7, 8, 9, 10, 11, 12, 13, 15, 17, 19]);
  expect(pathOf(output, 'interviewTypes', 'ServiceRequestLogReferenceIdentifier')).toMatch(/^[0-9a-f-]{36}$/);
});

it('When zeep calls CodelistService.GetCodeList, then it reads the meeting forms, and an unknown list name is a typed 2001 fault', () => {
  const items = pathOf(output, 'meetingForms', 'CodeListItem');
  const list = Array.isArray(items) ? items : [];
  expect(list.map((t) => [pathOf(t, 'CodeListItemIdentifier'), pathOf(t, 'Name')])).toEqual([
    [1, 'Personligt fremmøde'],
    [2, 'Telefonisk'],
    [3, 'Video'],
    [6, 'Møde direkte på arbejde'],
    [8, 'Digitalt møde'],
  ]);
  expect(pathOf(output, 'unknownCodeList', 'fault')).toMatchObject({
    ErrorCode: 2001,
    Source: 'CL-UNKNOWN-LIST',
  });
});

it('When zeep calls PersonStatusService, ExternalBookingService and a WSRM pickup, then each answers in the shape zeep expects', () => {
  const created = pathOf(output, 'create', 'BookingIdentifier');
  expect(pathOf(output, 'personStatus', 'CoreInfo', 'PersonName')).toBe('Anna Testesen');
  expect(pathOf(output, 'personStatus', 'AuthorityInfo', 'JobcenterCode')).toBe('75100');
  expect(pathOf(output, 'personStatus', 'InterviewDeadlineCollection', 'ImmediateBookingRequired')).toBe(
    false,
  );
  // Anna's open Jobsamtale deadline (fixtures), with its status first (BK-DEADLINE-STATUS).
  const deadlines = pathOf(output, 'personStatus', 'InterviewDeadlineCollection', 'InterviewDeadline');
  expect(
    (Array.isArray(deadlines) ? deadlines : []).map((d) => [
      pathOf(d, 'InterviewDeadlineStatusTypeIdentifier', 'CodeListItemIdentifier'),
      pathOf(d, 'InterviewTypeIdentifier', 'CodeListItemIdentifier'),
    ]),
  ).toEqual([[1, 7]]);
  expect(pathOf(output, 'reschedule')).toMatch(/^[0-9a-f-]{36}$/);
  expect(pathOf(output, 'wsrm', 'messageCount')).toBeGreaterThanOrEqual(2);
  const messages = pathOf(output, 'wsrm', 'messages', 'BookingMessage');
  expect(Array.isArray(messages)).toBe(true);
  const ids = (messages as unknown[]).map((m) => pathOf(m, 'Booking', 'BookingIdentifier'));
  expect(ids.filter((id) => id === created)).toHaveLength(2); // created, then rescheduled
  expect(pathOf((messages as unknown[])[0], 'WSRMMetadata', 'ClientSystemIdentifier')).toBe('8-75100');
});
