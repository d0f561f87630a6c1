/**
 * Push messages end to end (REST.md §7, issue 15): subscriptions through the admin API, bookings
 * made over SOAP with mutual TLS, and real HTTPS receivers that demand STAR's client certificate.
 * Deliveries are read back through GET /admin/deliveries; retries fall due as PUT /admin/clock moves
 * the emulator's clock.
 */
import type { RunningEmulator } from '../../../src/emulator';
import { adminClient, expectProblem, type AdminClient } from '../../helpers/admin-client';
import { startTestEmulator } from '../../helpers/emulator';
import { startTestReceiver, type TestReceiver } from '../../helpers/push-receivers';
import {
  akasseCaseworker,
  caseworkerBooking,
  dfdgScenario,
  jobcenterCaseworker,
  saveCitizen,
  type DfdgScenario,
} from '../../helpers/scenario-dfdg';

// Monday 2 March 2026, 10:00 Copenhagen time, frozen: every retry waits for PUT /admin/clock.
const NOW = new Date('2026-03-02T09:00:00Z');
const MEETING = '2026-03-12T10:00:00+01:00';

interface Envelope {
  readonly messageType: string;
  readonly entitetId: number;
  readonly messageId: string;
  readonly aendringstype: number;
  readonly eksternIdentifier: string;
  readonly identifikation: string;
  readonly registeringAuthority?: { organisationType: number; organisationCode: string };
  readonly indkaldelse?: { indkaldelseId: string; status: string; samtaleType: number };
  readonly frist?: { samtaleType: number; fristdato: string; friststatusType: number };
}

interface Delivery {
  readonly subscription: string;
  readonly messageId: string;
  readonly messageType: string;
  readonly attempt: number;
  readonly outcome: string;
  readonly status: string;
  readonly nextAttempt: string | null;
}

let emulator: RunningEmulator;
let admin: AdminClient;
let dfdg: DfdgScenario;
const receivers: TestReceiver[] = [];

beforeAll(async () => {
  emulator = await startTestEmulator({ clockStart: NOW, clockFrozen: true });
  admin = adminClient(emulator.adminUrl);
  dfdg = dfdgScenario(emulator);
});
afterEach(async () => {
  for (const s of (await admin.get<{ items: { name: string }[] }>('/admin/subscriptions')).body.items)
    await admin.delete(`/admin/subscriptions/${s.name}`);
  await Promise.all(receivers.splice(0).map((r) => r.stop()));
});
afterAll(async () => {
  dfdg.close();
  await emulator.stop();
});

const receiver = async (answers?: Parameters<typeof startTestReceiver>[0]): Promise<TestReceiver> => {
  const r = await startTestReceiver(answers);
  receivers.push(r);
  return r;
};

const subscribe = async (
  name: string,
  organisation: string,
  url: string,
  messageTypes: string[] = ['Indkaldelse', 'Frist'],
): Promise<void> => {
  const res = await admin.put(`/admin/subscriptions/${name}`, { organisation, messageTypes, url });
  expect(res.status).toBe(200);
};

/** Waits for the worker's pass over what the last call queued (it runs right after the commit). */
const settled = (): Promise<number> => emulator.push.runDue();

const deliveries = async (query = ''): Promise<Delivery[]> =>
  (await admin.get<{ items: Delivery[] }>(`/admin/deliveries${query}`)).body.items;

const advance = async (duration: string): Promise<void> => {
  expect((await admin.put('/admin/clock', { advance: duration })).status).toBe(200);
};

it("When a jobcenter books, reschedules and cancels over SOAP, then each subscriber that may see it gets the three messages once, in order, with STAR's certificate; another jobcenter gets none", async () => {
  const aarhus = await receiver();
  const kobenhavn = await receiver();
  const kommune = await receiver();
  const akasse = await receiver();
  await subscribe('jc-aarhus', '8:75100', aarhus.url);
  await subscribe('jc-kbh', '8:10100', kobenhavn.url);
  await subscribe('kommune-aarhus', '7:751', kommune.url);
  await subscribe('akasse-17', '2:17', akasse.url);
  const cpr = saveCitizen(emulator);

  const id = await dfdg.createdBookingId(jobcenterCaseworker, caseworkerBooking(cpr, MEETING));
  await settled();
  await dfdg.rescheduleAccepted(jobcenterCaseworker, id, {
    start: '2026-03-13T10:00:00+01:00',
    end: '2026-03-13T10:30:00+01:00',
  });
  await settled();
  await dfdg.cancelAccepted(jobcenterCaseworker, id, 'Borgeren er i job');
  await settled();

  for (const r of [aarhus, kommune, akasse]) {
    const got = r.json<Envelope>();
    expect(
      got.map((m) => [m.messageType, m.entitetId, m.aendringstype, m.eksternIdentifier, m.identifikation]),
    ).toEqual([
      ['Indkaldelse', 90000, 1, id, cpr],
      ['Indkaldelse', 90000, 2, id, cpr],
      ['Indkaldelse', 90000, 3, id, cpr],
    ]);
    expect(got.map((m) => m.indkaldelse?.status)).toEqual(['Aktiv', 'Aktiv', 'Aflyst']);
    expect(got[0]?.registeringAuthority).toEqual({ organisationType: 8, organisationCode: '75100' });
    expect(new Set(r.received.map((x) => x.clientCn))).toEqual(new Set(['sys-org-star-test']));
    expect(new Set(r.received.map((x) => x.contentType))).toEqual(
      new Set(['application/json; charset=utf-8']),
    );
  }
  expect(kobenhavn.received).toEqual([]);
  const attempts = await deliveries('?subscription=jc-aarhus');
  expect(attempts.map((d) => [d.attempt, d.outcome, d.status])).toEqual([
    [1, 'delivered', 'delivered'],
    [1, 'delivered', 'delivered'],
    [1, 'delivered', 'delivered'],
  ]);
});

it('When the meeting is of a type a-kasser may not see, then the a-kasse gets no message and the jobcenter does (VIS-AKASSE)', async () => {
  const aarhus = await receiver();
  const akasse = await receiver();
  await subscribe('jc-aarhus', '8:75100', aarhus.url);
  await subscribe('akasse-17', '2:17', akasse.url);
  const cpr = saveCitizen(emulator);

  const hidden = await dfdg.createdBookingId(
    jobcenterCaseworker,
    caseworkerBooking(cpr, MEETING, { interviewType: 1 }),
  );
  const visible = await dfdg.createdBookingId(
    jobcenterCaseworker,
    caseworkerBooking(cpr, '2026-03-20T10:00:00+01:00', { interviewType: 15 }),
  );
  await settled();
  expect(aarhus.json<Envelope>().map((m) => m.eksternIdentifier)).toEqual([hidden, visible]);
  expect(akasse.json<Envelope>().map((m) => m.eksternIdentifier)).toEqual([visible]);
});

it("When an a-kasse books for its member, then it gets its own confirmation, and the citizen's jobcenter gets the message too", async () => {
  const aarhus = await receiver();
  const akasse = await receiver();
  await subscribe('jc-aarhus', '8:75100', aarhus.url);
  await subscribe('akasse-17', '2:17', akasse.url);
  const cpr = saveCitizen(emulator);
  const id = await dfdg.createdBookingId(
    akasseCaseworker,
    caseworkerBooking(cpr, MEETING, { caseworkerName: 'Lone Dahl' }),
  );
  await settled();
  expect(
    akasse.json<Envelope>().map((m) => [m.eksternIdentifier, m.registeringAuthority?.organisationType]),
  ).toEqual([[id, 2]]);
  expect(aarhus.json<Envelope>().map((m) => m.eksternIdentifier)).toEqual([id]);
});

it('When the receiver answers 500 three times and then 200, then the message arrives on the fourth attempt as the clock reaches each retry, and the next message waits behind it', async () => {
  const flaky = await receiver([500, 500, 500, 200]);
  await subscribe('jc-flaky', '8:75100', flaky.url, ['Indkaldelse']);
  const cpr = saveCitizen(emulator);
  const first = await dfdg.createdBookingId(jobcenterCaseworker, caseworkerBooking(cpr, MEETING));
  await settled();
  const second = await dfdg.createdBookingId(
    jobcenterCaseworker,
    caseworkerBooking(cpr, '2026-03-20T10:00:00+01:00', { interviewType: 9 }),
  );
  await settled();
  expect(flaky.received).toHaveLength(1); // the second waits behind the first

  await advance('PT30S');
  await advance('PT1M');
  expect(flaky.received).toHaveLength(3);
  await advance('PT1M'); // not due yet: the third retry comes two minutes after the third attempt
  expect(flaky.received).toHaveLength(3);
  await advance('PT1M');

  expect(flaky.json<Envelope>().map((m) => m.eksternIdentifier)).toEqual([
    first,
    first,
    first,
    first,
    second,
  ]);
  const attempts = (await deliveries('?subscription=jc-flaky')).reverse();
  expect(attempts.map((d) => [d.attempt, d.outcome, d.status])).toEqual([
    [1, 'http 500', 'pending'],
    [2, 'http 500', 'pending'],
    [3, 'http 500', 'pending'],
    [4, 'delivered', 'delivered'],
    [1, 'delivered', 'delivered'],
  ]);
  expect(attempts[0]?.nextAttempt).toBe('2026-03-02T10:00:30.000+01:00');
});

it('When the endpoint is down for 24 emulator hours, then the message ends abandoned; after the URL is fixed, retry delivers it', async () => {
  const gone = await receiver();
  const deadUrl = gone.url;
  await gone.stop();
  await subscribe('jc-down', '8:75100', deadUrl, ['Indkaldelse']);
  const cpr = saveCitizen(emulator);
  const id = await dfdg.createdBookingId(
    jobcenterCaseworker,
    caseworkerBooking(cpr, '2026-03-30T10:00:00+02:00'),
  );
  await settled();
  for (let hour = 0; hour < 25; hour++) await advance('PT1H');

  const abandoned = await deliveries('?status=abandoned&subscription=jc-down');
  expect(abandoned).toHaveLength(1);
  expect(abandoned[0]?.outcome).toMatch(/^connect: ECONNREFUSED/);
  const messageId = abandoned[0]?.messageId ?? '';
  const before = await admin.get<{ status: string; attempts: unknown[] }>(`/admin/deliveries/${messageId}`);
  expect(before.body.status).toBe('abandoned');

  const back = await receiver();
  await subscribe('jc-down', '8:75100', back.url, ['Indkaldelse']);
  const retried = await admin.post<{ status: string; attempts: Delivery[] }>(
    `/admin/deliveries/${messageId}/retry`,
  );
  expect(retried.status).toBe(200);
  expect(retried.body.status).toBe('delivered');
  expect(retried.body.attempts.length).toBe(before.body.attempts.length + 1);
  expect(back.json<Envelope>().map((m) => m.eksternIdentifier)).toEqual([id]);
  expectProblem(await admin.post(`/admin/deliveries/${messageId}/retry`), 409);
});

it("When a citizen's self-booking deadline is set and then moved, then the jobcenter's Frist subscription gets a Create and an Update (P21), and a Indkaldelse-only subscription nothing", async () => {
  const frist = await receiver();
  const meetingsOnly = await receiver();
  await subscribe('jc-frist', '8:75100', frist.url, ['Frist']);
  await subscribe('jc-meetings', '8:75100', meetingsOnly.url, ['Indkaldelse']);
  const cpr = saveCitizen(emulator);
  const put = (deadline: string) =>
    admin.put(`/admin/citizens/${cpr}`, {
      name: 'Anna Testesen',
      kommune: '751',
      jobcenter: '75100',
      akasse: '17',
      selfBookingDeadlines: [{ interviewType: 7, deadline }],
    });
  expect((await put('2026-03-20')).status).toBe(200);
  await settled();
  expect((await put('2026-03-20')).status).toBe(200); // unchanged: no message
  expect((await put('2026-03-27')).status).toBe(200);
  await settled();

  const got = frist.json<Envelope>();
  expect(
    got.map((m) => [
      m.messageType,
      m.entitetId,
      m.aendringstype,
      m.frist?.fristdato,
      m.frist?.friststatusType,
    ]),
  ).toEqual([
    ['Frist', 90001, 1, '2026-03-20', 1],
    ['Frist', 90001, 2, '2026-03-27', 1],
  ]);
  expect(got[0]?.eksternIdentifier).toBe(got[1]?.eksternIdentifier);
  expect(meetingsOnly.received).toEqual([]);
});

it('When a subscription is deleted, then no more messages are queued for it', async () => {
  const r = await receiver();
  await subscribe('jc-aarhus', '8:75100', r.url);
  expect((await admin.delete('/admin/subscriptions/jc-aarhus')).status).toBe(200);
  const cpr = saveCitizen(emulator);
  await dfdg.createdBookingId(jobcenterCaseworker, caseworkerBooking(cpr, MEETING));
  await settled();
  expect(r.received).toEqual([]);
  expectProblem(await admin.delete('/admin/subscriptions/jc-aarhus'), 404);
});

it.each([
  [
    'an http:// URL',
    { organisation: '8:75100', messageTypes: ['Indkaldelse'], url: 'http://127.0.0.1:9/' },
    'body.url',
  ],
  [
    'an anden aktør (only 8, 7 and 2 receive)',
    { organisation: '4:35669035', messageTypes: ['Indkaldelse'], url: 'https://127.0.0.1:9/' },
    'body.organisation',
  ],
  [
    'an unknown message type',
    { organisation: '8:75100', messageTypes: ['Booking'], url: 'https://127.0.0.1:9/' },
    'body.messageTypes.0',
  ],
  [
    'no message type',
    { organisation: '8:75100', messageTypes: [], url: 'https://127.0.0.1:9/' },
    'body.messageTypes',
  ],
  [
    'a serverCa that is not a CA certificate',
    { organisation: '8:75100', messageTypes: ['Frist'], url: 'https://127.0.0.1:9/', serverCa: 'not a pem' },
    'body.serverCa',
  ],
])(
  'When a subscription names %s, then it is refused with a 400 naming the field',
  async (_what, body, field) => {
    const problem = expectProblem(await admin.put('/admin/subscriptions/bad', body), 400);
    expect(problem.errors.map((e) => e.path)).toContain(field);
    expectProblem(await admin.get('/admin/subscriptions/bad'), 404);
  },
);
