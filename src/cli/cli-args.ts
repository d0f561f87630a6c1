import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from './cli-io';

/** node's parseArgs, strict, with its complaints turned into usage errors. */
export const cliArgs = <T extends NonNullable<ParseArgsConfig['options']>>(
  args: readonly string[],
  options: T,
  allowPositionals: boolean,
) => {
  try {
    return parseArgs({ args: [...args], options, strict: true, allowPositionals });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
};
