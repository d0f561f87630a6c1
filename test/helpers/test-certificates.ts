import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const TEST_CERT_DIR_ENV = 'DFDG_TEST_CERT_DIR';

/** The fixture registrations (fixtures/certificates.json). */
export const FIXTURE_CERTIFICATE_NAMES = [
  '8-75100',
  '8-10100',
  '7-751',
  '4-35669035',
  '2-17',
  '2-81',
  '5-4',
  'kss-vendor',
] as const;
export type FixtureCertificate = (typeof FIXTURE_CERTIFICATE_NAMES)[number];
export type ExtraCertificate = 'expired' | 'not-yet-valid' | 'other-ca' | 'unregistered';
export type CertificateName = FixtureCertificate | ExtraCertificate;

export const testCertDir = (): string => {
  const dir = process.env[TEST_CERT_DIR_ENV];
  if (!dir) throw new Error(`${TEST_CERT_DIR_ENV} is not set: run the tests through jest (globalSetup)`);
  return dir;
};

export interface ClientTls {
  readonly ca: string;
  readonly cert?: string;
  readonly key?: string;
}

/** TLS options for a client presenting the named certificate, or none at all. */
export const clientTls = (name: CertificateName | null): ClientTls => {
  const dir = testCertDir();
  const ca = readFileSync(join(dir, 'ca.pem'), 'utf8');
  if (!name) return { ca };
  return {
    ca,
    cert: readFileSync(join(dir, 'clients', `${name}.pem`), 'utf8'),
    key: readFileSync(join(dir, 'clients', `${name}.key`), 'utf8'),
  };
};
