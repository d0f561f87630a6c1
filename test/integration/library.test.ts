import { cpSync, existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../src/project-root';
import { tempDir } from '../helpers/cli-run';
import { runCommand, type CommandResult } from '../helpers/project-copy';
import { snippet } from '../helpers/readme-snippets';
import { testCertDir } from '../helpers/test-certificates';
import { builtServerMain } from '../robustness/support/server-process';

/**
 * The package as a Node test suite uses it: installed under node_modules/dfdg-emulator (the built
 * dist/ with its type declarations, as `npm install` leaves it after `prepare`), imported by its
 * name, and a fresh emulator started and stopped in each test file of a real jest run: the README's
 * example and two files that time their start. The start times are printed, not asserted.
 */
let project: string;
let pkg: string;

/** The suite's test file that imports the package by name, times its start, and checks it serves. */
const timingFile = (name: string): string => `
import { writeFileSync } from 'node:fs';

let dfdg;
let importMs;
let startMs;
beforeAll(async () => {
  const importing = performance.now();
  const { startEmulator } = await import('dfdg-emulator');
  importMs = performance.now() - importing;
  const started = performance.now();
  dfdg = await startEmulator();
  startMs = performance.now() - started;
});
afterAll(async () => {
  await dfdg.stop();
  writeFileSync(${JSON.stringify(`${name}.json`)}, JSON.stringify({ importMs, startMs, soapUrl: dfdg.soapUrl }));
});

test('a fresh emulator of its own', async () => {
  const health = await (await fetch(dfdg.adminUrl + '/admin/health')).json();
  expect(health).toMatchObject({ status: 'ok', soapUrl: dfdg.soapUrl });
});
`;

const node = (args: readonly string[]): Promise<CommandResult> =>
  runCommand(process.execPath, args, {
    cwd: project,
    env: { PATH: process.env['PATH'] ?? '', HOME: project, LANG: 'C.UTF-8' },
    timeoutMs: 120_000,
  });

beforeAll(() => {
  // The package as installed: its dist/ and package.json (copies, so the package root is this
  // folder), the files the built code reads (linked), its certs/ (a copy of the test CA and clients:
  // no key generation here).
  const built = join(builtServerMain(), '..', '..', '..');
  project = tempDir();
  pkg = join(project, 'node_modules', 'dfdg-emulator');
  mkdirSync(pkg, { recursive: true });
  cpSync(join(built, 'dist'), join(pkg, 'dist'), { recursive: true });
  // Copied too: jest reads "exports" relative to where package.json really is.
  cpSync(join(PROJECT_ROOT, 'package.json'), join(pkg, 'package.json'));
  for (const name of ['wsdl', 'fixtures', 'src', 'node_modules'])
    symlinkSync(join(PROJECT_ROOT, name), join(pkg, name));
  cpSync(testCertDir(), join(pkg, 'certs'), { recursive: true });
}, 180_000);

it("When a jest suite imports 'dfdg-emulator' by name, then each of its files starts and stops a fresh emulator, the README's example passing", async () => {
  writeFileSync(join(project, 'readme-example.test.mjs'), snippet('jest-example').code);
  writeFileSync(join(project, 'timing-1.test.mjs'), timingFile('timing-1'));
  writeFileSync(join(project, 'timing-2.test.mjs'), timingFile('timing-2'));
  const config = { testEnvironment: 'node', transform: {}, testMatch: ['**/*.test.mjs'], rootDir: project };
  const jest = join(PROJECT_ROOT, 'node_modules', 'jest', 'bin', 'jest.js');
  const run = await node([
    '--experimental-vm-modules',
    jest,
    '--runInBand',
    '--ci',
    '--no-watchman',
    '--config',
    JSON.stringify(config),
  ]);

  expect({ code: run.code, output: run.code === 0 ? '' : run.stderr }).toEqual({ code: 0, output: '' });
  expect(run.stderr).toMatch(/Tests: {7}3 passed, 3 total/);
  const timings = ['timing-1', 'timing-2'].map(
    (name) =>
      JSON.parse(readFileSync(join(project, `${name}.json`), 'utf8')) as {
        importMs: number;
        startMs: number;
        soapUrl: string;
      },
  );
  // Two files, two emulators: each on its own port.
  expect(new Set(timings.map((t) => t.soapUrl)).size).toBe(2);
  // In memory by default: no database file next to the package.
  expect(existsSync(join(pkg, 'data'))).toBe(false);
  console.log(
    `a new jest test file: ${timings
      .map((t) => `import ${t.importMs.toFixed(0)} ms + startEmulator() ${t.startMs.toFixed(0)} ms`)
      .join('; ')}`,
  );
}, 180_000);

it('When the package is required from CommonJS, then startEmulator is its export, and its types are found by name', async () => {
  const cjs = await node(['-e', "console.log(typeof require('dfdg-emulator').startEmulator)"]);
  expect({ code: cjs.code, stdout: cjs.stdout, stderr: cjs.stderr }).toEqual({
    code: 0,
    stdout: 'function\n',
    stderr: '',
  });

  writeFileSync(
    join(project, 'consumer.mts'),
    "import { startEmulator, type Emulator } from 'dfdg-emulator';\n" +
      "const dfdg: Emulator = await startEmulator({ port: 0, db: ':memory:', clock: { now: new Date(), frozen: true } });\n" +
      'const ca: string = dfdg.ca;\nawait dfdg.stop();\nexport { ca };\n' +
      '// @ts-expect-error: a misspelt option is a type error\nawait startEmulator({ prot: 0 });\n',
  );
  const tsc = join(PROJECT_ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
  const checked = await node([
    tsc,
    '--noEmit',
    '--strict',
    '--target',
    'es2022',
    '--module',
    'nodenext',
    '--moduleResolution',
    'nodenext',
    '--typeRoots',
    join(PROJECT_ROOT, 'node_modules', '@types'),
    '--types',
    'node',
    'consumer.mts',
  ]);
  expect({ code: checked.code, stdout: checked.stdout }).toEqual({ code: 0, stdout: '' });
}, 180_000);
