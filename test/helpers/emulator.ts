import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, type Config } from '../../src/config';
import { startEmulator, type RunningEmulator } from '../../src/emulator';
import { silentLogger, type Logger } from '../../src/transport/logger';
import { testCertDir } from './test-certificates';

/**
 * A test's own emulator: any free port, its own SQLite file, the shared test certificates; silent
 * unless the test brings a logger to read what it logs.
 */
export const startTestEmulator = async (
  overrides: Partial<Config> = {},
  logger: Logger = silentLogger,
): Promise<RunningEmulator & { dbPath: string }> => {
  const dbPath = overrides.dbPath ?? join(mkdtempSync(join(tmpdir(), 'dfdg-test-db-')), 'dfdg.sqlite');
  const config = loadConfig(
    [],
    {},
    { port: 0, adminPort: 0, host: '127.0.0.1', certDir: testCertDir(), dbPath, ...overrides },
  );
  const emulator = await startEmulator(config, { logger });
  return Object.assign(emulator, { dbPath });
};
