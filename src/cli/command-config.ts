import { ConfigError, loadConfig, type Config } from '../config';
import { UsageError, type CliIo } from './cli-io';

/**
 * The paths a maintenance command works on, read as `start` reads them (flag, then DFDG_*
 * environment, then default), so `certs issue` and `fixtures load` find the database and CA
 * that the emulator uses.
 */
export const commandConfig = (
  flags: {
    readonly 'cert-dir'?: string | undefined;
    readonly db?: string | undefined;
    readonly fixtures?: string | undefined;
  },
  io: CliIo,
): Config => {
  const argv = Object.entries(flags).flatMap(([flag, value]) =>
    value === undefined ? [] : [`--${flag}`, value],
  );
  try {
    return loadConfig(argv, io.env);
  } catch (error) {
    if (error instanceof ConfigError) throw new UsageError(error.message);
    throw error;
  }
};
