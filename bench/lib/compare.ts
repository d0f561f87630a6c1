import { loadavg } from 'node:os';
import { loadDataset } from './dataset';
import type { Installation } from './installation';
import { combineRounds, median, runLoad, type RunResult } from './load';
import type { ServerProcess } from './processes';
import { machineInfo } from './report';
import { scenarios, type OperationName } from './scenarios';
import { captureAnswers, EMULATOR, REFERENCE_SOAP, startEmulator, startReferences } from './targets';

/**
 * Side by side in one run: the emulator as built now, other builds of it (`--against
 * label=path/to/dist/src/main.js`, e.g. the commit before a change), and (a) node-soap on the same
 * WSDL answering the emulator's own responses. The servers take turns within each round, in a
 * rotated order, so a busy neighbour on the machine weighs on all of them alike; medians over the
 * rounds. What a change to the request path did is read off one table, not off two runs.
 */
export interface CompareSettings {
  readonly operations: readonly OperationName[];
  /** Other builds of the emulator: a label and the main.js to run. */
  readonly against: ReadonlyArray<{ readonly label: string; readonly main: string }>;
  readonly bookings: number;
  readonly connections: number;
  readonly seconds: number;
  readonly warmupSeconds: number;
  readonly rounds: number;
  /** Starts of each build for its median cold start (the builds alternate). */
  readonly starts: number;
  readonly log: (line: string) => void;
}

export interface ComparedCell extends RunResult {
  /** req/s over (a)'s req/s for the same operation. */
  readonly vsA: number;
  /** (a)'s CPU ms per request over this server's. */
  readonly cpuVsA: number;
  /**
   * The same medians over only the rounds in which the rest of the machine used at most
   * QUIET_OTHER_CPU % of a core: on a shared machine a neighbour on the other core makes every
   * figure worse, the CPU time per request included (the two vCPUs share a physical core).
   */
  readonly quiet: {
    readonly rounds: number;
    readonly rps: number;
    readonly p99: number;
    readonly cpuMsPerRequest: number;
    readonly cpuVsA: number;
  };
}

/** A round counts as quiet when everything else on the machine used at most this % of one core. */
export const QUIET_OTHER_CPU = 25;

export interface CompareReport {
  readonly startedAt: string;
  readonly machine: Readonly<Record<string, string>>;
  readonly settings: Omit<CompareSettings, 'log'>;
  readonly cells: readonly ComparedCell[];
  /** Each emulator build's start: from spawn to its first answered request, and the CPU it took. */
  readonly coldStarts: ReadonlyArray<{ readonly label: string; readonly ms: number; readonly cpuMs: number }>;
}

export const runCompare = async (installation: Installation, s: CompareSettings): Promise<CompareReport> => {
  const startedAt = new Date().toISOString();
  const load = loadavg()[0] ?? 0;
  const labels = [EMULATOR, ...s.against.map((a) => a.label)];
  s.log(`loading ${s.bookings} bookings (${labels.length} copies)`);
  const population = labels
    .map((label) => loadDataset(installation.dbPath(label), installation.fixturesDir, s.bookings))
    .at(0);
  if (!population) throw new Error('no emulator to measure');
  // Each build started `starts` times, alternating, for the median cold start; the last start serves.
  const builds = [{ label: EMULATOR, main: undefined }, ...s.against];
  const starts = new Map<string, Array<{ ms: number; cpuMs: number }>>();
  const emulators: ServerProcess[] = [];
  for (let start = 0; start < s.starts; start++) {
    for (const build of builds) {
      const server = await startEmulator(installation, {
        label: build.label,
        dbPath: installation.dbPath(build.label),
        ...(build.main ? { main: build.main } : {}),
      });
      starts.set(build.label, [
        ...(starts.get(build.label) ?? []),
        { ms: server.coldStartMs, cpuMs: server.coldStartCpuMs },
      ]);
      if (start === s.starts - 1) emulators.push(server);
      else await server.stop();
    }
  }
  const answers = await captureAnswers(emulators[0] as ServerProcess, installation, population.citizens);
  const [refA, refB] = await startReferences(installation, answers);
  if (!refA) throw new Error('node-soap did not start');
  await refB?.stop();
  const servers = [...emulators, refA];
  const byOperation = scenarios(population);
  const measure = (server: ServerProcess, op: OperationName, seconds: number): Promise<RunResult> =>
    runLoad(server, byOperation[op], installation.client(byOperation[op].certificate), {
      connections: s.connections,
      seconds,
    });
  s.log('warming up');
  for (const op of s.operations) for (const server of servers) await measure(server, op, s.warmupSeconds);
  const runs = new Map<string, RunResult[]>();
  for (let round = 0; round < s.rounds; round++) {
    s.log(`round ${round + 1}/${s.rounds}`);
    for (const op of s.operations) {
      const turn = round % servers.length;
      for (const server of [...servers.slice(turn), ...servers.slice(0, turn)]) {
        const r = await measure(server, op, s.seconds);
        s.log(
          `  ${op.padEnd(18)} ${server.label.padEnd(22)} ${Math.round(r.rps).toString().padStart(6)} req/s ` +
            `p50 ${r.p50.toFixed(2)} p99 ${r.p99.toFixed(2)} ms CPU ${r.cpuMsPerRequest.toFixed(3)} ms/req ` +
            `(others ${Math.round(r.otherCpu)}%) errors ${r.errors}`,
        );
        const key = `${op}\u0000${server.label}`;
        runs.set(key, [...(runs.get(key) ?? []), r]);
      }
    }
  }
  await Promise.all(servers.map((server) => server.stop()));
  const roundsOf = (op: OperationName, label: string): RunResult[] => runs.get(`${op}\u0000${label}`) ?? [];
  const quietOf = (op: OperationName, label: string): RunResult[] =>
    roundsOf(op, label).filter((r) => r.otherCpu <= QUIET_OTHER_CPU);
  const medianOf = (rounds: readonly RunResult[], pick: (r: RunResult) => number): number =>
    median(rounds.map(pick));
  const cells = s.operations.flatMap((op) => {
    const a = combineRounds(roundsOf(op, REFERENCE_SOAP));
    const aQuiet = medianOf(quietOf(op, REFERENCE_SOAP), (r) => r.cpuMsPerRequest);
    return servers.map((server): ComparedCell => {
      const r = combineRounds(roundsOf(op, server.label));
      const quiet = quietOf(op, server.label);
      const quietCpu = medianOf(quiet, (q) => q.cpuMsPerRequest);
      return {
        ...r,
        vsA: r.rps / a.rps,
        cpuVsA: a.cpuMsPerRequest / r.cpuMsPerRequest,
        quiet: {
          rounds: quiet.length,
          rps: medianOf(quiet, (q) => q.rps),
          p99: medianOf(quiet, (q) => q.p99),
          cpuMsPerRequest: quietCpu,
          cpuVsA: aQuiet / quietCpu,
        },
      };
    });
  });
  const settings = {
    operations: s.operations,
    against: s.against,
    bookings: s.bookings,
    connections: s.connections,
    seconds: s.seconds,
    warmupSeconds: s.warmupSeconds,
    rounds: s.rounds,
    starts: s.starts,
  };
  const coldStarts = builds.map(({ label }) => ({
    label,
    ms: median((starts.get(label) ?? []).map((t) => t.ms)),
    cpuMs: median((starts.get(label) ?? []).map((t) => t.cpuMs)),
  }));
  return { startedAt, machine: machineInfo(load), settings, cells, coldStarts };
};

const fixed = (n: number, digits = 2): string => (Number.isFinite(n) ? n.toFixed(digits) : '–');

export const compareMarkdown = (r: CompareReport): string => {
  const m = r.machine;
  const s = r.settings;
  return [
    `### Side by side, ${r.startedAt.slice(0, 16).replace('T', ' ')} UTC`,
    '',
    `Machine: ${m['cpu']}, Node ${m['node']}, commit ${m['commit']}; 1-minute load average when the run ` +
      `began: ${m['load']}. ${s.bookings.toLocaleString('en-US')} bookings preloaded; ${s.connections} ` +
      `keep-alive mTLS connections; ${s.rounds} round(s) of ${s.seconds} s per cell, the servers rotated ` +
      'within each round; medians. × (a) compares req/s with node-soap on the same WSDL; × (a) by CPU ' +
      "compares CPU ms/req ((a)'s over the server's)." +
      (s.against.length > 0
        ? ` Other builds: ${s.against.map((a) => `${a.label} = \`${a.main}\``).join(', ')}.`
        : ''),
    '',
    '| Operation | Server | req/s | p50 ms | p99 ms | CPU ms/req | other CPU % | errors | × (a) | × (a) by CPU |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    ...r.cells.map(
      (c) =>
        `| ${c.operation} | ${c.target} | ${Math.round(c.rps).toLocaleString('en-US')} | ${fixed(c.p50)} | ` +
        `${fixed(c.p99)} | ${fixed(c.cpuMsPerRequest, 3)} | ${Math.round(c.otherCpu)} | ${c.errors} | ` +
        `${fixed(c.vsA)} | ${fixed(c.cpuVsA)} |`,
    ),
    '',
    `The quiet rounds only (the rest of the machine at most ${QUIET_OTHER_CPU} % of a core), medians:`,
    '',
    '| Operation | Server | quiet rounds | req/s | p99 ms | CPU ms/req | × (a) by CPU |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...r.cells.map(
      (c) =>
        `| ${c.operation} | ${c.target} | ${c.quiet.rounds} of ${s.rounds} | ` +
        `${Number.isFinite(c.quiet.rps) ? Math.round(c.quiet.rps).toLocaleString('en-US') : '–'} | ` +
        `${fixed(c.quiet.p99)} | ${fixed(c.quiet.cpuMsPerRequest, 3)} | ${fixed(c.quiet.cpuVsA)} |`,
    ),
    '',
    `Cold start (spawn to the first answered request; median of ${s.starts} start(s) each, the builds alternating):`,
    '',
    '| Server | ms | CPU ms |',
    '| --- | --- | --- |',
    ...r.coldStarts.map((c) => `| ${c.label} | ${Math.round(c.ms)} | ${Math.round(c.cpuMs)} |`),
    '',
  ].join('\n');
};
