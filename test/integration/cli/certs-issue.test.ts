/**
 * The CLI's `certs issue` command run in-process (spawning `node dist/...` would need a build and be slow),
 * with its own io, temporary database and, where it writes certificates, its own copy of the CA.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../../../src/cli';
import { adminClient } from '../../helpers/admin-client';
import { captureIo, exitCode, ownCertDir, tempDir } from '../../helpers/cli-run';
import { startTestEmulator } from '../../helpers/emulator';
import { caseworker } from '../../helpers/envelope';
import { ORG } from '../../helpers/scenario-dfdg';
import { faultOf } from '../../helpers/soap-request';
import { getBookingsWith } from '../../helpers/soap-with-pem';

it('When `certs issue` runs against a cert dir and database, then the certificate is written and registered, and an emulator on that database lets it in', async () => {
  const certDir = ownCertDir();
  const db = join(tempDir(), 'dfdg.sqlite');
  const io = captureIo();

  const outcome = await runCli(
    [
      'certs',
      'issue',
      '--org',
      '8:75100',
      '--org',
      '7:751',
      '--name',
      'ci-client',
      '--cert-dir',
      certDir,
      '--db',
      db,
      '--json',
    ],
    io,
  );

  expect([exitCode(outcome), io.stderr()]).toEqual([0, '']);
  const printed = JSON.parse(io.stdout()) as {
    fingerprint: string;
    files: { certificate: string; privateKey: string };
  };
  expect(printed).toMatchObject({
    name: 'ci-client',
    organisations: [
      { type: 8, code: '75100' },
      { type: 7, code: '751' },
    ],
    files: { certificate: join(certDir, 'clients', 'ci-client.pem') },
  });
  expect(existsSync(join(certDir, 'clients', 'ci-client.p12'))).toBe(true);

  const emulator = await startTestEmulator({ certDir, dbPath: db });
  try {
    const tls = {
      cert: readFileSync(printed.files.certificate, 'utf8'),
      key: readFileSync(printed.files.privateKey, 'utf8'),
      ca: readFileSync(join(certDir, 'ca.pem'), 'utf8'),
    };
    const res = await getBookingsWith(
      emulator.soapUrl,
      tls,
      ORG.jobcenterAarhus,
      caseworker(ORG.jobcenterAarhus),
      '0101575001',
    );
    expect(res.status).toBe(200);
    const audit = await adminClient(emulator.adminUrl).get<{
      items: Array<{ certificate: { fingerprint: string } }>;
    }>('/admin/audit?cpr=0101575001');
    expect(audit.body.items[0]?.certificate.fingerprint).toBe(printed.fingerprint);
  } finally {
    await emulator.stop();
  }
});

it("When `certs issue` is asked for a fixture certificate's name or without organisations, then exit 2 and nothing is written", async () => {
  const certDir = ownCertDir();
  const fixtureName = captureIo();
  const before = readFileSync(join(certDir, 'clients', '8-75100.pem'), 'utf8');
  expect(
    exitCode(
      await runCli(
        ['certs', 'issue', '--org', '8:75100', '--name', '8-75100', '--cert-dir', certDir],
        fixtureName,
      ),
    ),
  ).toBe(2);
  expect(fixtureName.stderr()).toContain("fixture certificate's name");
  expect(readFileSync(join(certDir, 'clients', '8-75100.pem'), 'utf8')).toBe(before);
  const noOrg = captureIo();
  expect(exitCode(await runCli(['certs', 'issue', '--name', 'x', '--cert-dir', certDir], noOrg))).toBe(2);
  expect(noOrg.stderr()).toMatch(/--org TYPE:CODE is required[\s\S]*dfdg-emulator certs issue --help/);
});

it('When `certs issue` is asked for a name in use, then exit 1 saying --replace and nothing changes; with --replace the new certificate is let in and the old one refused', async () => {
  const certDir = ownCertDir();
  const db = join(tempDir(), 'dfdg.sqlite');
  const issue = async (...extra: string[]) => {
    const io = captureIo();
    const args = [
      'certs',
      'issue',
      '--org',
      '8:75100',
      '--name',
      'my-kss',
      '--cert-dir',
      certDir,
      '--db',
      db,
    ];
    const code = exitCode(await runCli([...args, '--json', ...extra], io));
    return { code, io };
  };
  const pem = join(certDir, 'clients', 'my-kss.pem');
  const key = join(certDir, 'clients', 'my-kss.key');
  const first = await issue();
  expect(first.code).toBe(0);
  const old = { cert: readFileSync(pem, 'utf8'), key: readFileSync(key, 'utf8') };

  const again = await issue();
  expect(again.code).toBe(1);
  expect(again.io.stderr()).toMatch(
    /^dfdg-emulator: a certificate named "my-kss" exists already \(registered, SHA-256 [0-9A-F:]+\).*add --replace\n$/,
  );
  expect(again.io.stdout()).toBe('');
  expect(readFileSync(pem, 'utf8')).toBe(old.cert);

  const replaced = await issue('--replace');
  expect([replaced.code, replaced.io.stderr()]).toEqual([0, '']);
  const fresh = { cert: readFileSync(pem, 'utf8'), key: readFileSync(key, 'utf8') };
  expect(fresh.cert).not.toBe(old.cert);

  const emulator = await startTestEmulator({ certDir, dbPath: db });
  try {
    const ca = readFileSync(join(certDir, 'ca.pem'), 'utf8');
    const call = (pems: { cert: string; key: string }) =>
      getBookingsWith(
        emulator.soapUrl,
        { ...pems, ca },
        ORG.jobcenterAarhus,
        caseworker(ORG.jobcenterAarhus),
        '0101575001',
      );
    expect((await call(fresh)).status).toBe(200);
    expect(faultOf(await call(old))).toMatchObject({ errorCode: 1012, source: 'SEC-CERT' });
    const listed = await adminClient(emulator.adminUrl).get<{ items: { name: string; origin: string }[] }>(
      '/admin/certificates',
    );
    expect(listed.body.items.filter((c) => c.name === 'my-kss')).toEqual([
      expect.objectContaining({
        origin: 'cli',
        files: expect.objectContaining({ certificate: pem }) as unknown,
      }),
    ]);
  } finally {
    await emulator.stop();
  }
});
