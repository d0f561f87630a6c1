import { randomUUID } from 'node:crypto';
import { Agent, request } from 'node:https';
import type { ClientTls } from './https-call';
import type { Installation } from './installation';
import type { ServerProcess } from './processes';
import { createBookingEnvelope, soapHeaders } from './soap-bodies';
import { startEmulator } from './targets';
import { cprOf, CREATE_CPR_BASE, LOAD_CERTIFICATE, LOAD_ORGANISATION } from './world';

/**
 * Issue 16's scenario: one citizen accumulating bookings through CreateBooking, as a CI suite that
 * reuses one test citizen does. A write must cost the same whatever the citizen's history: the
 * window of the first bookings is set side by side with the window of the last ones, in one run.
 */
export interface OneCitizenWindow {
  /** The bookings the citizen had when the window's calls were answered: [from, to). */
  readonly from: number;
  readonly to: number;
  readonly rps: number;
  readonly p50: number;
  readonly p99: number;
  readonly cpuMsPerRequest: number;
}

export interface OneCitizenResult {
  readonly bookings: number;
  readonly connections: number;
  readonly first: OneCitizenWindow;
  readonly last: OneCitizenWindow;
  /** last / first, CPU per request: 1 means a write's cost does not grow with the history. */
  readonly cpuRatio: number;
  readonly p50Ratio: number;
  readonly errors: number;
}

const WINDOW = 100;
/** The citizen: a CPR no fixture or dataset citizen has; `--unknown-citizens create` makes it the jobcenter's. */
const CPR = cprOf(CREATE_CPR_BASE - 1);

const createOne = (agent: Agent, baseUrl: string): Promise<number> =>
  new Promise((resolve, reject) => {
    const body = createBookingEnvelope(LOAD_ORGANISATION, { id: randomUUID(), cpr: CPR, now: Date.now() });
    const started = performance.now();
    const req = request(
      `${baseUrl}/BookingService`,
      { method: 'POST', agent, headers: { ...soapHeaders('BookingService', 'CreateBooking') } },
      (res) => {
        res.resume();
        res.on('end', () =>
          res.statusCode === 200
            ? resolve(performance.now() - started)
            : reject(new Error(`CreateBooking answered HTTP ${res.statusCode ?? 0}`)),
        );
      },
    );
    req.on('error', reject);
    req.end(body);
  });

const percentile = (values: readonly number[], q: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
};

/** Drives `count` CreateBookings for one citizen over `connections` keep-alive connections. */
const drive = async (
  server: ServerProcess,
  tls: ClientTls,
  count: number,
  connections: number,
): Promise<{ windows: OneCitizenWindow[]; errors: number }> => {
  const agent = new Agent({ keepAlive: true, maxSockets: connections, ...tls });
  const marks = new Map<number, { at: number; cpu: number }>();
  const latencies: number[][] = [];
  let issued = 0;
  let answered = 0;
  let errors = 0;
  const mark = (n: number): void => {
    if (n % WINDOW === 0) marks.set(n, { at: performance.now(), cpu: server.usage().cpuSeconds });
  };
  mark(0);
  const worker = async (): Promise<void> => {
    while (issued < count) {
      issued++;
      try {
        const ms = await createOne(agent, server.baseUrl);
        (latencies[Math.floor(answered / WINDOW)] ??= []).push(ms);
      } catch {
        errors++;
      }
      answered++;
      mark(answered);
    }
  };
  await Promise.all(Array.from({ length: connections }, worker));
  agent.destroy();
  const windows: OneCitizenWindow[] = [];
  for (let from = 0; from + WINDOW <= count; from += WINDOW) {
    const a = marks.get(from);
    const b = marks.get(from + WINDOW);
    const ms = latencies[from / WINDOW] ?? [];
    if (!a || !b) continue;
    windows.push({
      from,
      to: from + WINDOW,
      rps: (1000 * WINDOW) / (b.at - a.at),
      p50: percentile(ms, 0.5),
      p99: percentile(ms, 0.99),
      cpuMsPerRequest: (1000 * (b.cpu - a.cpu)) / WINDOW,
    });
  }
  return { windows, errors };
};

export const measureOneCitizen = async (
  installation: Installation,
  dbPath: string,
  options: { readonly bookings: number; readonly connections: number },
  log: (line: string) => void,
): Promise<OneCitizenResult> => {
  const server = await startEmulator(installation, { label: 'emulator (one citizen)', dbPath });
  try {
    const { windows, errors } = await drive(
      server,
      installation.client(LOAD_CERTIFICATE),
      options.bookings,
      options.connections,
    );
    // The first window pays for the connections' handshakes: the second one is the early steady state.
    const first = windows[1] ?? windows[0];
    const last = windows[windows.length - 1];
    if (!first || !last) throw new Error(`one citizen: fewer than ${WINDOW} bookings measured`);
    const result: OneCitizenResult = {
      bookings: options.bookings,
      connections: options.connections,
      first,
      last,
      cpuRatio: last.cpuMsPerRequest / first.cpuMsPerRequest,
      p50Ratio: last.p50 / first.p50,
      errors,
    };
    log(
      `  one citizen, bookings ${first.from}-${first.to}: ${Math.round(first.rps)} req/s, p50 ${first.p50.toFixed(1)} ms, ` +
        `CPU ${first.cpuMsPerRequest.toFixed(2)} ms/req; ${last.from}-${last.to}: ${Math.round(last.rps)} req/s, ` +
        `p50 ${last.p50.toFixed(1)} ms, CPU ${last.cpuMsPerRequest.toFixed(2)} ms/req; CPU ratio ${result.cpuRatio.toFixed(2)}`,
    );
    return result;
  } finally {
    await server.stop();
  }
};

export const oneCitizenMarkdown = (r: OneCitizenResult): string =>
  [
    `#### One citizen accumulating ${r.bookings.toLocaleString('en')} bookings (CreateBooking, ${r.connections} connections)`,
    '',
    'The same citizen throughout, as a CI suite that reuses one test citizen does; its bookings when the window was answered.',
    '',
    '| bookings | req/s | p50 ms | p99 ms | CPU ms/req |',
    '| --- | --- | --- | --- | --- |',
    ...[r.first, r.last].map(
      (w) =>
        `| ${w.from.toLocaleString('en')}-${w.to.toLocaleString('en')} | ${Math.round(w.rps)} | ${w.p50.toFixed(1)} | ${w.p99.toFixed(1)} | ${w.cpuMsPerRequest.toFixed(2)} |`,
    ),
    '',
    `Ratio last / first: CPU ${r.cpuRatio.toFixed(2)}, p50 ${r.p50Ratio.toFixed(2)} (target ≤ 1.2). Errors: ${r.errors}.`,
  ].join('\n');
