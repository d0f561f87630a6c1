import { ADMIN_ROUTES } from '../../../src/admin/admin.routes';
import { openApiPath } from '../../../src/admin/openapi';
import type { RunningEmulator } from '../../../src/emulator';
import { adminClient, expectProblem, type AdminClient } from '../../helpers/admin-client';
import { startTestEmulator } from '../../helpers/emulator';

interface Operation {
  operationId: string;
  parameters?: Array<{ name: string; in: string; required: boolean }>;
  requestBody?: unknown;
  responses: Record<string, { content?: Record<string, { schema: unknown }> }>;
}
interface OpenApi {
  openapi: string;
  info: { version: string };
  paths: Record<string, Record<string, Operation>>;
}

let emulator: RunningEmulator;
let admin: AdminClient;
let doc: OpenApi;
beforeAll(async () => {
  emulator = await startTestEmulator();
  admin = adminClient(emulator.adminUrl);
  const res = await admin.get<OpenApi>('/admin/openapi.json');
  expect(res.status).toBe(200);
  doc = res.body;
});
afterAll(() => emulator.stop());

const documented = (): string[] =>
  Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((method) => `${method} ${path}`));

it('When the OpenAPI document is read, then it is OpenAPI 3.1 with every route of the table, and nothing else', () => {
  expect(doc.openapi).toBe('3.1.0');
  const routes = ADMIN_ROUTES.map((r) => `${r.method} ${openApiPath(r.path)}`);
  expect(documented().sort()).toEqual([...routes].sort());
});

it('When a route is documented, then it has a unique operation id and a JSON answer with a schema', () => {
  const ops = Object.values(doc.paths).flatMap((o) => Object.values(o));
  expect(new Set(ops.map((o) => o.operationId)).size).toBe(ops.length);
  for (const op of ops) {
    const success = Object.entries(op.responses).filter(([status]) => status.startsWith('2'));
    expect([
      op.operationId,
      success.map(([, r]) => Boolean(r.content?.['application/json']?.schema)),
    ]).toEqual([op.operationId, [true]]);
  }
});

it('When a route takes input, then its parameters are documented and a 400 problem is too', () => {
  for (const route of ADMIN_ROUTES) {
    const op = doc.paths[openApiPath(route.path)]?.[route.method];
    const pathParams = [...route.path.matchAll(/:(\w+)/g)].map((m) => m[1]);
    expect(op?.parameters?.filter((p) => p.in === 'path').map((p) => p.name) ?? []).toEqual(pathParams);
    if (route.schemas?.params || route.schemas?.query || route.schemas?.body) {
      expect([route.path, Object.keys(op?.responses ?? {})]).toEqual([
        route.path,
        expect.arrayContaining(['400']),
      ]);
    }
  }
  const audit = doc.paths['/admin/audit']?.['get'];
  expect(audit?.parameters?.map((p) => `${p.name}${p.required ? '!' : ''}`).sort()).toEqual(
    ['before', 'cpr', 'from', 'limit', 'operation', 'organisation', 'outcome', 'service', 'to'].sort(),
  );
  expect(doc.paths['/admin/bookings']?.['get']?.parameters).toEqual([
    expect.objectContaining({ name: 'cpr', in: 'query', required: true }),
  ]);
  expect(doc.paths['/admin/clock']?.['put']?.requestBody).toBeDefined();
});

it('When a path under /admin is not a route, then 404 problem that points at the OpenAPI document', async () => {
  const problem = expectProblem(await admin.get('/admin/nothing-here'), 404);
  expect(problem.detail).toContain('/admin/openapi.json');
  expectProblem(await admin.raw('DELETE', '/admin/clock', '', 'application/json'), 404);
});
