/**
 * `dfdg-emulator receive` and `certs issue --server` (issue 15, items 1 and 4): a vendor stands up a
 * push endpoint in minutes. Run in-process, with the CLI's own io.
 */
import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli, type CliOutcome } from '../../../src/cli';
import { postPushMessage } from '../../../src/push/push-sender';
import { captureIo, exitCode, ownCertDir } from '../../helpers/cli-run';

const running: CliOutcome[] = [];
afterEach(async () => {
  for (const o of running.splice(0)) if (o.kind === 'receiving') await o.receiver.stop();
});

const starIdentity = (certDir: string) => ({
  certificatePem: readFileSync(join(certDir, 'star', 'sys-org-star-test.pem'), 'utf8'),
  privateKeyPem: readFileSync(join(certDir, 'star', 'sys-org-star-test.key'), 'utf8'),
});

it("When `receive` runs, then STAR's push certificate can post to it and the message is printed, with a subscribe command on stderr", async () => {
  const certDir = ownCertDir();
  const io = captureIo();
  const outcome = await runCli(['receive', '--port', '0', '--cert-dir', certDir], io);
  running.push(outcome);
  if (outcome.kind !== 'receiving') throw new Error(`receive did not start: ${io.stderr()}`);
  expect(io.stderr()).toMatch(/receiving push messages at https:\/\/127\.0\.0\.1:\d+\//);
  expect(io.stderr()).toContain('/admin/subscriptions/try-it');

  const sent = await postPushMessage(
    { url: outcome.receiver.url, serverCaPem: readFileSync(join(certDir, 'ca.pem'), 'utf8') },
    starIdentity(certDir),
    JSON.stringify({ messageType: 'Frist', entitetId: 90001 }),
    5_000,
  );
  expect(sent.outcome).toBe('delivered');
  expect(io.stdout()).toContain('from sys-org-star-test');
  expect(io.stdout()).toContain('"entitetId": 90001');
});

it('When `receive --status 503` runs, then the sender sees the status it was told to answer', async () => {
  const certDir = ownCertDir();
  const io = captureIo();
  const outcome = await runCli(['receive', '--port', '0', '--status', '503', '--cert-dir', certDir], io);
  running.push(outcome);
  if (outcome.kind !== 'receiving') throw new Error(io.stderr());
  const sent = await postPushMessage(
    { url: outcome.receiver.url, serverCaPem: readFileSync(join(certDir, 'ca.pem'), 'utf8') },
    starIdentity(certDir),
    '{}',
    5_000,
  );
  expect(sent.outcome).toBe('http 503');
});

it.each([
  [['receive', '--port', 'x'], /--port must be a whole number/],
  [['receive', '--status', '99'], /--status must be a whole number 200..599/],
  [['receive', '--bogus'], /Unknown option/],
])('When `%s` is given, then it is a usage error (exit 2) naming the mistake', async (argv, message) => {
  const io = captureIo();
  expect(exitCode(await runCli(argv, io))).toBe(2);
  expect(io.stderr()).toMatch(message);
});

it('When `certs issue --server` runs, then a server certificate for the hosts from the dev CA is written under servers/', async () => {
  const certDir = ownCertDir();
  const io = captureIo();
  const outcome = await runCli(
    [
      'certs',
      'issue',
      '--server',
      'receiver.local',
      '--server',
      '127.0.0.1',
      '--cert-dir',
      certDir,
      '--json',
    ],
    io,
  );
  expect([exitCode(outcome), io.stderr()]).toEqual([0, '']);
  const printed = JSON.parse(io.stdout()) as { files: { certificate: string; privateKey: string } };
  expect(printed.files.certificate).toBe(join(certDir, 'servers', 'receiver.local.pem'));
  const cert = new X509Certificate(readFileSync(printed.files.certificate, 'utf8'));
  const ca = new X509Certificate(readFileSync(join(certDir, 'ca.pem'), 'utf8'));
  expect(cert.verify(ca.publicKey)).toBe(true);
  expect(cert.checkHost('receiver.local')).toBe('receiver.local');
  expect(cert.checkIP('127.0.0.1')).toBe('127.0.0.1');
  expect(readFileSync(printed.files.privateKey, 'utf8')).toContain('PRIVATE KEY');
});

it('When `certs issue --server` is mixed with --org, then it is a usage error', async () => {
  const io = captureIo();
  expect(exitCode(await runCli(['certs', 'issue', '--server', 'a', '--org', '8:75100'], io))).toBe(2);
  expect(io.stderr()).toContain('--server issues a server certificate');
});
