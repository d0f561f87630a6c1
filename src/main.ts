#!/usr/bin/env node
import { ConfigError, loadConfig } from './config';
import { startEmulator } from './emulator';

/** Entry: flags and environment -> config -> emulator; stops cleanly on SIGINT/SIGTERM. */
const main = async (): Promise<void> => {
  const config = loadConfig(process.argv.slice(2));
  const emulator = await startEmulator(config);
  const stop = (): void => {
    void emulator.stop().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
};

main().catch((error: unknown) => {
  process.stderr.write(
    `dfdg-emulator: ${error instanceof ConfigError ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
