import { readFileSync } from 'node:fs';
import { signRequest } from '../security/sign-request';
import { cliArgs } from './cli-args';
import { UsageError, type CliIo } from './cli-io';

/**
 * `dfdg-emulator sign --cert FILE --key FILE REQUEST.xml`: prints the request signed the way the
 * emulator's WS-Security channel expects it (for trying `--identity-mode wss` by hand, e.g. with curl).
 * "-" reads the request from standard input.
 */
export const signCommand = (
  args: readonly string[],
  io: CliIo,
  readStdin: () => string = () => readFileSync(0, 'utf8'),
): void => {
  const { values, positionals } = cliArgs(args, { cert: { type: 'string' }, key: { type: 'string' } }, true);
  const problems = [
    ...(values.cert ? [] : ['--cert FILE (the signing certificate, PEM) is required']),
    ...(values.key ? [] : ['--key FILE (its private key, PEM) is required']),
    ...(positionals.length === 1 ? [] : ['exactly one REQUEST.xml (or - for standard input) is required']),
  ];
  if (problems.length || !values.cert || !values.key) throw new UsageError(problems.join('\n'));
  const file = positionals[0] ?? '-';
  const request = file === '-' ? readStdin() : readFileSync(file, 'utf8');
  io.out(signRequest(request, readFileSync(values.cert, 'utf8'), readFileSync(values.key, 'utf8')));
};
