/**
 * Kontaktforloeb.IndkaldelseService's request checks and modes over real mutual TLS (REST.md §2, §5,
 * §9): REQ-JSON's limits, encoding and media type; REQ-OPENAPI strict and lenient; the DTO headers'
 * code lists and repeats (8173, 8174, 8234, 8235); REQ-ROUTE's 404 and 405; the x-requestId's 7 days;
 * the GetIndkaldelser period; and RULES.md's modes (--conformance dfdg, --unknown-citizens create).
 *
 * Two emulators: one with the defaults, one configured otherwise (lenient, a 2048-byte body at most,
 * nesting 8 deep at most, --conformance dfdg, --unknown-citizens create), so each mode is seen to
 * differ from the default.
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
import { DAY, jobcenterCaseworker, nextCpr, saveCitizen } from '../../helpers/scenario-dfdg';

const NOW = new Date('2026-11-23T09:00:00Z');
const START = '2026-12-01T10:00:00+01:00';
const MAX_BYTES = 2048;
const MAX_DEPTH = 8;

let strict: RunningEmulator;
let configured: RunningEmulator;

beforeAll(async () => {
  [strict, configured] = await Promise.all([
    startTestEmulator({ clockStart: NOW, clockFrozen: true }),
    startTestEmulator({
      clockStart: NOW,
      clockFrozen: true,
      schemaValidation: 'lenient',
      maxBodyBytes: MAX_BYTES,
      maxXmlDepth: MAX_DEPTH,
      conformance: 'dfdg',
      unknownCitizens: 'create',
    }),
  ]);
});
beforeEach(() => {
  strict.clock.set(NOW);
  configured.clock.set(NOW);
});
afterAll(async () => {
  await Promise.all([strict.stop(), configured.stop()]);
});

const headersFor = (cpr: string, extra: RawHeaders = {}) => restHeaders(jobcenterCaseworker, cpr, extra);

const post = (
  emulator: RunningEmulator,
  cpr: string,
  options: { body?: unknown; rawBody?: string | Buffer; headers?: RawHeaders; id?: string } = {},
): Promise<RestResponse> =>
  restCall(emulator.soapUrl, 'POST', `/v2/Indkaldelse/${options.id ?? randomUUID()}`, {
    headers: options.headers ?? headersFor(cpr),
    ...(options.rawBody === undefined ? { body: options.body ?? indkaldelseDto(START) } : {}),
    ...(options.rawBody === undefined ? {} : { rawBody: options.rawBody }),
  });

/** A meeting's JSON padded with trailing spaces to exactly `bytes` bytes. */
const paddedTo = (bytes: number): string => {
  const text = JSON.stringify(indkaldelseDto(START));
  return text + ' '.repeat(bytes - Buffer.byteLength(text));
};

/** A meeting with an unknown field nested `depth` deep in all (the body itself is depth 1). */
const nestedTo = (depth: number): string => {
  const inner = '{"a":'.repeat(depth - 1) + '1' + '}'.repeat(depth - 1);
  return JSON.stringify(indkaldelseDto(START)).replace(/}$/, `,"ukendt":${inner}}`);
};

describe('REQ-JSON: the body over REST', () => {
  it('When the body is over the configured JSON size limit, then it is 400 with 1014 (REQ-JSON); at the limit it is read', async () => {
    const cpr = saveCitizen(configured);
    expectRestRefused(
      await post(configured, cpr, { rawBody: paddedTo(MAX_BYTES + 1) }),
      400,
      1014,
      'REQ-JSON',
    );
    expect((await post(configured, cpr, { rawBody: paddedTo(MAX_BYTES) })).status).toBe(201);
    // The default limit (10 MB) takes the same body that is too large for the configured one.
    expect((await post(strict, saveCitizen(strict), { rawBody: paddedTo(MAX_BYTES + 1) })).status).toBe(201);
  });

  it('When the body nests deeper than the configured depth limit, then it is 400 with 1014 (REQ-JSON); at the limit it is read', async () => {
    const cpr = saveCitizen(configured);
    const tooDeep = await post(configured, cpr, { rawBody: nestedTo(MAX_DEPTH + 1) });
    expectRestRefused(tooDeep, 400, 1014, 'REQ-JSON');
    expect((tooDeep.json as { beskrivelse: string }).beskrivelse).toContain(`at most ${MAX_DEPTH}`);
    // At the limit the body is read; its unknown field is then left out (the emulator is lenient).
    expect((await post(configured, cpr, { rawBody: nestedTo(MAX_DEPTH) })).status).toBe(201);
  });

  it('When the body is not UTF-8, then it is 400 with 1014 (REQ-JSON) and nothing is stored', async () => {
    const cpr = saveCitizen(strict);
    const id = randomUUID();
    const latin1 = Buffer.from(
      JSON.stringify(indkaldelseDto(START, { moedested: 'Værkmestergade' })),
      'latin1',
    );
    const res = await post(strict, cpr, { id, rawBody: latin1 });
    expectRestRefused(res, 400, 1014, 'REQ-JSON');
    expect((res.json as { beskrivelse: string }).beskrivelse).toContain('not UTF-8');
    expect(strict.store.bookings.find(id)).toBeUndefined();
  });

  it.each([
    ['text/plain', 'text/plain'],
    ['application/xml', 'application/xml'],
    ['JSON in another charset', 'application/json; charset=iso-8859-1'],
  ])(
    'When the Content-Type is %s, then it is 400 with 1014 (REQ-JSON: not application/json)',
    async (_what, contentType) => {
      const cpr = saveCitizen(strict);
      const id = randomUUID();
      const res = await post(strict, cpr, {
        id,
        headers: headersFor(cpr, { 'Content-Type': contentType }),
        rawBody: JSON.stringify(indkaldelseDto(START)),
      });
      expectRestRefused(res, 400, 1014, 'REQ-JSON');
      expect(strict.store.bookings.find(id)).toBeUndefined();
    },
  );
});

describe('REQ-OPENAPI strict and lenient (by the same flag as REQ-SCHEMA)', () => {
  it('When a body has an unknown field, then strict refuses it (1014) and lenient creates the meeting without it, noting it in the journal', async () => {
    const body = indkaldelseDto(START, { ukendtFelt: 'x' });
    expectRestRefused(await post(strict, saveCitizen(strict), { body }), 400, 1014, 'REQ-OPENAPI');

    const cpr = saveCitizen(configured);
    const id = randomUUID();
    const res = await post(configured, cpr, { id, body });
    expect(res.status).toBe(201);
    const read = await restCall(configured.soapUrl, 'GET', `/v2/Indkaldelse/${id}`, {
      headers: headersFor(cpr),
    });
    expect(read.json).toMatchObject({ indkaldelseId: id, moedested: 'Jobcenter Aarhus, Værkmestergade 2' });
    expect(read.json).not.toHaveProperty('ukendtFelt');
    const entry = await adminClient(configured.adminUrl).get<{
      decisions: Array<{ ruleId: string; passed: boolean; why: string }>;
    }>(`/admin/journal/${String(res.headers['x-servicerequestlogreferenceidentifier'])}`);
    expect(entry.body.decisions).toContainEqual(
      expect.objectContaining({
        ruleId: 'REQ-OPENAPI',
        passed: true,
        why: expect.stringContaining('ukendtFelt') as string,
      }),
    );
  });

  it('When a field has a wrong type, then lenient mode refuses it too (1014): only unknown fields are let through', async () => {
    const res = await post(configured, saveCitizen(configured), {
      body: indkaldelseDto(START, { moedepligt: 'ja' }),
    });
    expectRestRefused(res, 400, 1014, 'REQ-OPENAPI');
    expect(res.json).toMatchObject({ felter: [expect.objectContaining({ felt: '/moedepligt' })] });
  });
});

describe('SEC-AO-PRESENT and SEC-RUM-PRESENT: code lists and repeats', () => {
  const get = (edit: (h: RawHeaders) => RawHeaders) => {
    const cpr = saveCitizen(strict);
    return restCall(strict.soapUrl, 'GET', `/v2/Indkaldelse/${randomUUID()}`, {
      headers: edit(headersFor(cpr)),
    });
  };
  const user = jobcenterCaseworker.user;

  it('When X-ActiveOrganisation has an organisationType outside the code list, then it is 400 with 8173', async () => {
    const res = await get((h) => ({ ...h, 'X-ActiveOrganisation': aoHeader({ type: 99, code: '75100' }) }));
    expectRestRefused(res, 400, 8173, 'SEC-AO-PRESENT');
  });

  it('When X-RequestUserMetadata has a requestUserType outside the code list, then it is 400 with 8174', async () => {
    const res = await get((h) => ({ ...h, 'X-RequestUserMetadata': rumHeader({ ...user, type: 9 }) }));
    expectRestRefused(res, 400, 8174, 'SEC-RUM-PRESENT');
  });

  it("When X-RequestUserMetadata's organisation has a type outside the code list, then it is 400 with 8173", async () => {
    const res = await get((h) => ({
      ...h,
      'X-RequestUserMetadata': rumHeader({ ...user, org: { type: 99, code: '75100' } }),
    }));
    expectRestRefused(res, 400, 8173, 'SEC-RUM-PRESENT');
  });

  it('When X-ActiveOrganisation is sent twice, then it is 400 with 8234; X-RequestUserMetadata twice, 8235', async () => {
    const ao = aoHeader(jobcenterCaseworker.ao);
    expectRestRefused(
      await get((h) => ({ ...h, 'X-ActiveOrganisation': [ao, ao] })),
      400,
      8234,
      'SEC-AO-PRESENT',
    );
    const rum = rumHeader(user);
    const twice = await get((h) => ({ ...h, 'X-RequestUserMetadata': [rum, rum] }));
    expectRestRefused(twice, 400, 8235, 'SEC-RUM-PRESENT');
    expect((twice.json as { beskrivelse: string }).beskrivelse).toContain('X-RequestUserMetadata');
  });
});

describe('REQ-ROUTE', () => {
  const headers = () => headersFor(saveCitizen(strict));

  it('When the indkaldelseId in the path is not a UUID, then it is 404 with 1014 (REQ-ROUTE), on reads and writes', async () => {
    const read = await restCall(strict.soapUrl, 'GET', '/v2/Indkaldelse/not-a-uuid', { headers: headers() });
    expectRestRefused(read, 404, 1014, 'REQ-ROUTE');
    const write = await restCall(strict.soapUrl, 'POST', '/v2/Indkaldelse/12345', {
      headers: headers(),
      body: indkaldelseDto(START),
    });
    expectRestRefused(write, 404, 1014, 'REQ-ROUTE');
    const participant = await restCall(strict.soapUrl, 'DELETE', '/v2/Indkaldelse/myndighedsdeltager/x', {
      headers: headers(),
    });
    expectRestRefused(participant, 404, 1014, 'REQ-ROUTE');
  });

  it.each([
    ['DELETE', '/v2/Indkaldelse', 'GET'],
    ['POST', '/v2/Indkaldelse/historik', 'GET'],
    ['PUT', '/v2/Indkaldelse/openapi.json', 'GET'],
  ])(
    'When %s %s is sent (a wrong method), then it is 405 with 1014 (REQ-ROUTE) and Allow: %s',
    async (method, path, allow) => {
      const res = await restCall(strict.soapUrl, method, path, { headers: headers(), body: {} });
      expectRestRefused(res, 405, 1014, 'REQ-ROUTE');
      expect(res.headers.allow).toBe(allow);
    },
  );
});

describe('REQ-REQUESTID: the 7 days', () => {
  it('When a repeat is answered 412, then the 7 days still count from the first use: the id is free 7 days after it, not after the repeat', async () => {
    const cpr = saveCitizen(strict);
    const requestId = randomUUID();
    const headers = headersFor(cpr, { 'x-requestId': requestId });
    expect((await post(strict, cpr, { headers })).status).toBe(201);
    strict.clock.set(new Date(NOW.getTime() + 3 * DAY));
    expectRestRefused(await post(strict, cpr, { headers }), 412, 5300, 'REQ-REQUESTID');
    strict.clock.set(new Date(NOW.getTime() + 7 * DAY - 1000));
    expectRestRefused(await post(strict, cpr, { headers }), 412, 5300, 'REQ-REQUESTID');
    strict.clock.set(new Date(NOW.getTime() + 7 * DAY));
    const later = await post(strict, cpr, {
      headers,
      body: indkaldelseDto('2026-12-20T10:00:00+01:00'),
    });
    expect(later.status).toBe(201);
  });
});

describe('GetIndkaldelser: the period', () => {
  it('When meetings start exactly at periodeStart and at periodeSlut, then both are listed (the bounds are inclusive); a second outside is not', async () => {
    const cpr = saveCitizen(strict);
    const starts = [
      '2026-12-01T09:59:59+01:00',
      '2026-12-01T10:00:00+01:00',
      '2026-12-03T10:00:00+01:00',
      '2026-12-05T10:00:00+01:00',
      '2026-12-05T10:00:01+01:00',
    ];
    const ids: string[] = [];
    for (const start of starts) {
      const id = randomUUID();
      ids.push(id);
      expect((await post(strict, cpr, { id, body: indkaldelseDto(start) })).status).toBe(201);
    }
    const period = '?periodeStart=2026-12-01T10:00:00%2B01:00&periodeSlut=2026-12-05T09:00:00Z';
    const res = await restCall(strict.soapUrl, 'GET', `/v2/Indkaldelse${period}`, {
      headers: headersFor(cpr),
    });
    expect(res.status).toBe(200);
    const listed = (res.json as { indkaldelser: Array<{ indkaldelseId: string }> }).indkaldelser.map(
      (i) => i.indkaldelseId,
    );
    expect(listed).toEqual(ids.slice(1, 4));
  });
});

describe('GetIndkaldelser: what is listed', () => {
  it('When a citizen has a cancelled meeting and a later-created earlier one, then both are listed, by start, the cancelled one as Aflyst', async () => {
    const cpr = saveCitizen(strict);
    const later = randomUUID();
    const earlier = randomUUID();
    expect(
      (await post(strict, cpr, { id: later, body: indkaldelseDto('2026-12-08T10:00:00+01:00') })).status,
    ).toBe(201);
    expect((await post(strict, cpr, { id: earlier, body: indkaldelseDto(START) })).status).toBe(201);
    const cancelled = await restCall(strict.soapUrl, 'DELETE', `/v2/Indkaldelse/${later}`, {
      headers: headersFor(cpr),
    });
    expect(cancelled.status).toBe(200);
    const res = await restCall(strict.soapUrl, 'GET', '/v2/Indkaldelse', { headers: headersFor(cpr) });
    expect(
      (res.json as { indkaldelser: Array<{ indkaldelseId: string; status: string }> }).indkaldelser.map(
        (i) => `${i.indkaldelseId} ${i.status}`,
      ),
    ).toEqual([`${earlier} Aktiv`, `${later} Aflyst`]);
  });
});

describe("RULES.md's modes over REST", () => {
  const unnamed = (cpr: string): RawHeaders =>
    headersFor(cpr, { 'X-RequestUserMetadata': rumHeader({ ...jobcenterCaseworker.user, name: 'Unknown' }) });

  it('When a caseworker has no real name, then --conformance strict refuses it (403, 4413, SEC-USERTYPE) and --conformance dfdg creates the meeting with a journal warning', async () => {
    const refused = await post(strict, saveCitizen(strict), { headers: unnamed(saveCitizen(strict)) });
    expectRestRefused(refused, 403, 4413, 'SEC-USERTYPE');

    const cpr = saveCitizen(configured);
    const served = await post(configured, cpr, { headers: unnamed(cpr) });
    expect(served.status).toBe(201);
    const entry = await adminClient(configured.adminUrl).get<{
      decisions: Array<{ ruleId: string; warning: boolean; kind: string }>;
    }>(`/admin/journal/${String(served.headers['x-servicerequestlogreferenceidentifier'])}`);
    expect(entry.body.decisions).toContainEqual(
      expect.objectContaining({ ruleId: 'SEC-USERTYPE', warning: true, kind: 'commitment' }),
    );
  });

  it('When the CPR is unknown, then the default refuses it (404, 1010, ACC-CPR) and --unknown-citizens create makes the citizen and the meeting', async () => {
    const unknownHere = nextCpr();
    expect(strict.store.citizens.find(unknownHere)).toBeUndefined();
    expectRestRefused(await post(strict, unknownHere), 404, 1010, 'ACC-CPR');

    const unknownThere = nextCpr();
    expect(configured.store.citizens.find(unknownThere)).toBeUndefined();
    const id = randomUUID();
    expect((await post(configured, unknownThere, { id })).status).toBe(201);
    expect(configured.store.citizens.find(unknownThere)).toMatchObject({
      cpr: unknownThere,
      jobcenter: '75100',
    });
    expect(configured.store.bookings.find(id)).toMatchObject({ cpr: unknownThere });
  });
});
