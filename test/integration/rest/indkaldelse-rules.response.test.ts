/**
 * RULES.md's security model, access rules and booking rules on Kontaktforloeb.IndkaldelseService
 * over real mutual TLS (REST.md §2, §3, §5, §9), the rows the other REST tests do not name:
 * SEC-AO-CERT, SEC-STAR, ACC-OWN, ACC-CPR's death check, BK-CPR-MATCH on reads and writes (8107),
 * BK-SELF-CITIZEN, the order of checks, x-requestId's recording, reads without
 * one, the CPR header's name in any case, the paths not emulated, and the audit, reminder and WSRM
 * of one world.
 */
import { randomUUID } from 'node:crypto';
import type { RunningEmulator } from '../../../src/emulator';
import { adminClient } from '../../helpers/admin-client';
import { startTestEmulator } from '../../helpers/emulator';
import {
  aoHeader,
  expectRestRefused,
  indkaldelseDto,
  restCall,
  restHeaders,
  rumHeader,
  type RawHeaders,
  type RestResponse,
} from '../../helpers/rest-calls';
import { jobcenterCaseworker, ORG, saveCitizen } from '../../helpers/scenario-dfdg';
import type { CertificateName } from '../../helpers/test-certificates';

const NOW = new Date('2026-11-23T09:00:00Z');
const START = '2026-12-01T10:00:00+01:00';

let emulator: RunningEmulator;

beforeAll(async () => {
  emulator = await startTestEmulator({ clockStart: NOW, clockFrozen: true });
});
afterAll(async () => {
  await emulator.stop();
});

const send = (
  method: string,
  path: string,
  headers: RawHeaders,
  options: { body?: unknown; cert?: CertificateName | null } = {},
): Promise<RestResponse> => restCall(emulator.soapUrl, method, path, { headers, ...options });

const jobcenter = (cpr: string, extra: RawHeaders = {}) => restHeaders(jobcenterCaseworker, cpr, extra);

const created = async (cpr: string, body: unknown = indkaldelseDto(START)): Promise<string> => {
  const id = randomUUID();
  const res = await send('POST', `/v2/Indkaldelse/${id}`, jobcenter(cpr), { body });
  expect(res.status).toBe(201);
  return id;
};

const without = (headers: RawHeaders, name: string): RawHeaders =>
  Object.fromEntries(Object.entries(headers).filter(([n]) => n !== name));

describe('the security model over REST (SEC-AO-CERT, SEC-STAR)', () => {
  it('When X-ActiveOrganisation names an organisation the certificate is not registered for, then it is 403 with 1013 (SEC-AO-CERT)', async () => {
    const cpr = saveCitizen(emulator);
    const other = ORG.jobcenterKobenhavn;
    const res = await send(
      'GET',
      '/v2/Indkaldelse',
      jobcenter(cpr, {
        'X-ActiveOrganisation': aoHeader(other),
        'X-RequestUserMetadata': rumHeader({ ...jobcenterCaseworker.user, org: other }),
      }),
    );
    expectRestRefused(res, 403, 1013, 'SEC-AO-CERT');
  });

  it('When STAR (Jobnet, 5/4) calls with metadata a jobcenter could not send, then it is not validated further (SEC-STAR) and the list is read', async () => {
    const cpr = saveCitizen(emulator);
    const id = await created(cpr);
    const incoherent = rumHeader({
      ...jobcenterCaseworker.user,
      name: 'Unknown',
      org: ORG.jobcenterKobenhavn,
    });
    const headers = jobcenter(cpr, {
      'X-ActiveOrganisation': aoHeader(ORG.jobnet),
      'X-RequestUserMetadata': incoherent,
    });
    const res = await send('GET', '/v2/Indkaldelse', headers, { cert: '5-4' });
    expect(res.status).toBe(200);
    expect(
      (res.json as { indkaldelser: Array<{ indkaldelseId: string }> }).indkaldelser.map(
        (i) => i.indkaldelseId,
      ),
    ).toEqual([id]);
    // The same metadata from a jobcenter is refused by the rules STAR skips.
    const jobcenterRes = await send(
      'GET',
      '/v2/Indkaldelse',
      jobcenter(cpr, { 'X-RequestUserMetadata': incoherent }),
    );
    expect(jobcenterRes.status).toBe(403);
  });
});

describe('access to citizens over REST (ACC-OWN, ACC-CPR)', () => {
  it('When a jobcenter names a citizen of another jobcenter, then it is 403 with 6005 (ACC-OWN), on a read and a write', async () => {
    const theirs = saveCitizen(emulator, [], { kommune: '101', jobcenter: '10100' });
    expectRestRefused(await send('GET', '/v2/Indkaldelse', jobcenter(theirs)), 403, 6005, 'ACC-OWN');
    const write = await send('POST', `/v2/Indkaldelse/${randomUUID()}`, jobcenter(theirs), {
      body: indkaldelseDto(START),
    });
    expectRestRefused(write, 403, 6005, 'ACC-OWN');
  });

  it('When the citizen is dead, then it is 403 with 4405 (ACC-CPR, after ACC-OWN)', async () => {
    const dead = saveCitizen(emulator, [], { deceased: '2026-10-01' });
    expectRestRefused(await send('GET', '/v2/Indkaldelse', jobcenter(dead)), 403, 4405, 'ACC-CPR');
  });
});

describe('BK-CPR-MATCH over REST (8107)', () => {
  it("When the CPR header is another own citizen's than the meeting's, then GetIndkaldelse, its historik, UpdateIndkaldelse, DeleteIndkaldelse and a myndighedsdeltager write are 400 with 8107", async () => {
    const cpr = saveCitizen(emulator);
    const other = saveCitizen(emulator);
    const id = await created(cpr);
    const h = () => jobcenter(other);
    expectRestRefused(await send('GET', `/v2/Indkaldelse/${id}`, h()), 400, 8107, 'BK-CPR-MATCH');
    expectRestRefused(await send('GET', `/v2/Indkaldelse/historik/${id}`, h()), 400, 8107, 'BK-CPR-MATCH');
    const moved = indkaldelseDto('2026-12-02T10:00:00+01:00');
    expectRestRefused(
      await send('PUT', `/v2/Indkaldelse/${id}`, h(), { body: moved }),
      400,
      8107,
      'BK-CPR-MATCH',
    );
    expectRestRefused(await send('DELETE', `/v2/Indkaldelse/${id}`, h()), 400, 8107, 'BK-CPR-MATCH');
    const participant = await send('POST', `/v2/Indkaldelse/myndighedsdeltager/${randomUUID()}`, h(), {
      body: { indkaldelseIdentifier: id, navn: 'Lars Berg' },
    });
    expectRestRefused(participant, 400, 8107, 'BK-CPR-MATCH');
    const read = await send('GET', `/v2/Indkaldelse/${id}`, jobcenter(cpr));
    expect(read.json).toMatchObject({ moedeStarttidspunkt: START, status: 'Aktiv', myndighedsdeltagere: [] });
  });
});

describe('booking rules over REST', () => {
  it('When a caseworker reports a meeting as selvbooket, then it is 400 with 5100 (BK-SELF-CITIZEN)', async () => {
    const cpr = saveCitizen(emulator);
    const res = await send('POST', `/v2/Indkaldelse/${randomUUID()}`, jobcenter(cpr), {
      body: indkaldelseDto(START, {
        selvbooket: true,
        accepteret: true,
        accepteretTidspunkt: '2026-11-23T09:00:00Z',
      }),
    });
    expectRestRefused(res, 400, 5100, 'BK-SELF-CITIZEN');
  });

  it('When a myndighedsdeltager id is already in use, then the create is 409 (BK-VALID) and the first participant is unchanged', async () => {
    const cpr = saveCitizen(emulator);
    const id = await created(cpr);
    const participant = randomUUID();
    const path = `/v2/Indkaldelse/myndighedsdeltager/${participant}`;
    expect(
      (await send('POST', path, jobcenter(cpr), { body: { indkaldelseIdentifier: id, navn: 'Lars Berg' } }))
        .status,
    ).toBe(201);
    const again = await send('POST', path, jobcenter(cpr), {
      body: { indkaldelseIdentifier: id, navn: 'Other' },
    });
    expectRestRefused(again, 409, 1014, 'BK-VALID');
    const read = await send('GET', `/v2/Indkaldelse/${id}`, jobcenter(cpr));
    expect(read.json).toMatchObject({
      myndighedsdeltagere: [{ myndighedsdeltagerId: participant, navn: 'Lars Berg' }],
    });
  });
});

describe('the order of checks (REST.md §5)', () => {
  it('When a request fails in several steps, then the earliest step answers: REQ-JSON (2) before SEC-AO-PRESENT (3), SEC-AO-CERT (4) before REQ-OPENAPI (5), REQ-OPENAPI (5) before ACC-CPR (6)', async () => {
    const cpr = saveCitizen(emulator);
    const path = () => `/v2/Indkaldelse/${randomUUID()}`;
    const badJson = await restCall(emulator.soapUrl, 'POST', path(), {
      headers: without(jobcenter(cpr), 'X-ActiveOrganisation'),
      rawBody: '{"moede',
    });
    expectRestRefused(badJson, 400, 1014, 'REQ-JSON');
    const unknownField = indkaldelseDto(START, { ukendt: 1 });
    const notTheirs = await send(
      'POST',
      path(),
      jobcenter(cpr, {
        'X-ActiveOrganisation': aoHeader(ORG.jobcenterKobenhavn),
        'X-RequestUserMetadata': rumHeader({ ...jobcenterCaseworker.user, org: ORG.jobcenterKobenhavn }),
      }),
      { body: unknownField },
    );
    expectRestRefused(notTheirs, 403, 1013, 'SEC-AO-CERT');
    const unknownCitizen = await send('POST', path(), jobcenter('0101011234'), { body: unknownField });
    expectRestRefused(unknownCitizen, 400, 1014, 'REQ-OPENAPI');
  });
});

describe('the headers of REST.md §2', () => {
  it('When a write is refused after its x-requestId passed (here 8232), then the id is recorded all the same: the next use is 412 (REQ-REQUESTID)', async () => {
    const cpr = saveCitizen(emulator);
    const requestId = randomUUID();
    const headers = jobcenter(cpr, { 'x-requestId': requestId });
    const refused = await send(
      'POST',
      `/v2/Indkaldelse/${randomUUID()}`,
      without(headers, 'X-ActiveOrganisation'),
      {
        body: indkaldelseDto(START),
      },
    );
    expectRestRefused(refused, 400, 8232, 'SEC-AO-PRESENT');
    const repeat = await send('POST', `/v2/Indkaldelse/${randomUUID()}`, headers, {
      body: indkaldelseDto(START),
    });
    expectRestRefused(repeat, 412, 5300, 'REQ-REQUESTID');
  });

  it('When a write is refused in step 1 (an unregistered certificate), then its x-requestId is not recorded: the same id is then accepted', async () => {
    const cpr = saveCitizen(emulator);
    const headers = jobcenter(cpr, { 'x-requestId': randomUUID() });
    const path = `/v2/Indkaldelse/${randomUUID()}`;
    const refused = await send('POST', path, headers, { body: indkaldelseDto(START), cert: 'unregistered' });
    expect({ status: refused.status, rule: refused.headers['x-dfdg-rule'] }).toEqual({
      status: 401,
      rule: 'SEC-CERT',
    });
    expect((await send('POST', path, headers, { body: indkaldelseDto(START) })).status).toBe(201);
  });

  it('When a read comes without x-requestId, then it is served (x-requestId is for writes); the CPR header is read whatever the case of its name', async () => {
    const cpr = saveCitizen(emulator);
    const id = await created(cpr);
    const headers = without(without(jobcenter(cpr), 'x-requestId'), 'x-civilregistrationIdentifier');
    const res = await send('GET', `/v2/Indkaldelse/${id}`, {
      ...headers,
      'x-civilRegistrationIdentifier': cpr,
    });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ indkaldelseId: id, personnummer: cpr });
  });
});

describe('what is not emulated (REST.md §1): REQ-ROUTE', () => {
  it.each([
    ['GET', '/v1/Indkaldelse/historik'],
    ['GET', `/v1/Indkaldelse/${'3f2b6c1e-8d4a-4b7e-9a51-0c2d9e8f7a10'}`],
    ['POST', '/v2/Deltagelsesvalg'],
    ['GET', '/v2/Indkaldelse/soegning'],
  ])('When %s %s is called, then it is 404 with 1014 (REQ-ROUTE)', async (method, path) => {
    const res = await send(
      method,
      path,
      jobcenter(saveCitizen(emulator)),
      method === 'POST' ? { body: {} } : {},
    );
    expectRestRefused(res, 404, 1014, 'REQ-ROUTE');
  });
});

describe('one world: the audit log, reminders and WSRM (REST.md §1)', () => {
  it('When a meeting is created and a participant added over REST, then the audit names the service and STAR method, a reminder is scheduled, and each write queues a WSRM message; a delete removes the reminder', async () => {
    const cpr = saveCitizen(emulator);
    const admin = adminClient(emulator.adminUrl);
    const queued = async () =>
      (await admin.get<{ items: Array<{ booking: { id?: string } }> }>('/admin/wsrm?organisation=8:75100'))
        .body.items.length;
    const before = await queued();
    const res = await send('POST', `/v2/Indkaldelse/${randomUUID()}`, jobcenter(cpr), {
      body: indkaldelseDto(START),
    });
    expect(res.status).toBe(201);
    const id = (res.json as { indkaldelseId: string }).indkaldelseId;
    const audit = await admin.get<{
      items: Array<{ referenceId: string; service: string; operation: string; outcome: string }>;
    }>(`/admin/audit?cpr=${cpr}&service=Kontaktforloeb.IndkaldelseService&operation=CreateIndkaldelse`);
    expect(audit.body.items).toEqual([
      expect.objectContaining({
        referenceId: res.headers['x-servicerequestlogreferenceidentifier'],
        service: 'Kontaktforloeb.IndkaldelseService',
        operation: 'CreateIndkaldelse',
        outcome: 'ok',
      }),
    ]);
    const reminders = async () =>
      (
        await admin.get<{ items: Array<{ bookingId: string }> }>(`/admin/reminders?cpr=${cpr}`)
      ).body.items.map((r) => r.bookingId);
    expect(await reminders()).toEqual([id]);
    const participant = await send(
      'POST',
      `/v2/Indkaldelse/myndighedsdeltager/${randomUUID()}`,
      jobcenter(cpr),
      {
        body: { indkaldelseIdentifier: id, navn: 'Lars Berg' },
      },
    );
    expect(participant.status).toBe(201);
    expect(await queued()).toBe(before + 2);
    expect((await send('DELETE', `/v2/Indkaldelse/${id}`, jobcenter(cpr))).status).toBe(200);
    expect(await reminders()).toEqual([]);
  });
});

describe('times over REST (REST.md §2)', () => {
  it('When the start is sent with 7 fraction digits and no offset, then it is Copenhagen local time and reads back exactly as sent', async () => {
    const cpr = saveCitizen(emulator);
    const start = '2026-12-01T10:00:00.1234567';
    const id = await created(cpr, indkaldelseDto(start));
    const read = await send('GET', `/v2/Indkaldelse/${id}`, jobcenter(cpr));
    expect(read.json).toMatchObject({ moedeStarttidspunkt: start });
    // 10:00 in Copenhagen in December is 09:00 UTC.
    expect(emulator.store.bookings.find(id)?.start.toISOString()).toBe('2026-12-01T09:00:00.123Z');
  });
});

describe('POST /admin/reset (REQ-REQUESTID)', () => {
  it('When the emulator is reset, then the x-requestIds seen before are forgotten: a repeat is accepted, not 412', async () => {
    const requestId = randomUUID();
    const first = saveCitizen(emulator);
    const headers = (cpr: string) => jobcenter(cpr, { 'x-requestId': requestId });
    const post = (cpr: string) =>
      send('POST', `/v2/Indkaldelse/${randomUUID()}`, headers(cpr), { body: indkaldelseDto(START) });
    expect((await post(first)).status).toBe(201);
    expectRestRefused(await post(first), 412, 5300, 'REQ-REQUESTID');
    expect((await adminClient(emulator.adminUrl).post('/admin/reset')).status).toBe(200);
    emulator.clock.set(NOW);
    expect((await post(saveCitizen(emulator))).status).toBe(201);
  });
});
