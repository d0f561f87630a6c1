import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BenchReport } from '../../bench/lib/report';

/**
 * `npm run bench -- --quick` as a smoke test: the benchmark builds, starts the emulator and both
 * references over mutual TLS, drives every operation without a single failed call, loads a history
 * and writes its results. Times are not asserted: CI machines differ and share their cores.
 */
const ROOT = join(__dirname, '..', '..');

const run = (args: readonly string[]): Promise<{ code: number | null; output: string }> =>
  new Promise((resolve) => {
    const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr.on('data', (c: Buffer) => (output += c.toString()));
    child.on('close', (code) => resolve({ code, output }));
  });

let out: string;
beforeAll(() => {
  out = mkdtempSync(join(tmpdir(), 'dfdg-bench-results-'));
});
afterAll(() => rmSync(out, { recursive: true, force: true }));

it('When the quick benchmark runs, then every operation is answered on every server without an error and the results are written', async () => {
  const build = await run([require.resolve('typescript/bin/tsc'), '-p', 'bench/tsconfig.json']);
  expect(build).toMatchObject({ code: 0 });

  const bench = await run(['dist/bench/run.js', '--quick', '--seconds', '0.5', '--out', out]);
  expect({ code: bench.code, tail: bench.output.slice(-3000) }).toMatchObject({ code: 0 });

  const report = JSON.parse(readFileSync(join(out, 'quick.json'), 'utf8')) as BenchReport;
  const servers = new Set(report.comparison.map((c) => c.target));
  expect(servers).toEqual(new Set(['emulator', 'emulator --sync=full', '(a) node-soap', '(b) raw https']));
  const operations = [
    'CreateBooking',
    'GetBookingDetails',
    'GetBookings',
    'GetVariablePersonStatus',
    'WsrmPickup',
  ];
  expect(new Set(report.comparison.map((c) => c.operation))).toEqual(new Set(operations));
  for (const c of [...report.comparison, ...report.scale.flatMap((s) => s.results)]) {
    expect({ operation: c.operation, target: c.target, errors: c.errors, firstError: c.firstError }).toEqual({
      operation: c.operation,
      target: c.target,
      errors: 0,
      firstError: undefined,
    });
    expect(c.requests).toBeGreaterThan(0);
  }
  // REST beside SOAP on the same emulator, and CreateBooking with and without a subscriber that hangs.
  const { rest, push } = report.sideBySide;
  expect(rest.map((p) => [p.soap.operation, p.rest.operation])).toEqual([
    ['CreateBooking', 'CreateIndkaldelse'],
    ['GetBookingDetails', 'GetIndkaldelse'],
  ]);
  expect(new Set([push.without.target, push.withSubscriber.target])).toEqual(
    new Set(['emulator, no subscriber', 'emulator, hanging subscriber']),
  );
  for (const c of [...rest.flatMap((p) => [p.soap, p.rest]), push.without, push.withSubscriber]) {
    expect({ operation: c.operation, target: c.target, errors: c.errors, firstError: c.firstError }).toEqual({
      operation: c.operation,
      target: c.target,
      errors: 0,
      firstError: undefined,
    });
    expect(c.requests).toBeGreaterThan(0);
  }
  // The emulator did try the hanging endpoint: the subscription was in force while CreateBooking ran.
  expect(push.receiverRequests).toBeGreaterThan(0);
  const markdown = readFileSync(join(out, 'quick.md'), 'utf8');
  expect(markdown).toMatch(/\|\s*CreateIndkaldelse \(REST\)\s*\|/);
  expect(markdown).toMatch(/\|\s*hanging subscriber\s*\|/);
  expect(report.scale.map((s) => s.dataset.bookings)).toEqual([1000, 10_000]);
  expect(report.ratios.map((r) => r.operation)).toEqual(operations);
  // `npm start` served its first request, building dist/ and then from it, each time.
  const { buildingStartMs, secondStartMs, directStartMs, starts } = report.npmStart;
  expect({ starts, served: [buildingStartMs, secondStartMs, directStartMs].every((ms) => ms > 0) }).toEqual({
    starts: 1,
    served: true,
  });
  expect(readFileSync(join(out, 'quick.md'), 'utf8')).toMatch(/\|\s*CreateBooking\s*\|\s*emulator\s*\|/);
  // One citizen accumulating bookings: every CreateBooking served, the first and last windows measured.
  const oneCitizen = JSON.parse(readFileSync(join(out, 'one-citizen.json'), 'utf8')) as {
    bookings: number;
    errors: number;
    first: { from: number };
    last: { to: number };
  };
  expect({
    bookings: oneCitizen.bookings,
    errors: oneCitizen.errors,
    first: oneCitizen.first.from,
    last: oneCitizen.last.to,
  }).toEqual({ bookings: 300, errors: 0, first: 100, last: 300 });
}, 420_000);
