/**
 * REST.md §6: the OpenAPI document served at /v2/Indkaldelse/openapi.json with the certificate alone
 * (none of the DTO headers), and the same document at /admin/openapi/indkaldelse.json for tools
 * without a certificate; both written from the route table the requests are validated against.
 */
import type { RunningEmulator } from '../../../src/emulator';
import { restOpenApiDocument } from '../../../src/rest/openapi';
import { adminClient } from '../../helpers/admin-client';
import { startTestEmulator } from '../../helpers/emulator';
import { restCall } from '../../helpers/rest-calls';

let emulator: RunningEmulator;

beforeAll(async () => {
  emulator = await startTestEmulator();
});
afterAll(async () => {
  await emulator.stop();
});

it('When a registered certificate asks for openapi.json without the DTO headers, then it gets the OpenAPI 3.1 document', async () => {
  const res = await restCall(emulator.soapUrl, 'GET', '/v2/Indkaldelse/openapi.json', { cert: '8-75100' });
  expect(res.status).toBe(200);
  expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
  expect(res.json).toEqual(restOpenApiDocument());
  expect(res.json).toMatchObject({ openapi: expect.stringMatching(/^3\.1\./) as unknown });
});

it('When no certificate is presented, then openapi.json is refused (401)', async () => {
  const res = await restCall(emulator.soapUrl, 'GET', '/v2/Indkaldelse/openapi.json', { cert: null });
  expect(res.status).toBe(401);
});

it('When the admin API is asked for the document, then it is the one the service serves', async () => {
  const res = await adminClient(emulator.adminUrl).get('/admin/openapi/indkaldelse.json');
  expect(res.status).toBe(200);
  expect(res.body).toEqual(restOpenApiDocument());
});
