import { ConfigError, loadConfig } from '../config';
import { startEmulator, type RunningEmulator } from '../emulator';
import { jsonLogger } from '../transport/logger';
import { UsageError, type CliIo } from './cli-io';

/** `dfdg-emulator start [options]`: the options of config.ts's OPTIONS table, logs to stderr. */
export const startCommand = async (args: readonly string[], io: CliIo): Promise<RunningEmulator> => {
  let config;
  try {
    config = loadConfig(args, io.env);
  } catch (error) {
    if (error instanceof ConfigError) throw new UsageError(error.message);
    throw error;
  }
  return startEmulator(config, { logger: jsonLogger(io.err, config.logLevel) });
};
