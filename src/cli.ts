#!/usr/bin/env node
import type { RunningEmulator } from './emulator';
import type { Logger } from './transport/logger';
import { CertificateNameInUse, certsIssueCommand } from './cli/certs-issue.command';
import { helpText } from './cli/cli-help';
import { processIo, UsageError, type CliIo } from './cli/cli-io';
import { FixtureFileError, fixturesLoadCommand } from './cli/fixtures-load.command';
import { parseCommand } from './cli/parse-command';
import { receiveCommand } from './cli/receive.command';
import type { RunningPushReceiver } from './push/push-receiver';
import { signCommand } from './cli/sign.command';
import { startCommand } from './cli/start.command';
import { PACKAGE_VERSION } from './package-version';
import { StartupError } from './startup-error';
import { FixtureError } from './store/fixtures';

/** What a command left behind: an exit code, or (start) a running emulator to stop on a signal. */
export type CliOutcome =
  | { readonly kind: 'exit'; readonly code: number }
  | { readonly kind: 'running'; readonly emulator: RunningEmulator; readonly logger: Logger }
  | { readonly kind: 'receiving'; readonly receiver: RunningPushReceiver };

const exit = (code: number): CliOutcome => ({ kind: 'exit', code });

/**
 * `dfdg-emulator start|certs issue|fixtures load|sign`, in-process: tests call it with their own io.
 * Usage mistakes exit 2 with the help hint, failures exit 1 with the reason; no stack traces for
 * what the user can fix.
 */
export const runCli = async (argv: readonly string[], io: CliIo = processIo): Promise<CliOutcome> => {
  const parsed = parseCommand(argv);
  try {
    switch (parsed.kind) {
      case 'help':
        io.out(helpText(parsed.topic));
        return exit(0);
      case 'version':
        io.out(`${PACKAGE_VERSION}\n`);
        return exit(0);
      case 'unknown':
        throw new UsageError(`unknown command "${parsed.words}"`);
      case 'run':
        if (parsed.command === 'start') return { kind: 'running', ...(await startCommand(parsed.args, io)) };
        if (parsed.command === 'receive')
          return { kind: 'receiving', receiver: await receiveCommand(parsed.args, io) };
        if (parsed.command === 'certs issue') certsIssueCommand(parsed.args, io);
        else if (parsed.command === 'sign') signCommand(parsed.args, io);
        else fixturesLoadCommand(parsed.args, io);
        return exit(0);
    }
  } catch (error) {
    if (error instanceof UsageError) {
      const topic = parsed.kind === 'run' ? `${parsed.command} ` : '';
      io.err(`dfdg-emulator: ${error.message}\nRun "dfdg-emulator ${topic}--help" for usage.\n`);
      return exit(2);
    }
    io.err(`dfdg-emulator: ${describeFailure(error)}\n`);
    return exit(1);
  }
};

/**
 * What went wrong, for the terminal: the message alone where it says it all (a bad fixture file, a
 * port in use, a database constraint), the stack of anything unexpected so it can be reported.
 */
const describeFailure = (error: unknown): string => {
  if (!(error instanceof Error)) return String(error);
  const expected =
    error instanceof FixtureFileError ||
    error instanceof CertificateNameInUse ||
    error instanceof FixtureError ||
    error instanceof StartupError ||
    typeof (error as { code?: unknown }).code === 'string';
  return expected ? error.message : (error.stack ?? error.message);
};

/**
 * The process entry: runs the command, and for `start` stops cleanly on SIGINT/SIGTERM, saying so
 * in one log line (a service manager's log otherwise shows a server that just went quiet).
 */
export const main = async (argv: readonly string[]): Promise<void> => {
  const outcome = await runCli(argv);
  if (outcome.kind === 'exit') {
    process.exitCode = outcome.code;
    return;
  }
  if (outcome.kind === 'receiving') {
    const stopReceiving = (): void => void outcome.receiver.stop().then(() => process.exit(0));
    process.once('SIGINT', stopReceiving);
    process.once('SIGTERM', stopReceiving);
    return;
  }
  const stop = (signal: NodeJS.Signals): void => {
    outcome.logger.info('dfdg-emulator stopping', { signal, soapUrl: outcome.emulator.soapUrl });
    void outcome.emulator.stop().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
};

if (require.main === module) void main(process.argv.slice(2));
