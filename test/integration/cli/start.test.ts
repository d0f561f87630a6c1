/**
 * The CLI's `start` command run in-process (spawning `node dist/...` would need a build and be slow),
 * with its own io, temporary database and, where it writes certificates, its own copy of the CA.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../../../src/cli';
import { captureIo, exitCode, tempDir } from '../../helpers/cli-run';
import { caseworker } from '../../helpers/envelope';
import { ORG } from '../../helpers/scenario-dfdg';
import { getBookingsWith } from '../../helpers/soap-with-pem';
import { testCertDir } from '../../helpers/test-certificates';

it('When `start` runs with flags, then the emulator serves, and at --log-level info every SOAP call is logged with its reference id, outcome and duration', async () => {
  const io = captureIo();
  const db = join(tempDir(), 'dfdg.sqlite');
  const outcome = await runCli(
    [
      'start',
      '--port',
      '0',
      '--admin-port',
      '0',
      '--host',
      '127.0.0.1',
      '--cert-dir',
      testCertDir(),
      '--db',
      db,
      '--log-level',
      'info',
    ],
    io,
  );
  if (outcome.kind !== 'running') throw new Error(`start did not start: ${io.stderr()}`);
  const emulator = outcome.emulator;
  try {
    const tls = {
      cert: readFileSync(join(testCertDir(), 'clients', '8-75100.pem'), 'utf8'),
      key: readFileSync(join(testCertDir(), 'clients', '8-75100.key'), 'utf8'),
      ca: readFileSync(join(testCertDir(), 'ca.pem'), 'utf8'),
    };
    const res = await getBookingsWith(
      emulator.soapUrl,
      tls,
      ORG.jobcenterAarhus,
      caseworker(ORG.jobcenterAarhus),
      '0101575001',
    );
    const referenceId = res.body.match(/ServiceRequestLogReferenceIdentifier>([^<]+)</)?.[1];
    await new Promise((r) => setTimeout(r, 50));
    const lines = io
      .stderr()
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines[0]).toMatchObject({
      level: 'info',
      msg: 'dfdg-emulator listening',
      soapUrl: emulator.soapUrl,
      adminUrl: emulator.adminUrl,
    });
    expect(lines.find((l) => l['msg'] === 'soap call')).toEqual({
      level: 'info',
      time: expect.any(String) as string,
      msg: 'soap call',
      referenceId,
      service: 'BookingService',
      operation: 'GetBookings',
      outcome: 'ok',
      ruleId: null,
      durationMs: expect.any(Number) as number,
    });
  } finally {
    await emulator.stop();
  }
});

it('When `start` gets a bad option, then exit 2 listing every problem, and no server starts', async () => {
  const io = captureIo();
  expect(exitCode(await runCli(['start', '--port', 'x', '--log-level', 'loud', '--colour=red'], io))).toBe(2);
  expect(io.stderr()).toMatch(/--port[\s\S]*--log-level[\s\S]*unknown option --colour/);
});

it('When `start` runs at --log-level warn, then the info lines are not written', async () => {
  const io = captureIo();
  const outcome = await runCli(
    [
      '--port=0',
      '--admin-port=0',
      '--host=127.0.0.1',
      `--cert-dir=${testCertDir()}`,
      `--db=${join(tempDir(), 'd.sqlite')}`,
    ],
    { ...io, env: { DFDG_LOG_LEVEL: 'warn' } },
  );
  if (outcome.kind !== 'running') throw new Error(`start did not start: ${io.stderr()}`);
  await outcome.emulator.stop();
  expect(io.stderr()).toBe('');
});
