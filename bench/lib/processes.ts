import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../src/project-root';
import { post, type ClientTls, type SoapExchange } from './https-call';

/**
 * Every server under test runs in its own child process, so the RSS and CPU time read from /proc
 * are its own and not the load generator's.
 */
export interface ServerProcess {
  readonly label: string;
  readonly baseUrl: string;
  readonly pid: number;
  /** From spawn to the first request answered with HTTP 200, in milliseconds. */
  readonly coldStartMs: number;
  /** CPU time the process used until then (less sensitive than wall time to a busy machine). */
  readonly coldStartCpuMs: number;
  usage(): ProcessUsage;
  stop(): Promise<void>;
}

export interface ProcessUsage {
  readonly rssMb: number;
  /** User + system CPU time the process has used so far. */
  readonly cpuSeconds: number;
}

const DIST = join(PROJECT_ROOT, 'dist');
export const EMULATOR_MAIN = join(DIST, 'src', 'main.js');
export const reference = (name: 'reference-soap' | 'reference-raw'): string =>
  join(DIST, 'bench', 'servers', `${name}.js`);

let ticksPerSecond: number | undefined;
const clockTicks = (): number =>
  (ticksPerSecond ??= Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100);

export const usageOf = (pid: number): ProcessUsage => {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const rssKb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  // Fields after "(comm)": state is field 3, utime 14 and stime 15 (proc(5)).
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11] ?? 0) + Number(fields[12] ?? 0);
  return { rssMb: rssKb / 1024, cpuSeconds: ticks / clockTicks() };
};

/** CPU time the whole machine has spent busy (all processes, all cores), in seconds: /proc/stat. */
export const machineBusySeconds = (): number => {
  const [, ...ticks] = (readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '').trim().split(/\s+/);
  const n = ticks.map(Number);
  const total = n.reduce((a, b) => a + b, 0);
  // idle and iowait are not busy; guest time is already counted in user.
  return (total - (n[3] ?? 0) - (n[4] ?? 0) - (n[8] ?? 0) - (n[9] ?? 0)) / clockTicks();
};

export const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });

/** A server that did not answer its probe in time (it was killed). */
export class ServerDidNotServe extends Error {
  constructor(
    readonly label: string,
    readonly timeoutMs: number,
    readonly stderr: string,
  ) {
    super(`${label} did not answer within ${timeoutMs} ms:\n${stderr}`);
    this.name = 'ServerDidNotServe';
  }
}

/** Children still running, each with how to signal it; killed if the bench itself ends early, so no server outlives it. */
const running = new Map<ChildProcess, (signal: NodeJS.Signals) => void>();
process.once('exit', () => {
  for (const signal of running.values()) signal('SIGKILL');
});
// Stopped by a signal (Ctrl-C, kill), the bench exits through 'exit' too, so its servers go with it.
for (const name of ['SIGINT', 'SIGTERM'] as const) process.once(name, () => process.exit(130));

export interface SpawnSpec {
  readonly label: string;
  readonly nodeArgs?: readonly string[];
  readonly script: string;
  /**
   * Run the server in a process group of its own and signal the whole group: for a launcher such as
   * `npm start`, whose shell would die of a SIGTERM and leave the server it started running.
   */
  readonly processGroup?: boolean;
  readonly args: (port: number) => readonly string[];
  readonly env?: Readonly<Record<string, string>>;
  /** A request the server answers with 200 once it is ready. */
  readonly probe: SoapExchange;
  readonly probeTls: ClientTls;
  readonly timeoutMs?: number;
}

/** Starts the server and returns once it has answered the probe; the time until then is its cold start. */
export const spawnServer = async (spec: SpawnSpec): Promise<ServerProcess> => {
  const port = await freePort();
  const baseUrl = `https://127.0.0.1:${port}`;
  const started = performance.now();
  const child = spawn(process.execPath, [...(spec.nodeArgs ?? []), spec.script, ...spec.args(port)], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, ...spec.env },
    stdio: ['ignore', 'ignore', 'pipe'],
    detached: spec.processGroup === true,
  });
  const signal = (name: NodeJS.Signals): void => {
    if (spec.processGroup && child.pid !== undefined) {
      try {
        process.kill(-child.pid, name);
      } catch {
        // the group is gone already
      }
    } else child.kill(name);
  };
  running.set(child, signal);
  let stderr = '';
  child.stderr?.on('data', (c: Buffer) => {
    stderr = (stderr + c.toString('utf8')).slice(-8000);
  });
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => {
      running.delete(child);
      resolve(code);
    }),
  );
  let exitCode: number | null | undefined;
  void exited.then((code) => (exitCode = code));
  const timeoutMs = spec.timeoutMs ?? 30_000;
  const deadline = started + timeoutMs;
  for (;;) {
    if (exitCode !== undefined)
      throw new Error(`${spec.label} exited (${exitCode}) before it served:\n${stderr}`);
    if (performance.now() > deadline) {
      signal('SIGKILL');
      await exited;
      throw new ServerDidNotServe(spec.label, timeoutMs, stderr);
    }
    const wait = Math.max(100, Math.min(5000, deadline - performance.now()));
    const reply = await post(baseUrl, spec.probeTls, spec.probe, wait).catch(() => undefined);
    if (reply?.status === 200) break;
    if (reply) throw new Error(`${spec.label} answered the probe with HTTP ${reply.status}: ${reply.body}`);
    await sleep(5);
  }
  const coldStartMs = performance.now() - started;
  const coldStartCpuMs = usageOf(child.pid ?? 0).cpuSeconds * 1000;
  return {
    label: spec.label,
    baseUrl,
    pid: child.pid ?? 0,
    coldStartMs,
    coldStartCpuMs,
    usage: () => usageOf(child.pid ?? 0),
    stop: async () => {
      await stopChild(child, exited, signal);
      if (spec.processGroup && child.pid !== undefined) await groupGone(child.pid);
    },
  };
};

const groupAlive = (pgid: number): boolean => {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
};

/**
 * The launcher may exit before the server it started has stopped: wait for the whole group, SIGKILL
 * it after 15 s, and give up after 20 s (an unreaped zombie would look alive for ever).
 */
const groupGone = async (pgid: number): Promise<void> => {
  const started = performance.now();
  while (groupAlive(pgid) && performance.now() - started < 20_000) {
    if (performance.now() - started > 15_000) process.kill(-pgid, 'SIGKILL');
    await sleep(20);
  }
};

/** SIGTERM (the emulator stops cleanly, and writes its --cpu-prof profile); SIGKILL after 15 s. */
const stopChild = async (
  child: ChildProcess,
  exited: Promise<number | null>,
  signal: (name: NodeJS.Signals) => void,
): Promise<void> => {
  if (child.exitCode !== null || child.signalCode !== null) return;
  signal('SIGTERM');
  const timer = setTimeout(() => signal('SIGKILL'), 15_000);
  await exited;
  clearTimeout(timer);
};

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
