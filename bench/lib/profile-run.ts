import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { loadDataset } from './dataset';
import type { Installation } from './installation';
import { runLoad, type RunResult } from './load';
import { analyseProfile, type ProfileSummary } from './profile';
import { scenarios, type OperationName } from './scenarios';
import { startEmulator } from './targets';

/**
 * The emulator under one operation's load with `node --cpu-prof`: it writes its profile when it
 * stops (SIGTERM, a clean exit), which is then read for where the time went.
 */
export interface ProfileRun {
  readonly operation: OperationName;
  readonly result: RunResult;
  readonly profileFile: string;
  readonly summary: ProfileSummary;
}

export const runProfile = async (
  installation: Installation,
  s: {
    operation: OperationName;
    bookings: number;
    connections: number;
    seconds: number;
    warmupSeconds: number;
  },
): Promise<ProfileRun> => {
  const dbPath = installation.dbPath('profile');
  const dataset = loadDataset(dbPath, installation.fixturesDir, s.bookings);
  const dir = join(installation.dir, 'cpu-prof');
  const emulator = await startEmulator(installation, {
    label: 'emulator (--cpu-prof)',
    dbPath,
    nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${dir}`],
  });
  const scenario = scenarios(dataset)[s.operation];
  const tls = installation.client(scenario.certificate);
  await runLoad(emulator, scenario, tls, { connections: s.connections, seconds: s.warmupSeconds });
  const result = await runLoad(emulator, scenario, tls, { connections: s.connections, seconds: s.seconds });
  await emulator.stop();
  const file = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
  if (!file) throw new Error(`the emulator wrote no profile into ${dir}`);
  const profileFile = join(dir, file);
  return { operation: s.operation, result, profileFile, summary: analyseProfile(profileFile) };
};

export const profileMarkdown = (p: ProfileRun, machine: Readonly<Record<string, string>>): string => {
  const pct = (n: number): string => `${n.toFixed(1)} %`;
  const ms = (n: number): string => n.toFixed(0);
  const rows = (entries: ProfileRun['summary']['topSelf']): string[] =>
    entries.map(
      (e) =>
        `| ${e.name.replace(/\|/g, '\\|')} | ${e.where} | ${e.category} | ${ms(e.ms)} | ${pct(e.percent)} |`,
    );
  const { summary: s, result: r } = p;
  return [
    `### CPU profile of the emulator under ${p.operation} load`,
    '',
    `Machine: ${machine['cpu']}, Node ${machine['node']}, commit ${machine['commit']}. ` +
      `${r.requests.toLocaleString('en-US')} requests in ${r.seconds.toFixed(1)} s (${Math.round(r.rps)} req/s, ` +
      `p50 ${r.p50.toFixed(2)} ms, p99 ${r.p99.toFixed(2)} ms, ${r.errors} errors) after a warm-up; the profile ` +
      `covers the whole process life (start, warm-up, run): ${ms(s.totalMs)} ms, of which ${ms(s.busyMs)} ms busy. ` +
      'Percentages are of the busy time.',
    '',
    '#### Self time by package',
    '',
    '| Package / part | self ms | share |',
    '| --- | --- | --- |',
    ...s.byCategory.slice(0, 20).map((c) => `| ${c.category} | ${ms(c.ms)} | ${pct(c.percent)} |`),
    '',
    '#### Top functions by self time',
    '',
    '| Function | Where | Package | self ms | share |',
    '| --- | --- | --- | --- | --- |',
    ...rows(s.topSelf),
    '',
    '#### Top functions by inclusive time',
    '',
    '| Function | Where | Package | total ms | share |',
    '| --- | --- | --- | --- | --- |',
    ...rows(s.topInclusive),
    '',
  ].join('\n');
};
