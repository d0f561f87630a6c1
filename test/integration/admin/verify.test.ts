import type { RunningEmulator } from '../../../src/emulator';
import { errorPaths, expectProblem, type AdminClient } from '../../helpers/admin-client';
import { startAdminWorld, stopAdminWorld } from '../../helpers/admin-world';
import { caseworker } from '../../helpers/envelope';
import {
  caseworkerBooking,
  DAY,
  jobcenterCaseworker,
  ORG,
  saveCitizen,
  type Actor,
  type DfdgScenario,
} from '../../helpers/scenario-dfdg';

/**
 * Verification for a CI job (GET /admin/calls/count, POST /admin/verify): counted from the audit log
 * of real calls over mutual TLS, answered over the real admin port.
 */
const NOW = new Date('2026-03-02T09:00:00Z');
const LATER = new Date('2026-03-02T10:00:00Z');
/** The citizen every CreateBooking is about (15 July 1980). */
const CPR = '1507809999';

/** A Copenhagen caseworker sent through jobcenter Aarhus's certificate and ActiveOrganisation: 4413. */
const borrowedIdentity: Actor = {
  ...jobcenterCaseworker,
  user: caseworker(ORG.jobcenterKobenhavn, 'Sofie Holm'),
};

interface Result {
  expectation: string;
  expected: string;
  seen: number;
  met: boolean;
  seenByOutcome: { outcome: string; ruleId: string | null; count: number }[];
}

let emulator: RunningEmulator;
let dfdg: DfdgScenario;
let admin: AdminClient;
beforeAll(async () => {
  ({ emulator, dfdg, admin } = await startAdminWorld({ clockStart: NOW, clockFrozen: true }));
  saveCitizen(emulator, [], { cpr: CPR });
  const booking = () => caseworkerBooking(CPR, new Date(NOW.getTime() + 7 * DAY).toISOString());
  // At NOW: one CreateBooking accepted, two refused (SEC-JOBCENTER); at LATER: one more accepted.
  expect((await dfdg.createBooking(jobcenterCaseworker, booking())).status).toBe(200);
  expect((await dfdg.createBooking(borrowedIdentity, booking())).status).toBe(500);
  expect((await dfdg.createBooking(borrowedIdentity, booking())).status).toBe(500);
  await admin.put('/admin/clock', { now: LATER.toISOString() });
  expect((await dfdg.createBooking(jobcenterCaseworker, booking())).status).toBe(200);
  expect((await dfdg.interviewTypes('8-75100')).status).toBe(200);
});
afterAll(() => stopAdminWorld({ emulator, dfdg }));

describe('GET /admin/calls/count', () => {
  it.each<[string, string, number]>([
    ['nothing', '', 5],
    ['the operation', 'operation=CreateBooking', 4],
    ['the operation and outcome ok', 'operation=CreateBooking&outcome=ok', 2],
    ['any fault', 'outcome=fault', 2],
    ['a fault code', 'outcome=4413', 2],
    ['another fault code', 'outcome=5102', 0],
    ['the service', 'service=CodelistService', 1],
    ['the organisation', 'organisation=8:75100&operation=CreateBooking', 4],
    ['another organisation', 'organisation=8:10100', 0],
    ['the CPR', `cpr=${CPR}`, 4],
    ['since the clock moved on', `since=${encodeURIComponent('2026-03-02T11:00:00+01:00')}`, 2],
  ])(
    'When the calls are counted by %s, then the number of matching calls comes back',
    async (_name, query, count) => {
      const res = await admin.get(`/admin/calls/count?${query}`);
      expect({ status: res.status, body: res.body }).toEqual({ status: 200, body: { count } });
    },
  );

  it.each<[string, string, string[]]>([
    ['a misspelt operation', 'operation=CreateBookng', ['query.operation']],
    ['an unknown service and outcome', 'service=Booking&outcome=failed', ['query.outcome', 'query.service']],
    ['a time without an offset', 'since=2026-03-02T10:00:00', ['query.since']],
    ['an unknown filter', 'user=x', ['query.user']],
  ])('When the calls are counted with %s, then 400 names it', async (_name, query, paths) => {
    expect(errorPaths(expectProblem(await admin.get(`/admin/calls/count?${query}`), 400))).toEqual(paths);
  });
});

describe('POST /admin/verify', () => {
  it('When every expectation of a list is met, then 200 with each result', async () => {
    const res = await admin.post<{ met: boolean; results: Result[] }>('/admin/verify', [
      { operation: 'CreateBooking', outcome: 'ok', count: { atLeast: 1 } },
      { operation: 'CreateBooking', outcome: '4413', count: { exactly: 2 } },
      { service: 'PersonStatusService', count: { atMost: 0 } },
      { operation: 'GetInterviewTypes' },
      { cpr: CPR, count: { atLeast: 3, atMost: 4 } },
    ]);
    expect(res.status).toBe(200);
    expect(res.body.met).toBe(true);
    expect(res.body.results.map((r) => [r.expected, r.seen, r.met])).toEqual([
      ['at least 1', 2, true],
      ['exactly 2', 2, true],
      ['at most 0', 0, true],
      ['at least 1', 1, true],
      ['between 3 and 4', 4, true],
    ]);
  });

  it('When an expectation is not met, then 417 with what was expected and what was seen instead, per expectation', async () => {
    const res = await admin.post<{ results: Result[]; errors: { path: string; message: string }[] }>(
      '/admin/verify',
      {
        expectations: [
          { operation: 'CreateBooking', outcome: 'ok', count: { exactly: 2 } },
          { operation: 'CreateBooking', outcome: 'ok', organisation: '8:75100', count: { atLeast: 3 } },
          { operation: 'CreateBooking', outcome: 'fault', count: { atMost: 0 } },
        ],
      },
    );
    const problem = expectProblem(res, 417);
    expect(problem.title).toBe('Expectation Failed');
    expect(problem.detail).toMatch(/^2 of 3 expectation\(s\) not met: expected at least 3 of /);
    expect(problem.errors).toEqual([
      {
        path: 'body.expectations.1',
        message:
          'expected at least 3 of CreateBooking, outcome ok, organisation 8:75100; saw 2 (by outcome: 4413 SEC-JOBCENTER ×2, ok ×2)',
      },
      {
        path: 'body.expectations.2',
        message:
          'expected at most 0 of CreateBooking, outcome fault; saw 2 (by outcome: 4413 SEC-JOBCENTER ×2, ok ×2)',
      },
    ]);
    expect(res.body.results.map((r) => r.met)).toEqual([true, false, false]);
    expect(res.body.results[1]).toEqual({
      expectation: 'CreateBooking, outcome ok, organisation 8:75100',
      expected: 'at least 3',
      seen: 2,
      met: false,
      seenByOutcome: [
        { outcome: '4413', ruleId: 'SEC-JOBCENTER', count: 2 },
        { outcome: 'ok', ruleId: null, count: 2 },
      ],
    });
  });

  it("When the list's since is given, then every expectation counts the calls from then on", async () => {
    const res = await admin.post<{ results: Result[] }>('/admin/verify', {
      since: '2026-03-02T11:00:00+01:00',
      expectations: [
        { operation: 'CreateBooking', count: { exactly: 1 } },
        { outcome: 'fault', count: { exactly: 0 } },
      ],
    });
    expect(res.status).toBe(200);
    expect(res.body.results.map((r) => r.seen)).toEqual([1, 0]);
  });

  it("When an expectation's own since is given, then it wins over the list's", async () => {
    const res = await admin.post<{ results: Result[] }>('/admin/verify', {
      since: '2026-03-02T12:00:00+01:00',
      expectations: [{ operation: 'CreateBooking', since: '2026-03-02T09:00:00Z', count: { exactly: 4 } }],
    });
    expect({ status: res.status, seen: res.body.results[0]?.seen }).toEqual({ status: 200, seen: 4 });
  });

  it.each<[string, unknown, string[]]>([
    ['no expectation', [], ['body']],
    ['a misspelt operation', [{ operation: 'CreateBookng' }], ['body.0.operation']],
    ['exactly with atLeast', [{ count: { exactly: 1, atLeast: 1 } }], ['body.0.count']],
    [
      'atLeast over atMost',
      { expectations: [{ count: { atLeast: 3, atMost: 1 } }] },
      ['body.expectations.0.count'],
    ],
    ['an empty count', [{ count: {} }], ['body.0.count']],
    ['a negative count', [{ count: { atLeast: -1 } }], ['body.0.count.atLeast']],
    ['an unknown field', [{ operation: 'CreateBooking', times: 1 }], ['body.0.times']],
    ['expectations that are no list', { expectations: 'all' }, ['body.expectations']],
  ])('When the expectations hold %s, then 400 names the field', async (_name, body, paths) => {
    expect(errorPaths(expectProblem(await admin.post('/admin/verify', body), 400))).toEqual(paths);
  });
});
