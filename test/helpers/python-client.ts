import { execFile } from 'node:child_process';
import { basename } from 'node:path';
import { isRecord } from './soap-client';

/** Debian's Python, where python3-zeep and python3-xmlsec are installed (CI installs them). */
const PYTHON = '/usr/bin/python3';

/**
 * Runs a Python client script and reads the one JSON object it prints. Async on purpose: the
 * emulator answers the script from this same process. A failure carries the script's stderr.
 */
export const runPythonClient = (
  script: string,
  args: readonly string[],
  { timeoutMs = 60_000 }: { timeoutMs?: number } = {},
): Promise<Record<string, unknown>> =>
  new Promise((resolve, reject) => {
    const name = basename(script);
    execFile(
      PYTHON,
      [script, ...args],
      { timeout: timeoutMs, maxBuffer: 10 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error) {
          reject(new Error(`${name} failed (${error.message}):\n${stderr}\n${stdout}`));
          return;
        }
        try {
          const parsed: unknown = JSON.parse(stdout);
          if (!isRecord(parsed)) throw new Error('not a JSON object');
          resolve(parsed);
        } catch (e) {
          reject(new Error(`${name} printed no JSON object (${String(e)}):\n${stdout}\n${stderr}`));
        }
      },
    );
  });
