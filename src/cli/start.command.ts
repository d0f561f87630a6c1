import { ConfigError, loadConfig } from '../config';
import { startEmulator, type RunningEmulator } from '../emulator';
import { PACKAGE_VERSION } from '../package-version';
import { jsonLogger, type Logger } from '../transport/logger';
import { UsageError, type CliIo } from './cli-io';
import { startBanner } from './start-banner';

/** A started emulator with the logger it writes to, which also says when it stops. */
export interface StartedEmulator {
  readonly emulator: RunningEmulator;
  readonly logger: Logger;
}

/**
 * `dfdg-emulator start [options]`: the options of config.ts's OPTIONS table, logs to stderr; when
 * stdout is a terminal, a short banner for the person who started it.
 */
export const startCommand = async (args: readonly string[], io: CliIo): Promise<StartedEmulator> => {
  let config;
  try {
    config = loadConfig(args, io.env);
  } catch (error) {
    if (error instanceof ConfigError) throw new UsageError(error.message);
    throw error;
  }
  const logger = jsonLogger(io.err, config.logLevel);
  const emulator = await startEmulator(config, { logger });
  if (io.stdoutIsTerminal) {
    io.out(
      startBanner({
        version: PACKAGE_VERSION,
        soapUrl: emulator.soapUrl,
        adminUrl: emulator.adminUrl,
        certDir: config.certDir,
        dbPath: config.dbPath,
        clients: emulator.certificates.clients,
        caPath: emulator.certificates.caPath,
        cwd: io.cwd ?? process.cwd(),
        adminTokenRequired: config.adminToken !== null,
      }),
    );
  }
  return { emulator, logger };
};
