import { cpSync, existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { copyOfProject, nodeModulesWithUnbuiltSqlite, runCommand } from '../../helpers/project-copy';
import { testCertDir } from '../../helpers/test-certificates';
import { builtServerMain } from '../../robustness/support/server-process';

/**
 * When `npm ci` could not build better-sqlite3 (install scripts skipped, no compiler, offline), or
 * built it for another Node.js, the emulator must say so and point at the README's "Install"
 * section, not die with a stack trace about bindings files. A checkout whose node_modules holds
 * better-sqlite3 without its addon, running the compiled CLI as `npm start` does.
 */
const startIn = async (addon?: Buffer) => {
  const project = copyOfProject(nodeModulesWithUnbuiltSqlite(addon));
  cpSync(dirname(dirname(builtServerMain())), join(project, 'dist'), { recursive: true });
  const db = join(mkdtempSync(join(tmpdir(), 'dfdg-sqlite-driver-')), 'dfdg.sqlite');
  const args = ['dist/src/cli.js', 'start', '--port', '0', '--admin-port', '0', '--host', '127.0.0.1'];
  const result = await runCommand(
    process.execPath,
    [...args, '--db', db, '--cert-dir', testCertDir(), '--log-level', 'silent'],
    { cwd: project, timeoutMs: 60_000 },
  );
  return { ...result, dbCreated: existsSync(db) };
};

const HINT = [
  '  Build it with `npm rebuild better-sqlite3` (or `npm ci`). Where no prebuilt binary can be downloaded it ' +
    "compiles from source, which needs python3, make, g++ and Node's headers (offline: npm_config_nodedir=/usr).",
  '  See README.md, "Install".',
];

it('When better-sqlite3 was installed without its build, then start exits 1 with one message naming the driver, the fix and the README section, and no stack', async () => {
  const run = await startIn();
  expect(run.code).toBe(1);
  expect(run.stderr.trimEnd().split('\n')).toEqual([
    `dfdg-emulator: the SQLite driver better-sqlite3 is not built for this Node.js (${process.version}, ` +
      `module ABI ${process.versions.modules}): its compiled addon (build/Release/better_sqlite3.node) is missing`,
    ...HINT,
  ]);
  expect(run.dbCreated).toBe(false);
}, 120_000);

it('When better-sqlite3 holds an addon this Node cannot load, then start exits 1 with the same advice', async () => {
  const run = await startIn(Buffer.from('not a shared object\n'));
  expect(run.code).toBe(1);
  const lines = run.stderr.trimEnd().split('\n');
  expect(lines[0]).toMatch(
    /^dfdg-emulator: the SQLite driver better-sqlite3 is not built for this Node\.js \(v[\d.]+, module ABI \d+\): .*better_sqlite3\.node/,
  );
  expect(lines.slice(1)).toEqual(HINT);
}, 120_000);
