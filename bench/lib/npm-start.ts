import { existsSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { PROJECT_ROOT } from '../../src/project-root';
import type { Installation } from './installation';
import { median } from './load';
import { spawnServer } from './processes';
import { EMULATOR_START_TIMEOUT_MS, startEmulator, probe } from './targets';
import { LOAD_CERTIFICATE } from './world';

/**
 * What a user waits for after typing `npm start`: from running it to the first answered request.
 * The first start after a source change builds dist/ (tsc) first; every later one finds it current
 * and starts the emulator at once, which `node dist/src/main.js` shows without npm in between.
 */
export interface NpmStartTimes {
  /** `npm start` when dist/ must be built (the bench's own compile has just rewritten it). */
  readonly buildingStartMs: number;
  /** `npm start` again, with nothing changed: the median of `starts`. */
  readonly secondStartMs: number;
  /** `node dist/src/main.js` on the same database: the median of `starts`. */
  readonly directStartMs: number;
  readonly starts: number;
}

/** npm's own CLI script: the one that runs the bench (`npm run bench`), else the one next to node. */
const npmCli = (): string => {
  const fromNpm = process.env['npm_execpath'];
  if (fromNpm && /npm-cli\.js$/.test(fromNpm)) return fromNpm;
  const besideNode = join(dirname(process.execPath), '..', 'lib', 'node_modules', 'npm', 'bin', 'npm-cli.js');
  if (existsSync(besideNode)) return besideNode;
  throw new Error('npm-cli.js not found: run the bench with `npm run bench`');
};

const npmStart = (installation: Installation, dbPath: string, label: string) =>
  spawnServer({
    label,
    script: npmCli(),
    processGroup: true,
    args: (port) => [
      ...['start', '--silent', '--', '--port', String(port), '--host', '127.0.0.1', '--admin-port', '0'],
      ...['--db', dbPath, '--cert-dir', installation.certDir, '--fixtures', installation.fixturesDir],
    ],
    probe,
    probeTls: installation.client(LOAD_CERTIFICATE),
    // The building start type-checks the whole source with tsc first.
    timeoutMs: EMULATOR_START_TIMEOUT_MS + 120_000,
  });

/**
 * Runs `npm start` in the project: once after removing the build stamp (so it builds), then `starts`
 * times unchanged; and `node dist/src/main.js` as often, for the difference npm and the check make.
 * `dbPath` must hold a loaded dataset (the probe reads one of its bookings).
 */
export const measureNpmStart = async (
  installation: Installation,
  dbPath: string,
  starts: number,
  log: (line: string) => void,
): Promise<NpmStartTimes> => {
  rmSync(join(PROJECT_ROOT, 'dist', '.build-stamp.json'), { force: true });
  const building = await npmStart(installation, dbPath, 'npm start (building)');
  await building.stop();
  log(`  npm start, building first: ${Math.round(building.coldStartMs)} ms`);
  const again: number[] = [];
  const direct: number[] = [];
  for (let i = 0; i < starts; i++) {
    const second = await npmStart(installation, dbPath, 'npm start');
    await second.stop();
    again.push(second.coldStartMs);
    const node = await startEmulator(installation, { label: 'node dist/src/main.js', dbPath });
    await node.stop();
    direct.push(node.coldStartMs);
    log(
      `  npm start again: ${Math.round(second.coldStartMs)} ms; node dist/src/main.js: ${Math.round(node.coldStartMs)} ms`,
    );
  }
  return {
    buildingStartMs: building.coldStartMs,
    secondStartMs: median(again),
    directStartMs: median(direct),
    starts,
  };
};
