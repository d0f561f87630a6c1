import type { Caller } from '../domain/caller';
import { violation, type Violation } from '../domain/errors';
import type { CertificateRepository } from '../store/certificate.repository';

export type IdentityResult =
  { ok: true; caller: Caller } | { ok: false; violation: Violation; subject?: string; fingerprint?: string };

/**
 * SEC-CERT, whichever channel presented the certificate (the TLS handshake or a WS-Security token):
 * the same lookup by SHA-256 fingerprint, the same fault and the same Caller, so the rest of the
 * security model cannot tell the channels apart.
 */
export const registeredCaller = (
  subject: string,
  fingerprint: string,
  certificates: Pick<CertificateRepository, 'find'>,
): IdentityResult => {
  const registration = certificates.find(fingerprint);
  if (!registration) {
    return {
      ok: false,
      subject,
      fingerprint,
      violation: violation(
        'SEC-CERT',
        `the client certificate ${fingerprint} (${subject}) is not registered`,
      ),
    };
  }
  return {
    ok: true,
    caller: {
      certificate: { subject, fingerprint },
      organisations: registration.organisations,
      systemName: registration.name,
    },
  };
};

/** A certificate subject as Node gives it (getPeerCertificate, X509Certificate#toLegacyObject). */
export const formatSubject = (subject: Record<string, string | string[] | undefined> | undefined): string =>
  Object.entries(subject ?? {})
    .map(([k, v]) => `${k}=${Array.isArray(v) ? v.join('+') : (v ?? '')}`)
    .join(', ');
