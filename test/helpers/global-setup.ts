import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCertificateAuthority } from '../../src/pki/certificate-authority';
import { ensureDevCertificates, loadCertificateAuthority } from '../../src/pki/dev-certificates';
import { issueClientCertificate } from '../../src/pki/issue-certificate';
import { FIXTURE_CERTIFICATE_NAMES, TEST_CERT_DIR_ENV, type ExtraCertificate } from './test-certificates';

const DAY = 24 * 3600 * 1000;

/**
 * Issues, once per test run, the certificates every integration test uses: the fixture clients
 * (from the dev CA the emulator trusts) and the bad ones (expired, not yet valid, another CA's,
 * unregistered). Tests share them read-only; each test owns its server and database.
 */
export default function globalSetup(): void {
  const dir = mkdtempSync(join(tmpdir(), 'dfdg-test-certs-'));
  ensureDevCertificates(dir, FIXTURE_CERTIFICATE_NAMES);
  const ca = loadCertificateAuthority(dir);
  const otherCa = createCertificateAuthority({ commonName: 'Some Other CA' });
  const now = Date.now();
  const extras: Record<ExtraCertificate, ReturnType<typeof issueClientCertificate>> = {
    expired: issueClientCertificate(ca, {
      name: 'expired',
      notBefore: new Date(now - 30 * DAY),
      notAfter: new Date(now - DAY),
    }),
    'not-yet-valid': issueClientCertificate(ca, {
      name: 'not-yet-valid',
      notBefore: new Date(now + DAY),
      notAfter: new Date(now + 30 * DAY),
    }),
    'other-ca': issueClientCertificate(otherCa, { name: '8-75100' }),
    unregistered: issueClientCertificate(ca, { name: 'unregistered' }),
  };
  for (const [name, cert] of Object.entries(extras)) {
    writeFileSync(join(dir, 'clients', `${name}.pem`), cert.certificatePem);
    writeFileSync(join(dir, 'clients', `${name}.key`), cert.privateKeyPem);
  }
  process.env[TEST_CERT_DIR_ENV] = dir;
}
