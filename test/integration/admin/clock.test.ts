import type { RunningEmulator } from '../../../src/emulator';
import { adminClient, errorPaths, expectProblem, type AdminClient } from '../../helpers/admin-client';
import { callSoap, getInterviewTypesBody } from '../../helpers/dfdg-calls';
import { startTestEmulator } from '../../helpers/emulator';
import { caseworker, dfdgHeaders } from '../../helpers/envelope';
import { ORG } from '../../helpers/scenario-dfdg';

interface Clock {
  now: string;
  frozen: boolean;
}

let emulator: RunningEmulator;
let admin: AdminClient;
beforeAll(async () => {
  emulator = await startTestEmulator();
  admin = adminClient(emulator.adminUrl);
});
beforeEach(() => emulator.clock.reset());
afterAll(() => emulator.stop());

it('When the clock is read, then it answers now in Copenhagen time with its offset, running', async () => {
  const res = await admin.get<Clock>('/admin/clock');
  expect(res.status).toBe(200);
  expect(res.body.now).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+0[12]:00$/);
  expect(Math.abs(new Date(res.body.now).getTime() - Date.now())).toBeLessThan(5000);
  expect(res.body.frozen).toBe(false);
});

it('When the clock is set and frozen in one PUT, then it stands at exactly that instant', async () => {
  const res = await admin.put<Clock>('/admin/clock', { now: '2026-03-02T10:00:00+01:00', frozen: true });
  expect(res.body).toEqual({ now: '2026-03-02T10:00:00.000+01:00', frozen: true });
  await new Promise((r) => setTimeout(r, 20));
  expect((await admin.get<Clock>('/admin/clock')).body).toEqual(res.body);
  expect(emulator.clock.now().toISOString()).toBe('2026-03-02T09:00:00.000Z');
});

it('When the clock is advanced by P7DT1S, then it moves 7 days and 1 second (days of 24 hours, across the change to summer time)', async () => {
  await admin.put('/admin/clock', { now: '2026-03-25T12:00:00Z', frozen: true });
  const res = await admin.put<Clock>('/admin/clock', { advance: 'P7DT1S' });
  expect(res.body).toEqual({ now: '2026-04-01T14:00:01.000+02:00', frozen: true });
});

it('When set, advanced and unfrozen in one PUT, then the clock runs on from the advanced time', async () => {
  const res = await admin.put<Clock>('/admin/clock', {
    now: '2026-01-01T00:00:00Z',
    advance: 'PT1H',
    frozen: false,
  });
  expect(res.body.frozen).toBe(false);
  const now = new Date(res.body.now).getTime();
  expect(now - Date.parse('2026-01-01T01:00:00Z')).toBeGreaterThanOrEqual(0);
  expect(now - Date.parse('2026-01-01T01:00:00Z')).toBeLessThan(5000);
});

it('When a negative duration is given, then the clock goes back', async () => {
  await admin.put('/admin/clock', { now: '2026-03-02T10:00:00+01:00', frozen: true });
  expect((await admin.put<Clock>('/admin/clock', { advance: '-P1D' })).body.now).toBe(
    '2026-03-01T10:00:00.000+01:00',
  );
});

it.each<[string, unknown, string[]]>([
  ['nothing to do', {}, ['body']],
  ['a time without an offset', { now: '2026-03-02T10:00:00' }, ['body.now']],
  ['a date that does not exist', { now: '2026-02-30T10:00:00Z' }, ['body.now']],
  ['a month (no fixed length)', { advance: 'P1M' }, ['body.advance']],
  ['not a duration', { advance: '7 days' }, ['body.advance']],
  ['frozen as a string', { frozen: 'yes' }, ['body.frozen']],
  ['an unknown field', { frozen: true, speed: 2 }, ['body.speed']],
  [
    'several bad fields',
    { now: 'soon', advance: 'P', frozen: 1 },
    ['body.advance', 'body.frozen', 'body.now'],
  ],
  ['a body that is not an object', [1, 2], ['body']],
  [
    'a year past 9999 (the last instant a JavaScript Date holds)',
    { now: '275760-09-13T00:00:00Z' },
    ['body.now'],
  ],
  ['a year before 1900', { now: '1899-12-31T23:59:59Z' }, ['body.now']],
  ['an advance past the year 9999', { advance: 'P99999999D' }, ['body.advance']],
  ['an advance back before 1900', { advance: '-P99999D' }, ['body.advance']],
  [
    'a time in range and an advance past it',
    { now: '9999-01-01T00:00:00Z', advance: 'P365D' },
    ['body.advance'],
  ],
])(
  'When PUT /admin/clock gets %s, then 400 naming the field and the clock is unchanged',
  async (_name, body, paths) => {
    await admin.put('/admin/clock', { now: '2026-03-02T10:00:00+01:00', frozen: true });
    const problem = expectProblem(await admin.put('/admin/clock', body), 400);
    expect(errorPaths(problem)).toEqual(paths);
    expect(problem.errors.every((e) => e.message.length > 0)).toBe(true);
    expect((await admin.get<Clock>('/admin/clock')).body.now).toBe('2026-03-02T10:00:00.000+01:00');
  },
);

it('When the body is not JSON, then a 4xx problem, not a 500', async () => {
  expectProblem(await admin.raw('PUT', '/admin/clock', '{"now": ', 'application/json'), 400);
  // Another content type is what a cross-site form sends (browser-guards.test.ts).
  expectProblem(await admin.raw('PUT', '/admin/clock', 'now=1', 'text/plain'), 415);
});

it('When the clock is asked to leave the years 1900..9999, then 400 naming the bound, and the clock, health and SOAP calls go on', async () => {
  for (const body of [{ advance: 'P99999999D' }, { now: '275760-09-13T00:00:00Z' }]) {
    const problem = expectProblem(await admin.put('/admin/clock', body), 400);
    expect(problem.errors.map((e) => e.message).join(' ')).toContain(
      '1900-01-01T00:00:00Z to 9999-12-31T00:00:00Z',
    );
  }
  expect((await admin.get<Clock>('/admin/clock')).status).toBe(200);
  expect((await admin.get('/admin/health')).status).toBe(200);
  const res = await callSoap(emulator.soapUrl, {
    service: 'CodelistService',
    operation: 'GetInterviewTypes',
    body: getInterviewTypesBody(),
    headers: dfdgHeaders(ORG.jobcenterAarhus, caseworker(ORG.jobcenterAarhus)),
  });
  expect(res.status).toBe(200);
});

it('When the clock is set to the first or last instant of its range, then it reads with a four-digit year', async () => {
  expect(
    (await admin.put<Clock>('/admin/clock', { now: '1900-01-01T00:00:00Z', frozen: true })).body,
  ).toEqual({
    now: '1900-01-01T01:00:00.000+01:00',
    frozen: true,
  });
  expect((await admin.put<Clock>('/admin/clock', { now: '9999-12-31T00:00:00Z' })).body).toEqual({
    now: '9999-12-31T01:00:00.000+01:00',
    frozen: true,
  });
});
