/**
 * A whole deadline story driven only through the admin API and SOAP, as a vendor's CI would: set a
 * citizen's deadline, set and freeze the clock, advance it past the deadline, self-book, see the
 * fault, find the call in the audit log and the journal.
 */
import type { RunningEmulator } from '../../../src/emulator';
import { type AdminClient } from '../../helpers/admin-client';
import { startAdminWorld, stopAdminWorld } from '../../helpers/admin-world';
import { akasseApp, nextCpr, ORG, selfBooking, type DfdgScenario } from '../../helpers/scenario-dfdg';
import { faultOf } from '../../helpers/soap-request';

interface AuditRow {
  operation: string;
  outcome: string;
  ruleId: string;
  referenceId: string;
  activeOrganisation: unknown;
  requestUserMetadata: { userType: number; userIdentifier: string };
  cprs: string[];
}
interface JournalEntry {
  referenceId: string;
  ruleId: string;
  decisions: Array<{ ruleId: string; passed: boolean; why: string }>;
}

let emulator: RunningEmulator;
let dfdg: DfdgScenario;
let admin: AdminClient;
beforeAll(async () => {
  ({ emulator, dfdg, admin } = await startAdminWorld());
});
afterAll(() => stopAdminWorld({ emulator, dfdg }));

it('When a citizen self-books through their a-kasse more than 7 days after the Jobsamtale deadline, then the booking is refused (5102/5103) and the audit log and journal say why', async () => {
  expect((await admin.post('/admin/reset')).status).toBe(200);
  const cpr = nextCpr();
  const citizen = await admin.put(`/admin/citizens/${cpr}`, {
    name: 'Anna Testesen',
    kommune: '751',
    jobcenter: '75100',
    akasse: '17',
    selfBookingDeadlines: [{ interviewType: 7, deadline: '2026-03-10' }],
  });
  expect(citizen.status).toBe(200);
  expect((await admin.put('/admin/clock', { now: '2026-03-02T10:00:00+01:00', frozen: true })).body).toEqual({
    now: '2026-03-02T10:00:00.000+01:00',
    frozen: true,
  });
  // InterviewDateLimit is the deadline + 7 days: 17 March, to 23:59:59 Copenhagen time. Go past it.
  const clock = await admin.put<{ now: string }>('/admin/clock', { advance: 'P15DT14H1S' });
  expect(clock.body.now).toBe('2026-03-18T00:00:01.000+01:00');

  const res = await dfdg.createBooking(
    akasseApp(cpr),
    selfBooking(cpr, '2026-03-20T10:00:00+01:00', '2026-03-17T23:30:00+01:00', { meeting: ORG.foa }),
  );

  const fault = faultOf(res);
  expect([5102, 5103]).toContain(fault.errorCode);
  const referenceId = String(res.headers['x-servicerequestlogreferenceidentifier']);
  const audit = await admin.get<{ items: AuditRow[] }>(`/admin/audit?cpr=${cpr}`);
  expect(audit.body.items[0]).toMatchObject({
    referenceId,
    operation: 'CreateBooking',
    outcome: String(fault.errorCode),
    ruleId: fault.source,
    activeOrganisation: ORG.foa,
    requestUserMetadata: { userType: 1, userIdentifier: cpr },
    cprs: [cpr],
  });
  const entry = await admin.get<JournalEntry>(`/admin/journal/${referenceId}`);
  expect(entry.body.ruleId).toBe(fault.source);
  expect(entry.body.decisions.filter((d) => !d.passed).map((d) => d.ruleId)).toEqual([fault.source]);
  expect((await admin.get(`/admin/bookings?cpr=${cpr}`)).body).toEqual({ items: [] });
});
