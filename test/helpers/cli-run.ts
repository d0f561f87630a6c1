import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CliOutcome } from '../../src/cli';
import type { CliIo } from '../../src/cli/cli-io';
import { testCertDir } from './test-certificates';

/** The CLI's io for an in-process run, keeping what it wrote to stdout and stderr. */
export interface CapturedIo extends CliIo {
  readonly stdout: () => string;
  readonly stderr: () => string;
}

export const captureIo = (env: NodeJS.ProcessEnv = {}): CapturedIo => {
  let out = '';
  let err = '';
  return {
    out: (t) => {
      out += t;
    },
    err: (t) => {
      err += t;
    },
    env,
    stdout: () => out,
    stderr: () => err,
  };
};

export const tempDir = (): string => mkdtempSync(join(tmpdir(), 'dfdg-cli-'));

/** A copy of the shared test CA and certificates, for commands that write into the cert dir. */
export const ownCertDir = (): string => {
  const dir = join(tempDir(), 'certs');
  cpSync(testCertDir(), dir, { recursive: true });
  return dir;
};

export const exitCode = (outcome: CliOutcome): number => (outcome.kind === 'exit' ? outcome.code : -1);
