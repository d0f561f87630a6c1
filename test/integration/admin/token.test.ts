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
