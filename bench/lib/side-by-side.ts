import { loadDataset } from './dataset';
import { adminCall, startHangingReceiver } from './hanging-receiver';
import type { Installation } from './installation';
import { combineRounds, runLoad, type RunResult } from './load';
import { freePort, type ServerProcess } from './processes';
import { REST_COUNTERPARTS, scenarios, type Population, type Scenario } from './scenarios';
import { startEmulator } from './targets';
import { LOAD_ORGANISATION } from './world';

/**
 * Two questions answered by measuring the two sides back to back in every round (the order rotated
 * per round, medians over the rounds), so a neighbour's load falls on both alike:
 * - issue 14: does REST (CreateIndkaldelse, GetIndkaldelse) cost more CPU per request than SOAP
 *   (CreateBooking, GetBookingDetails)? The same emulator, connections, caller and preloaded data.
 * - issue 15: what does a subscriber that never answers do to CreateBooking's p99? Two emulators
 *   started alike on the same history, one with a subscription for the calling jobcenter (so every
 *   created booking queues a message for it) whose endpoint accepts TLS and then hangs.
 */
export interface RestVsSoap {
  readonly soap: RunResult;
  readonly rest: RunResult;
  /** REST's CPU ms per request over SOAP's: ≤ 1 is the target. */
  readonly cpuRatio: number;
  readonly rpsRatio: number;
}

export interface PushWithHangingSubscriber {
  readonly without: RunResult;
  readonly withSubscriber: RunResult;
  /** p99 with the hanging subscriber over p99 without: ≤ 1.1 is the target. */
  readonly p99Ratio: number;
  readonly cpuRatio: number;
  /** Requests the hanging endpoint received (and never answered): the worker did reach it. */
  readonly receiverRequests: number;
  /** The delivery attempts `GET /admin/deliveries` listed at the end, by outcome. */
  readonly attemptOutcomes: Readonly<Record<string, number>>;
}

export interface SideBySideReport {
  readonly rest: readonly RestVsSoap[];
  readonly push: PushWithHangingSubscriber;
}

export const EMULATOR_NO_SUBSCRIBER = 'emulator, no subscriber';
export const EMULATOR_HANGING_SUBSCRIBER = 'emulator, hanging subscriber';
const SUBSCRIPTION = 'bench-hanging';

interface Cell {
  readonly server: ServerProcess;
  readonly scenario: Scenario;
}

export const measureSideBySide = async (
  installation: Installation,
  options: {
    /** The comparison's emulator, still running on the base history. */
    readonly emulator: ServerProcess;
    readonly population: Population;
    readonly rounds: number;
    readonly measure: (server: ServerProcess, scenario: Scenario, warmup: boolean) => Promise<RunResult>;
    readonly log: (line: string) => void;
  },
): Promise<SideBySideReport> => {
  const { emulator, population, rounds, measure, log } = options;
  const byOperation = scenarios(population);

  log('REST and push, side by side: starting two emulators and a subscriber that never answers');
  const start = async (label: string): Promise<{ server: ServerProcess; adminPort: number }> => {
    const dbPath = installation.dbPath(label.replace(/\W+/g, '-'));
    loadDataset(dbPath, installation.fixturesDir, population.bookings);
    const adminPort = await freePort();
    const server = await startEmulator(installation, {
      label,
      dbPath,
      args: ['--admin-port', String(adminPort)],
    });
    return { server, adminPort };
  };
  const plain = await start(EMULATOR_NO_SUBSCRIBER);
  const hanging = await start(EMULATOR_HANGING_SUBSCRIBER);
  const receiver = await startHangingReceiver({
    key: installation.tls.serverKey,
    cert: installation.tls.serverCert,
    ca: installation.tls.ca,
  });
  try {
    // REST.md §7: the writer's own subscription receives its confirmation, so every CreateBooking
    // of the load's jobcenter queues one message for this endpoint.
    await adminCall(hanging.adminPort, 'PUT', `/admin/subscriptions/${SUBSCRIPTION}`, {
      organisation: `${LOAD_ORGANISATION.type}:${LOAD_ORGANISATION.code}`,
      messageTypes: ['Indkaldelse'],
      url: receiver.url,
    });

    const groups: ReadonlyArray<readonly Cell[]> = [
      ...REST_COUNTERPARTS.map(({ soap, rest }) => [
        { server: emulator, scenario: byOperation[soap] },
        { server: emulator, scenario: byOperation[rest] },
      ]),
      [
        { server: plain.server, scenario: byOperation.CreateBooking },
        { server: hanging.server, scenario: byOperation.CreateBooking },
      ],
    ];
    const keyOf = (cell: Cell): string => `${cell.scenario.operation}\u0000${cell.server.label}`;
    for (const group of groups) for (const cell of group) await measure(cell.server, cell.scenario, true);
    const runs = new Map<string, RunResult[]>();
    for (let round = 0; round < rounds; round++) {
      log(`side by side, round ${round + 1}/${rounds}`);
      for (const group of groups) {
        const rotated = [...group.slice(round % group.length), ...group.slice(0, round % group.length)];
        for (const cell of rotated)
          runs.set(keyOf(cell), [
            ...(runs.get(keyOf(cell)) ?? []),
            await measure(cell.server, cell.scenario, false),
          ]);
      }
    }
    const resultOf = (cell: Cell): RunResult => combineRounds(runs.get(keyOf(cell)) ?? []);

    const deliveries = (await adminCall(
      hanging.adminPort,
      'GET',
      `/admin/deliveries?subscription=${SUBSCRIPTION}`,
    )) as { items?: Array<{ outcome?: string }> };
    const attemptOutcomes: Record<string, number> = {};
    for (const item of deliveries.items ?? []) {
      const outcome = item.outcome ?? '?';
      attemptOutcomes[outcome] = (attemptOutcomes[outcome] ?? 0) + 1;
    }

    const rest = REST_COUNTERPARTS.map(({ soap, rest: restOp }) => {
      const soapResult = resultOf({ server: emulator, scenario: byOperation[soap] });
      const restResult = resultOf({ server: emulator, scenario: byOperation[restOp] });
      return {
        soap: soapResult,
        rest: restResult,
        cpuRatio: restResult.cpuMsPerRequest / soapResult.cpuMsPerRequest,
        rpsRatio: restResult.rps / soapResult.rps,
      };
    });
    const without = resultOf({ server: plain.server, scenario: byOperation.CreateBooking });
    const withSubscriber = resultOf({ server: hanging.server, scenario: byOperation.CreateBooking });
    return {
      rest,
      push: {
        without,
        withSubscriber,
        p99Ratio: withSubscriber.p99 / without.p99,
        cpuRatio: withSubscriber.cpuMsPerRequest / without.cpuMsPerRequest,
        receiverRequests: receiver.requests(),
        attemptOutcomes,
      },
    };
  } finally {
    // The receiver first: its dropped connection ends the attempt in flight, so the emulator stops
    // at once instead of waiting out the attempt's 10 s.
    await receiver.stop();
    await Promise.all([plain.server.stop(), hanging.server.stop()]);
  }
};

/**
 * `--side-by-side`: only these two comparisons, on their own emulator and a fresh history of
 * `bookings` (the full run measures them too, after its comparison with the references).
 */
export const runSideBySideMode = async (
  installation: Installation,
  s: {
    readonly bookings: number;
    readonly connections: number;
    readonly seconds: number;
    readonly warmupSeconds: number;
    readonly rounds: number;
    readonly log: (line: string) => void;
  },
): Promise<SideBySideReport> => {
  const dbPath = installation.dbPath('side-by-side');
  const population = loadDataset(dbPath, installation.fixturesDir, s.bookings);
  const emulator = await startEmulator(installation, { label: 'emulator', dbPath });
  try {
    return await measureSideBySide(installation, {
      emulator,
      population,
      rounds: s.rounds,
      measure: async (server, scenario, warmup) => {
        const r = await runLoad(server, scenario, installation.client(scenario.certificate), {
          connections: s.connections,
          seconds: warmup ? s.warmupSeconds : s.seconds,
        });
        if (!warmup)
          s.log(
            `  ${scenario.operation.padEnd(18)} ${server.label.padEnd(29)} ${Math.round(r.rps).toString().padStart(5)} req/s ` +
              `p50 ${r.p50.toFixed(2)} p99 ${r.p99.toFixed(2)} ms  CPU ${r.cpuMsPerRequest.toFixed(2)} ms/req ` +
              `(others ${Math.round(r.otherCpu)}%)  errors ${r.errors}` +
              (r.firstError ? `\n    first error: ${r.firstError.slice(0, 300)}` : ''),
          );
        return r;
      },
      log: s.log,
    });
  } finally {
    await emulator.stop();
  }
};
