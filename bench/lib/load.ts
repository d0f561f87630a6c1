import autocannon, { type Request as LoadRequest } from 'autocannon';
import type { ClientTls } from './https-call';
import { machineBusySeconds, type ServerProcess } from './processes';
import type { OperationName, Scenario } from './scenarios';

/** One measured run: keep-alive mutual TLS, a fixed number of connections, a fixed time. */
export interface RunResult {
  readonly operation: OperationName;
  readonly target: string;
  readonly requests: number;
  readonly seconds: number;
  readonly rps: number;
  readonly p50: number;
  readonly p99: number;
  /** Largest RSS of the server process seen during the run (sampled every 100 ms). */
  readonly rssMb: number;
  /** The server's CPU time per answered request: its cost, whatever else the machine is doing. */
  readonly cpuMsPerRequest: number;
  /** The server's CPU time over the run, in percent of one core. */
  readonly serverCpu: number;
  /** The load generator's (this process's) CPU time over the run, in percent of one core. */
  readonly loadCpu: number;
  /** CPU time of everything else on the machine during the run (other processes), in percent of one core. */
  readonly otherCpu: number;
  /** Answers other than the scenario's success status (200, 201), connection errors and timeouts. */
  readonly errors: number;
  readonly statuses: Readonly<Record<string, number>>;
  /** The first answer that was not a 200, to show what went wrong. */
  readonly firstError?: string | undefined;
}

export interface LoadOptions {
  readonly connections: number;
  readonly seconds: number;
}

export const runLoad = async (
  target: ServerProcess,
  scenario: Scenario,
  tls: ClientTls,
  options: LoadOptions,
): Promise<RunResult> => {
  const okStatus = scenario.okStatus ?? 200;
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  let firstError: string | undefined;
  let connection = 0;
  let rssMb = target.usage().rssMb;
  const sampler = setInterval(() => {
    rssMb = Math.max(rssMb, target.usage().rssMb);
  }, 100);
  const serverBefore = target.usage().cpuSeconds;
  const loadBefore = process.cpuUsage();
  const machineBefore = machineBusySeconds();
  const started = performance.now();
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: target.baseUrl,
        connections: options.connections,
        duration: options.seconds,
        tlsOptions: { cert: tls.cert, key: tls.key, ca: tls.ca },
        setupClient: (client) => {
          const requests = scenario.requestsOf(connection++).map((r): LoadRequest => ({
            ...r,
            onResponse: (status, body, context, headers) => {
              if (status !== okStatus && firstError === undefined)
                firstError = `HTTP ${status}: ${body.slice(0, 800)}`;
              if (typeof r.onResponse === 'function') r.onResponse(status, body, context, headers);
            },
          }));
          client.setRequests(requests);
        },
      },
      (error: unknown, done: autocannon.Result) =>
        error
          ? reject(error instanceof Error ? error : new Error('autocannon failed', { cause: error }))
          : resolve(done),
    );
    instance.on('response', (_client, status, _bytes, responseTime) => {
      latencies.push(responseTime);
      statuses[status] = (statuses[status] ?? 0) + 1;
    });
  });
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  const loadCpu = process.cpuUsage(loadBefore);
  const serverCpuSeconds = target.usage().cpuSeconds - serverBefore;
  const machineSeconds = machineBusySeconds() - machineBefore;
  const loadCpuSeconds = (loadCpu.user + loadCpu.system) / 1e6;
  if (scenario.settle) await scenario.settle(target.baseUrl, tls);

  latencies.sort((a, b) => a - b);
  const ok = statuses[String(okStatus)] ?? 0;
  return {
    operation: scenario.operation,
    target: target.label,
    requests: latencies.length,
    seconds,
    rps: latencies.length / seconds,
    p50: percentile(latencies, 0.5),
    p99: percentile(latencies, 0.99),
    rssMb,
    cpuMsPerRequest: (1000 * serverCpuSeconds) / latencies.length,
    serverCpu: (100 * serverCpuSeconds) / seconds,
    loadCpu: (100 * loadCpuSeconds) / seconds,
    otherCpu: Math.max(0, (100 * (machineSeconds - serverCpuSeconds - loadCpuSeconds)) / seconds),
    errors: latencies.length - ok + result.errors + result.timeouts,
    statuses,
    firstError,
  };
};

const percentile = (sorted: readonly number[], q: number): number =>
  sorted.length === 0 ? NaN : (sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN);

export const median = (values: readonly number[]): number => {
  const sorted = [...values].filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? NaN) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
};

/** The median of each measure over rounds (requests and errors are summed). */
export const combineRounds = (runs: readonly RunResult[]): RunResult => {
  const first = runs[0];
  if (!first) throw new Error('no runs to combine');
  const statuses: Record<string, number> = {};
  for (const r of runs) for (const [s, n] of Object.entries(r.statuses)) statuses[s] = (statuses[s] ?? 0) + n;
  const of = (pick: (r: RunResult) => number): number => median(runs.map(pick));
  return {
    operation: first.operation,
    target: first.target,
    requests: runs.reduce((n, r) => n + r.requests, 0),
    seconds: runs.reduce((n, r) => n + r.seconds, 0),
    rps: of((r) => r.rps),
    p50: of((r) => r.p50),
    p99: of((r) => r.p99),
    rssMb: Math.max(...runs.map((r) => r.rssMb)),
    cpuMsPerRequest: of((r) => r.cpuMsPerRequest),
    serverCpu: of((r) => r.serverCpu),
    loadCpu: of((r) => r.loadCpu),
    otherCpu: of((r) => r.otherCpu),
    errors: runs.reduce((n, r) => n + r.errors, 0),
    statuses,
    firstError: runs.find((r) => r.firstError)?.firstError,
  };
};
