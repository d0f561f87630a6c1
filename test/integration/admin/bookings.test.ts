import type { RunningEmulator } from '../../../src/emulator';
import { errorPaths, expectProblem, metadataJson, type AdminClient } from '../../helpers/admin-client';
import { startAdminWorld, stopAdminWorld } from '../../helpers/admin-world';
import {
  caseworkerBooking,
  jobcenterCaseworker,
  saveCitizen,
  type DfdgScenario,
} from '../../helpers/scenario-dfdg';

const NOW = new Date('2026-03-02T09:00:00Z');
const STAR_CVR = '55568510';

interface HistoryRow {
  time: string;
  change: string;
  activeOrganisation: { type: number; code: string };
  requestUserMetadata: unknown;
  referenceId: string;
}
interface BookingJson {
  id: string;
  status: string;
  reminder: { remindAt: string } | null;
  history: HistoryRow[];
}

let emulator: RunningEmulator;
let dfdg: DfdgScenario;
let admin: AdminClient;
beforeAll(async () => {
  ({ emulator, dfdg, admin } = await startAdminWorld({ clockStart: NOW, clockFrozen: true }));
});
afterAll(() => stopAdminWorld({ emulator, dfdg }));

it('When a booking is created, rescheduled and cancelled through SOAP, then the admin API shows it in read form with each change, its metadata and reference id', async () => {
  const cpr = saveCitizen(emulator);
  const id = await dfdg.createdBookingId(
    jobcenterCaseworker,
    caseworkerBooking(cpr, '2026-03-10T10:00:00+01:00'),
  );
  const created = await admin.get<{ items: BookingJson[] }>(`/admin/bookings?cpr=${cpr}`);
  expect(created.body.items).toEqual([
    {
      id,
      originSystemIdentifier: null,
      cpr,
      interviewType: 7,
      contactType: 1,
      formType: 1,
      start: '2026-03-10T09:00:00.000Z',
      end: '2026-03-10T09:30:00.000Z',
      meetingOrganisation: { type: 8, code: '75100' },
      meetingLocation: null,
      digitalMeetingLink: null,
      caseworkerName: 'Mette Hansen',
      compulsoryAttendance: true,
      selfBooked: false,
      citizenShouldAcceptBooking: null,
      accepted: null,
      acceptedTime: null,
      rebookingPossible: false,
      rebookingDeadline: null,
      cancellationPossible: true,
      cancellationDeadline: null,
      // The instants above in UTC; here each time as the SOAP answers give it, as the client wrote it.
      timesAsWritten: {
        start: '2026-03-10T10:00:00+01:00',
        end: '2026-03-10T09:30:00.000Z',
        acceptedTime: null,
        rebookingDeadline: null,
        cancellationDeadline: null,
      },
      status: 'Active',
      cancellationReason: null,
      createdAt: NOW.toISOString(),
      lastChangedAt: NOW.toISOString(),
      originator: { type: 8, code: '75100' },
      createdBy: metadataJson(jobcenterCaseworker.user),
      createdBySystem: '8-75100',
      reminder: { remindAt: '2026-03-09T09:00:00.000Z' },
    },
  ]);

  await dfdg.rescheduleAccepted(jobcenterCaseworker, id, {
    start: '2026-03-12T10:00:00+01:00',
    end: '2026-03-12T11:00:00+01:00',
  });
  await dfdg.cancelAccepted(jobcenterCaseworker, id, 'sick');
  const detail = await admin.get<BookingJson>(`/admin/bookings/${id}`);
  expect(detail.status).toBe(200);
  expect(detail.body).toMatchObject({ id, status: 'Cancelled', cancellationReason: 'sick', reminder: null });
  expect(detail.body.history.map((h) => h.change)).toEqual(['Created', 'Rescheduled', 'Cancelled']);
  for (const h of detail.body.history) {
    expect(h).toEqual({
      time: NOW.toISOString(),
      change: h.change,
      activeOrganisation: { type: 8, code: '75100' },
      requestUserMetadata: metadataJson(jobcenterCaseworker.user),
      referenceId: expect.any(String) as string,
    });
    expect(emulator.store.audit.find(h.referenceId)?.outcome).toBe('ok');
  }
});

it('When a fixture booking made on Jobnet is read, then its originator is STAR with its CVR and it came from the fixtures', async () => {
  const items = (
    await admin.get<{ items: Array<BookingJson & { originator: unknown }> }>('/admin/bookings?cpr=0303575003')
  ).body.items;
  expect(items).toHaveLength(1);
  expect(items[0]?.originator).toEqual({ type: 5, code: STAR_CVR });
  const detail = await admin.get<BookingJson>(`/admin/bookings/${items[0]?.id ?? ''}`);
  expect(detail.body.history).toEqual([
    expect.objectContaining({ change: 'Created', referenceId: 'fixture' }),
  ]);
});

it('When a citizen has no bookings, then the list is empty', async () => {
  expect((await admin.get('/admin/bookings?cpr=0101575001')).body).toEqual({ items: [] });
});

it('When an unknown booking is read, then 404 problem', async () => {
  expectProblem(await admin.get('/admin/bookings/00000000-0000-4000-8000-000000000000'), 404);
});

it.each<[string, string, string[]]>([
  ['no cpr', '/admin/bookings', ['query.cpr']],
  ['a malformed cpr', '/admin/bookings?cpr=12', ['query.cpr']],
  ['the cpr twice', '/admin/bookings?cpr=0101575001&cpr=0202575002', ['query.cpr']],
  ['an unknown parameter', '/admin/bookings?cpr=0101575001&status=Active', ['query.status']],
  ['a booking id that is not a UUID', '/admin/bookings/42', ['params.id']],
])('When the bookings are asked for with %s, then 400 naming the parameter', async (_name, path, paths) => {
  expect(errorPaths(expectProblem(await admin.get(path), 400))).toEqual(paths);
});
