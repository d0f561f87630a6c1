import { execFile } from 'node:child_process';
import { accessSync, constants, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, delimiter, join } from 'node:path';
import { isRecord } from '../helpers/soap-client';

/**
 * What the vendor-stack interop tests share: checking that a stack's tools are installed, running
 * them without blocking the event loop (the emulator under test answers them from this same
 * process), and a scratch folder per test for everything they generate.
 */

/** Something a stack needs before its test can mean anything: a command, a file, a module. */
export interface Prerequisite {
  readonly label: string;
  readonly present: () => Promise<boolean>;
}

/** A command on PATH. */
export const command = (name: string): Prerequisite => ({
  label: name,
  present: () =>
    Promise.resolve(
      (process.env.PATH ?? '').split(delimiter).some((dir) => {
        try {
          accessSync(join(dir, name), constants.X_OK);
          return true;
        } catch {
          return false;
        }
      }),
    ),
});

/** A file a package installs (a header, a library, a jar). */
export const file = (path: string): Prerequisite => ({
  label: path,
  present: () => Promise.resolve(existsSync(path)),
});

/** A command line that exits 0 when the thing is there (e.g. a PHP extension is loaded). */
export const probe = (label: string, program: string, args: readonly string[]): Prerequisite => ({
  label,
  present: () =>
    runTool(program, args, { cwd: tmpdir() }).then(
      () => true,
      () => false,
    ),
});

/**
 * Fails the test file at once, in one line, naming what is missing and the command that installs
 * it: a missing tool is a broken set-up to fix, never a reason to skip.
 */
export const requirePrerequisites = async (
  stack: string,
  needs: readonly Prerequisite[],
  installLine: string,
): Promise<void> => {
  const missing: string[] = [];
  for (const need of needs) if (!(await need.present())) missing.push(need.label);
  if (missing.length > 0) {
    throw new Error(`${stack} interop test: missing ${missing.join(', ')}. Install with: ${installLine}`);
  }
};

export interface ToolOptions {
  readonly cwd: string;
  readonly env?: Readonly<Record<string, string>>;
}

const TOOL_TIMEOUT_MS = 120_000;

/** Runs a tool and resolves with its stdout; a failure carries the command line and its output. */
export const runTool = (program: string, args: readonly string[], options: ToolOptions): Promise<string> =>
  new Promise((resolve, reject) => {
    execFile(
      program,
      [...args],
      {
        cwd: options.cwd,
        env: { ...process.env, ...options.env },
        timeout: TOOL_TIMEOUT_MS,
        maxBuffer: 10 * 1024 * 1024,
      },
      (error, stdout, stderr) => {
        if (error) {
          const line = [basename(program), ...args].join(' ');
          reject(new Error(`${line} failed (${error.message.split('\n')[0]}):\n${stderr}\n${stdout}`));
          return;
        }
        resolve(stdout);
      },
    );
  });

/** Runs a generated client and reads the one JSON object it prints on stdout. */
export const runClient = async (
  program: string,
  args: readonly string[],
  options: ToolOptions,
): Promise<Record<string, unknown>> => {
  const stdout = await runTool(program, args, options);
  let parsed: unknown;
  try {
    parsed = JSON.parse(stdout);
  } catch (e) {
    throw new Error(`${basename(program)} printed no JSON (${String(e)}):\n${stdout}`);
  }
  if (!isRecord(parsed)) throw new Error(`${basename(program)} printed no JSON object:\n${stdout}`);
  return parsed;
};

/** A scratch folder for one stack's generated code, binaries and caches; removed after the test. */
export const scratchDir = (stack: string): string => mkdtempSync(join(tmpdir(), `dfdg-interop-${stack}-`));

export const removeScratchDir = (dir: string | undefined): void => {
  if (dir) rmSync(dir, { recursive: true, force: true });
};
