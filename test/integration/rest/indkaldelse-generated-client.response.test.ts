/**
 * REST.md §6: a client generated from the document the emulator serves (openapi-typescript for the
 * types, openapi-fetch for the calls, undici for mutual TLS), compiled strictly and run as a vendor
 * would run it: it creates a meeting and reads it back over the emulator's port.
 */
import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RunningEmulator } from '../../../src/emulator';
import { PROJECT_ROOT } from '../../../src/project-root';
import { startTestEmulator } from '../../helpers/emulator';
import { aoHeader, restCall, rumHeader } from '../../helpers/rest-calls';
import { jobcenterCaseworker, saveCitizen } from '../../helpers/scenario-dfdg';
import { compileStrict } from '../../helpers/strict-tsc';
import { clientTls } from '../../helpers/test-certificates';

const OUTPUT = join(PROJECT_ROOT, 'test-output');
const execFileAsync = promisify(execFile);
let dir: string;
let emulator: RunningEmulator;

beforeAll(async () => {
  mkdirSync(OUTPUT, { recursive: true });
  dir = mkdtempSync(join(OUTPUT, 'rest-live-client-'));
  emulator = await startTestEmulator({ clockStart: new Date('2026-11-23T09:00:00Z'), clockFrozen: true });
});
afterAll(async () => {
  await emulator.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** The vendor's client: every value it sends comes from the environment, its types from the document. */
const CLIENT = `import createClient from 'openapi-fetch';
import { Agent, fetch, Request } from 'undici';
import type { paths } from './indkaldelse-v2.js';

const env = (name: string): string => process.env[name] ?? '';
const dispatcher = new Agent({ connect: { ca: env('CA'), cert: env('CERT'), key: env('KEY') } });
const client = createClient<paths>({
  baseUrl: env('BASE_URL'),
  Request: Request as unknown as typeof globalThis.Request,
  fetch: ((request: Request) => fetch(request, { dispatcher })) as unknown as typeof globalThis.fetch,
});
const header = {
  'X-ActiveOrganisation': env('AO'),
  'X-RequestUserMetadata': env('RUM'),
  'x-civilregistrationIdentifier': env('CPR'),
};
const id = env('ID');
const created = await client.POST('/v2/Indkaldelse/{indkaldelseId}', {
  params: { path: { indkaldelseId: id }, header: { ...header, 'x-requestId': id } },
  body: {
    moedeStarttidspunkt: '2026-12-01T10:00:00+01:00',
    moedeVarighed: 30,
    samtaleType: 7,
    moedeGruppeType: 1,
    afholdelsesform: 1,
    moedepligt: true,
    ombookingMulig: false,
    aflysningMulig: true,
    moedeOrganisation: { organisationType: 8, organisationCode: '75100' },
  },
});
const read = await client.GET('/v2/Indkaldelse/{indkaldelseId}', {
  params: { path: { indkaldelseId: id }, header },
});
console.log(JSON.stringify({
  created: created.response.status,
  createdId: created.data?.indkaldelseId,
  read: read.response.status,
  status: read.data?.status,
  varighed: read.data?.moedeVarighed,
}));
await dispatcher.close();
`;

it('When a vendor generates a client from the served document, then it creates a meeting and reads it back over mutual TLS', async () => {
  const served = await restCall(emulator.soapUrl, 'GET', '/v2/Indkaldelse/openapi.json');
  expect(served.status).toBe(200);
  writeFileSync(join(dir, 'indkaldelse-v2.json'), served.text);
  execFileSync(process.execPath, [
    join(PROJECT_ROOT, 'node_modules', 'openapi-typescript', 'bin', 'cli.js'),
    join(dir, 'indkaldelse-v2.json'),
    '--output',
    join(dir, 'indkaldelse-v2.d.ts'),
    '--silent',
  ]);
  writeFileSync(join(dir, 'client.mts'), CLIENT);
  const tscOutput = compileStrict([join(dir, 'client.mts')], { emit: true });
  expect(tscOutput).toBe('');

  const cpr = saveCitizen(emulator);
  const id = randomUUID();
  const tls = clientTls('8-75100');
  // Asynchronously: the emulator answering it runs in this process.
  const run = await execFileAsync(process.execPath, [join(dir, 'client.mjs')], {
    encoding: 'utf8',
    cwd: PROJECT_ROOT,
    env: {
      ...process.env,
      NODE_PATH: join(PROJECT_ROOT, 'node_modules'),
      BASE_URL: emulator.soapUrl,
      CA: tls.ca,
      CERT: tls.cert,
      KEY: tls.key,
      AO: aoHeader(jobcenterCaseworker.ao),
      RUM: rumHeader(jobcenterCaseworker.user),
      CPR: cpr,
      ID: id,
    },
  });
  expect(run.stderr).toBe('');
  expect(JSON.parse(run.stdout)).toEqual({
    created: 201,
    createdId: id,
    read: 200,
    status: 'Aktiv',
    varighed: 30,
  });
  expect(emulator.store.bookings.find(id)?.cpr).toBe(cpr);
}, 60_000);
