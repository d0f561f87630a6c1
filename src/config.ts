import { isAbsolute, join, resolve } from 'node:path';
import { CLOCK_RANGE, isWithinClockRange } from './domain/clock';
import { CONFORMANCE_MODES, type ConformanceMode } from './domain/decision';
import { STAR_CVR } from './domain/organisation';
import { PROJECT_ROOT } from './project-root';

/** Everything the emulator can be told, from flags and the environment, checked once and frozen. */
export interface Config {
  /** HTTPS port of the SOAP services (0: any free port). */
  readonly port: number;
  /** Interface to listen on; "::" is every interface, IPv4 and IPv6. */
  readonly host: string;
  /** Host name written into the served WSDLs' soap:address (the server certificate names it). */
  readonly publicHost: string;
  readonly dbPath: string;
  readonly certDir: string;
  readonly fixturesDir: string;
  /**
   * The code lists (CodelistService, REQ-CODELIST): a JSON file a user may replace with STAR's lists;
   * null: codelists.json in fixturesDir.
   */
  readonly codelistsPath: string | null;
  readonly wsdlDir: string;
  /** SQLite synchronous mode: "normal" survives a killed process, "full" also a power loss. */
  readonly sync: 'normal' | 'full';
  /** REQ-SCHEMA: "strict" rejects requests that do not validate; "lenient" lets them through. */
  readonly schemaValidation: 'strict' | 'lenient';
  /** ACC-CPR: "refuse" answers an unknown CPR with 1010; "create" makes it a citizen of the caller. */
  readonly unknownCitizens: UnknownCitizens;
  /**
   * Commitments (rules STAR asks of its consumers that DFDG does not check): "strict" refuses them,
   * "dfdg" serves the call as production would and notes a warning in the journal.
   */
  readonly conformance: ConformanceMode;
  readonly maxBodyBytes: number;
  readonly maxXmlDepth: number;
  /** STAR's CVR number, shown as BookingOriginator of bookings made through STAR systems (BK-ORIGINATOR). */
  readonly starCvr: string;
  /** Start the emulator's clock at this instant instead of the real time. */
  readonly clockStart: Date | null;
  readonly clockFrozen: boolean;
  /** How many SOAP exchanges the request journal keeps. */
  readonly journalSize: number;
  /** The audit log keeps at most this many calls, the newest (0: no limit). */
  readonly auditRetention: number;
  /** Most TLS connections served at once; more are refused until one closes. */
  readonly maxConnections: number;
  /** A connection must complete its TLS handshake within this many milliseconds. */
  readonly handshakeTimeoutMs: number;
  /** A request's headers must arrive within this many milliseconds. */
  readonly headersTimeoutMs: number;
  /** A whole request must arrive within this many milliseconds. */
  readonly requestTimeoutMs: number;
  /** An idle keep-alive connection is closed after this many milliseconds. */
  readonly keepAliveTimeoutMs: number;
  /** HTTP port of the test-control API and dashboard (0: any free port). */
  readonly adminPort: number;
  /** Interface of the admin API; anything but loopback needs adminToken. */
  readonly adminHost: string;
  /** Bearer token the admin API demands (required when adminHost is not loopback). */
  readonly adminToken: string | null;
  /** How callers present their certificate: in the TLS handshake, in a WS-Security signature, or either. */
  readonly identityMode: IdentityMode;
  /** WS-Security: seconds a wsu:Timestamp may be off the real time, either way. */
  readonly wssClockSkew: number;
  /** WS-Security: seconds after its wsu:Created a signed request is still accepted. */
  readonly wssMaxAge: number;
  /** Plain-HTTP port on loopback, for a TLS-terminating proxy in front (wss and either modes only). */
  readonly httpPort: number | null;
  /** Least severe level written to the log (pino's levels; "silent" writes nothing). */
  readonly logLevel: LogLevel;
}

export const UNKNOWN_CITIZENS = ['refuse', 'create'] as const;
export type UnknownCitizens = (typeof UNKNOWN_CITIZENS)[number];

export const IDENTITY_MODES = ['tls', 'wss', 'either'] as const;
export type IdentityMode = (typeof IDENTITY_MODES)[number];

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

interface Option<K extends keyof Config> {
  readonly key: K;
  readonly flag: string;
  readonly env: string;
  readonly doc: string;
  readonly parse: (raw: string) => Config[K] | Error;
}

const int =
  (min: number, max: number) =>
  (raw: string): number | Error => {
    const n = Number(raw);
    return Number.isInteger(n) && n >= min && n <= max
      ? n
      : new Error(`expected an integer in ${min}..${max}, got "${raw}"`);
  };
const oneOf =
  <T extends string>(...values: T[]) =>
  (raw: string): T | Error =>
    (values as string[]).includes(raw)
      ? (raw as T)
      : new Error(`expected one of ${values.join(', ')}, got "${raw}"`);
const text = (raw: string): string | Error => (raw.trim() ? raw : new Error('must not be empty'));
const path = (raw: string): string | Error =>
  raw.trim() ? (isAbsolute(raw) ? raw : resolve(raw)) : new Error('must not be empty');
const bool = (raw: string): boolean | Error =>
  ['true', '1', ''].includes(raw)
    ? true
    : ['false', '0'].includes(raw)
      ? false
      : new Error(`expected true or false, got "${raw}"`);
const instant = (raw: string): Date | null | Error => {
  const d = new Date(raw);
  if (Number.isNaN(d.getTime())) return new Error(`expected an ISO-8601 date-time, got "${raw}"`);
  return isWithinClockRange(d.getTime())
    ? d
    : new Error(`the emulator's clock stays within ${CLOCK_RANGE.text}, got "${raw}"`);
};

/** The options, each with its flag, environment variable and meaning (the table in docs/configuration.md). */
export const OPTIONS = [
  {
    key: 'port',
    flag: '--port',
    env: 'DFDG_PORT',
    doc: 'HTTPS port of the SOAP services',
    parse: int(0, 65535),
  },
  { key: 'host', flag: '--host', env: 'DFDG_HOST', doc: 'interface to listen on', parse: text },
  {
    key: 'publicHost',
    flag: '--public-host',
    env: 'DFDG_PUBLIC_HOST',
    doc: "host name in the WSDLs' soap:address",
    parse: text,
  },
  {
    key: 'dbPath',
    flag: '--db',
    env: 'DFDG_DB',
    doc: 'SQLite database file (":memory:" for none)',
    parse: (r: string) => (r === ':memory:' ? r : path(r)),
  },
  {
    key: 'certDir',
    flag: '--cert-dir',
    env: 'DFDG_CERT_DIR',
    doc: 'folder of the dev CA, server and client certificates',
    parse: path,
  },
  {
    key: 'fixturesDir',
    flag: '--fixtures',
    env: 'DFDG_FIXTURES',
    doc: 'folder of the fixture JSON files',
    parse: path,
  },
  {
    key: 'codelistsPath',
    flag: '--codelists',
    env: 'DFDG_CODELISTS',
    doc: 'code-list file (CodelistService, REQ-CODELIST); default codelists.json in --fixtures',
    parse: path,
  },
  {
    key: 'sync',
    flag: '--sync',
    env: 'DFDG_SYNC',
    doc: 'SQLite durability: normal or full',
    parse: oneOf('normal', 'full'),
  },
  {
    key: 'schemaValidation',
    flag: '--schema-validation',
    env: 'DFDG_SCHEMA_VALIDATION',
    doc: 'strict or lenient validation of requests (XSD for SOAP, the OpenAPI document for REST)',
    parse: oneOf('strict', 'lenient'),
  },
  {
    key: 'unknownCitizens',
    flag: '--unknown-citizens',
    env: 'DFDG_UNKNOWN_CITIZENS',
    doc: "an unknown well-formed CPR: refuse (1010) or create a citizen of the caller's organisation",
    parse: oneOf(...UNKNOWN_CITIZENS),
  },
  {
    key: 'conformance',
    flag: '--conformance',
    env: 'DFDG_CONFORMANCE',
    doc: 'commitments STAR asks of consumers but DFDG does not check: strict refuses (4413), dfdg warns in the journal',
    parse: oneOf(...CONFORMANCE_MODES),
  },
  {
    key: 'maxBodyBytes',
    flag: '--max-body-bytes',
    env: 'DFDG_MAX_BODY_BYTES',
    doc: 'largest request body accepted (SOAP and REST)',
    parse: int(1024, 1024 ** 3),
  },
  {
    key: 'maxXmlDepth',
    flag: '--max-xml-depth',
    env: 'DFDG_MAX_XML_DEPTH',
    doc: 'deepest XML or JSON nesting accepted',
    parse: int(8, 256),
  },
  {
    key: 'starCvr',
    flag: '--star-cvr',
    env: 'DFDG_STAR_CVR',
    doc: "STAR's CVR number (BookingOriginator of a Jobnet self-booking by a citizen without a CV number)",
    parse: text,
  },
  {
    key: 'clockStart',
    flag: '--clock',
    env: 'DFDG_CLOCK',
    doc: "start the emulator's clock at this ISO-8601 instant",
    parse: instant,
  },
  {
    key: 'clockFrozen',
    flag: '--freeze-clock',
    env: 'DFDG_FREEZE_CLOCK',
    doc: "stop the emulator's clock (at --clock or the start time)",
    parse: bool,
  },
  {
    key: 'journalSize',
    flag: '--journal-size',
    env: 'DFDG_JOURNAL_SIZE',
    doc: 'how many SOAP exchanges the request journal keeps',
    parse: int(0, 100_000),
  },
  {
    key: 'auditRetention',
    flag: '--audit-retention',
    env: 'DFDG_AUDIT_RETENTION',
    doc: 'most calls the audit log keeps, the newest (0: no limit)',
    parse: int(0, 1_000_000_000),
  },
  {
    key: 'maxConnections',
    flag: '--max-connections',
    env: 'DFDG_MAX_CONNECTIONS',
    doc: 'most TLS connections served at once',
    parse: int(1, 100_000),
  },
  {
    key: 'handshakeTimeoutMs',
    flag: '--handshake-timeout-ms',
    env: 'DFDG_HANDSHAKE_TIMEOUT_MS',
    doc: 'milliseconds a connection may take to complete its TLS handshake',
    parse: int(1000, 3_600_000),
  },
  {
    key: 'headersTimeoutMs',
    flag: '--headers-timeout-ms',
    env: 'DFDG_HEADERS_TIMEOUT_MS',
    doc: "milliseconds a request's headers may take to arrive",
    parse: int(1000, 3_600_000),
  },
  {
    key: 'requestTimeoutMs',
    flag: '--request-timeout-ms',
    env: 'DFDG_REQUEST_TIMEOUT_MS',
    doc: 'milliseconds a whole request may take to arrive',
    parse: int(1000, 3_600_000),
  },
  {
    key: 'keepAliveTimeoutMs',
    flag: '--keep-alive-timeout-ms',
    env: 'DFDG_KEEP_ALIVE_TIMEOUT_MS',
    doc: 'milliseconds an idle keep-alive connection is kept',
    parse: int(1000, 3_600_000),
  },
  {
    key: 'adminPort',
    flag: '--admin-port',
    env: 'DFDG_ADMIN_PORT',
    doc: 'HTTP port of the admin API and dashboard',
    parse: int(0, 65535),
  },
  {
    key: 'adminHost',
    flag: '--admin-host',
    env: 'DFDG_ADMIN_HOST',
    doc: 'interface of the admin API (not loopback: needs --admin-token)',
    parse: text,
  },
  {
    key: 'adminToken',
    flag: '--admin-token',
    env: 'DFDG_ADMIN_TOKEN',
    doc: 'bearer token the admin API demands',
    parse: text,
  },
  {
    key: 'identityMode',
    flag: '--identity-mode',
    env: 'DFDG_IDENTITY_MODE',
    doc: 'how callers present their certificate: tls, wss (WS-Security signature) or either',
    parse: oneOf(...IDENTITY_MODES),
  },
  {
    key: 'wssClockSkew',
    flag: '--wss-clock-skew',
    env: 'DFDG_WSS_CLOCK_SKEW',
    doc: 'seconds a WS-Security Timestamp may be off the real time',
    parse: int(0, 3600),
  },
  {
    key: 'wssMaxAge',
    flag: '--wss-max-age',
    env: 'DFDG_WSS_MAX_AGE',
    doc: 'seconds after its Timestamp was created that a signed request is accepted',
    parse: int(1, 86_400),
  },
  {
    key: 'httpPort',
    flag: '--http-port',
    env: 'DFDG_HTTP_PORT',
    doc: 'plain-HTTP port on 127.0.0.1 for a TLS-terminating proxy (identity mode wss or either)',
    parse: int(0, 65535),
  },
  {
    key: 'logLevel',
    flag: '--log-level',
    env: 'DFDG_LOG_LEVEL',
    doc: 'least severe log level written: fatal, error, warn, info, debug, trace or silent',
    parse: oneOf(...LOG_LEVELS),
  },
] as const satisfies ReadonlyArray<Option<keyof Config>>;

export const DEFAULTS: Config = {
  port: 8443,
  host: '::',
  publicHost: 'localhost',
  dbPath: join(PROJECT_ROOT, 'data', 'dfdg.sqlite'),
  certDir: join(PROJECT_ROOT, 'certs'),
  fixturesDir: join(PROJECT_ROOT, 'fixtures'),
  codelistsPath: null,
  wsdlDir: join(PROJECT_ROOT, 'wsdl'),
  sync: 'normal',
  schemaValidation: 'strict',
  unknownCitizens: 'refuse',
  conformance: 'strict',
  maxBodyBytes: 10 * 1024 * 1024,
  maxXmlDepth: 64,
  starCvr: STAR_CVR,
  clockStart: null,
  clockFrozen: false,
  journalSize: 200,
  auditRetention: 1_000_000,
  maxConnections: 1000,
  handshakeTimeoutMs: 5000,
  headersTimeoutMs: 30_000,
  requestTimeoutMs: 60_000,
  keepAliveTimeoutMs: 65_000,
  adminPort: 8080,
  adminHost: '127.0.0.1',
  adminToken: null,
  identityMode: 'tls',
  wssClockSkew: 300,
  wssMaxAge: 300,
  httpPort: null,
  logLevel: 'info',
};

const LOOPBACK: ReadonlySet<string> = new Set(['127.0.0.1', 'localhost', '::1']);

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n  ${problems.join('\n  ')}`);
    this.name = 'ConfigError';
  }
}

/** Flags win over the environment, which wins over the defaults. Lists every problem at once. */
export const loadConfig = (
  argv: readonly string[] = [],
  env: NodeJS.ProcessEnv = process.env,
  overrides: Partial<Config> = {},
): Config => {
  const problems: string[] = [];
  const flags = readFlags(argv, problems);
  const config: Record<string, unknown> = { ...DEFAULTS };
  for (const option of OPTIONS) {
    const raw = flags.get(option.flag) ?? env[option.env];
    if (raw === undefined) continue;
    const value = option.parse(raw);
    if (value instanceof Error) problems.push(`${option.flag} / ${option.env}: ${value.message}`);
    else config[option.key] = value;
  }
  for (const flag of flags.keys()) {
    if (!OPTIONS.some((o) => o.flag === flag)) problems.push(`unknown option ${flag}`);
  }
  const adminHost = String(config['adminHost']);
  if (!LOOPBACK.has(adminHost) && !config['adminToken']) {
    problems.push(
      `--admin-host ${adminHost} is not loopback: set --admin-token too, so the admin API is not open to the network`,
    );
  }
  if (config['httpPort'] !== null && config['identityMode'] === 'tls') {
    problems.push('--http-port serves callers without TLS: set --identity-mode to wss or either too');
  }
  if (Number(config['headersTimeoutMs']) > Number(config['requestTimeoutMs'])) {
    problems.push(
      '--headers-timeout-ms must not exceed --request-timeout-ms (the headers are part of the request)',
    );
  }
  if (problems.length) throw new ConfigError(problems);
  return Object.freeze({ ...(config as unknown as Config), ...overrides });
};

const readFlags = (argv: readonly string[], problems: string[]): Map<string, string> => {
  const flags = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (!arg.startsWith('--')) {
      problems.push(`unexpected argument "${arg}"`);
      continue;
    }
    const eq = arg.indexOf('=');
    if (eq > 0) flags.set(arg.slice(0, eq), arg.slice(eq + 1));
    else if (arg === '--freeze-clock') flags.set(arg, 'true');
    else {
      const next = argv[i + 1];
      if (next === undefined || next.startsWith('--')) problems.push(`${arg} needs a value`);
      else {
        flags.set(arg, next);
        i++;
      }
    }
  }
  return flags;
};
