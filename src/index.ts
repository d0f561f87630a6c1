/**
 * dfdg-emulator as a library, for Node test runners (`import { startEmulator } from 'dfdg-emulator'`):
 * a fresh emulator per test file, on free ports, with an in-memory database by default, stopped by
 * the file's afterAll. The same server `npm start` runs: mutual TLS, every rule, the admin API.
 */
import { ConfigError, loadConfig, OPTIONS, type Config } from './config';
import { startEmulator as startConfiguredEmulator } from './emulator';
import { DEFAULT_PKCS12_PASSWORD } from './pki/issue-certificate';
import { jsonLogger } from './transport/logger';

export type { Config } from './config';

/** Where an emulator of the library listens and what it works on; every field is optional. */
export interface EmulatorOptions extends Partial<Omit<Config, 'dbPath' | 'clockStart' | 'clockFrozen'>> {
  /** The SQLite database: ":memory:" (the default: nothing on disk, gone at stop) or a file path. */
  readonly db?: string;
  /** The emulator's clock: starting at `now` (default: the real time), frozen or running. */
  readonly clock?: { readonly now?: Date | string; readonly frozen?: boolean };
}

/** The files of one client certificate, in PEM and PKCS#12. */
export interface ClientCertificateFiles {
  readonly cert: string;
  readonly key: string;
  readonly p12: string;
  /** Of the .p12. */
  readonly password: string;
}

export interface Emulator {
  /** https://localhost:<port>: the SOAP services, mutual TLS. */
  readonly soapUrl: string;
  /** http://127.0.0.1:<port>: the test-control API (/admin/...) and dashboard. */
  readonly adminUrl: string;
  readonly port: number;
  readonly adminPort: number;
  /** The folder of the dev CA and the client certificates. */
  readonly certDir: string;
  /** The CA that signs the server and client certificates: trust it. */
  readonly ca: string;
  /** The fixture client certificates by name ("8-75100", "kss-vendor", ...), each registered for its organisations. */
  readonly clients: Readonly<Record<string, ClientCertificateFiles>>;
  /** Stops the servers and closes the database; resolves once everything is closed. */
  stop(): Promise<void>;
}

/** The library's defaults: a test runner's, not a shared installation's. */
const LIBRARY_DEFAULTS = {
  port: 0,
  adminPort: 0,
  host: '127.0.0.1',
  db: ':memory:',
  logLevel: 'silent',
} as const;

type FlagValue = string | number | boolean | Date | null | undefined;

const flagFor = (key: string): string | undefined => OPTIONS.find((o) => o.key === key)?.flag;

/**
 * The options as command-line flags, so they are checked exactly as `dfdg-emulator start` checks
 * them: a wrong value fails with the option named, whether it came from TypeScript or plain JS.
 */
const asFlags = (options: EmulatorOptions): string[] => {
  const { db, clock, ...rest } = { ...LIBRARY_DEFAULTS, ...options };
  const values: Array<[string, FlagValue]> = [
    ...Object.entries(rest as Record<string, FlagValue>),
    ['dbPath', db],
    ['clockStart', clock?.now],
    ['clockFrozen', clock?.frozen],
  ];
  return values.flatMap(([key, value]) => {
    if (value === undefined || value === null) return [];
    const flag = flagFor(key);
    if (!flag) throw new ConfigError([`unknown option ${key}`]);
    return [`${flag}=${value instanceof Date ? value.toISOString() : String(value)}`];
  });
};

/**
 * Starts an emulator: by default on free ports of 127.0.0.1, with an in-memory database loaded
 * with the fixtures, the dev certificates of the package's certs/ folder (created on first use),
 * silent. The environment's DFDG_* variables are not read: a test's emulator is what its options say.
 */
export const startEmulator = async (options: EmulatorOptions = {}): Promise<Emulator> => {
  const config = loadConfig(asFlags(options), {});
  const running = await startConfiguredEmulator(config, { logger: jsonLogger(undefined, config.logLevel) });
  const clients = Object.fromEntries(
    Object.entries(running.certificates.clients).map(([name, files]) => [
      name,
      { cert: files.certPath, key: files.keyPath, p12: files.p12Path, password: DEFAULT_PKCS12_PASSWORD },
    ]),
  );
  let stopped: Promise<void> | null = null;
  return {
    soapUrl: running.soapUrl,
    adminUrl: running.adminUrl,
    port: running.port,
    adminPort: Number(new URL(running.adminUrl).port),
    certDir: config.certDir,
    ca: running.certificates.caPath,
    clients,
    stop: () => (stopped ??= running.stop()),
  };
};
