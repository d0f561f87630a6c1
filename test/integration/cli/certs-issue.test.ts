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
