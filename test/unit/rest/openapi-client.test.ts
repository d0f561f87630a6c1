import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../../src/project-root';
import { compileStrict } from '../../helpers/strict-tsc';

/**
 * A client generated from the committed document with a generator that installs from npm
 * (openapi-typescript, with openapi-fetch), type-checked: it compiles where it calls the service as
 * REST.md describes, and does not where it sends what the document refuses.
 */
const OUTPUT = join(PROJECT_ROOT, 'test-output');
let dir: string;

beforeAll(() => {
  mkdirSync(OUTPUT, { recursive: true });
  dir = mkdtempSync(join(OUTPUT, 'rest-client-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const CLIENT = `import createClient from 'openapi-fetch';
import type { components, paths } from './indkaldelse-v2.js';

const client = createClient<paths>({ baseUrl: 'https://localhost:8443' });
const headers = {
  'X-ActiveOrganisation': JSON.stringify({ organisationType: 8, organisationCode: '75100' }),
  'X-RequestUserMetadata': JSON.stringify({}),
  'x-civilregistrationIdentifier': '0101901234',
};
export const meeting: components['schemas']['IndkaldelseDto'] = {
  moedeStarttidspunkt: '2026-03-02T10:00:00+01:00',
  samtaleType: 7,
  moedeGruppeType: 1,
  afholdelsesform: 1,
  moedepligt: true,
  ombookingMulig: false,
  aflysningMulig: false,
  moedeOrganisation: { organisationType: 8, organisationCode: '75100' },
};
export const createAndRead = async (id: string): Promise<string> => {
  const created = await client.POST('/v2/Indkaldelse/{indkaldelseId}', {
    params: { path: { indkaldelseId: id }, header: { ...headers, 'x-requestId': id } },
    body: meeting,
  });
  if (created.error) return \`\${created.error.fejlkode} \${created.error.fejltekst}\`;
  const read = await client.GET('/v2/Indkaldelse/{indkaldelseId}', {
    params: { path: { indkaldelseId: created.data.indkaldelseId }, header: headers },
  });
  if (read.error) return String(read.error.felter?.map((f) => f.felt));
  const status: 'Aktiv' | 'Aflyst' = read.data.status;
  const list = await client.GET('/v2/Indkaldelse', {
    params: { query: { periodeStart: '2026-03-01T00:00:00' }, header: headers },
  });
  return \`\${status} \${read.data.moedeSluttidspunkt} \${list.data?.indkaldelser.length ?? 0}\`;
};
`;

/** Each line a mistake the generated types must catch, by the line the compiler reports it on. */
const MISTAKES = `import createClient from 'openapi-fetch';
import type { paths } from './indkaldelse-v2.js';
import { meeting } from './client.mjs';

const client = createClient<paths>({ baseUrl: 'https://localhost:8443' });
const header = { 'X-ActiveOrganisation': '', 'X-RequestUserMetadata': '', 'x-civilregistrationIdentifier': '' };
export const mistakes = [
  client.POST('/v2/Indkaldelse/{indkaldelseId}', { params: { path: { indkaldelseId: 'a' }, header: { ...header, 'x-requestId': 'a' } }, body: { ...meeting, samtaleType: 'syv' } }),
  client.PUT('/v2/Indkaldelse/{indkaldelseId}', { params: { path: { indkaldelseId: 'a' }, header }, body: meeting }),
  client.GET('/v2/Indkaldelse/{indkaldelseId}', { params: { path: { indkaldelseId: 'a' }, header: {} } }),
  client.PATCH('/v2/Indkaldelse/{indkaldelseId}', {}),
];
`;

it('When a client is generated from openapi/indkaldelse-v2.json, then a create and a read type-check and mistakes do not', () => {
  execFileSync(process.execPath, [
    join(PROJECT_ROOT, 'node_modules', 'openapi-typescript', 'bin', 'cli.js'),
    join(PROJECT_ROOT, 'openapi', 'indkaldelse-v2.json'),
    '--output',
    join(dir, 'indkaldelse-v2.d.ts'),
    '--silent',
  ]);
  writeFileSync(join(dir, 'client.mts'), CLIENT);
  writeFileSync(join(dir, 'mistakes.mts'), MISTAKES);
  const tscOutput = compileStrict([join(dir, 'client.mts'), join(dir, 'mistakes.mts')], { emit: false });
  const errorLines = tscOutput
    .split('\n')
    .filter((line) => line.includes('error TS'))
    .map((line) => /([\w-]+\.mts)\((\d+),/.exec(line)?.slice(1, 3).join(':') ?? line);
  // The wrong type (line 8), the missing x-requestId of a write (9), the missing DTO headers (10),
  // and a method the document does not have (11); nothing in the client.
  expect([...new Set(errorLines)].sort()).toEqual([
    'mistakes.mts:10',
    'mistakes.mts:11',
    'mistakes.mts:8',
    'mistakes.mts:9',
  ]);
}, 60_000);
