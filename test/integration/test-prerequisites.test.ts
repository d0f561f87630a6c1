import { mkdtempSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../src/project-root';
import { runCommand } from '../helpers/project-copy';

/**
 * jest itself, run as `npm test` runs it, on a machine where the interop stacks cannot be found:
 * a PATH holding nothing but node hides gsoap, g++, PHP, JAX-WS and the JDK (the Python modules,
 * found by Debian's Python at its absolute path, and the header files stay). The run must stop before its first test with the
 * install line, and a unit-only run must not ask for any of it.
 */
const pathWithNodeOnly = (): string => {
  const bin = mkdtempSync(join(tmpdir(), 'dfdg-bare-path-'));
  symlinkSync(process.execPath, join(bin, 'node'));
  return bin;
};

const runJest = (args: readonly string[]) =>
  runCommand(
    process.execPath,
    ['--experimental-vm-modules', join(PROJECT_ROOT, 'node_modules', 'jest', 'bin', 'jest.js'), ...args],
    { cwd: PROJECT_ROOT, env: { ...process.env, PATH: pathWithNodeOnly() }, timeoutMs: 120_000 },
  );

it('When the interop stacks are not installed, then a run of an interop test fails before any test with the one install line', async () => {
  const run = await runJest(['test/interop/zeep.test.ts', '--selectProjects', 'integration']);
  const output = run.stdout + run.stderr;
  expect(run.code).not.toBe(0);
  expect(output).toContain('The tests about to run need Debian packages that are not installed:');
  expect(output).toContain(
    '  sudo apt-get install -y gsoap g++ jaxws default-jdk-headless php-cli php-soap\n',
  );
  expect(output).toContain('  php-soap               PHP extension soap; needed by test/interop/');
  // Not a single test ran, so there is no summary.
  expect(output).not.toMatch(/^Tests:/m);
}, 150_000);

it('When only unit tests run, then nothing of it is asked for', async () => {
  const run = await runJest(['test/unit/config.test.ts', '--selectProjects', 'unit']);
  expect({ code: run.code, output: run.stdout + run.stderr }).toMatchObject({ code: 0 });
  expect(run.stderr).toMatch(/^Tests: +\d+ passed, \d+ total$/m);
}, 150_000);
