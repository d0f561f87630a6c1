import type { RunningEmulator } from '../../../src/emulator';
import { errorPaths, expectProblem, type AdminClient } from '../../helpers/admin-client';
import { startAdminWorld, stopAdminWorld } from '../../helpers/admin-world';
import { caseworker, requestBody, soapAction } from '../../helpers/envelope';
import { faultOf } from '../../helpers/soap-request';
import {
  caseworkerBooking,
  jobcenterCaseworker,
  saveCitizen,
  ORG,
  type Actor,
  type DfdgScenario,
} from '../../helpers/scenario-dfdg';

interface Decision {
  ruleId: string;
  passed: boolean;
  why: string;
  kind: 'dfdg' | 'commitment';
  warning: boolean;
}
interface Entry {
  referenceId: string;
  http: {
    requestLine: string;
    headers: Array<{ name: string; value: string }>;
    clientCertificateSubject: string | null;
  } | null;
  service: string;
  operation: string | null;
  status: number;
  outcome: string;
  ruleId: string | null;
  decisions: Decision[];
  request: string;
  response: string;
  durationMs: number;
  certificate: { subject: string; fingerprint: string } | null;
}

const borrowedIdentity: Actor = {
  ...jobcenterCaseworker,
  user: caseworker(ORG.jobcenterKobenhavn, 'Sofie Holm'),
};

let emulator: RunningEmulator;
let dfdg: DfdgScenario;
let admin: AdminClient;
beforeAll(async () => {
  ({ emulator, dfdg, admin } = await startAdminWorld());
  emulator.journal.clear();
  const cpr = saveCitizen(emulator); // a citizen of jobcenter 75100 (ACC-CPR, ACC-OWN)
  const getBookings = requestBody('BookingService', 'GetBookings', {
    PersonCivilRegistrationIdentifier: cpr,
  });
  await dfdg.call(jobcenterCaseworker, 'BookingService', 'GetBookings', getBookings);
  await dfdg.interviewTypes('8-75100');
  await dfdg.call(borrowedIdentity, 'BookingService', 'GetBookings', getBookings);
});
afterAll(() => stopAdminWorld({ emulator, dfdg }));

const entries = async (query = ''): Promise<Entry[]> => {
  const res = await admin.get<{ items: Entry[] }>(`/admin/journal${query}`);
  expect(res.status).toBe(200);
  return res.body.items;
};

it('When the journal is read, then it lists the exchanges newest first, raw, with the rules that decided them', async () => {
  const [refused, codelist, accepted] = await entries();
  expect(accepted).toMatchObject({
    service: 'BookingService',
    operation: 'GetBookings',
    status: 200,
    outcome: 'ok',
    ruleId: null,
  });
  expect(accepted?.decisions.every((d) => d.passed)).toBe(true);
  expect(accepted?.decisions.map((d) => d.ruleId)).toEqual(
    expect.arrayContaining(['SEC-TLS', 'SEC-CERT', 'REQ-SCHEMA']),
  );
  expect(accepted?.request).toContain('GetBookingsRequest');
  expect(accepted?.response).toContain('GetBookingsResponse');
  expect(codelist).toMatchObject({
    service: 'CodelistService',
    operation: 'GetInterviewTypes',
    outcome: 'ok',
  });
  expect(refused).toMatchObject({
    status: 500,
    outcome: '4413',
    ruleId: expect.stringMatching(/^SEC-/) as string,
  });
  expect(refused?.response).toContain('<ErrorCode>4413</ErrorCode>');
  // The near miss: which rule refused the call, and what it expected instead.
  const failed = refused?.decisions.filter((d) => !d.passed) ?? [];
  // Another jobcenter's code with the same type: DFDG checks the type, the code is a commitment.
  expect(failed).toEqual([
    {
      ruleId: refused?.ruleId,
      passed: false,
      why: expect.stringMatching(/8\/10100.*8\/75100/) as string,
      kind: 'commitment',
      warning: false,
    },
  ]);
  expect(typeof refused?.durationMs).toBe('number');
});

it('When a SOAP exchange is read, then it shows the HTTP request line and headers as sent and the TLS client certificate', async () => {
  const [refused, , accepted] = await entries();
  const header = (e: Entry | undefined, name: string): string[] =>
    (e?.http?.headers ?? []).filter((h) => h.name.toLowerCase() === name).map((h) => h.value);
  expect(accepted?.http?.requestLine).toBe('POST /BookingService HTTP/1.1');
  expect(header(accepted, 'soapaction')).toEqual([`"${soapAction('BookingService', 'GetBookings')}"`]);
  expect(header(accepted, 'content-type')).toEqual(['text/xml; charset=utf-8']);
  expect(header(accepted, 'content-length')).toEqual([String(Buffer.byteLength(accepted?.request ?? ''))]);
  // The subject in the order the certificates list and the CLI write it: CN first.
  expect(accepted?.http?.clientCertificateSubject).toMatch(/^CN=8-75100(, |$)/);
  // …and the journal's certificate names it as the certificates list does.
  const listed = await admin.get<{ items: Array<{ subject: string; fingerprint: string }> }>(
    '/admin/certificates',
  );
  const certificate = listed.body.items.find((c) => c.fingerprint === accepted?.certificate?.fingerprint);
  expect(accepted?.certificate?.subject).toBe(certificate?.subject);
  expect(accepted?.http?.clientCertificateSubject).toBe(certificate?.subject);
  expect(refused?.http?.requestLine).toBe('POST /BookingService HTTP/1.1');
  expect(refused?.http?.clientCertificateSubject).toMatch(/^CN=/);
});

it.each<[string, string, string[]]>([
  ['outcome=fault', '?outcome=fault', ['4413']],
  ['outcome=ok', '?outcome=ok', ['ok', 'ok']],
  ['service', '?service=CodelistService', ['ok']],
  ['operation', '?operation=GetBookings', ['4413', 'ok']],
  ['a fault code', '?outcome=4413', ['4413']],
  ['another fault code', '?outcome=1012', []],
  ['limit', '?limit=1', ['4413']],
])('When the journal is filtered by %s, then only those exchanges come', async (_name, query, outcomes) => {
  expect((await entries(query)).map((e) => e.outcome)).toEqual(outcomes);
});

it('When one exchange is asked for by its reference id, then it is the one listed', async () => {
  const [first] = await entries();
  const res = await admin.get(`/admin/journal/${first?.referenceId ?? ''}`);
  expect(res).toMatchObject({ status: 200, body: first });
});

it('When an exchange no longer in the journal is asked for, then 404 problem', async () => {
  expectProblem(await admin.get('/admin/journal/00000000-0000-4000-8000-000000000000'), 404);
});

it.each<[string, string, string[]]>([
  ['an unknown outcome', '/admin/journal?outcome=failed', ['query.outcome']],
  ['an unknown service', '/admin/journal?service=FooService', ['query.service']],
  ['a limit of 0', '/admin/journal?limit=0', ['query.limit']],
  ['an unknown operation', '/admin/journal?operation=Book', ['query.operation']],
  ['a cursor that is not a reference id', '/admin/journal?before=42', ['query.before']],
  ['an after that is not a reference id', '/admin/journal?after=42', ['query.after']],
  ['unknown fields', '/admin/journal?fields=bodies', ['query.fields']],
  ['a reference id that is not a UUID', '/admin/journal/abc', ['params.referenceId']],
])('When the journal is asked for with %s, then 400 naming it', async (_name, path, paths) => {
  expect(errorPaths(expectProblem(await admin.get(path), 400))).toEqual(paths);
});

it('When the journal is read a page of one at a time, then each next leads to the following exchange and the last page has none', async () => {
  const whole = await entries();
  const seen: string[] = [];
  let next: string | null = null;
  do {
    const query: string = `?limit=1${next ? `&before=${next}` : ''}`;
    const page = await admin.get<{ items: Entry[]; next: string | null }>(`/admin/journal${query}`);
    expect(page.status).toBe(200);
    seen.push(...page.body.items.map((e) => e.referenceId));
    next = page.body.next;
  } while (next !== null && seen.length <= whole.length);
  expect(seen).toEqual(whole.map((e) => e.referenceId));
});

it('When a poller asks for what is newer than the newest it has, in summary form, then only the newer exchanges come, without bodies', async () => {
  const [newest, middle, oldest] = await entries();
  const page = async (query: string) => {
    const res = await admin.get<{ items: Array<Record<string, unknown>>; next: string | null }>(
      `/admin/journal${query}`,
    );
    expect(res.status).toBe(200);
    return res.body.items;
  };
  expect((await page(`?after=${oldest?.referenceId ?? ''}`)).map((e) => e['referenceId'])).toEqual([
    newest?.referenceId,
    middle?.referenceId,
  ]);
  expect(await page(`?after=${newest?.referenceId ?? ''}`)).toEqual([]);
  const summaries = await page(`?fields=summary&after=${oldest?.referenceId ?? ''}`);
  expect(summaries.map((e) => e['referenceId'])).toEqual([newest?.referenceId, middle?.referenceId]);
  for (const summary of summaries) {
    expect(summary).not.toHaveProperty('response');
    expect(summary).not.toHaveProperty('decisions');
    expect(summary).not.toHaveProperty('http');
    expect(summary).toMatchObject({
      outcome: expect.any(String) as string,
      service: expect.any(String) as string,
    });
  }
  // Filters apply as to the whole list.
  expect((await page(`?after=${oldest?.referenceId ?? ''}&outcome=ok`)).map((e) => e['outcome'])).toEqual([
    'ok',
  ]);
});

it('When a poller asks for what is newer than an exchange no longer in the journal, then 404 names the cursor', async () => {
  const problem = expectProblem(
    await admin.get('/admin/journal?after=00000000-0000-4000-8000-000000000000'),
    404,
  );
  expect(errorPaths(problem)).toEqual(['query.after']);
});

it('When the page before an exchange no longer in the journal is asked for, then 404 names the cursor', async () => {
  const problem = expectProblem(
    await admin.get('/admin/journal?before=00000000-0000-4000-8000-000000000000'),
    404,
  );
  expect(errorPaths(problem)).toEqual(['query.before']);
});

it('When CreateBooking is refused by a business rule, then the journal lists the business rules that passed before it, in order', async () => {
  const cpr = saveCitizen(emulator);
  const res = await dfdg.createBooking(
    jobcenterCaseworker,
    caseworkerBooking(cpr, '2020-01-06T10:00:00+01:00'),
  );
  expect(faultOf(res)).toMatchObject({ source: 'BK-START' });
  const [refused] = await entries('?operation=CreateBooking&limit=1');
  const business = (refused?.decisions ?? []).filter((d) => d.ruleId.startsWith('BK-'));
  expect(business.map((d) => [d.ruleId, d.passed])).toEqual([
    ['BK-VALID', true],
    ['BK-START', false],
  ]);
  // …after the security and access rules, which come first.
  const ids = (refused?.decisions ?? []).map((d) => d.ruleId);
  expect(ids.indexOf('REQ-SCHEMA')).toBeLessThan(ids.indexOf('BK-VALID'));
});
