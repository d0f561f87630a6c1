import { execFileSync } from 'node:child_process';
import { cpus, loadavg, release, totalmem, type } from 'node:os';
import type { DatasetSummary } from './dataset';
import type { RunResult } from './load';
import type { XmlCosts } from './micro';
import type { NpmStartTimes } from './npm-start';
import type { OperationName } from './scenarios';
import type { SideBySideReport } from './side-by-side';

/** The bench's results: written as JSON and as the Markdown tables docs/performance.md shows. */
export interface ComparedResult extends RunResult {
  /** req/s of the emulator over req/s of the reference for the same operation. */
  readonly vsA?: number | undefined;
  readonly vsB?: number | undefined;
  /** CPU ms per request of (a) over the emulator's: the same ratio by cost rather than by throughput. */
  readonly cpuVsA?: number | undefined;
}

export interface ScaleStep {
  readonly dataset: DatasetSummary;
  readonly coldStartMs: number;
  readonly coldStartCpuMs: number;
  /** Set when the emulator with its defaults did not serve in time at this size. */
  readonly startNote?: string | undefined;
  readonly results: readonly RunResult[];
}

export interface ScaleRatio {
  readonly operation: OperationName;
  readonly smallRps: number;
  readonly largeRps: number;
  /** req/s at the smallest size over req/s at the largest: how much slower history makes it. */
  readonly slowdown: number;
  readonly p50Ratio: number;
  /** CPU ms per request at the largest size over that at the smallest. */
  readonly cpuRatio: number;
}

export interface TargetCheck {
  readonly target: string;
  readonly measured: string;
  readonly met: boolean;
}

export interface BenchReport {
  readonly mode: string;
  readonly startedAt: string;
  readonly seconds: number;
  readonly machine: Readonly<Record<string, string>>;
  readonly settings: { readonly connections: number; readonly seconds: number; readonly rounds: number };
  readonly comparison: readonly ComparedResult[];
  /** REST against SOAP, and CreateBooking with a hanging push subscriber against none. */
  readonly sideBySide: SideBySideReport;
  readonly scale: readonly ScaleStep[];
  readonly ratios: readonly ScaleRatio[];
  readonly xml: XmlCosts;
  readonly npmStart: NpmStartTimes;
  readonly targets: readonly TargetCheck[];
}

/** The machine, and how busy it was with other work when the run began (1-minute load average). */
export const machineInfo = (loadAtStart: number = loadavg()[0] ?? 0): Record<string, string> => {
  const git = (...args: string[]): string => {
    try {
      return execFileSync('git', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    } catch {
      return 'unknown';
    }
  };
  return {
    cpu: `${cpus()[0]?.model ?? 'unknown'} × ${cpus().length}`,
    memory: `${(totalmem() / 1024 ** 3).toFixed(1)} GB`,
    os: `${type()} ${release()}`,
    node: process.version,
    load: loadAtStart.toFixed(2),
    commit: `${git('rev-parse', '--short', 'HEAD')}${git('status', '--porcelain', '--', 'src').length > 0 ? ' (src/ has uncommitted changes)' : ''}`,
  };
};

const int = (n: number): string => (Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : '–');
const fixed = (n: number | undefined, digits = 2): string =>
  n !== undefined && Number.isFinite(n) ? n.toFixed(digits) : '–';
const sizeLabel = (n: number): string =>
  n >= 1_000_000 ? `${n / 1_000_000}M` : n >= 1000 ? `${n / 1000}k` : String(n);

const table = (head: readonly string[], rows: ReadonlyArray<readonly string[]>): string =>
  [
    `| ${head.join(' | ')} |`,
    `|${head.map(() => ' --- ').join('|')}|`,
    ...rows.map((r) => `| ${r.join(' | ')} |`),
  ].join('\n');

export const reportMarkdown = (r: BenchReport): string => {
  const m = r.machine;
  const base = r.scale[0]?.dataset.bookings ?? 0;
  const largest = r.scale[r.scale.length - 1]?.dataset.bookings ?? 0;
  const errors = (x: RunResult): string => `${x.errors} / ${int(x.requests)}`;
  return [
    `### Benchmark (${r.mode}), ${r.startedAt.slice(0, 16).replace('T', ' ')} UTC`,
    '',
    `Machine: ${m['cpu']}, ${m['memory']}, ${m['os']}, Node ${m['node']}, commit ${m['commit']}; ` +
      `1-minute load average when the run began: ${m['load']}. ` +
      `Load generator (autocannon) on the same machine; ${r.settings.connections} keep-alive mTLS connections; ` +
      `${r.settings.rounds} round(s) of ${r.settings.seconds} s per cell, servers alternated within each round; medians. ` +
      `The whole run took ${Math.round(r.seconds)} s. "CPU ms/req" is the server process's own CPU time per ` +
      'answered request; "other CPU %" is what the rest of the machine (other processes) used meanwhile, ' +
      'in % of one core (the machine has two).',
    '',
    `#### Emulator against the references (${sizeLabel(base)} bookings preloaded)`,
    '',
    '(a) node-soap hosting the same WSDLs on https, answering canned responses; (b) node https answering canned ' +
      'bytes. Both answer the emulator’s own response to the same request. WsrmPickup counts each of its three ' +
      'calls (CreateSequence, GetBookings of 20 messages, CloseSequence). × (a) and × (b) compare req/s; ' +
      '× (a) by CPU compares CPU ms/req ((a)’s over the emulator’s).',
    '',
    table(
      ['Operation', 'Server', 'req/s', 'p50 ms', 'p99 ms', 'RSS MB', 'CPU ms/req', 'server CPU %'].concat([
        'other CPU %',
        'errors',
        '× (a)',
        '× (b)',
        '× (a) by CPU',
      ]),
      r.comparison.map((c) => [
        c.operation,
        c.target,
        int(c.rps),
        fixed(c.p50),
        fixed(c.p99),
        int(c.rssMb),
        fixed(c.cpuMsPerRequest),
        int(c.serverCpu),
        int(c.otherCpu),
        errors(c),
        fixed(c.vsA),
        fixed(c.vsB),
        fixed(c.cpuVsA),
      ]),
    ),
    '',
    sideBySideMarkdown(r.sideBySide),
    '',
    '#### History size',
    '',
    table(
      ['Bookings', 'citizens', 'rows', 'DB MB', 'load s', 'cold start ms', 'cold start CPU ms'],
      r.scale.map((s) => [
        sizeLabel(s.dataset.bookings),
        int(s.dataset.citizens),
        int(Object.values(s.dataset.rows).reduce((a, b) => a + b, 0)),
        int(s.dataset.dbMegabytes),
        fixed(s.dataset.loadSeconds, 1),
        `${int(s.coldStartMs)}${s.startNote ? ' ¹' : ''}`,
        int(s.coldStartCpuMs),
      ]),
    ),
    '',
    ...r.scale
      .filter((s) => s.startNote)
      .map((s) => `¹ ${sizeLabel(s.dataset.bookings)}: ${s.startNote ?? ''}.\n`),
    table(
      ['Operation', 'Bookings', 'req/s', 'p50 ms', 'p99 ms', 'RSS MB', 'CPU ms/req', 'other CPU %', 'errors'],
      r.scale.flatMap((s) =>
        s.results.map((x) => [
          x.operation,
          sizeLabel(s.dataset.bookings),
          int(x.rps),
          fixed(x.p50),
          fixed(x.p99),
          int(x.rssMb),
          fixed(x.cpuMsPerRequest),
          int(x.otherCpu),
          errors(x),
        ]),
      ),
    ),
    '',
    `Ratios ${sizeLabel(largest)} / ${sizeLabel(base)}: slowdown = req/s at ${sizeLabel(base)} ÷ req/s at ` +
      `${sizeLabel(largest)}; p50 and CPU ratios = at ${sizeLabel(largest)} ÷ at ${sizeLabel(base)}. ` +
      'On a shared machine the CPU ratio is the steadiest of the three.',
    '',
    table(
      [
        'Operation',
        `req/s ${sizeLabel(base)}`,
        `req/s ${sizeLabel(largest)}`,
        'slowdown',
        'p50 ratio',
        'CPU ratio',
      ],
      r.ratios.map((x) => [
        x.operation,
        int(x.smallRps),
        int(x.largeRps),
        fixed(x.slowdown),
        fixed(x.p50Ratio),
        fixed(x.cpuRatio),
      ]),
    ),
    '',
    '#### XML work per CreateBooking (in process, µs per request)',
    '',
    table(
      [
        'our parse + XSD validation',
        'our parse alone',
        'XSD validation',
        'node-soap’s parse of the same bytes',
      ],
      [
        [
          fixed(r.xml.parseAndValidateUs, 0),
          fixed(r.xml.parseOnlyUs, 0),
          fixed(r.xml.validationUs, 0),
          fixed(r.xml.nodeSoapParseUs, 0),
        ],
      ],
    ),
    '',
    npmStartMarkdown(r.npmStart, base),
    '',
    '#### Targets (issue 6)',
    '',
    table(
      ['Target', 'Measured', 'Met'],
      r.targets.map((t) => [t.target, t.measured, t.met ? 'yes' : '**no**']),
    ),
    '',
  ].join('\n');
};

/** `npm start` as a user runs it, next to the cold start of `node dist/src/main.js`. */
export const npmStartMarkdown = (t: NpmStartTimes, bookings: number): string =>
  [
    `#### Time to the first answer of \`npm start\` (${sizeLabel(bookings)} bookings)`,
    '',
    'From running the command to the first answered GetBookingDetails. The first start after a source change ' +
      `builds dist/ (tsc) first; later starts find it current. Medians of ${t.starts} start(s).`,
    '',
    table(
      ['npm start, building first', 'npm start again', 'node dist/src/main.js'],
      [[`${int(t.buildingStartMs)} ms`, `${int(t.secondStartMs)} ms`, `${int(t.directStartMs)} ms`]],
    ),
  ].join('\n');

/** The rows of one side-by-side pair: req/s, latency and CPU of each side, then their ratio. */
const pairColumns = ['req/s', 'p50 ms', 'p99 ms', 'CPU ms/req', 'server CPU %', 'other CPU %', 'errors'];
const pairCells = (x: RunResult): string[] => [
  int(x.rps),
  fixed(x.p50),
  fixed(x.p99),
  fixed(x.cpuMsPerRequest),
  int(x.serverCpu),
  int(x.otherCpu),
  `${x.errors} / ${int(x.requests)}`,
];

/** Issue 14's REST against SOAP and issue 15's hanging subscriber, each pair measured back to back. */
export const sideBySideMarkdown = (r: SideBySideReport): string => {
  const outcomes = Object.entries(r.push.attemptOutcomes)
    .map(([outcome, n]) => `${n} × ${outcome}`)
    .join(', ');
  return [
    '#### REST against SOAP (issue 14)',
    '',
    'The same emulator, caller (a jobcenter caseworker), connections and preloaded bookings; each pair ' +
      'measured back to back in every round, the order rotated. REST: `POST /v2/Indkaldelse/{uuid}` ' +
      '(201, a new citizen per call as CreateBooking) and `GET /v2/Indkaldelse/{uuid}` with the DTO headers ' +
      'of REST.md §2 and a fresh `x-requestId` per write. REST / SOAP CPU is the target: ≤ 1.',
    '',
    table(
      ['Operation', ...pairColumns, 'REST / SOAP CPU', 'REST / SOAP req/s'],
      r.rest.flatMap((p) => [
        [`${p.soap.operation} (SOAP)`, ...pairCells(p.soap), '', ''],
        [`${p.rest.operation} (REST)`, ...pairCells(p.rest), fixed(p.cpuRatio), fixed(p.rpsRatio)],
      ]),
    ),
    '',
    '#### CreateBooking with a push subscriber that never answers (issue 15)',
    '',
    'Two emulators started alike on the same history; one has a subscription (`PUT /admin/subscriptions`) ' +
      'for the calling jobcenter, so every CreateBooking queues a message for it, at an HTTPS endpoint that ' +
      'accepts mutual TLS and never answers. Measured back to back in every round, the order rotated. ' +
      `The endpoint received ${r.push.receiverRequests} request(s); the delivery attempts listed at the end: ` +
      `${outcomes || 'none'}. The target: p99 with ÷ without ≤ 1.1.`,
    '',
    table(
      ['CreateBooking', ...pairColumns, 'p99 ratio', 'CPU ratio'],
      [
        ['no subscriber', ...pairCells(r.push.without), '', ''],
        [
          'hanging subscriber',
          ...pairCells(r.push.withSubscriber),
          fixed(r.push.p99Ratio),
          fixed(r.push.cpuRatio),
        ],
      ],
    ),
  ].join('\n');
};
