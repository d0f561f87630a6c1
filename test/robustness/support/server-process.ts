/**
 * The emulator as a separate process (`node dist/src/main.js`), for what an in-process server cannot
 * show: SIGKILL at any moment, two processes on one database file, and the server's own RSS.
 *
 * The build goes to a temporary folder of its own (keyed by a hash of src/), never to the project's
 * dist/, so a robustness run neither needs a fresh `npm run build` nor races another build writing
 * dist/. The folder links package.json, wsdl/, fixtures/, src/ (the SQL migrations) and node_modules
 * from the project, so the built code finds its package root there exactly as it does in dist/.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  readlinkSync,
  renameSync,
  rmSync,
  statSync,
  symlinkSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { testCertDir } from '../../helpers/test-certificates';

const PROJECT = join(__dirname, '..', '..', '..');
const LINKED = ['package.json', 'wsdl', 'fixtures', 'src', 'node_modules'] as const;

const filesUnder = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });

/** A hash of everything the build reads: a changed source file means a new build. */
const sourceHash = (): string => {
  const hash = createHash('sha256');
  const configs = ['tsconfig.json', 'tsconfig.build.json'].map((name) => join(PROJECT, name));
  for (const file of [...filesUnder(join(PROJECT, 'src')), ...configs].sort()) {
    hash.update(relative(PROJECT, file)).update('\0').update(readFileSync(file)).update('\0');
  }
  return hash.digest('hex').slice(0, 16);
};

/**
 * Compiles src/ (tsc, emit only: `npx tsc --noEmit` type-checks it elsewhere) into a temporary build
 * folder once per source version and returns the path of its main.js. Concurrent callers build into
 * folders of their own and the first rename wins.
 */
export const builtServerMain = (): string => {
  const root = join(tmpdir(), `dfdg-robustness-build-${sourceHash()}`);
  const main = join(root, 'dist', 'src', 'main.js');
  if (existsSync(main)) return main;
  const staging = `${root}.staging-${process.pid}-${randomBytes(4).toString('hex')}`;
  mkdirSync(staging, { recursive: true });
  for (const name of LINKED) symlinkSync(join(PROJECT, name), join(staging, name));
  const tsc = require.resolve('typescript/bin/tsc', { paths: [PROJECT] });
  const build = spawnSync(
    process.execPath,
    [
      tsc,
      '-p',
      join(PROJECT, 'tsconfig.build.json'),
      '--outDir',
      join(staging, 'dist'),
      '--noCheck',
      '--sourceMap',
      'false',
    ],
    { cwd: PROJECT, encoding: 'utf8' },
  );
  if (build.status !== 0) {
    rmSync(staging, { recursive: true, force: true });
    throw new Error(`building the server failed:\n${build.stdout}\n${build.stderr}`);
  }
  try {
    renameSync(staging, root);
  } catch {
    rmSync(staging, { recursive: true, force: true }); // another worker won the race
  }
  if (!existsSync(main)) throw new Error(`the build left no ${main}`);
  removeStaleBuilds(root);
  return main;
};

/** Builds of older source versions, untouched for a day, are removed so /tmp does not fill up. */
const removeStaleBuilds = (keep: string): void => {
  const dayAgo = Date.now() - 24 * 3600 * 1000;
  for (const name of readdirSync(tmpdir())) {
    const path = join(tmpdir(), name);
    if (!name.startsWith('dfdg-robustness-build-') || path === keep) continue;
    try {
      if (statSync(path).mtimeMs < dayAgo) rmSync(path, { recursive: true, force: true });
    } catch {
      // another run removed it first
    }
  }
};

/** A free TCP port on loopback (for the admin API, whose port the server does not log). */
export const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });

export interface LogLine {
  readonly level?: string | number;
  readonly [key: string]: unknown;
}

/** The line's message, whether the logger writes `message` or (pino) `msg`. */
export const messageOf = (line: LogLine): string | undefined => {
  const m = line['msg'] ?? line['message'];
  return typeof m === 'string' ? m : undefined;
};

/** Error and fatal lines, whether levels are names or (pino) numbers (50 error, 60 fatal). */
export const isErrorLine = (line: LogLine): boolean =>
  line.level === 'error' || line.level === 'fatal' || (typeof line.level === 'number' && line.level >= 50);

export interface ServerProcess {
  readonly pid: number;
  readonly soapUrl: string;
  readonly adminUrl: string;
  readonly startedInMs: number;
  /** Every JSON line the server wrote to stderr so far, and the lines that were not JSON. */
  readonly logs: LogLine[];
  readonly otherOutput: string[];
  /** Resolves when the process has exited (with its code or signal). */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  kill(signal: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Resident set size of the server process, in MiB (from /proc). */
  rssMiB(): number;
  /** Peak resident set size (VmHWM) since the process started, in MiB. */
  peakRssMiB(): number;
  isRunning(): boolean;
  /** Closes the reading end of the server's stderr, as a parent that went away would: its log writes fail (EPIPE). */
  closeStderr(): void;
}

export interface ServerProcessOptions {
  readonly dbPath: string;
  /** Defaults to the test run's certificate folder, so the fixture client certificates work. */
  readonly certDir?: string;
  readonly extraArgs?: readonly string[];
  readonly startTimeoutMs?: number;
  /** Called with the process id as soon as the process is spawned (before it listens). */
  readonly onSpawn?: (pid: number) => void;
}

const procStatusMiB = (pid: number, field: 'VmRSS' | 'VmHWM'): number => {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = new RegExp(`${field}:\\s+(\\d+)\\s+kB`).exec(status)?.[1];
  if (!kb) throw new Error(`no ${field} in /proc/${pid}/status`);
  return Number(kb) / 1024;
};

/** The environment without DFDG_* variables, so only the flags given here configure the server. */
const cleanEnv = (): NodeJS.ProcessEnv =>
  Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('DFDG_')));

/**
 * Starts `node main.js --port 0 ...` and resolves once it logs "dfdg-emulator listening" (JSON on
 * stderr, with its soapUrl); rejects if it exits or stays silent first.
 */
export const startServerProcess = async (options: ServerProcessOptions): Promise<ServerProcess> => {
  const main = builtServerMain();
  const adminPort = await freePort();
  const args = [
    main,
    '--port',
    '0',
    '--host',
    '127.0.0.1',
    '--admin-port',
    String(adminPort),
    '--db',
    options.dbPath,
    '--cert-dir',
    options.certDir ?? testCertDir(),
    ...(options.extraArgs ?? []),
  ];
  const started = Date.now();
  const child: ChildProcess = spawn(process.execPath, args, {
    env: cleanEnv(),
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  if (child.pid !== undefined) options.onSpawn?.(child.pid);
  const logs: LogLine[] = [];
  const otherOutput: string[] = [];
  let loggedAdminUrl: string | undefined;
  let running = true;
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => {
      running = false;
      resolve({ code, signal });
    });
  });
  const soapUrl = await new Promise<string>((resolve, reject) => {
    let pending = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the server did not start within ${options.startTimeoutMs ?? 30_000} ms`));
    }, options.startTimeoutMs ?? 30_000);
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (chunk: string) => {
      pending += chunk;
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        if (!line.trim()) continue;
        try {
          const parsed = JSON.parse(line) as LogLine;
          logs.push(parsed);
          if (messageOf(parsed) === 'dfdg-emulator listening' && typeof parsed['soapUrl'] === 'string') {
            clearTimeout(timer);
            if (typeof parsed['adminUrl'] === 'string') loggedAdminUrl = parsed['adminUrl'];
            resolve(parsed['soapUrl']);
          }
        } catch {
          otherOutput.push(line);
        }
      }
    });
    void exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(
        new Error(
          `the server exited (code ${String(code)}, signal ${String(signal)}) before listening:\n${otherOutput.join('\n')}`,
        ),
      );
    });
  });
  const pid = child.pid as number;
  return {
    pid,
    soapUrl,
    adminUrl: loggedAdminUrl ?? `http://127.0.0.1:${adminPort}`,
    startedInMs: Date.now() - started,
    logs,
    otherOutput,
    exited,
    kill: (signal) => {
      if (running) child.kill(signal);
      return exited;
    },
    rssMiB: () => procStatusMiB(pid, 'VmRSS'),
    peakRssMiB: () => procStatusMiB(pid, 'VmHWM'),
    isRunning: () => running,
    closeStderr: () => child.stderr?.destroy(),
  };
};

/** Whether the process has the file open (Linux /proc), e.g. its database once it opened the store. */
export const hasFileOpen = (pid: number, path: string): boolean => {
  try {
    return readdirSync(`/proc/${pid}/fd`).some((fd) => {
      try {
        return readlinkSync(`/proc/${pid}/fd/${fd}`) === path;
      } catch {
        return false;
      }
    });
  } catch {
    return false;
  }
};

/** A fresh folder for a test's database file (the server creates the file). */
export const tempDbPath = (label: string): string =>
  join(mkdtempSync(join(tmpdir(), `dfdg-robustness-${label}-`)), 'dfdg.sqlite');

export interface FailedStart {
  readonly code: number | null;
  readonly stderr: string;
  /** It logged "dfdg-emulator listening" (and was then stopped): the start did not fail. */
  readonly listened: boolean;
}

/**
 * Runs `main.js` with exactly these flags, for a start that must fail: resolves with its exit code
 * and stderr once it exits, or, should it start listening instead, stops it and says so. Rejects
 * if it neither exits nor listens within the time given.
 */
export const runFailingStart = (args: readonly string[], timeoutMs = 30_000): Promise<FailedStart> =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [builtServerMain(), ...args], {
      env: cleanEnv(),
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    let listened = false;
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (chunk: string) => {
      stderr += chunk;
      if (!listened && stderr.includes('"dfdg-emulator listening"')) {
        listened = true;
        child.kill('SIGTERM');
      }
    });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the server neither exited nor listened within ${timeoutMs} ms:\n${stderr}`));
    }, timeoutMs);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stderr, listened });
    });
  });
