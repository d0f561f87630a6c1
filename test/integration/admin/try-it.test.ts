import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { promisify } from 'node:util';
import type { RunningEmulator } from '../../../src/emulator';
import { TRY_IT_SERVICES } from '../../../src/admin/handlers/try-it-template.handler';
import { errorPaths, expectProblem, type AdminClient, type AdminResponse } from '../../helpers/admin-client';
import { startAdminWorld, stopAdminWorld } from '../../helpers/admin-world';
import type { DfdgScenario } from '../../helpers/scenario-dfdg';

/**
 * The try-it API end to end: templates built from the fixtures, sent from the server through the real
 * mutual-TLS port with the certificate's key (judged, journalled and audited like any call), replays
 * of journalled calls, and the copy-as text a vendor pastes (the curl command is run).
 */
interface TryItRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: string;
}
interface Template {
  certificate: string;
  organisation: { type: number; code: string };
  citizen: { cpr: string; name: string };
  request: TryItRequest;
  notes: string[];
}
interface Sent {
  certificate: string;
  request: TryItRequest;
  response: { status: number; headers: Record<string, string>; body: string };
  referenceId: string | null;
  call: {
    referenceId: string;
    outcome: string;
    ruleId: string | null;
    decisions: Array<{ ruleId: string; passed: boolean }>;
  } | null;
}

let emulator: RunningEmulator;
let dfdg: DfdgScenario;
let admin: AdminClient;
beforeAll(async () => {
  ({ emulator, dfdg, admin } = await startAdminWorld());
});
afterAll(() => stopAdminWorld({ emulator, dfdg }));

const template = async (query: Record<string, string>): Promise<Template> => {
  const res = await admin.get<Template>(`/admin/try-it/template?${new URLSearchParams(query)}`);
  expect(res.status).toBe(200);
  return res.body;
};
const send = async (certificate: string, request: TryItRequest): Promise<Sent> => {
  const res = await admin.post<Sent>('/admin/try-it/send', { certificate, request });
  expect(res.status).toBe(200);
  return res.body;
};
const auditCount = async (referenceId: string): Promise<number> => {
  const res = await admin.get<{ items: Array<{ referenceId: string }> }>('/admin/audit?limit=1000');
  return res.body.items.filter((a) => a.referenceId === referenceId).length;
};

/** One certificate of the fixtures for each organisation type they have. */
const ONE_PER_ORGANISATION_TYPE = [
  ['8-75100', '8:75100'],
  ['7-751', '7:751'],
  ['4-35669035', '4:35669035'],
  ['2-17', '2:17'],
  ['5-4', '5:4'],
] as const;

it.each(ONE_PER_ORGANISATION_TYPE)(
  'When %s fills in and sends a CreateBooking as %s, then the call is accepted, journalled and audited',
  async (certificate, organisation) => {
    const t = await template({
      certificate,
      organisation,
      service: 'BookingService',
      operation: 'CreateBooking',
    });
    expect(t.request).toMatchObject({
      method: 'POST',
      path: '/BookingService',
      headers: { SOAPAction: '"http://service.bm.dk/pjaktass/1/BookingService#CreateBooking"' },
    });
    expect(t.request.body).toContain(
      `<aoh:OrganisationCode>${organisation.split(':')[1]}</aoh:OrganisationCode>`,
    );

    const sent = await send(certificate, t.request);
    expect({ status: sent.response.status, outcome: sent.call?.outcome }).toEqual({
      status: 200,
      outcome: 'ok',
    });
    expect(sent.response.body).toContain('CreateBookingResponse');
    expect(sent.referenceId).toBe(sent.call?.referenceId);
    expect(sent.call?.decisions.map((d) => d.ruleId)).toEqual(
      expect.arrayContaining(['SEC-TLS', 'SEC-CERT', 'SEC-AO-CERT', 'REQ-SCHEMA', 'ACC-OWN']),
    );
    expect(emulator.journal.find(sent.referenceId ?? '')).toBeDefined();
    expect(await auditCount(sent.referenceId ?? '')).toBe(1);
  },
);

it.each(['citizen', 'system'])(
  'When the user is a %s, then the template passes the user rules too',
  async (user) => {
    const t = await template({
      certificate: 'kss-vendor',
      user,
      service: 'BookingService',
      operation: 'GetBookings',
    });
    const sent = await send('kss-vendor', t.request);
    expect({ outcome: sent.call?.outcome, ruleId: sent.call?.ruleId }).toEqual({
      outcome: 'ok',
      ruleId: null,
    });
    if (user === 'citizen')
      expect(t.request.body).toContain(`<rus:UserIdentifier>${t.citizen.cpr}</rus:UserIdentifier>`);
  },
);

it('When the RequestUserMetadata of a template names another organisation, then the call is refused with 4413 by SEC-SAME-ORG', async () => {
  const t = await template({ certificate: '7-751', service: 'BookingService', operation: 'CreateBooking' });
  const body = t.request.body.replace(
    /(<ros:OrganisationTypeIdentifier>\s*<clb:CodeListItemIdentifier>)7(<)/,
    '$18$2',
  );
  expect(body).not.toBe(t.request.body);
  const sent = await send('7-751', { ...t.request, body });
  expect({ status: sent.response.status, outcome: sent.call?.outcome, ruleId: sent.call?.ruleId }).toEqual({
    status: 500,
    outcome: '4413',
    ruleId: 'SEC-SAME-ORG',
  });
  expect(sent.response.body).toContain('<ErrorCode>4413</ErrorCode>');
});

/** Rules a template must always pass: what the WSDL, the headers and the certificate ask. */
const FORM_RULES = /^(REQ-XML|REQ-OP|REQ-SCHEMA|REQ-OPENAPI|REQ-CODELIST|SEC-|REST-FIELDS)/;

it.each(TRY_IT_SERVICES.flatMap((s) => s.operations.map((o) => [s.service, o] as const)))(
  'When the template of %s %s is sent as it is, then no rule of its form refuses it',
  async (service, operation) => {
    const t = await template({ certificate: '8-75100', service, operation });
    const sent = await send('8-75100', t.request);
    expect(sent.call).not.toBeNull();
    expect(sent.call?.ruleId ?? 'accepted').not.toMatch(FORM_RULES);
  },
);

it('When a REST meeting is created from its template, then it answers 201 and a replay is a new call with a fresh x-requestId', async () => {
  const t = await template({
    certificate: '8-75100',
    service: 'Kontaktforloeb.IndkaldelseService',
    operation: 'CreateIndkaldelse',
  });
  expect(t.request.method).toBe('POST');
  expect(t.request.path).toMatch(/^\/v2\/Indkaldelse\/[0-9a-f-]{36}$/);
  const sent = await send('8-75100', t.request);
  expect({ status: sent.response.status, outcome: sent.call?.outcome }).toEqual({
    status: 201,
    outcome: 'ok',
  });

  const replay = await admin.post<Sent>(`/admin/try-it/replay/${sent.referenceId ?? ''}`);
  expect(replay.status).toBe(200);
  expect(replay.body.referenceId).not.toBe(sent.referenceId);
  expect(replay.body.request.headers['x-requestId']).not.toBe(t.request.headers['x-requestId']);
  // The same meeting id again: refused by the booking rules, not as a request id seen before (5300).
  expect(replay.body.call).toMatchObject({ outcome: '1014', ruleId: 'BK-VALID' });
});

it('When a journalled SOAP call is replayed, then it is sent again with the same certificate as a new call', async () => {
  const t = await template({ certificate: '7-751', service: 'BookingService', operation: 'GetBookings' });
  const first = await send('7-751', t.request);
  const replay: AdminResponse<Sent> = await admin.post<Sent>(
    `/admin/try-it/replay/${first.referenceId ?? ''}`,
  );
  expect(replay.status).toBe(200);
  expect(replay.body).toMatchObject({ certificate: '7-751', request: { body: t.request.body } });
  expect(replay.body.call).toMatchObject({ outcome: 'ok' });
  expect(replay.body.referenceId).not.toBe(first.referenceId);
  expect(await auditCount(replay.body.referenceId ?? '')).toBe(1);
});

it('When the copy-as-curl text of a call is run with curl, then the emulator accepts it as a call of its own', async () => {
  const t = await template({
    certificate: '2-17',
    service: 'PersonStatusService',
    operation: 'GetVariablePersonStatus',
  });
  const first = await send('2-17', t.request);
  const snippets = await admin.get<{ curl: string; zeep: string; csharp: string }>(
    `/admin/try-it/snippets/${first.referenceId ?? ''}`,
  );
  expect(snippets.status).toBe(200);
  expect(snippets.body.curl).toContain('clients/2-17.key');
  expect(snippets.body.zeep).toContain('session.cert = (');
  expect(snippets.body.zeep).toContain('client.service.GetVariablePersonStatus(');
  expect(snippets.body.csharp).toContain('clientCredentialType="Certificate"');

  const { stdout } = await promisify(execFile)('bash', [
    '-c',
    snippets.body.curl.replace(/^curl /, 'curl -D - '),
  ]);
  const referenceId = /X-ServiceRequestLogReferenceIdentifier: (\S+)/i.exec(stdout)?.[1];
  expect(stdout).toMatch(/^HTTP\/1\.1 200/);
  expect(stdout).toContain('GetVariablePersonStatusResponse');
  expect(referenceId).not.toBe(first.referenceId);
  expect(emulator.journal.find(referenceId ?? '')).toMatchObject({ outcome: 'ok' });
});

it('When the copy-as-zeep text of a call is run with Python, then zeep makes the same call and is answered', async () => {
  const t = await template({ certificate: '8-75100', service: 'BookingService', operation: 'CreateBooking' });
  const first = await send('8-75100', t.request);
  // A new booking id, or the copy would be refused as the same booking again.
  const { body: snippets } = await admin.get<{ zeep: string }>(
    `/admin/try-it/snippets/${first.referenceId ?? ''}`,
  );
  const zeep = snippets.zeep.replace(
    /'BookingIdentifier': '[0-9a-f-]{36}'/,
    `'BookingIdentifier': '${randomUUID()}'`,
  );
  expect(zeep).not.toBe(snippets.zeep);
  const before = emulator.journal.list({ operation: 'CreateBooking', outcome: 'ok' }).length;
  const { stdout } = await promisify(execFile)('/usr/bin/python3', ['-c', zeep], { timeout: 60_000 });
  expect(stdout).toMatch(/'?ServiceRequestLogReferenceIdentifier'?: '[0-9a-f-]{36}'/);
  expect(emulator.journal.list({ operation: 'CreateBooking', outcome: 'ok' }).length).toBe(before + 1);
});

it("When a citizen's REST template names a non-ASCII name, then the DTO header carries it as \\u escapes and the call passes", async () => {
  const t = await template({
    certificate: '8-75100',
    user: 'citizen',
    cpr: '0202575002',
    service: 'Kontaktforloeb.IndkaldelseService',
    operation: 'GetIndkaldelser',
  });
  expect(t.citizen.name).toBe('Bo Prøvesen');
  expect(t.request.headers['X-RequestUserMetadata']).toContain('"userFullName":"Bo Pr\\u00f8vesen"');
  const sent = await send('8-75100', t.request);
  expect({ status: sent.response.status, outcome: sent.call?.outcome }).toEqual({
    status: 200,
    outcome: 'ok',
  });
});

it("When the user's headers frame the message wrongly or cannot be sent, then the sender frames it itself or says why", async () => {
  const t = await template({ certificate: '8-75100', service: 'BookingService', operation: 'GetBookings' });
  const framed = await send('8-75100', {
    ...t.request,
    headers: { ...t.request.headers, 'content-length': '99999', 'Transfer-Encoding': 'chunked' },
  });
  expect(framed.call).toMatchObject({ outcome: 'ok' });
  const unsendable = await admin.post('/admin/try-it/send', {
    certificate: '8-75100',
    request: { ...t.request, headers: { ...t.request.headers, 'X-Note': 'price in €' } },
  });
  expect(expectProblem(unsendable, 400).detail).toContain('cannot be sent');
});

it('When the template is asked for wrongly, then the answer says what to ask instead', async () => {
  const base = { certificate: '8-75100', service: 'BookingService', operation: 'CreateBooking' };
  const q = (over: Record<string, string>) =>
    `/admin/try-it/template?${new URLSearchParams({ ...base, ...over })}`;
  expect(expectProblem(await admin.get(q({ certificate: 'nobody' })), 404).detail).toContain('nobody');
  expect(errorPaths(expectProblem(await admin.get(q({ organisation: '8:10100' })), 400))).toEqual([
    'query.organisation',
  ]);
  expect(errorPaths(expectProblem(await admin.get(q({ operation: 'Nope' })), 400))).toEqual([
    'query.operation',
  ]);
  expect(errorPaths(expectProblem(await admin.get(q({ service: 'Nope' })), 400))).toEqual(['query.service']);
  expect(errorPaths(expectProblem(await admin.get(q({ user: 'robot' })), 400))).toEqual(['query.user']);
  expect(expectProblem(await admin.post('/admin/try-it/replay/not-a-call'), 404).detail).toContain(
    'not-a-call',
  );
  const badHeader = await admin.post('/admin/try-it/send', {
    certificate: '8-75100',
    request: { method: 'POST', path: '/BookingService', headers: { 'X-A': 'a\r\nX-B: b' }, body: '' },
  });
  expect(errorPaths(expectProblem(badHeader, 400))).toEqual(['body.request.headers.X-A']);
});
