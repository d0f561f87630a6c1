import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { sha256Fingerprint } from '../../pki/fingerprint';
import { CERTIFICATE_ORIGINS, type RegisteredCertificateRow } from '../../store/certificate.repository';
import { OrganisationView } from './organisation.view';

/** A registered client certificate: who it may act for, where it came from, and its files. */
export const CertificateView = z.object({
  name: z.string().describe('CN, file name and WSRM ClientSystemIdentifier'),
  subject: z.string(),
  fingerprint: z.string().describe('SHA-256, uppercase hex pairs joined by ":"'),
  organisations: z.array(OrganisationView).describe('the organisations it may act as (SEC-AO-CERT)'),
  origin: z
    .enum(CERTIFICATE_ORIGINS)
    .describe('fixtures (registered at every start and reset), api (POST /admin/certificates) or cli'),
  registeredAt: z.string(),
  files: z
    .object({
      certificate: z.string(),
      privateKey: z.string().nullable(),
      pkcs12: z.string().nullable(),
    })
    .nullable()
    .describe(
      'the files in <cert-dir>/clients/ holding this certificate; null when they hold another (issued anew since) or are gone',
    ),
});

/**
 * The certificate's files, when certs/clients/<name>.pem still holds this very certificate (the same
 * fingerprint): a name issued anew has new files, which belong to the newer registration.
 */
const filesOf = (certDir: string, c: RegisteredCertificateRow): z.input<typeof CertificateView>['files'] => {
  const path = (ext: string): string => join(certDir, 'clients', `${c.name}.${ext}`);
  const certificate = path('pem');
  try {
    if (sha256Fingerprint(readFileSync(certificate, 'utf8')) !== c.fingerprint) return null;
  } catch {
    // Missing or not a certificate: no files of this registration.
    return null;
  }
  const ifPresent = (file: string): string | null => (existsSync(file) ? file : null);
  return { certificate, privateKey: ifPresent(path('key')), pkcs12: ifPresent(path('p12')) };
};

export const certificateView = (
  certDir: string,
  c: RegisteredCertificateRow,
): z.input<typeof CertificateView> => ({
  name: c.name,
  subject: c.subject,
  fingerprint: c.fingerprint,
  organisations: [...c.organisations],
  origin: c.origin,
  registeredAt: c.registeredAt.toISOString(),
  files: filesOf(certDir, c),
});
