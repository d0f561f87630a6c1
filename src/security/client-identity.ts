import type { TLSSocket } from 'node:tls';
import type { Caller } from '../domain/caller';
import { violation, type Violation } from '../domain/errors';
import type { CertificateRepository } from '../store/certificate.repository';

export type IdentityResult =
  { ok: true; caller: Caller } | { ok: false; violation: Violation; subject?: string; fingerprint?: string };

/**
 * SEC-TLS and SEC-CERT. The TLS layer asks for a certificate but lets the connection through, so a
 * caller without a good one gets DFDG's fault (1101, 1012) instead of a bare handshake alert.
 */
export const identifyCaller = (socket: TLSSocket, certificates: CertificateRepository): IdentityResult => {
  const peer = socket.getPeerCertificate();
  if (!peer || Object.keys(peer).length === 0) {
    return {
      ok: false,
      violation: violation('SEC-TLS-MISSING', 'the TLS handshake carried no client certificate'),
    };
  }
  const subject = formatSubject(peer.subject);
  const fingerprint = peer.fingerprint256;
  if (!socket.authorized) {
    const reason = String(socket.authorizationError ?? 'not trusted');
    return {
      ok: false,
      subject,
      fingerprint,
      violation: violation('SEC-TLS', `the client certificate was refused: ${reason}`),
    };
  }
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

const formatSubject = (subject: Record<string, string | string[] | undefined> | undefined): string =>
  Object.entries(subject ?? {})
    .map(([k, v]) => `${k}=${Array.isArray(v) ? v.join('+') : (v ?? '')}`)
    .join(', ');
