/**
 * One world (issue 14, item 1): a meeting made over REST is a booking to the SOAP services (WSRM,
 * PersonStatusService) and a booking made over SOAP is a meeting over REST, with one history; and
 * a REST call is journaled as a SOAP call is, with its method, path, headers and JSON bodies.
 */
import { randomUUID } from 'node:crypto';
import type { RunningEmulator } from '../../../src/emulator';
import { adminClient } from '../../helpers/admin-client';
import { startTestEmulator } from '../../helpers/emulator';
import { startTestReceiver } from '../../helpers/push-receivers';
import { indkaldelseDto, restCall, restHeaders } from '../../helpers/rest-calls';
import {
  akasseCaseworker,
  caseworkerBooking,
  dfdgScenario,
  jobcenterCaseworker,
  saveCitizen,
  type DfdgScenario,
} from '../../helpers/scenario-dfdg';

const NOW = new Date('2026-11-23T09:00:00Z');
const START = '2026-12-01T10:00:00+01:00';

let emulator: RunningEmulator;
let dfdg: DfdgScenario;
let cpr: string;

beforeAll(async () => {
  emulator = await startTestEmulator({ clockStart: NOW, clockFrozen: true });
  dfdg = dfdgScenario(emulator);
});
beforeEach(async () => {
  emulator.clock.set(NOW);
  cpr = saveCitizen(emulator);
  await dfdg.drain(jobcenterCaseworker);
  await dfdg.drain(akasseCaseworker);
});
afterAll(async () => {
  dfdg.close();
  await emulator.stop();
});

const rest = (method: string, path: string, body?: unknown) =>
  restCall(emulator.soapUrl, method, path, {
    headers: restHeaders(jobcenterCaseworker, cpr),
    ...(body === undefined ? {} : { body }),
  });

interface Historik {
  historik: Array<{
    tidspunkt: string;
    aendringstype: number;
    aktivOrganisation: { organisationType: number; organisationCode: string };
    indkaldelse: { status: string; moedeStarttidspunkt: string };
  }>;
}

it('When a meeting is created over REST, then the a-kasse and the jobcenter pick it up over WSRM and PersonStatusService shows it', async () => {
  const id = randomUUID();
  expect((await rest('POST', `/v2/Indkaldelse/${id}`, indkaldelseDto(START))).status).toBe(201);
  const toAkasse = await dfdg.pickUp(akasseCaseworker);
  expect(toAkasse.map((m) => m.booking.id)).toEqual([id]);
  expect(toAkasse[0]?.clientSystem).toBe('8-75100');
  expect((await dfdg.pickUp(jobcenterCaseworker)).map((m) => m.booking.id)).toEqual([id]);
  const status = await dfdg.personStatus(jobcenterCaseworker, cpr, {
    core: false,
    authority: false,
    booking: true,
    interviewDeadline: false,
  });
  expect(status.status).toBe(200);
  expect(status.body).toContain(id);
});

it('When a booking is made and cancelled over SOAP and moved over REST, then REST shows one history with every change', async () => {
  const id = await dfdg.createdBookingId(jobcenterCaseworker, caseworkerBooking(cpr, '2026-12-01T09:00:00Z'));
  const read = await rest('GET', `/v2/Indkaldelse/${id}`);
  expect(read.status).toBe(200);
  expect(read.json).toMatchObject({ indkaldelseId: id, personnummer: cpr, samtaleType: 7, status: 'Aktiv' });
  expect(read.json).not.toHaveProperty('moedeVarighed');
  emulator.clock.set(new Date(NOW.getTime() + 60_000));
  const moved = indkaldelseDto('2026-12-02T13:00:00+01:00');
  expect((await rest('PUT', `/v2/Indkaldelse/${id}`, moved)).status).toBe(200);
  emulator.clock.set(new Date(NOW.getTime() + 120_000));
  await dfdg.cancelAccepted(jobcenterCaseworker, id);

  const historik = (await rest('GET', `/v2/Indkaldelse/historik/${id}`)).json as Historik;
  const stored = emulator.store.bookings.history(id);
  expect(historik.historik.map((e) => [Date.parse(e.tidspunkt), e.aendringstype])).toEqual(
    stored.map((e) => [e.time.getTime(), { Created: 1, Updated: 2, Rescheduled: 2, Cancelled: 3 }[e.change]]),
  );
  expect(historik.historik.map((e) => e.aendringstype)).toEqual([1, 2, 3]);
  expect(historik.historik.map((e) => e.indkaldelse.status)).toEqual(['Aktiv', 'Aktiv', 'Aflyst']);
  expect(historik.historik[1]?.indkaldelse.moedeStarttidspunkt).toBe('2026-12-02T13:00:00+01:00');
});

it('When a REST call is made, then the journal lists it with its method, path, headers, JSON bodies and decisions', async () => {
  const id = randomUUID();
  const created = await rest('POST', `/v2/Indkaldelse/${id}`, indkaldelseDto(START));
  const reference = String(created.headers['x-servicerequestlogreferenceidentifier']);
  const admin = adminClient(emulator.adminUrl);
  const entry = await admin.get<{
    service: string;
    operation: string;
    status: number;
    http: {
      requestLine: string;
      headers: Array<{ name: string; value: string }>;
      clientCertificateSubject: string | null;
    };
    request: string;
    response: string;
    decisions: Array<{ ruleId: string; passed: boolean }>;
  }>(`/admin/journal/${reference}`);
  expect(entry.status).toBe(200);
  expect(entry.body).toMatchObject({
    service: 'Kontaktforloeb.IndkaldelseService',
    operation: 'CreateIndkaldelse',
    status: 201,
  });
  // The head as a SOAP call's is kept: request line, headers as sent, the TLS client certificate.
  expect(entry.body.http.requestLine).toBe(`POST /v2/Indkaldelse/${id} HTTP/1.1`);
  const headers = new Map(entry.body.http.headers.map((h) => [h.name.toLowerCase(), h.value]));
  expect(headers.get('x-activeorganisation')).toBe('{"organisationType":8,"organisationCode":"75100"}');
  expect(headers.get('content-type')).toMatch(/^application\/json/);
  expect(headers.get('content-length')).toBe(String(Buffer.byteLength(entry.body.request)));
  expect(entry.body.http.clientCertificateSubject).toMatch(/^CN=8-75100(, |$)/);
  expect(entry.body.request).toContain('"moedeStarttidspunkt":"2026-12-01T10:00:00+01:00"');
  expect(entry.body.request.trimStart().startsWith('{')).toBe(true);
  expect(entry.body.response).toContain(`"indkaldelseId":"${id}"`);
  expect(entry.body.decisions.map((d) => d.ruleId)).toEqual(
    expect.arrayContaining([
      'SEC-TLS',
      'REQ-ROUTE',
      'REQ-REQUESTID',
      'SEC-AO-PRESENT',
      'REST-ORG-TYPE',
      'REQ-OPENAPI',
      'ACC-OWN',
    ]),
  );
  const list = await admin.get<{ items: Array<{ referenceId: string }> }>(
    '/admin/journal?service=Kontaktforloeb.IndkaldelseService',
  );
  expect(list.body.items.map((i) => i.referenceId)).toContain(reference);
});

it('When a meeting is created, moved and deleted over REST, then a subscribed a-kasse gets an Indkaldelse message for each, in order (REST.md §7)', async () => {
  const admin = adminClient(emulator.adminUrl);
  const akasse = await startTestReceiver();
  try {
    const subscribed = await admin.put('/admin/subscriptions/rest-akasse-17', {
      organisation: '2:17',
      messageTypes: ['Indkaldelse'],
      url: akasse.url,
    });
    expect(subscribed.status).toBe(200);
    const id = randomUUID();
    expect((await rest('POST', `/v2/Indkaldelse/${id}`, indkaldelseDto(START))).status).toBe(201);
    await emulator.push.runDue();
    expect(
      (await rest('PUT', `/v2/Indkaldelse/${id}`, indkaldelseDto('2026-12-02T13:00:00+01:00'))).status,
    ).toBe(200);
    await emulator.push.runDue();
    expect((await rest('DELETE', `/v2/Indkaldelse/${id}`)).status).toBe(200);
    await emulator.push.runDue();
    const got = akasse.json<{
      messageType: string;
      aendringstype: number;
      eksternIdentifier: string;
      identifikation: string;
    }>();
    expect(got.map((m) => [m.messageType, m.aendringstype, m.eksternIdentifier, m.identifikation])).toEqual([
      ['Indkaldelse', 1, id, cpr],
      ['Indkaldelse', 2, id, cpr],
      ['Indkaldelse', 3, id, cpr],
    ]);
    expect(akasse.received.every((r) => r.clientCn.length > 0)).toBe(true);
  } finally {
    await admin.delete('/admin/subscriptions/rest-akasse-17');
    await akasse.stop();
  }
});
