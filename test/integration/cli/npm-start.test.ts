import { spawn } from 'node:child_process';
import { appendFileSync, existsSync, mkdtempSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { caseworker } from '../../helpers/envelope';
import { copyOfProject } from '../../helpers/project-copy';
import { ORG } from '../../helpers/scenario-dfdg';
import { getBookingsWith } from '../../helpers/soap-with-pem';
import { testCertDir } from '../../helpers/test-certificates';

/**
 * `npm start` as a user runs it, in a fresh checkout (a copy of the project; its node_modules
 * linked): the first start builds dist/, later ones serve from it without running tsc again, and a
 * changed source is built before the next start serves it.
 */
let project: string;
let db: string;

interface Started {
  readonly output: string;
  readonly status: number;
}

const groupAlive = (pgid: number): boolean => {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
};

/**
 * Runs `npm start`, waits for the emulator to log that it listens, makes one GetBookings call over
 * mutual TLS, then stops it. npm runs the script through a shell, so the whole process group gets
 * the SIGTERM (as a terminal's Ctrl-C does) and the test waits until every process of it is gone.
 */
const npmStartAndCall = (): Promise<Started> =>
  new Promise((resolve, reject) => {
    const args = ['start', '--', '--port', '0', '--admin-port', '0', '--host', '127.0.0.1', '--db', db];
    const child = spawn('npm', [...args, '--cert-dir', testCertDir(), '--log-level', 'info'], {
      cwd: project,
      detached: true,
      env: Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('DFDG_'))),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const pgid = child.pid as number;
    let output = '';
    let called = false;
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      const listening = /^\{.*"msg":"dfdg-emulator listening".*\}$/m.exec(output)?.[0];
      if (!listening || called) return;
      called = true;
      const { soapUrl } = JSON.parse(listening) as { soapUrl: string };
      const dir = testCertDir();
      const tls = {
        cert: readFileSync(join(dir, 'clients', '8-75100.pem'), 'utf8'),
        key: readFileSync(join(dir, 'clients', '8-75100.key'), 'utf8'),
        ca: readFileSync(join(dir, 'ca.pem'), 'utf8'),
      };
      getBookingsWith(soapUrl, tls, ORG.jobcenterAarhus, caseworker(ORG.jobcenterAarhus), '0101575001')
        .then((res) => stop(() => resolve({ output, status: res.status })))
        .catch((error: unknown) =>
          stop(() => reject(error instanceof Error ? error : new Error(String(error)))),
        );
    };
    const stop = (then: () => void): void => {
      if (groupAlive(pgid)) process.kill(-pgid, 'SIGTERM');
      const wait = setInterval(() => {
        if (groupAlive(pgid)) return;
        clearInterval(wait);
        then();
      }, 50);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => {
      if (!called) reject(new Error(`npm start exited (${String(code)}) before it listened:\n${output}`));
    });
  });

/** Path and mtime of every file tsc writes: unchanged mtimes mean tsc did not run. */
const distFiles = (): Record<string, number> => {
  const walk = (dir: string): [string, number][] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? walk(join(dir, e.name)) : [[join(dir, e.name), statSync(join(dir, e.name)).mtimeMs]],
    );
  return Object.fromEntries(walk(join(project, 'dist', 'src')));
};

const BUILDING = /dfdg-emulator: building dist\/ with tsc \((.*)\) \.\.\./;

beforeAll(() => {
  project = copyOfProject();
  db = join(mkdtempSync(join(tmpdir(), 'dfdg-npm-start-')), 'dfdg.sqlite');
});

it('When `npm start` runs in a fresh checkout, then it builds dist/ and serves', async () => {
  const first = await npmStartAndCall();
  expect(BUILDING.exec(first.output)?.[1]).toBe('dist/src/main.js does not exist');
  expect(first.status).toBe(200);
  expect(existsSync(join(project, 'dist', '.build-stamp.json'))).toBe(true);
}, 240_000);

it('When `npm start` runs again with nothing changed, then it serves from the dist/ it built, without running tsc', async () => {
  const before = distFiles();
  expect(Object.keys(before).length).toBeGreaterThan(50);
  const again = await npmStartAndCall();
  expect(again.output).not.toMatch(BUILDING);
  expect(again.status).toBe(200);
  expect(distFiles()).toEqual(before);
}, 120_000);

it('When a source file changed since, then the next `npm start` builds it before it serves', async () => {
  const marker = `// changed by the npm start test ${Date.now()}`;
  appendFileSync(join(project, 'src', 'main.ts'), `${marker}\n`);
  const changed = await npmStartAndCall();
  expect(BUILDING.exec(changed.output)?.[1]).toBe(
    'src/, a tsconfig or the dependencies changed since the last build',
  );
  expect(changed.status).toBe(200);
  expect(readFileSync(join(project, 'dist', 'src', 'main.js'), 'utf8')).toContain(marker);
}, 240_000);
