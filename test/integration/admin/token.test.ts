import type { RunningEmulator } from '../../../src/emulator';
import { adminClient, expectProblem } from '../../helpers/admin-client';
import { startTestEmulator } from '../../helpers/emulator';

let emulator: RunningEmulator;
beforeAll(async () => {
  emulator = await startTestEmulator({ adminToken: 'secret' });
});
afterAll(() => emulator.stop());

it('When the admin API has a token and a call brings none, then 401 problem and nothing changes', async () => {
  const problem = expectProblem(
    await adminClient(emulator.adminUrl).put('/admin/clock', { frozen: true }),
    401,
  );
  expect(problem.detail).toContain('Authorization: Bearer');
  expect(emulator.clock.frozen).toBe(false);
});

it('When a call brings the wrong token, then 401 problem', async () => {
  expectProblem(await adminClient(emulator.adminUrl, 'guess').get('/admin/health'), 401);
});

it('When a call brings the token, then it is served', async () => {
  const admin = adminClient(emulator.adminUrl, 'secret');
  expect((await admin.get('/admin/health')).body).toMatchObject({ status: 'ok', soapUrl: emulator.soapUrl });
  expect((await admin.put('/admin/clock', { frozen: true })).status).toBe(200);
  expect(emulator.clock.frozen).toBe(true);
});

it('When the API has a token, then its OpenAPI document says every call needs the bearer token', async () => {
  const doc = (
    await adminClient(emulator.adminUrl, 'secret').get<{ security?: unknown }>('/admin/openapi.json')
  ).body;
  expect(doc.security).toEqual([{ bearer: [] }]);
});

it('When a person opens the dashboard as /?token=<token>, then a cookie lets the page and its API calls in', async () => {
  const wrong = await fetch(`${emulator.adminUrl}/?token=guess`, { redirect: 'manual' });
  expect(wrong.status).toBe(401);
  const opened = await fetch(`${emulator.adminUrl}/?token=secret`, { redirect: 'manual' });
  expect(opened.status).toBe(303);
  const cookie = opened.headers.get('set-cookie') ?? '';
  expect(cookie).toContain('HttpOnly');
  const cookieHeader = cookie.split(';')[0] ?? '';
  const page = await fetch(`${emulator.adminUrl}/`, { headers: { cookie: cookieHeader } });
  expect(page.status).toBe(200);
  const health = await fetch(`${emulator.adminUrl}/admin/health`, { headers: { cookie: cookieHeader } });
  expect(health.status).toBe(200);
});
