import { loadavg } from 'node:os';
import { loadDataset } from './dataset';
import type { Installation } from './installation';
import { combineRounds, runLoad, type RunResult } from './load';
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
  readonly log: (line: string) => void;
}

export interface ComparedCell extends RunResult {
  /** req/s over (a)'s req/s for the same operation. */
  readonly vsA: number;
  /** (a)'s CPU ms per request over this server's. */
  readonly cpuVsA: number;
}

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
  const emulators: ServerProcess[] = [
    await startEmulator(installation, { label: EMULATOR, dbPath: installation.dbPath(EMULATOR) }),
  ];
  for (const a of s.against) {
    emulators.push(
      await startEmulator(installation, {
        label: a.label,
        dbPath: installation.dbPath(a.label),
        main: a.main,
      }),
    );
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
  const combined = (op: OperationName, label: string): RunResult =>
    combineRounds(runs.get(`${op}\u0000${label}`) ?? []);
  const cells = s.operations.flatMap((op) => {
    const a = combined(op, REFERENCE_SOAP);
    return servers.map((server): ComparedCell => {
      const r = combined(op, server.label);
      return { ...r, vsA: r.rps / a.rps, cpuVsA: a.cpuMsPerRequest / r.cpuMsPerRequest };
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
  };
  const coldStarts = emulators.map((e) => ({ label: e.label, ms: e.coldStartMs, cpuMs: e.coldStartCpuMs }));
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
    'Cold start (spawn to the first answered request, one start each):',
    '',
    '| Server | ms | CPU ms |',
    '| --- | --- | --- |',
    ...r.coldStarts.map((c) => `| ${c.label} | ${Math.round(c.ms)} | ${Math.round(c.cpuMs)} |`),
    '',
  ].join('\n');
};
