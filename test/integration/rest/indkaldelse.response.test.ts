/**
 * Kontaktforloeb.IndkaldelseService over real mutual TLS (REST.md §2-§5): the endpoints of §3 with
 * node's https client, the headers of §2 and their errors, the x-requestId repeat, the JSON error
 * body with X-DFDG-Rule, and one world with the SOAP BookingService.
 */
import { randomUUID } from 'node:crypto';
import type { RunningEmulator } from '../../../src/emulator';
import { callSoap, getBookingDetailsBody, headersOf } from '../../helpers/dfdg-calls';
import { UUID } from '../../helpers/fault-assertions';
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
import {
  akasseCaseworker,
  jobcenterCaseworker,
  kssPlannerApp,
  saveCitizen,
} from '../../helpers/scenario-dfdg';
import { textOf } from '../../helpers/soap-request';
import { startTestEmulator } from '../../helpers/emulator';
import { adminClient } from '../../helpers/admin-client';
import { clientTls, type ClientTls } from '../../helpers/test-certificates';

const NOW = new Date('2026-11-23T09:00:00Z');
const START = '2026-12-01T10:00:00+01:00';

let emulator: RunningEmulator;
let cpr: string;

beforeAll(async () => {
  emulator = await startTestEmulator({ clockStart: NOW, clockFrozen: true });
});
beforeEach(() => {
  emulator.clock.set(NOW);
  cpr = saveCitizen(emulator);
});
afterAll(async () => {
  await emulator.stop();
});

/** The headers without one of them. */
const without = (headers: RawHeaders, name: string): RawHeaders =>
  Object.fromEntries(Object.entries(headers).filter(([n]) => n !== name));

const call = (
  method: string,
  path: string,
  options: {
    tls?: ClientTls;
    headers?: RawHeaders;
    body?: unknown;
    rawBody?: string;
    cert?: '8-75100' | '2-17' | 'kss-vendor' | 'unregistered' | null;
  } = {},
): Promise<RestResponse> => restCall(emulator.soapUrl, method, path, options);

const create = (
  id: string,
  body: unknown = indkaldelseDto(START),
  headers = restHeaders(jobcenterCaseworker, cpr),
) => call('POST', `/v2/Indkaldelse/${id}`, { headers, body });

const expectRefused = expectRestRefused;

describe('CreateIndkaldelse and GetIndkaldelse', () => {
  it('When a jobcenter creates a meeting over REST, then it is 201 with its Location and reads back as written', async () => {
    const id = randomUUID();
    const created = await create(id);
    expect(created.status).toBe(201);
    expect(created.headers.location).toBe(`/v2/Indkaldelse/${id}`);
    expect(created.headers['x-servicerequestlogreferenceidentifier']).toMatch(UUID);
    expect(created.json).toEqual({
      indkaldelseId: id,
      serviceRequestLogReferenceIdentifier: created.headers['x-servicerequestlogreferenceidentifier'],
    });
    const read = await call('GET', `/v2/Indkaldelse/${id.toUpperCase()}`, {
      headers: restHeaders(jobcenterCaseworker, cpr),
    });
    expect(read.status).toBe(200);
    expect(read.json).toMatchObject({
      indkaldelseId: id,
      personnummer: cpr,
      status: 'Aktiv',
      moedeStarttidspunkt: START,
      moedeVarighed: 45,
      samtaleType: 7,
      moedested: 'Jobcenter Aarhus, Værkmestergade 2',
      myndighedsdeltagere: [],
    });
    // No end was given: start + moedeVarighed.
    const { moedeSluttidspunkt } = read.json as { moedeSluttidspunkt: string };
    expect(Date.parse(moedeSluttidspunkt)).toBe(Date.parse('2026-12-01T10:45:00+01:00'));
  });

  it('When the id is already in use, then the create is 409 and the first meeting is unchanged', async () => {
    const id = randomUUID();
    await create(id);
    const again = await create(id, indkaldelseDto(START, { moedested: 'Elsewhere' }));
    expectRefused(again, 409, 1014, 'BK-VALID');
    const read = await call('GET', `/v2/Indkaldelse/${id}`, {
      headers: restHeaders(jobcenterCaseworker, cpr),
    });
    expect(read.json).toMatchObject({ moedested: 'Jobcenter Aarhus, Værkmestergade 2' });
  });

  it('When an unknown meeting is read, then it is 404 with 90036', async () => {
    const res = await call('GET', `/v2/Indkaldelse/${randomUUID()}`, {
      headers: restHeaders(jobcenterCaseworker, cpr),
    });
    expectRefused(res, 404, 90036, 'BK-NOT-FOUND');
  });

  it('When the meeting form is not in its list, then the create is 400 with 90000 and nothing is stored', async () => {
    const id = randomUUID();
    const res = await create(id, indkaldelseDto(START, { afholdelsesform: 99 }));
    expectRefused(res, 400, 90000, 'BK-VALID');
    expect(emulator.store.bookings.find(id)).toBeUndefined();
  });
});

describe('x-requestId (REQ-REQUESTID)', () => {
  it('When a write repeats an x-requestId, then it is 412 with 5300 and changes nothing', async () => {
    const headers = restHeaders(jobcenterCaseworker, cpr);
    const first = randomUUID();
    expect((await create(first, indkaldelseDto(START), headers)).status).toBe(201);
    const second = randomUUID();
    const repeat = await create(second, indkaldelseDto(START), headers);
    expectRefused(repeat, 412, 5300, 'REQ-REQUESTID');
    expect(emulator.store.bookings.find(second)).toBeUndefined();
  });

  it('When the same x-requestId comes 7 days later (emulator time), then it is accepted', async () => {
    const headers = restHeaders(jobcenterCaseworker, cpr);
    expect((await create(randomUUID(), indkaldelseDto(START), headers)).status).toBe(201);
    emulator.clock.set(new Date(NOW.getTime() + 7 * 24 * 3600_000));
    const later = await create(randomUUID(), indkaldelseDto('2026-12-20T10:00:00+01:00'), headers);
    expect(later.status).toBe(201);
  });

  it('When a write has no x-requestId, or one of 47 characters, then it is 400 with 1014', async () => {
    const noId = without(restHeaders(jobcenterCaseworker, cpr), 'x-requestId');
    expectRefused(await create(randomUUID(), indkaldelseDto(START), noId), 400, 1014, 'REQ-REQUESTID');
    const long = restHeaders(jobcenterCaseworker, cpr, { 'x-requestId': 'x'.repeat(47) });
    expectRefused(await create(randomUUID(), indkaldelseDto(START), long), 400, 1014, 'REQ-REQUESTID');
  });
});

describe('the DTO headers (SEC-AO-PRESENT, SEC-RUM-PRESENT)', () => {
  const withHeaders = (edit: (h: RawHeaders) => RawHeaders) =>
    call('GET', `/v2/Indkaldelse/${randomUUID()}`, { headers: edit(restHeaders(jobcenterCaseworker, cpr)) });

  it('When X-ActiveOrganisation is missing, then it is 400 with 8232', async () => {
    const res = await withHeaders((h) => without(h, 'X-ActiveOrganisation'));
    expectRefused(res, 400, 8232, 'SEC-AO-PRESENT');
  });

  it('When X-ActiveOrganisation is not JSON, has a wrong type, or comes twice, then it is 400 with 8234', async () => {
    for (const value of [
      '{"organisationType":8,',
      '{"organisationType":"8","organisationCode":"75100"}',
      [aoHeader(jobcenterCaseworker.ao), aoHeader(jobcenterCaseworker.ao)],
    ]) {
      const res = await withHeaders((h) => ({ ...h, 'X-ActiveOrganisation': value }));
      expectRefused(res, 400, 8234, 'SEC-AO-PRESENT');
    }
  });

  it('When X-RequestUserMetadata is missing or malformed, then it is 400 with 8233 or 8235', async () => {
    expectRefused(
      await withHeaders((h) => without(h, 'X-RequestUserMetadata')),
      400,
      8233,
      'SEC-RUM-PRESENT',
    );
    const res = await withHeaders((h) => ({
      ...h,
      'X-RequestUserMetadata': rumHeader(jobcenterCaseworker.user).replace(
        '"requestUserType":2',
        '"requestUserType":"2"',
      ),
    }));
    expectRefused(res, 400, 8235, 'SEC-RUM-PRESENT');
  });

  it("When an a-kasse's metadata names another a-kasse than X-ActiveOrganisation, then it is 403 (SEC-SAME-ORG)", async () => {
    const res = await call('GET', `/v2/Indkaldelse/${randomUUID()}`, {
      cert: '2-17',
      headers: restHeaders(akasseCaseworker, cpr, {
        'X-RequestUserMetadata': rumHeader({ ...akasseCaseworker.user, org: { type: 2, code: '81' } }),
      }),
    });
    expectRefused(res, 403, 4413, 'SEC-SAME-ORG');
  });

  it('When a jobcenter calls with metadata of another jobcenter, then it is 403 (SEC-JOBCENTER), as over SOAP', async () => {
    const res = await withHeaders((h) => ({
      ...h,
      'X-RequestUserMetadata': rumHeader({ ...jobcenterCaseworker.user, org: { type: 8, code: '10100' } }),
    }));
    expect(res.status).toBe(403);
    expect(res.headers['x-dfdg-rule']).toBe('SEC-JOBCENTER');
  });

  it('When the CPR header is missing, then it is 400 (REQ-OPENAPI); when malformed, 1001', async () => {
    expectRefused(
      await withHeaders((h) => without(h, 'x-civilregistrationIdentifier')),
      400,
      1014,
      'REQ-OPENAPI',
    );
    expectRefused(
      await withHeaders((h) => ({ ...h, 'x-civilregistrationIdentifier': '3213999999' })),
      400,
      1001,
      'REQ-OPENAPI',
    );
  });
});

describe('routes, bodies and certificates', () => {
  it('When a path is unknown, then it is 404 (REQ-ROUTE); a known path with another method is 405 with Allow', async () => {
    const unknown = await call('GET', '/v2/Indkaldelse/not-a-uuid/x', {
      headers: restHeaders(jobcenterCaseworker, cpr),
    });
    expectRefused(unknown, 404, 1014, 'REQ-ROUTE');
    const wrongMethod = await call('PATCH', `/v2/Indkaldelse/${randomUUID()}`, {
      headers: restHeaders(jobcenterCaseworker, cpr),
    });
    expectRefused(wrongMethod, 405, 1014, 'REQ-ROUTE');
    expect(wrongMethod.headers.allow).toBe('POST, PUT, DELETE, GET');
  });

  it('When the body is not JSON, then it is 400 (REQ-JSON); an unknown field is 400 (REQ-OPENAPI) naming it', async () => {
    const headers = restHeaders(jobcenterCaseworker, cpr);
    expectRefused(
      await call('POST', `/v2/Indkaldelse/${randomUUID()}`, { headers, rawBody: '{"moede' }),
      400,
      1014,
      'REQ-JSON',
    );
    const res = await create(randomUUID(), indkaldelseDto(START, { ukendt: 1 }));
    expectRefused(res, 400, 1014, 'REQ-OPENAPI');
    expect(res.json).toMatchObject({ felter: [expect.objectContaining({ felt: '/ukendt' })] });
  });

  it('When the certificate is not registered, then it is 401 and nothing is read', async () => {
    const res = await call('GET', `/v2/Indkaldelse/${randomUUID()}`, {
      headers: restHeaders(jobcenterCaseworker, cpr),
      cert: 'unregistered',
    });
    expect(res.status).toBe(401);
    expect(res.headers['x-dfdg-rule']).toBe('SEC-CERT');
  });

  it('When the organisation is an anden aktør, then it is 403 (REST-ORG-TYPE) after the shared security model', async () => {
    const res = await call('GET', `/v2/Indkaldelse/${randomUUID()}`, {
      headers: restHeaders(jobcenterCaseworker, cpr, {
        'X-ActiveOrganisation': aoHeader({ type: 4, code: '35669035' }),
        'X-RequestUserMetadata': rumHeader({
          ...jobcenterCaseworker.user,
          org: { type: 4, code: '35669035' },
        }),
      }),
    });
    expect(res.status).toBe(403);
  });
});

describe('UpdateIndkaldelse, DeleteIndkaldelse and the historik', () => {
  it('When a meeting is updated and deleted, then the historik has each change with the meeting after it, and a later write is 409', async () => {
    const id = randomUUID();
    await create(id);
    const moved = indkaldelseDto('2026-12-02T13:00:00+01:00', { moedested: undefined });
    const updated = await call('PUT', `/v2/Indkaldelse/${id}`, {
      headers: restHeaders(jobcenterCaseworker, cpr),
      body: moved,
    });
    expect(updated.status).toBe(200);
    const deleted = await call('DELETE', `/v2/Indkaldelse/${id}`, {
      headers: restHeaders(jobcenterCaseworker, cpr),
    });
    expect(deleted.status).toBe(200);
    const historik = await call('GET', `/v2/Indkaldelse/historik/${id}`, {
      headers: restHeaders(jobcenterCaseworker, cpr),
    });
    expect(historik.status).toBe(200);
    const entries = (
      historik.json as { historik: Array<{ aendringstype: number; indkaldelse: Record<string, unknown> }> }
    ).historik;
    expect(entries.map((e) => e.aendringstype)).toEqual([1, 2, 3]);
    expect(entries[0]?.indkaldelse).toMatchObject({
      moedeStarttidspunkt: START,
      moedested: 'Jobcenter Aarhus, Værkmestergade 2',
    });
    expect(entries[1]?.indkaldelse).toMatchObject({
      moedeStarttidspunkt: '2026-12-02T13:00:00+01:00',
      status: 'Aktiv',
    });
    expect(entries[1]?.indkaldelse).not.toHaveProperty('moedested');
    expect(entries[2]?.indkaldelse).toMatchObject({ status: 'Aflyst' });
    const late = await call('PUT', `/v2/Indkaldelse/${id}`, {
      headers: restHeaders(jobcenterCaseworker, cpr),
      body: moved,
    });
    expectRefused(late, 409, 1014, 'REST-STATE');
  });

  it("When the citizen-wide historik and the period list are read, then they hold the citizen's meetings", async () => {
    const a = randomUUID();
    const b = randomUUID();
    await create(a);
    await create(b, indkaldelseDto('2026-12-10T10:00:00+01:00', { samtaleType: 8 }));
    const all = await call('GET', '/v2/Indkaldelse/historik', {
      headers: restHeaders(jobcenterCaseworker, cpr),
    });
    expect(
      (all.json as { historik: Array<{ indkaldelse: { indkaldelseId: string } }> }).historik.map(
        (e) => e.indkaldelse.indkaldelseId,
      ),
    ).toEqual([a, b]);
    const period = await call('GET', '/v2/Indkaldelse?periodeStart=2026-12-05T00:00:00Z', {
      headers: restHeaders(jobcenterCaseworker, cpr),
    });
    expect(period.status).toBe(200);
    expect(
      (period.json as { indkaldelser: Array<{ indkaldelseId: string }> }).indkaldelser.map(
        (i) => i.indkaldelseId,
      ),
    ).toEqual([b]);
  });
});

describe('one world with SOAP', () => {
  it('When a meeting is created over REST, then SOAP GetBookingDetails reads it, without the REST-only fields', async () => {
    const id = randomUUID();
    await create(id);
    const soap = await callSoap(emulator.soapUrl, {
      operation: 'GetBookingDetails',
      body: getBookingDetailsBody(id),
      headers: headersOf(jobcenterCaseworker.ao, jobcenterCaseworker.user),
    });
    expect(soap.status).toBe(200);
    expect(textOf(soap.body, 'BookingIdentifier')).toBe(id);
    expect(textOf(soap.body, 'PersonCivilRegistrationIdentifier')).toBe(cpr);
    expect(Date.parse(textOf(soap.body, 'BookingEndTime') ?? '')).toBe(
      Date.parse('2026-12-01T10:45:00+01:00'),
    );
  });

  it("When an a-kasse reads a jobcenter's meeting of a type it may not see, then it is 404 as an unknown one (VIS-AKASSE)", async () => {
    const id = randomUUID();
    await create(id, indkaldelseDto(START, { samtaleType: 1 }));
    const res = await call('GET', `/v2/Indkaldelse/${id}`, {
      headers: restHeaders(akasseCaseworker, cpr),
      cert: '2-17',
    });
    expectRefused(res, 404, 90036, 'BK-NOT-FOUND');
  });
});

describe('an a-kasse over REST (BK-AKASSE-MEMBER, VIS-AKASSE)', () => {
  const akasse = (c: string) => restHeaders(akasseCaseworker, c);

  it("When an a-kasse lists a citizen's meetings, then it gets only the interview types it may see", async () => {
    const seen = randomUUID();
    await create(seen, indkaldelseDto(START, { samtaleType: 7 }));
    await create(randomUUID(), indkaldelseDto('2026-12-03T10:00:00+01:00', { samtaleType: 1 }));
    const res = await call('GET', '/v2/Indkaldelse', { headers: akasse(cpr), cert: '2-17' });
    expect(res.status).toBe(200);
    const ids = (res.json as { indkaldelser: Array<{ indkaldelseId: string }> }).indkaldelser.map(
      (i) => i.indkaldelseId,
    );
    expect(ids).toEqual([seen]);
  });

  it('When an a-kasse books a citizen of no a-kasse, then it is 403 with 90006; of another a-kasse, 90007', async () => {
    const body = indkaldelseDto(START, {
      moedeOrganisation: { organisationType: 2, organisationCode: '17' },
    });
    const none = saveCitizen(emulator, [], { memberships: [] });
    const res = await call('POST', `/v2/Indkaldelse/${randomUUID()}`, {
      headers: akasse(none),
      body,
      cert: '2-17',
    });
    expectRefused(res, 403, 90006, 'BK-AKASSE-MEMBER');
    const other = saveCitizen(emulator, [], { memberships: [{ akasse: '81', from: null, to: null }] });
    const res2 = await call('POST', `/v2/Indkaldelse/${randomUUID()}`, {
      headers: akasse(other),
      body,
      cert: '2-17',
    });
    expectRefused(res2, 403, 90007, 'BK-AKASSE-MEMBER');
  });

  it('When an a-kasse books its own member, then the meeting is created', async () => {
    const body = indkaldelseDto(START, {
      moedeOrganisation: { organisationType: 2, organisationCode: '17' },
    });
    const res = await call('POST', `/v2/Indkaldelse/${randomUUID()}`, {
      headers: akasse(cpr),
      body,
      cert: '2-17',
    });
    expect(res.status).toBe(201);
  });
});

describe('myndighedsdeltagere', () => {
  const participantPath = (id: string) => `/v2/Indkaldelse/myndighedsdeltager/${id}`;

  it('When a participant is added, changed and removed, then the meeting shows it and gets a history entry for each', async () => {
    const meeting = randomUUID();
    await create(meeting);
    const participant = randomUUID();
    const added = await call('POST', participantPath(participant), {
      headers: restHeaders(jobcenterCaseworker, cpr),
      body: { indkaldelseIdentifier: meeting, navn: 'Lars Berg', telefonnummer: '+4512345678' },
    });
    expect(added.status).toBe(201);
    expect(added.json).toMatchObject({ myndighedsdeltagerId: participant });
    const read = await call('GET', `/v2/Indkaldelse/${meeting}`, {
      headers: restHeaders(jobcenterCaseworker, cpr),
    });
    expect((read.json as { myndighedsdeltagere: unknown[] }).myndighedsdeltagere).toEqual([
      expect.objectContaining({
        myndighedsdeltagerId: participant,
        indkaldelseIdentifier: meeting,
        navn: 'Lars Berg',
      }),
    ]);
    const changed = await call('PUT', participantPath(participant), {
      headers: restHeaders(jobcenterCaseworker, cpr),
      body: { indkaldelseIdentifier: meeting, navn: 'Lars Bergmann' },
    });
    expect(changed.status).toBe(200);
    const moved = await call('PUT', participantPath(participant), {
      headers: restHeaders(jobcenterCaseworker, cpr),
      body: { indkaldelseIdentifier: randomUUID(), navn: 'Lars Bergmann' },
    });
    expectRefused(moved, 400, 1014, 'REQ-OPENAPI');
    const removed = await call('DELETE', participantPath(participant), {
      headers: restHeaders(jobcenterCaseworker, cpr),
    });
    expect(removed.status).toBe(200);
    const again = await call('DELETE', participantPath(participant), {
      headers: restHeaders(jobcenterCaseworker, cpr),
    });
    expectRefused(again, 404, 5301, 'REST-MD-NOT-FOUND');
    const historik = await call('GET', `/v2/Indkaldelse/historik/${meeting}`, {
      headers: restHeaders(jobcenterCaseworker, cpr),
    });
    expect(
      (historik.json as { historik: Array<{ aendringstype: number }> }).historik.map((e) => e.aendringstype),
    ).toEqual([1, 2, 2, 2]);
  });

  it('When a participant is added to an unknown or a cancelled meeting, then it is 404 (90036) or 409 (REST-STATE)', async () => {
    const unknown = await call('POST', participantPath(randomUUID()), {
      headers: restHeaders(jobcenterCaseworker, cpr),
      body: { indkaldelseIdentifier: randomUUID(), navn: 'Lars Berg' },
    });
    expectRefused(unknown, 404, 90036, 'BK-NOT-FOUND');
    const meeting = randomUUID();
    await create(meeting);
    await call('DELETE', `/v2/Indkaldelse/${meeting}`, { headers: restHeaders(jobcenterCaseworker, cpr) });
    const cancelled = await call('POST', participantPath(randomUUID()), {
      headers: restHeaders(jobcenterCaseworker, cpr),
      body: { indkaldelseIdentifier: meeting, navn: 'Lars Berg' },
    });
    expectRefused(cancelled, 409, 1014, 'REST-STATE');
  });
});

describe('REST-KILDESYSTEM', () => {
  it('When a meeting has a kildesystemType, then only a certificate of that system type may change it (4575 otherwise)', async () => {
    const name = `kss-type-30-${randomUUID().slice(0, 8)}`;
    const issued = await adminClient(emulator.adminUrl).post<{ certificate: string; privateKey: string }>(
      '/admin/certificates',
      { name, organisations: [{ type: 8, code: '75100' }], systemType: 30 },
    );
    expect(issued.status).toBe(201);
    const tls = { ...clientTls(null), cert: issued.body.certificate, key: issued.body.privateKey };
    const id = randomUUID();
    const created = await call('POST', `/v2/Indkaldelse/${id}`, {
      tls,
      headers: restHeaders(jobcenterCaseworker, cpr),
      body: indkaldelseDto(START, { kildesystemType: 30 }),
    });
    expect(created.status).toBe(201);
    const moved = indkaldelseDto('2026-12-02T13:00:00+01:00', { kildesystemType: 30 });
    const byOther = await call('PUT', `/v2/Indkaldelse/${id}`, {
      headers: restHeaders(jobcenterCaseworker, cpr),
      body: moved,
    });
    expectRefused(byOther, 403, 4575, 'REST-KILDESYSTEM');
    const deleteByOther = await call('DELETE', `/v2/Indkaldelse/${id}`, {
      headers: restHeaders(jobcenterCaseworker, cpr),
    });
    expectRefused(deleteByOther, 403, 4575, 'REST-KILDESYSTEM');
    const byOwn = await call('PUT', `/v2/Indkaldelse/${id}`, {
      tls,
      headers: restHeaders(jobcenterCaseworker, cpr),
      body: moved,
    });
    expect(byOwn.status).toBe(200);
  });
});

describe("STAR's 900xx codes over REST", () => {
  it.each([
    ['afholdelsesform not in its list', 90000, 'BK-VALID', { afholdelsesform: 99 }],
    ['samtaleType not in its list', 90001, 'BK-VALID', { samtaleType: 999 }],
    ['a start before today', 90002, 'BK-START', { moedeStarttidspunkt: '2026-11-20T10:00:00+01:00' }],
    [
      'an end before the start',
      90004,
      'BK-VALID',
      { moedeVarighed: undefined, moedeSluttidspunkt: '2026-12-01T09:00:00+01:00' },
    ],
    ['moedeGruppeType not in its list', 90005, 'BK-VALID', { moedeGruppeType: 9 }],
    [
      'ombookingFrist without ombookingMulig',
      90009,
      'BK-DEADLINES-CONSISTENT',
      { ombookingFrist: '2026-11-28' },
    ],
    ['ombookingMulig without ombookingFrist', 90010, 'BK-DEADLINES-CONSISTENT', { ombookingMulig: true }],
    [
      'aflysningsfrist without aflysningMulig',
      90014,
      'BK-DEADLINES-CONSISTENT',
      { aflysningMulig: false, aflysningsfrist: '2026-11-28' },
    ],
  ])('When the meeting has %s, then the create is 400 with %s', async (_what, fejlkode, rule, change) => {
    const id = randomUUID();
    const res = await create(id, indkaldelseDto(START, change));
    expectRefused(res, 400, fejlkode, rule);
    expect(emulator.store.bookings.find(id)).toBeUndefined();
  });
});

describe('REST-FIELDS and BK-DEADLINES-CREATE over REST', () => {
  it.each([
    ['a group meeting without gruppemoedeId', { moedeGruppeType: 2 }, 'REST-FIELDS'],
    // BK-VALID's DigitalMeetingLink rule judges it first, as over SOAP (REST-FIELDS comes after BK-VALID).
    ['a digital meeting without digitaltMoedelink', { afholdelsesform: 8 }, 'BK-VALID'],
    [
      'an end that disagrees with moedeVarighed',
      { moedeSluttidspunkt: '2026-12-01T11:30:00+01:00' },
      'REST-FIELDS',
    ],
    ["an aflysningsfrist after the meeting's date", { aflysningsfrist: '2026-12-02' }, 'BK-DEADLINES-CREATE'],
    [
      'an ombookingFrist before today',
      { ombookingMulig: true, ombookingFrist: '2026-11-20' },
      'BK-DEADLINES-CREATE',
    ],
  ])('When the meeting has %s, then the create is 400', async (_what, change, rule) => {
    const id = randomUUID();
    const res = await create(id, indkaldelseDto(START, change));
    expect({ status: res.status, rule: res.headers['x-dfdg-rule'] }).toEqual({ status: 400, rule });
    expect(emulator.store.bookings.find(id)).toBeUndefined();
  });

  it("When a meeting starts before today and its aflysningsfrist is after the meeting's date, then BK-START answers first (90002), as RULES.md orders the create's rules", async () => {
    const id = randomUUID();
    const res = await create(
      id,
      indkaldelseDto('2026-11-20T10:00:00+01:00', { aflysningsfrist: '2026-11-25' }),
    );
    expect({
      status: res.status,
      rule: res.headers['x-dfdg-rule'],
      fejlkode: (res.json as { fejlkode: number }).fejlkode,
    }).toEqual({
      status: 400,
      rule: 'BK-START',
      fejlkode: 90002,
    });
    expect(emulator.store.bookings.find(id)).toBeUndefined();
  });

  it("When an aflysningsfrist is after the meeting's date, then the journal lists the create's rules that passed before BK-DEADLINES-CREATE", async () => {
    const id = randomUUID();
    const res = await create(id, indkaldelseDto(START, { aflysningsfrist: '2026-12-02' }));
    expect(res.headers['x-dfdg-rule']).toBe('BK-DEADLINES-CREATE');
    expect((res.json as { beskrivelse: string }).beskrivelse).toContain(
      "/aflysningsfrist: 2026-12-02 is after the meeting's date, 2026-12-01",
    );
    const entry = await adminClient(emulator.adminUrl).get<{
      decisions: { ruleId: string; passed: boolean }[];
    }>(`/admin/journal/${String(res.headers['x-servicerequestlogreferenceidentifier'])}`);
    const rules = entry.body.decisions.map((d) => `${d.ruleId}:${d.passed ? 'pass' : 'fail'}`);
    expect(rules).toContain('BK-START:pass');
    expect(rules.at(-1)).toBe('BK-DEADLINES-CREATE:fail');
  });

  it('When a group meeting has its gruppemoedeId and a deadline on the meeting day, then it is created and reads back with both', async () => {
    const id = randomUUID();
    const group = randomUUID();
    const res = await create(
      id,
      indkaldelseDto(START, { moedeGruppeType: 2, gruppemoedeId: group, aflysningsfrist: '2026-12-01' }),
    );
    expect(res.status).toBe(201);
    const read = await call('GET', `/v2/Indkaldelse/${id}`, {
      headers: restHeaders(jobcenterCaseworker, cpr),
    });
    expect(read.json).toMatchObject({ gruppemoedeId: group, aflysningsfrist: '2026-12-01' });
  });
});

describe('SEC-CITIZEN over REST', () => {
  it("When a citizen's app reads the citizen's own meetings, then it may; another citizen's CPR is 403 (SEC-CITIZEN)", async () => {
    const id = randomUUID();
    await create(id);
    const app = kssPlannerApp(cpr);
    const own = await call('GET', `/v2/Indkaldelse/${id}`, {
      cert: 'kss-vendor',
      headers: restHeaders(app, cpr),
    });
    expect(own.status).toBe(200);
    const other = saveCitizen(emulator);
    const res = await call('GET', '/v2/Indkaldelse', {
      cert: 'kss-vendor',
      headers: restHeaders(app, other),
    });
    expect({ status: res.status, rule: res.headers['x-dfdg-rule'] }).toEqual({
      status: 403,
      rule: 'SEC-CITIZEN',
    });
  });
});
