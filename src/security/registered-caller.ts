import type { Caller } from '../domain/caller';
import { violation, type Violation } from '../domain/errors';
import type { CertificateRepository } from '../store/certificate.repository';

export type IdentityResult =
  { ok: true; caller: Caller } | { ok: false; violation: Violation; subject?: string; fingerprint?: string };

/**
 * What FaultDetails/Message adds to STAR's "Logon failed" for a certificate the emulator does not
 * know: how to register one. A newcomer's first call with a certificate of their own lands here, and
 * "Logon failed" alone sent them searching.
 */
export const notRegisteredHint = (subject: string, fingerprint: string): string =>
  `the client certificate ${subject} (SHA-256 ${fingerprint}) is not registered with the emulator; ` +
  'issue a registered one with POST /admin/certificates on the admin port or ' +
  '"dfdg-emulator certs issue --org TYPE:CODE --name NAME", or register this one with ' +
  '"dfdg-emulator fixtures load" (its files in certs/clients/NAME.pem and .key)';

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
        notRegisteredHint(subject, fingerprint),
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

/**
 * A certificate subject as Node gives it (getPeerCertificate, X509Certificate#toLegacyObject), written
 * as certificateSubject (pki/fingerprint.ts) writes it for the CLI and the certificates list: Node
 * lists the RDNs in DER order (C, O, CN); RFC 4514 order, CN first, is reversed, so the journal, the
 * audit and the certificates list name one certificate alike.
 */
export const formatSubject = (subject: Record<string, string | string[] | undefined> | undefined): string =>
  Object.entries(subject ?? {})
    .map(([k, v]) => `${k}=${Array.isArray(v) ? v.join('+') : (v ?? '')}`)
    .reverse()
    .join(', ');
