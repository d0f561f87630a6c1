import { spawn } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../src/project-root';

/**
 * A copy of the project as a user checks it out (sources, scripts, configuration; no dist/), in a
 * temporary folder, for commands that build into or run from it: the project's own dist/ and
 * node_modules are never written. node_modules is linked, or assembled by `nodeModules`.
 */
const CHECKED_OUT = [
  'package.json',
  'package-lock.json',
  'tsconfig.json',
  'tsconfig.build.json',
  'scripts',
  'src',
  'wsdl',
  'fixtures',
] as const;

export const copyOfProject = (nodeModules: (dir: string) => void = linkNodeModules): string => {
  const dir = mkdtempSync(join(tmpdir(), 'dfdg-checkout-'));
  for (const name of CHECKED_OUT) cpSync(join(PROJECT_ROOT, name), join(dir, name), { recursive: true });
  nodeModules(join(dir, 'node_modules'));
  return dir;
};

const linkNodeModules = (target: string): void => symlinkSync(join(PROJECT_ROOT, 'node_modules'), target);

/**
 * node_modules with every package linked from the project's except better-sqlite3, which is copied
 * without its compiled addon (as `npm ci --ignore-scripts` or a failed build leaves it); `addon`,
 * when given, is written where the build would put better_sqlite3.node.
 */
export const nodeModulesWithUnbuiltSqlite =
  (addon?: Buffer) =>
  (target: string): void => {
    const installed = join(PROJECT_ROOT, 'node_modules');
    mkdirSync(target);
    for (const name of readdirSync(installed)) {
      if (name !== 'better-sqlite3') symlinkSync(join(installed, name), join(target, name));
    }
    const sqlite = join(target, 'better-sqlite3');
    for (const part of ['package.json', 'lib']) {
      cpSync(join(installed, 'better-sqlite3', part), join(sqlite, part), { recursive: true });
    }
    if (addon) {
      mkdirSync(join(sqlite, 'build', 'Release'), { recursive: true });
      writeFileSync(join(sqlite, 'build', 'Release', 'better_sqlite3.node'), addon);
    }
  };

export interface CommandResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs a command to its end (async: a server this process runs may have to answer it). */
export const runCommand = (
  command: string,
  args: readonly string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv; timeoutMs?: number },
): Promise<CommandResult> =>
  new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: options.timeoutMs ?? 120_000,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
