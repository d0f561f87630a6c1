import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RunningEmulator } from '../../../src/emulator';
import { sha256Fingerprint } from '../../../src/pki/fingerprint';
import { errorPaths, expectProblem, metadataJson, type AdminClient } from '../../helpers/admin-client';
import { startAdminWorld, stopAdminWorld } from '../../helpers/admin-world';
import { caseworker, requestBody } from '../../helpers/envelope';
import {
  jobcenterCaseworker,
  saveCitizen,
  ORG,
  type Actor,
  type DfdgScenario,
} from '../../helpers/scenario-dfdg';
import { testCertDir } from '../../helpers/test-certificates';

const NOW = new Date('2026-03-02T09:00:00Z');

interface AuditRow {
  referenceId: string;
  outcome: string;
}

/** A Copenhagen caseworker sent through jobcenter Aarhus's certificate and ActiveOrganisation: refused. */
const borrowedIdentity: Actor = {
  ...jobcenterCaseworker,
  user: caseworker(ORG.jobcenterKobenhavn, 'Sofie Holm'),
};

let emulator: RunningEmulator;
let dfdg: DfdgScenario;
let admin: AdminClient;
let cpr: string;
beforeAll(async () => {
  ({ emulator, dfdg, admin } = await startAdminWorld({ clockStart: NOW, clockFrozen: true }));
  cpr = saveCitizen(emulator); // a citizen of jobcenter 75100 (ACC-CPR, ACC-OWN)
  const getBookings = requestBody('BookingService', 'GetBookings', {
    PersonCivilRegistrationIdentifier: cpr,
  });
  expect((await dfdg.call(jobcenterCaseworker, 'BookingService', 'GetBookings', getBookings)).status).toBe(
    200,
  );
  expect((await dfdg.call(borrowedIdentity, 'BookingService', 'GetBookings', getBookings)).status).toBe(500);
});
afterAll(() => stopAdminWorld({ emulator, dfdg }));

const rows = async (query: string): Promise<AuditRow[]> => {
  const res = await admin.get<{ items: AuditRow[] }>(`/admin/audit?${query}`);
  expect(res.status).toBe(200);
  return res.body.items;
};

it("When a citizen's audit log is asked for, then both calls are there, newest first, in CONTRACT.md's row shape", async () => {
  const [refused, accepted] = await rows(`cpr=${cpr}`);
  const fingerprint = sha256Fingerprint(readFileSync(join(testCertDir(), 'clients', '8-75100.pem'), 'utf8'));
  expect(accepted).toEqual({
    time: NOW.toISOString(),
    service: 'BookingService',
    operation: 'GetBookings',
    certificate: { subject: expect.stringContaining('CN=8-75100') as string, fingerprint },
    activeOrganisation: { type: 8, code: '75100' },
    requestUserMetadata: metadataJson(jobcenterCaseworker.user),
    cprs: [cpr],
    outcome: 'ok',
    ruleId: null,
    referenceId: expect.any(String) as string,
    detail: null,
  });
  expect(refused).toMatchObject({
    outcome: '4413',
    ruleId: expect.stringMatching(/^SEC-/) as string,
    requestUserMetadata: metadataJson(borrowedIdentity.user),
    detail: expect.stringContaining('8/10100') as string,
  });
});

it.each<[string, string, string[]]>([
  ['outcome=ok', 'outcome=ok', ['ok']],
  ['outcome=fault', 'outcome=fault', ['4413']],
  ['the fault code', 'outcome=4413', ['4413']],
  ['another fault code', 'outcome=5102', []],
  ['the ActiveOrganisation', 'organisation=8:75100', ['4413', 'ok']],
  ['another organisation', 'organisation=8:10100', []],
  ['the operation', 'operation=GetBookings', ['4413', 'ok']],
  ['another operation', 'operation=CreateBooking', []],
  ['the service', 'service=BookingService', ['4413', 'ok']],
  [
    'from and to around the calls',
    `from=${NOW.toISOString()}&to=2026-03-02T10:00:00%2B01:00`,
    ['4413', 'ok'],
  ],
  ['from after the calls', 'from=2026-03-02T09:00:01Z', []],
  ['to before the calls', 'to=2026-03-02T08:59:59Z', []],
  ['limit=1', 'limit=1', ['4413']],
])(
  'When the audit log is filtered by %s, then only the matching rows come, newest first',
  async (_name, query, outcomes) => {
    expect((await rows(`cpr=${cpr}&${query}`)).map((r) => r.outcome)).toEqual(outcomes);
  },
);

it.each<[string, string, string[]]>([
  ['an organisation without its type', 'organisation=75100', ['query.organisation']],
  ['an unknown outcome', 'outcome=failed', ['query.outcome']],
  ['a time without an offset', 'from=2026-03-02T10:00:00', ['query.from']],
  ['a limit of 0', 'limit=0', ['query.limit']],
  ['a limit over 1000', 'limit=1001', ['query.limit']],
  ['a limit that is no number', 'limit=ten', ['query.limit']],
  ['a malformed CPR and an unknown parameter', 'cpr=1&user=x', ['query.cpr', 'query.user']],
  ['an unknown service and operation', 'service=x&operation=Book', ['query.operation', 'query.service']],
  ['a cursor that is not a reference id', 'before=42', ['query.before']],
])('When the audit log is asked for with %s, then 400 naming it', async (_name, query, paths) => {
  expect(errorPaths(expectProblem(await admin.get(`/admin/audit?${query}`), 400))).toEqual(paths);
});
