import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { format, resolveConfig } from 'prettier';
import { PROJECT_ROOT } from '../src/project-root';
import { compareMarkdown, runCompare } from './lib/compare';
import { loadDataset } from './lib/dataset';
import { prepareInstallation } from './lib/installation';
import { measureNpmStart } from './lib/npm-start';
import { measureOneCitizen, oneCitizenMarkdown } from './lib/one-citizen';
import { profileMarkdown, runProfile } from './lib/profile-run';
import { machineInfo, npmStartMarkdown, reportMarkdown, sideBySideMarkdown } from './lib/report';
import type { OperationName } from './lib/scenarios';
import { runSideBySideMode } from './lib/side-by-side';
import { runSuite } from './lib/suite';

/**
 * npm run bench [-- --quick | --profile[=Operation] | --npm-start | --one-citizen | --compare | --side-by-side]
 *                  [--out DIR] [--rounds N]
 *                  [--seconds S] [--connections C] [--sizes 1000,100000,1000000] [--starts N]
 *                  [--bookings N] [--keep] [--operations A,B] [--against label=main.js ...]
 *
 * Full (default): the emulator against both references, then 1k / 100k / 1M bookings, then the time
 * to the first answer of `npm start`, then one citizen accumulating 10,000 bookings; < 12 min.
 * --one-citizen: only that last scenario (--bookings, default 10,000), CreateBooking's cost at the
 * citizen's first bookings and at its last ones, side by side.
 * --quick: the same path in seconds (one short round, 1k and 10k bookings, one citizen to 300), for CI.
 * --profile: the emulator under CreateBooking load (or the named operation) with --cpu-prof.
 * --compare: the emulator, other builds of it (--against label=path/dist/src/main.js, repeatable) and
 * node-soap side by side in one run, on --operations (default CreateBooking,GetBookingDetails) at
 * --sizes' first (default 1,000) bookings, each build's cold start the median of --starts (default
 * 1); writes compare.{md,json}.
 * --side-by-side: only REST against SOAP and CreateBooking with a hanging push subscriber against
 * none (issues 14, 15), on --sizes' first (default 1,000) bookings; writes side-by-side.{md,json}.
 * --npm-start: only the time to the first answer of `npm start` (building, then --starts times
 * again, default 5), on 1k bookings.
 * Writes <mode>.json and <mode>.md (profile-<Operation>.*) into bench/results/ (or --out) and prints
 * the Markdown.
 */
interface Cli {
  readonly mode: 'full' | 'quick' | 'profile' | 'npm-start' | 'one-citizen' | 'compare' | 'side-by-side';
  readonly operations: readonly OperationName[];
  readonly against: ReadonlyArray<{ readonly label: string; readonly main: string }>;
  readonly profileOperation: OperationName;
  readonly out: string;
  readonly rounds?: number;
  readonly seconds?: number;
  readonly connections: number;
  readonly sizes?: number[];
  readonly starts?: number;
  readonly bookings: number;
  readonly keep: boolean;
}

const OPERATIONS: readonly OperationName[] = [
  'CreateBooking',
  'GetBookingDetails',
  'GetBookings',
  'GetVariablePersonStatus',
  'WsrmPickup',
];
/** --profile also takes the REST operations (the references of --compare answer only SOAP). */
const PROFILED: readonly OperationName[] = [...OPERATIONS, 'CreateIndkaldelse', 'GetIndkaldelse'];

const parseCli = (argv: readonly string[]): Cli => {
  const value = (flag: string): string | undefined => {
    const i = argv.findIndex((a) => a === flag || a.startsWith(`${flag}=`));
    if (i < 0) return undefined;
    const arg = argv[i] ?? '';
    return arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : argv[i + 1];
  };
  const number = (flag: string): number | undefined => {
    const v = value(flag);
    if (v === undefined) return undefined;
    const n = Number(v);
    if (!Number.isFinite(n) || n <= 0) throw new Error(`${flag} needs a positive number, got "${v}"`);
    return n;
  };
  const profile = argv.find((a) => a === '--profile' || a.startsWith('--profile='));
  const profileOperation = (profile?.split('=')[1] ?? 'CreateBooking') as OperationName;
  if (!PROFILED.includes(profileOperation))
    throw new Error(`--profile=${profileOperation}: not one of ${PROFILED.join(', ')}`);
  const sizes = value('--sizes')
    ?.split(',')
    .map((s) => Number(s.trim()));
  if (sizes?.some((n) => !Number.isInteger(n) || n < 200))
    throw new Error('--sizes: integers of at least 200');
  const operations = (value('--operations') ?? 'CreateBooking,GetBookingDetails')
    .split(',')
    .map((o) => o.trim() as OperationName);
  const unknown = operations.find((o) => !OPERATIONS.includes(o));
  if (unknown) throw new Error(`--operations: ${unknown} is not one of ${OPERATIONS.join(', ')}`);
  const against = argv.flatMap((a, i) => {
    const spec = a.startsWith('--against=')
      ? a.slice('--against='.length)
      : a === '--against'
        ? argv[i + 1]
        : null;
    if (spec === null) return [];
    const [label, main] = (spec ?? '').split('=');
    if (!label || !main)
      throw new Error(`--against needs label=path/to/dist/src/main.js, got "${spec ?? ''}"`);
    return [{ label, main: resolve(main) }];
  });
  const rounds = number('--rounds');
  const seconds = number('--seconds');
  const starts = number('--starts');
  return {
    mode: profile
      ? 'profile'
      : argv.includes('--compare')
        ? 'compare'
        : argv.includes('--side-by-side')
          ? 'side-by-side'
          : argv.includes('--npm-start')
            ? 'npm-start'
            : argv.includes('--one-citizen')
              ? 'one-citizen'
              : argv.includes('--quick')
                ? 'quick'
                : 'full',
    profileOperation,
    operations,
    against,
    out: resolve(value('--out') ?? join(PROJECT_ROOT, 'bench', 'results')),
    ...(rounds !== undefined ? { rounds } : {}),
    ...(seconds !== undefined ? { seconds } : {}),
    connections: number('--connections') ?? 10,
    ...(sizes ? { sizes } : {}),
    ...(starts !== undefined ? { starts } : {}),
    bookings: number('--bookings') ?? 10_000,
    keep: argv.includes('--keep'),
  };
};

/** Results are committed: written as the project's prettier would (npm run lint checks them). */
const write = async (path: string, content: string): Promise<void> => {
  const options = await resolveConfig(join(PROJECT_ROOT, 'bench', 'results', 'results.md'));
  writeFileSync(path, await format(content, { ...options, filepath: path }));
};

/** Three decimals are plenty for milliseconds and ratios. */
const json = (value: unknown): string =>
  JSON.stringify(value, (_key, v: unknown) =>
    typeof v === 'number' && !Number.isInteger(v) ? Math.round(v * 1000) / 1000 : v,
  );

const main = async (): Promise<void> => {
  const cli = parseCli(process.argv.slice(2));
  const log = (line: string): void => void process.stderr.write(`${line}\n`);
  mkdirSync(cli.out, { recursive: true });
  const dir = mkdtempSync(join(tmpdir(), 'dfdg-bench-'));
  log(`bench ${cli.mode}: working in ${dir}`);
  const installation = prepareInstallation(dir);
  try {
    if (cli.mode === 'profile') {
      const run = await runProfile(installation, {
        operation: cli.profileOperation,
        bookings: cli.sizes?.[0] ?? 1000,
        connections: cli.connections,
        seconds: cli.seconds ?? 12,
        warmupSeconds: 2,
      });
      const markdown = profileMarkdown(run, machineInfo());
      const name = `profile-${run.operation}`;
      await write(join(cli.out, `${name}.md`), markdown);
      await write(
        join(cli.out, `${name}.json`),
        json({ operation: run.operation, result: run.result, summary: run.summary }),
      );
      copyFileSync(run.profileFile, join(cli.out, `${name}.cpuprofile`));
      process.stdout.write(`${markdown}\n`);
      return;
    }
    if (cli.mode === 'compare') {
      const report = await runCompare(installation, {
        operations: cli.operations,
        against: cli.against,
        bookings: cli.sizes?.[0] ?? 1000,
        connections: cli.connections,
        seconds: cli.seconds ?? 5,
        warmupSeconds: 2,
        rounds: cli.rounds ?? 3,
        starts: cli.starts ?? 1,
        log,
      });
      const markdown = compareMarkdown(report);
      await write(join(cli.out, 'compare.md'), markdown);
      await write(join(cli.out, 'compare.json'), json(report));
      process.stdout.write(`${markdown}\n`);
      return;
    }
    if (cli.mode === 'side-by-side') {
      const report = await runSideBySideMode(installation, {
        bookings: cli.sizes?.[0] ?? 1000,
        connections: cli.connections,
        seconds: cli.seconds ?? 3,
        warmupSeconds: 1.5,
        rounds: cli.rounds ?? 3,
        log,
      });
      const machine = machineInfo();
      const markdown =
        `### Side by side, ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC\n\n` +
        `Machine: ${machine['cpu']}, Node ${machine['node']}, commit ${machine['commit']}; 1-minute load ` +
        `average when the run began: ${machine['load']}. ${cli.connections} keep-alive mTLS connections; ` +
        `${cli.rounds ?? 3} round(s) of ${cli.seconds ?? 3} s per cell; medians; ${cli.sizes?.[0] ?? 1000} ` +
        `bookings preloaded.\n\n${sideBySideMarkdown(report)}\n`;
      await write(join(cli.out, 'side-by-side.md'), markdown);
      await write(join(cli.out, 'side-by-side.json'), json({ machine, ...report }));
      process.stdout.write(`${markdown}\n`);
      return;
    }
    if (cli.mode === 'npm-start') {
      const bookings = cli.sizes?.[0] ?? 1000;
      loadDataset(installation.dbPath('npm-start'), installation.fixturesDir, bookings);
      const times = await measureNpmStart(
        installation,
        installation.dbPath('npm-start'),
        cli.starts ?? 5,
        log,
      );
      const machine = machineInfo();
      const markdown =
        `${npmStartMarkdown(times, bookings)}\n\nMachine: ${machine['cpu']}, Node ${machine['node']}, ` +
        `commit ${machine['commit']}; 1-minute load average when the run began: ${machine['load']}.\n`;
      await write(join(cli.out, 'npm-start.md'), markdown);
      await write(join(cli.out, 'npm-start.json'), json({ machine, bookings, ...times }));
      process.stdout.write(`${markdown}\n`);
      return;
    }
    const oneCitizen = async (bookings: number): Promise<string> => {
      // A small world around the one citizen (the start probe reads one of its bookings).
      loadDataset(installation.dbPath('one-citizen'), installation.fixturesDir, 1000);
      const result = await measureOneCitizen(
        installation,
        installation.dbPath('one-citizen'),
        { bookings, connections: cli.connections },
        log,
      );
      await write(join(cli.out, 'one-citizen.json'), json({ machine: machineInfo(), ...result }));
      return oneCitizenMarkdown(result);
    };
    if (cli.mode === 'one-citizen') {
      const markdown = await oneCitizen(cli.bookings);
      await write(join(cli.out, 'one-citizen.md'), markdown);
      process.stdout.write(`${markdown}\n`);
      return;
    }
    const quick = cli.mode === 'quick';
    const report = await runSuite(installation, {
      mode: cli.mode,
      connections: cli.connections,
      seconds: cli.seconds ?? (quick ? 1 : 3),
      warmupSeconds: quick ? 0.5 : 1.5,
      rounds: cli.rounds ?? (quick ? 1 : 3),
      sizes: cli.sizes ?? (quick ? [1000, 10_000] : [1000, 100_000, 1_000_000]),
      xmlIterations: quick ? 300 : 5000,
      coldStarts: quick ? 1 : 3,
      log,
    });
    // Quick: the one-citizen path with a few hundred bookings, so CI runs it (no time is asserted).
    const markdown = `${reportMarkdown(report)}\n\n${await oneCitizen(quick ? 300 : cli.bookings)}`;
    await write(join(cli.out, `${cli.mode}.json`), json(report));
    await write(join(cli.out, `${cli.mode}.md`), markdown);
    process.stdout.write(`${markdown}\n`);
  } finally {
    if (cli.keep) log(`kept ${dir}`);
    else installation.remove();
  }
};

main().catch((error: unknown) => {
  process.stderr.write(`bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
