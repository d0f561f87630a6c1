/**
 * Faults and delays on demand (POST|GET|DELETE /admin/faults): rules set over the real admin port,
 * calls made over real mutual TLS (SOAP and REST), what the caller gets, what the store keeps, and
 * what the journal and the audit log say about it.
 */
import { randomUUID } from 'node:crypto';
import type { RunningEmulator } from '../../../src/emulator';
import { errorPaths, expectProblem, type AdminClient } from '../../helpers/admin-client';
import { startAdminWorld, stopAdminWorld } from '../../helpers/admin-world';
import { getBookingDetailsBody } from '../../helpers/dfdg-calls';
import { createBookingBody, dfdgHeaders, envelope, soapAction } from '../../helpers/envelope';
import { UUID } from '../../helpers/fault-assertions';
import { indkaldelseDto, restCall, restHeaders } from '../../helpers/rest-calls';
import {
  caseworkerBooking,
  DAY,
  jobcenterCaseworker,
  otherJobcenterCaseworker,
  saveCitizen,
  type DfdgScenario,
} from '../../helpers/scenario-dfdg';
import { exchange, faultOf, soapHeaders, type RawResponse } from '../../helpers/soap-request';
import { clientTls } from '../../helpers/test-certificates';

const NOW = new Date('2026-03-02T09:00:00Z');
const START = new Date(NOW.getTime() + 7 * DAY).toISOString();

interface RuleView {
  id: string;
  match: Record<string, string>;
  effect: Record<string, unknown>;
  remaining: number | null;
  answered: number;
}
interface AuditRow {
  referenceId: string;
  operation: string | null;
  outcome: string;
  ruleId: string | null;
  detail: string | null;
}
interface JournalEntry {
  referenceId: string;
  status: number;
  outcome: string;
  ruleId: string | null;
  decisions: { ruleId: string; passed: boolean; why: string }[];
  response: string;
}

let emulator: RunningEmulator;
let dfdg: DfdgScenario;
let admin: AdminClient;
let cpr: string;
beforeAll(async () => {
  ({ emulator, dfdg, admin } = await startAdminWorld({ clockStart: NOW, clockFrozen: true }));
});
beforeEach(async () => {
  expect((await admin.delete('/admin/faults')).status).toBe(200);
  cpr = saveCitizen(emulator);
});
afterAll(() => stopAdminWorld({ emulator, dfdg }));

const addRule = async (rule: unknown): Promise<RuleView> => {
  const res = await admin.post<RuleView>('/admin/faults', rule);
  expect(res.status).toBe(201);
  expect(res.body.id).toMatch(UUID);
  return res.body;
};

const rules = async (): Promise<RuleView[]> =>
  (await admin.get<{ items: RuleView[] }>('/admin/faults')).body.items;

const createBooking = (forCpr = cpr, actor = jobcenterCaseworker): Promise<RawResponse> =>
  dfdg.createBooking(actor, caseworkerBooking(forCpr, START));

const bookingDetails = (id: string): Promise<RawResponse> =>
  dfdg.call(jobcenterCaseworker, 'BookingService', 'GetBookingDetails', getBookingDetailsBody(id));

const referenceOf = (res: RawResponse | { headers: RawResponse['headers'] }): string =>
  String(res.headers['x-servicerequestlogreferenceidentifier']);

const journalEntry = async (referenceId: string): Promise<JournalEntry> =>
  (await admin.get<JournalEntry>(`/admin/journal/${referenceId}`)).body;

const auditRow = async (referenceId: string): Promise<AuditRow | undefined> =>
  (await admin.get<{ items: AuditRow[] }>('/admin/audit?limit=1000')).body.items.find(
    (r) => r.referenceId === referenceId,
  );

/** The dashboard's call detail, as served to the browser: the line that names the injected fault. */
const dashboardLine = async (referenceId: string): Promise<string> => {
  const page = await (await fetch(`${emulator.adminUrl}/dashboard/calls/${referenceId}`)).text();
  return (
    /<p [^>]*data-testid="injected-fault"[^>]*>([\s\S]*?)<\/p>/
      .exec(page)?.[1]
      ?.replace(/\s+/g, ' ')
      .trim() ?? ''
  );
};

const injectedDecision = (entry: JournalEntry) => entry.decisions.find((d) => d.ruleId === 'INJECTED-FAULT');

describe('POST /admin/faults: a DFDG fault', () => {
  it('When a rule answers CreateBooking with 1011, then the caller gets the SOAP fault 1011, nothing is stored, and the journal and audit name the rule', async () => {
    const rule = await addRule({
      match: { operation: 'CreateBooking' },
      effect: { fault: { code: 1011 } },
      times: 1,
    });
    const res = await createBooking();
    const fault = faultOf(res);
    expect(fault).toMatchObject({
      faultcode: 'soap:Server',
      faultstring: 'Internal error on server',
      errorCode: 1011,
      source: 'INJECTED-FAULT',
    });
    expect(fault.innerException).toContain(rule.id);
    expect(emulator.store.bookings.listByCpr(cpr)).toEqual([]);
    const ref = referenceOf(res);
    expect(await auditRow(ref)).toMatchObject({ outcome: '1011', ruleId: 'INJECTED-FAULT' });
    expect((await auditRow(ref))?.detail).toContain(rule.id);
    const entry = await journalEntry(ref);
    expect({ outcome: entry.outcome, ruleId: entry.ruleId, status: entry.status }).toEqual({
      outcome: '1011',
      ruleId: 'INJECTED-FAULT',
      status: 500,
    });
    expect(injectedDecision(entry)).toMatchObject({
      passed: false,
      why: expect.stringContaining(rule.id) as string,
    });
    expect(await dashboardLine(ref)).toMatch(
      new RegExp(`^Answered by an injected fault \\(1011, not a DFDG rule\\): fault rule ${rule.id} `),
    );
    // Matched once the metadata was read (step 3), before the security model (step 4) judged it.
    expect(entry.decisions.map((d) => d.ruleId)).toEqual([
      'SEC-TLS',
      'SEC-CERT',
      'REQ-XML',
      'REQ-OP',
      'SEC-AO-PRESENT',
      'SEC-RUM-PRESENT',
      'INJECTED-FAULT',
    ]);
  });

  it('When a rule answers GetBookingDetails with 1100 twice, then two calls get 1100 and the third reads the booking', async () => {
    const id = await dfdg.createdBookingId(jobcenterCaseworker, caseworkerBooking(cpr, START));
    const rule = await addRule({
      match: { operation: 'GetBookingDetails' },
      effect: { fault: { code: 1100 } },
      times: 2,
    });
    const first = faultOf(await bookingDetails(id));
    expect(first).toMatchObject({
      errorCode: 1100,
      faultstring: 'An error has occurred',
      source: 'INJECTED-FAULT',
    });
    expect(await rules()).toEqual([{ ...rule, remaining: 1, answered: 1 }]);
    expect(faultOf(await bookingDetails(id)).errorCode).toBe(1100);
    expect(await rules()).toEqual([]);
    expect((await dfdg.bookingDetails(jobcenterCaseworker, id)).cpr).toBe(cpr);
  });
});

describe('POST /admin/faults: an HTTP status, a delay, a dropped connection', () => {
  it('When a rule answers GetBookingDetails with HTTP 503, then the caller gets 503 and text, and the audit row says so', async () => {
    const id = await dfdg.createdBookingId(jobcenterCaseworker, caseworkerBooking(cpr, START));
    const rule = await addRule({ match: { operation: 'GetBookingDetails' }, effect: { httpStatus: 503 } });
    const res = await bookingDetails(id);
    expect({ status: res.status, type: res.headers['content-type'] }).toEqual({
      status: 503,
      type: 'text/plain; charset=utf-8',
    });
    expect(res.body).toMatch(/^503 Service Unavailable: fault rule /);
    expect(await auditRow(referenceOf(res))).toMatchObject({
      operation: 'GetBookingDetails',
      outcome: '503',
      ruleId: 'INJECTED-FAULT',
    });
    // Without times, the rule stays until removed.
    expect((await bookingDetails(id)).status).toBe(503);
    expect((await admin.get('/admin/calls/count?operation=GetBookingDetails&outcome=503')).body).toEqual({
      count: 2,
    });
    expect((await admin.delete<RuleView>(`/admin/faults/${rule.id}`)).body).toMatchObject({
      id: rule.id,
      remaining: null,
      answered: 2,
    });
    expect((await bookingDetails(id)).status).toBe(200);
  });

  it('When a rule delays CreateBooking, then the call is answered as usual and the journal records the delay', async () => {
    const rule = await addRule({ match: { operation: 'CreateBooking' }, effect: { delayMs: 200 }, times: 1 });
    const res = await createBooking();
    expect(res.status).toBe(200);
    expect(emulator.store.bookings.listByCpr(cpr)).toHaveLength(1);
    const entry = await journalEntry(referenceOf(res));
    expect(entry.outcome).toBe('ok');
    expect(injectedDecision(entry)).toEqual({
      ruleId: 'INJECTED-FAULT',
      passed: true,
      why: expect.stringContaining(`fault rule ${rule.id}`) as string,
      kind: 'dfdg',
      warning: false,
    });
    expect(injectedDecision(entry)?.why).toContain('delayed 200 ms');
    expect(await dashboardLine(entry.referenceId)).toContain(`Delayed on demand: fault rule ${rule.id}`);
    // The call went on through every later step after the delay.
    expect(entry.decisions.map((d) => d.ruleId)).toEqual(
      expect.arrayContaining(['INJECTED-FAULT', 'SEC-AO-CERT', 'REQ-SCHEMA', 'CreateBooking']),
    );
  });

  it('When a rule drops CreateBooking, then the client sees the connection hang up, nothing is stored, and the server keeps serving', async () => {
    await addRule({ match: { operation: 'CreateBooking' }, effect: { drop: true }, times: 1 });
    const sent = exchange(
      `${emulator.soapUrl}/BookingService`,
      envelope(
        createBookingBody(caseworkerBooking(cpr, START)),
        dfdgHeaders(jobcenterCaseworker.ao, jobcenterCaseworker.user),
      ),
      {
        ...clientTls('8-75100'),
        agent: false,
        headers: soapHeaders(soapAction('BookingService', 'CreateBooking')),
      },
    );
    await expect(sent).rejects.toMatchObject({ code: 'ECONNRESET', message: 'socket hang up' });
    expect(emulator.store.bookings.listByCpr(cpr)).toEqual([]);
    const audit = (await admin.get<{ items: AuditRow[] }>(`/admin/audit?cpr=${cpr}`)).body.items;
    expect(audit).toEqual([
      expect.objectContaining({ operation: 'CreateBooking', outcome: 'dropped', ruleId: 'INJECTED-FAULT' }),
    ]);
    expect((await journalEntry(audit[0]?.referenceId ?? '')).status).toBe(0);
    expect((await admin.get(`/admin/calls/count?cpr=${cpr}&outcome=dropped`)).body).toEqual({ count: 1 });
    expect((await createBooking()).status).toBe(200);
  });
});

describe('POST /admin/faults: matching', () => {
  it('When a rule matches an organisation, then a call as another organisation is untouched and one as it is answered by the rule', async () => {
    const kobenhavnCpr = saveCitizen(emulator, [], { jobcenter: '10100', kommune: '101' });
    await addRule({ match: { organisation: '8:10100' }, effect: { fault: { code: 1011 } } });
    expect((await createBooking()).status).toBe(200);
    expect(faultOf(await createBooking(kobenhavnCpr, otherJobcenterCaseworker)).source).toBe(
      'INJECTED-FAULT',
    );
  });

  it('When a rule matches a CPR, then a call about another citizen is untouched, and one about the citizen, by CPR or by booking, is answered by the rule', async () => {
    const other = saveCitizen(emulator);
    const id = await dfdg.createdBookingId(jobcenterCaseworker, caseworkerBooking(cpr, START));
    await addRule({ match: { cpr }, effect: { fault: { code: 1011 } } });
    expect((await createBooking(other)).status).toBe(200);
    expect(faultOf(await createBooking()).source).toBe('INJECTED-FAULT');
    expect(faultOf(await bookingDetails(id)).source).toBe('INJECTED-FAULT');
    expect(emulator.store.bookings.listByCpr(cpr)).toHaveLength(1);
  });

  it('When several rules match, then the newest answers', async () => {
    await addRule({ effect: { fault: { code: 1011 } } });
    await addRule({ match: { operation: 'CreateBooking' }, effect: { fault: { code: 1100 } }, times: 1 });
    expect(faultOf(await createBooking()).errorCode).toBe(1100);
    expect(faultOf(await createBooking()).errorCode).toBe(1011);
  });
});

describe('Kontaktforloeb.IndkaldelseService (REST)', () => {
  it('When a rule answers CreateIndkaldelse with 1011, then the caller gets HTTP 500 with the JSON error body and nothing is stored', async () => {
    await addRule({
      match: { service: 'Kontaktforloeb.IndkaldelseService', operation: 'CreateIndkaldelse' },
      effect: { fault: { code: 1011 } },
      times: 1,
    });
    const id = randomUUID();
    const res = await restCall(emulator.soapUrl, 'POST', `/v2/Indkaldelse/${id}`, {
      headers: restHeaders(jobcenterCaseworker, cpr),
      body: indkaldelseDto('2026-03-09T10:00:00+01:00'),
    });
    expect({ status: res.status, rule: res.headers['x-dfdg-rule'] }).toEqual({
      status: 500,
      rule: 'INJECTED-FAULT',
    });
    expect(res.json).toMatchObject({
      fejlkode: 1011,
      fejltekst: 'Internal error on server',
      serviceRequestLogReferenceIdentifier: referenceOf(res),
    });
    expect(emulator.store.bookings.find(id)).toBeUndefined();
    expect(await auditRow(referenceOf(res))).toMatchObject({ outcome: '1011', ruleId: 'INJECTED-FAULT' });
  });
  it('When a rule answers GetIndkaldelser with HTTP 503 once, then that read gets 503 and text, and the next one the meetings', async () => {
    await addRule({ match: { operation: 'GetIndkaldelser' }, effect: { httpStatus: 503 }, times: 1 });
    const read = () =>
      restCall(emulator.soapUrl, 'GET', '/v2/Indkaldelse', {
        headers: restHeaders(jobcenterCaseworker, cpr),
      });
    const refused = await read();
    expect({ status: refused.status, type: refused.headers['content-type'] }).toEqual({
      status: 503,
      type: 'text/plain; charset=utf-8',
    });
    expect(await auditRow(referenceOf(refused))).toMatchObject({ outcome: '503', ruleId: 'INJECTED-FAULT' });
    expect((await read()).status).toBe(200);
  });
});

describe('GET, DELETE and reset', () => {
  it('When rules are listed, removed one by one or all at once, then the list says what is in force', async () => {
    const a = await addRule({
      match: { operation: 'CreateBooking', organisation: '8:75100', cpr },
      effect: { delayMs: 5 },
      times: 3,
    });
    const b = await addRule({ effect: { httpStatus: 502 } });
    expect(await rules()).toEqual([
      { id: b.id, match: {}, effect: { httpStatus: 502 }, remaining: null, answered: 0 },
      {
        id: a.id,
        match: { operation: 'CreateBooking', organisation: '8:75100', cpr },
        effect: { delayMs: 5 },
        remaining: 3,
        answered: 0,
      },
    ]);
    expect((await admin.delete(`/admin/faults/${a.id}`)).status).toBe(200);
    expectProblem(await admin.delete(`/admin/faults/${a.id}`), 404);
    expect((await admin.delete('/admin/faults')).body).toEqual({ removed: 1 });
    expect(await rules()).toEqual([]);
  });

  it('When the emulator is reset, then its fault rules are gone and calls are answered as usual', async () => {
    await addRule({ effect: { fault: { code: 1011 } } });
    expect((await admin.post('/admin/reset')).status).toBe(200);
    expect(await rules()).toEqual([]);
    // The reset put the clock back to real time: the test's bookings are on its frozen clock.
    expect((await admin.put('/admin/clock', { now: NOW.toISOString(), frozen: true })).status).toBe(200);
    expect((await createBooking(saveCitizen(emulator))).status).toBe(200);
  });
});

describe('POST /admin/faults: bad input', () => {
  it.each<[string, unknown, string[]]>([
    ['a code no table has', { effect: { fault: { code: 9999 } } }, ['body.effect.fault.code']],
    ['two effects', { effect: { httpStatus: 503, delayMs: 10 } }, ['body.effect']],
    ['no effect', { match: { operation: 'CreateBooking' } }, ['body.effect']],
    ['a success status', { effect: { httpStatus: 200 } }, ['body.effect.httpStatus']],
    ['a delay of ten minutes', { effect: { delayMs: 600_000 } }, ['body.effect.delayMs']],
    ['drop false', { effect: { drop: false } }, ['body.effect.drop']],
    ['times 0', { effect: { drop: true }, times: 0 }, ['body.times']],
    [
      'a misspelt operation',
      { match: { operation: 'CreateBookng' }, effect: { drop: true } },
      ['body.match.operation'],
    ],
    [
      'an organisation as an object',
      { match: { organisation: { type: 8, code: '75100' } }, effect: { drop: true } },
      ['body.match.organisation'],
    ],
    ['a malformed CPR', { match: { cpr: '123' }, effect: { drop: true } }, ['body.match.cpr']],
    ['an unknown field', { effect: { drop: true }, when: 'now' }, ['body.when']],
  ])(
    'When a rule is posted with %s, then it is a 400 problem naming the field and no rule is added',
    async (_name, body, paths) => {
      expect(errorPaths(expectProblem(await admin.post('/admin/faults', body), 400))).toEqual(paths);
      expect(await rules()).toEqual([]);
    },
  );
});
