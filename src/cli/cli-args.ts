import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from './cli-io';

/** The options a command declares. */
export type CliOptions = NonNullable<ParseArgsConfig['options']>;

/**
 * What parseArgs reads for those options. Named, because node's own name for it is not exported and
 * the build writes type declarations (the package is also a library).
 */
export type CliArgs<T extends CliOptions> = ReturnType<
  typeof parseArgs<{ args: string[]; options: T; strict: true; allowPositionals: boolean }>
>;

/** node's parseArgs, strict, with its complaints turned into usage errors. */
export const cliArgs = <T extends CliOptions>(
  args: readonly string[],
  options: T,
  allowPositionals: boolean,
): CliArgs<T> => {
  try {
    return parseArgs({ args: [...args], options, strict: true, allowPositionals });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
};
