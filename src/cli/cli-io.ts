import { writeToStream } from '../transport/logger';

/** Where a command writes and what environment it reads: the process's, or a test's. */
export interface CliIo {
  /** Results a script may read (stdout). */
  readonly out: (text: string) => void;
  /** Messages and log lines (stderr). */
  readonly err: (text: string) => void;
  readonly env: NodeJS.ProcessEnv;
  /** Whether stdout is a terminal a person reads (then `start` prints a banner); false when absent. */
  readonly stdoutIsTerminal?: boolean;
  /** The folder paths are shown relative to (the process's working folder). */
  readonly cwd?: string;
}

export const processIo: CliIo = {
  out: (text) => writeToStream(process.stdout, text),
  err: (text) => writeToStream(process.stderr, text),
  env: process.env,
  stdoutIsTerminal: process.stdout.isTTY === true,
  cwd: process.cwd(),
};

/** A mistake in how the command was called: answered with the message and exit code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
