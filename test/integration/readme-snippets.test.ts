import { randomUUID } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RunningEmulator } from '../../src/emulator';
import { PROJECT_ROOT } from '../../src/project-root';
import { adminClient, type AdminClient } from '../helpers/admin-client';
import { ownCertDir, tempDir } from '../helpers/cli-run';
import { startTestEmulator } from '../helpers/emulator';
import { DEBIAN_PYTHON } from '../helpers/prerequisites';
import { runCommand, type CommandResult } from '../helpers/project-copy';
import { documentationSnippets, snippet } from '../helpers/readme-snippets';
import { builtServerMain, freePort } from '../robustness/support/server-process';

/**
 * Every code block of the README and docs/*.md is either run here, as they have it, against a real emulator
 * (mutual TLS, its own SQLite file, identity mode `either` so the WS-Security snippets are served
 * too), or named below with the reason it is not. The snippets run from a folder whose `certs` is
 * the emulator's certificate folder, so their relative paths hold; the only change made to them is
 * the documented ports (8443, 8080) becoming the test emulator's.
 */
const NOT_RUN: Record<string, string> = {
  'quick-start': '`npm ci` needs the registry (.ci/run runs it); npm-start.test.ts runs `npm start`',
  'test-prerequisites': 'installs Debian packages; readme.test.ts holds it to test/helpers/prerequisites.ts',
  'cli-synopsis': 'a synopsis with placeholders; test/integration/cli/ runs each command',
  'log-line': 'output; start.test.ts checks the logged fields',
  'journal-entry': 'output, abridged with …',
  'verify-failure':
    'output, abridged with …; the ci-verify test holds its detail to what the emulator prints',
  'ci-start':
    'clones and installs from the registry (what .ci/run does); its emulator start is npm-start.test.ts',
  'robustness-commands': 'run the robustness suite itself',
  'wcf-wss': '.NET Framework (WCF) is not part of the test environment',
  'cxf-wss': 'CXF and WSS4J are not part of the test environment',
  'cxf-wss-properties': 'CXF and WSS4J are not part of the test environment',
  'development-commands': 'the npm scripts .ci/run runs',
  'jest-example': 'library.test.ts runs it in a jest suite of its own, importing the package by its name',
  'start-banner': 'output; readme.test.ts holds it to what `start` prints in a terminal',
  'docs-tests': 'runs these very tests',
};

const RUN = [
  'curl-get-bookings',
  'request-xml',
  'zeep-first-call',
  'node-soap-first-call',
  'zeep-client',
  'zeep-calls',
  'node-soap',
  'admin-examples',
  'admin-problem',
  'faults-example',
  'try-it-script',
  'ci-check',
  'ci-verify',
  'audit-pages',
  'wss-sign-curl',
  'zeep-wss-client',
  'push-walkthrough',
  'rest-create-read',
] as const;

const snippets = documentationSnippets();
let emulator: RunningEmulator;
let admin: AdminClient;
let work: string;
let certDir: string;
let bin: string;

/** The README's snippet with the documented ports replaced by the test emulator's. */
const localised = (name: (typeof RUN)[number]): string =>
  snippet(name, snippets)
    .code.replaceAll('localhost:8443', `localhost:${new URL(emulator.soapUrl).port}`)
    .replaceAll('127.0.0.1:8080', `127.0.0.1:${new URL(emulator.adminUrl).port}`);

/** A clean environment: no CA bundle, proxy or DFDG_* variable of the machine changes what a snippet does. */
const env = (extra: Record<string, string> = {}): NodeJS.ProcessEnv => ({
  PATH: `${bin}:${process.env['PATH'] ?? ''}`,
  HOME: process.env['HOME'] ?? work,
  LANG: 'C.UTF-8',
  // Importing test/interop/zeep_wss_client.py must leave no __pycache__ in the project.
  PYTHONDONTWRITEBYTECODE: '1',
  ...extra,
});

const run = (
  command: string,
  args: readonly string[],
  extra: Record<string, string> = {},
): Promise<CommandResult> => runCommand(command, args, { cwd: work, env: env(extra), timeoutMs: 60_000 });

const bash = (script: string, extra: Record<string, string> = {}): Promise<CommandResult> =>
  run('bash', ['-euo', 'pipefail', '-c', script], extra);

/** Exit 0; otherwise the failure shows what the snippet wrote to stderr. */
const expectSuccess = (result: CommandResult): void =>
  expect({ code: result.code, stderr: result.code === 0 ? '' : result.stderr }).toEqual({
    code: 0,
    stderr: '',
  });

/** The booking a snippet printed (`created <id>`), as the emulator stored it: created by 8/75100's caseworker. */
const expectCreatedBooking = async (stdout: string): Promise<void> => {
  const id = /^created ([0-9a-f-]{36})$/m.exec(stdout)?.[1];
  expect({ stdout, id: typeof id }).toEqual({ stdout, id: 'string' });
  const stored = await admin.get<{ history: { change: string; activeOrganisation: unknown }[] }>(
    `/admin/bookings/${id ?? ''}`,
  );
  expect(stored.status).toBe(200);
  expect(stored.body.history[0]).toMatchObject({
    change: 'Created',
    activeOrganisation: { type: 8, code: '75100' },
  });
  expect(stdout).toMatch(/^status Active$/m);
};

const writeExecutable = (path: string, content: string): void => {
  writeFileSync(path, content);
  chmodSync(path, 0o755);
};

beforeAll(async () => {
  certDir = ownCertDir();
  emulator = await startTestEmulator({ certDir, identityMode: 'either' });
  admin = adminClient(emulator.adminUrl);
  work = tempDir();
  symlinkSync(certDir, join(work, 'certs'));
  writeFileSync(join(work, 'request.xml'), snippet('request-xml', snippets).code);
  // `dfdg-emulator` as installed: the compiled CLI.
  bin = join(work, 'bin');
  mkdirSync(bin);
  const cli = join(builtServerMain(), '..', 'cli.js');
  writeExecutable(join(bin, 'dfdg-emulator'), `#!/bin/sh\nexec '${process.execPath}' '${cli}' "$@"\n`);
}, 120_000);
afterAll(() => emulator.stop());
// Each snippet starts from the fixtures on real time (admin-examples freezes the clock in 2026).
beforeEach(async () => {
  expect((await admin.post('/admin/reset')).status).toBe(200);
});

it('When the README shows code, then every block is named, and run here or listed with the reason it is not', () => {
  const names = snippets.map((s) => s.name ?? `unnamed block at ${s.file} line ${s.line}`);
  expect(names.filter((n, i) => names.indexOf(n) !== i)).toEqual([]);
  expect([...names].sort()).toEqual([...RUN, ...Object.keys(NOT_RUN)].sort());
});

it('When the curl snippet posts request.xml, then GetBookings answers with the citizen read and no fault', async () => {
  const result = await bash(localised('curl-get-bookings'));
  expectSuccess(result);
  expect(result.stdout).toMatch(/<(\w+:)?GetBookingsResponse[ >]/);
  expect(result.stdout).not.toMatch(/:Fault>/);
  const audit = await admin.get<{ items: unknown[] }>('/admin/audit?limit=1');
  expect(audit.body.items[0]).toMatchObject({
    operation: 'GetBookings',
    outcome: 'ok',
    cprs: ['0101575001'],
  });
});

/** The interview types a first call printed, one "id name" a line, as the fixtures' code list has them. */
const expectInterviewTypes = async (stdout: string): Promise<void> => {
  const listed = await admin.get<{ items: { id: number; name: string }[] }>('/admin/codelists/InterviewType');
  expect(stdout.trim().split('\n')).toEqual(listed.body.items.map((item) => `${item.id} ${item.name}`));
  expect(stdout).toMatch(/^7 Jobsamtale$/m);
};

it("When the README's zeep first call runs, then it prints every interview type of the code list", async () => {
  const result = await run(DEBIAN_PYTHON, ['-c', localised('zeep-first-call')]);
  expectSuccess(result);
  await expectInterviewTypes(result.stdout);
});

it("When the README's node-soap first call runs, then it prints every interview type of the code list", async () => {
  writeFileSync(join(work, 'node-soap-first-call.js'), localised('node-soap-first-call'));
  const result = await run(process.execPath, ['node-soap-first-call.js'], {
    NODE_PATH: join(PROJECT_ROOT, 'node_modules'),
  });
  expectSuccess(result);
  await expectInterviewTypes(result.stdout);
});

it('When the zeep snippets run, then CreateBooking and GetBookingDetails are served with both headers and a refused call shows its ErrorCode', async () => {
  const result = await run(DEBIAN_PYTHON, ['-c', localised('zeep-client') + localised('zeep-calls')]);
  expectSuccess(result);
  await expectCreatedBooking(result.stdout);
  expect(result.stdout).toMatch(/^refused 4768 \S/m);
});

it('When the node-soap snippet runs, then its one https.Agent loads the WSDL and makes both calls', async () => {
  writeFileSync(join(work, 'node-soap.js'), localised('node-soap'));
  const result = await run(process.execPath, ['node-soap.js'], {
    NODE_PATH: join(PROJECT_ROOT, 'node_modules'),
  });
  expectSuccess(result);
  await expectCreatedBooking(result.stdout);
});

it('When the admin examples run, then the citizen, the frozen and advanced clock and the issued certificate are as they say', async () => {
  expectSuccess(await bash(localised('admin-examples')));
  expect((await admin.get('/admin/clock')).body).toEqual({
    now: '2026-03-18T10:00:00.000+01:00',
    frozen: true,
  });
  expect((await admin.get('/admin/citizens/0101575001')).body).toMatchObject({
    selfBookingDeadlines: [{ interviewType: 7, deadline: '2026-03-10' }],
  });
  const issued = JSON.parse(readFileSync(join(work, 'my-kss-test.json'), 'utf8')) as Record<string, unknown>;
  expect(issued).toMatchObject({ name: 'my-kss-test', password: 'changeit' });
  expect(readFileSync(join(work, 'certs', 'clients', 'my-kss-test.pem'), 'utf8')).toBe(issued['certificate']);
});

it('When the admin API is sent the advance the README shows, then it answers exactly the README problem', async () => {
  const shown: unknown = JSON.parse(snippet('admin-problem', snippets).code);
  const answer = await admin.put('/admin/clock', { advance: 'P1M' });
  expect({ status: answer.status, body: answer.body }).toEqual({ status: 400, body: shown });
  expect(answer.contentType).toMatch(/^application\/problem\+json/);
});

it('When the faults example runs, then GetBookings is answered 503 once and then as usual, the audit log says so, and no rule is left', async () => {
  const result = await bash(localised('faults-example'));
  expectSuccess(result);
  // What call() printed: the HTTP status of each GetBookings, one a line.
  expect(result.stdout.match(/\d{3}(?=\n)/g)).toEqual(['503', '200']);
  const audit = await admin.get<{ items: { outcome: string; ruleId: string | null }[] }>(
    '/admin/audit?operation=GetBookings&limit=2',
  );
  expect(audit.body.items).toEqual([
    expect.objectContaining({ outcome: 'ok', ruleId: null }),
    expect.objectContaining({ outcome: '503', ruleId: 'INJECTED-FAULT' }),
  ]);
  expect((await admin.get('/admin/faults')).body).toEqual({ items: [] });
});

it('When the try-it script runs, then its CreateBooking is accepted and journalled, and the call comes back as a curl command', async () => {
  const result = await bash(localised('try-it-script'));
  expectSuccess(result);
  const [outcome, ...curl] = result.stdout.trim().split('\n');
  expect(outcome).toBe('ok');
  const command = curl.join('\n');
  expect(command).toMatch(/^curl /);
  expect(command).toContain(`--cert '${join(certDir, 'clients', '8-75100.pem')}'`);
  expect(command).toContain(`'${emulator.soapUrl}/BookingService'`);
});

describe('The CI smoke check', () => {
  /** `./run-my-client`: GetBookings as 8/75100, with the given certificate (8-10100's is not registered for it). */
  const client = (certificate: string): void => {
    symlinkSync(work, join(work, 'dfdg-emulator'), 'dir');
    writeExecutable(
      join(work, 'run-my-client'),
      '#!/bin/sh\n' +
        `curl -s --cacert certs/ca.pem --cert certs/clients/${certificate}.pem --key certs/clients/${certificate}.key ` +
        `-H 'Content-Type: text/xml; charset=utf-8' --data-binary @request.xml ${emulator.soapUrl}/BookingService >/dev/null\n`,
    );
  };

  afterEach(async () => {
    await run('rm', ['-f', 'dfdg-emulator', 'run-my-client']);
  });

  it('When the client makes only good calls, then the check passes and counts them', async () => {
    client('8-75100');
    const result = await bash(localised('ci-check'));
    expectSuccess(result);
    expect(result.stdout).toBe('the emulator answered 1 calls, 0 with a fault\n');
  });

  it('When the client makes only good calls, then the one-call verification passes', async () => {
    client('8-75100');
    expectSuccess(await bash('./run-my-client'));
    const result = await bash(localised('ci-verify'));
    expectSuccess(result);
    expect(JSON.parse(result.stdout)).toMatchObject({ met: true });
  });

  it('When the client is refused, then the one-call verification exits 22 printing what it saw, as the README shows', async () => {
    client('8-10100');
    expectSuccess(await bash('./run-my-client'));
    const result = await bash(localised('ci-verify'));
    expect(result.code).toBe(22);
    const shown = /"detail":"([^"]+)"/.exec(snippet('verify-failure', snippets).code)?.[1];
    expect(JSON.parse(result.stdout)).toMatchObject({ status: 417, met: false, detail: shown });
  });

  it('When the client is refused, then the check fails and prints the rule that refused it and why', async () => {
    client('8-10100');
    const result = await bash(localised('ci-check'));
    expect(result.code).toBe(1);
    expect(result.stdout.split('\n').slice(0, 2)).toEqual([
      'the emulator answered 1 calls, 1 with a fault',
      expect.stringMatching(/^GetBookings: 1013 SEC-AO-CERT: \S/),
    ]);
  });
});

describe('WS-Security', () => {
  it('When the sign snippet signs request.xml and curl sends it without a client certificate, then GetBookings is served', async () => {
    const result = await bash(localised('wss-sign-curl'));
    expectSuccess(result);
    expect(result.stdout).toMatch(/<(\w+:)?GetBookingsResponse[ >]/);
    expect(result.stdout).not.toMatch(/:Fault>/);
  });

  it('When the zeep WS-Security client sends the zeep calls, then they are served on its signature alone', async () => {
    // "Copy the DfdgBinarySignature subclass from test/interop/zeep_wss_client.py": here, imported from it.
    const copied =
      `import sys\nsys.path.insert(0, ${JSON.stringify(join(PROJECT_ROOT, 'test', 'interop'))})\n` +
      'from zeep_wss_client import dfdg_signature_class\nDfdgBinarySignature = dfdg_signature_class()\n';
    const result = await run(DEBIAN_PYTHON, [
      '-c',
      copied + localised('zeep-wss-client') + localised('zeep-calls'),
    ]);
    expectSuccess(result);
    await expectCreatedBooking(result.stdout);
  });
});

it('When the audit log holds more calls than a page, then the paging snippet prints each call once', async () => {
  const calls = 1500;
  const time = new Date();
  emulator.store.transaction(() => {
    for (let i = 0; i < calls; i++)
      emulator.store.audit.record({
        referenceId: randomUUID(),
        time,
        service: 'CodelistService',
        operation: 'GetInterviewTypes',
        certificate: null,
        activeOrganisation: null,
        requestUserMetadata: null,
        cprs: [],
        outcome: 'ok',
        ruleId: null,
        detail: null,
      });
  });
  const result = await bash(localised('audit-pages'));
  expectSuccess(result);
  const lines = result.stdout.trim().split('\n');
  expect(lines).toHaveLength(calls);
  expect(new Set(lines.map((l) => (JSON.parse(l) as { referenceId: string }).referenceId)).size).toBe(calls);
});

it("When a user follows the push walk-through, then the receiver prints a Frist message from STAR's certificate and the delivery shows delivered", async () => {
  const port = await freePort();
  const script = localised('push-walkthrough').replaceAll('9443', String(port));
  // `npm start` and `dfdg-emulator receive` share the project's certs/ by default; here, the test's.
  const result = await bash(script, { DFDG_CERT_DIR: join(work, 'certs') });
  expectSuccess(result);
  expect(result.stdout).toMatch(
    /POST \/ from sys-org-star-test \(application\/json; charset=utf-8, \d+ bytes\) -> 200/,
  );
  expect(result.stdout).toContain('"messageType": "Frist"');
  expect(result.stdout).toContain('"entitetId": 90001');
  expect(result.stdout).toMatch(/"subscription":"try-it"[^}]*"outcome":"delivered"/);
}, 60_000);

it('When a user runs the REST snippet, then the meeting is created (201), read back as Aktiv and has one history entry', async () => {
  const result = await bash(localised('rest-create-read'));
  expectSuccess(result);
  const [created, read, historik] = result.stdout
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
  expect(created).toEqual({
    indkaldelseId: expect.stringMatching(/^[0-9a-f-]{36}$/) as unknown,
    serviceRequestLogReferenceIdentifier: expect.any(String) as unknown,
  });
  expect(read).toMatchObject({ indkaldelseId: created?.indkaldelseId, status: 'Aktiv', moedeVarighed: 30 });
  expect((historik?.historik as unknown[]).length).toBe(1);
  const stored = await admin.get<{ history: { change: string }[] }>(
    `/admin/bookings/${String(created?.indkaldelseId)}`,
  );
  expect(stored.body.history.map((h) => h.change)).toEqual(['Created']);
});
