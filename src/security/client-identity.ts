import type { Socket } from 'node:net';
import { TLSSocket } from 'node:tls';
import { violation } from '../domain/errors';
import type { CertificateRepository } from '../store/certificate.repository';
import { formatSubject, registeredCaller, type IdentityResult } from './registered-caller';

export type { IdentityResult } from './registered-caller';

/**
 * Whether the connection carries a client certificate at all. A plain-HTTP socket (the loopback
 * listener behind a TLS-terminating proxy) never does.
 */
export const presentsClientCertificate = (socket: Socket): boolean => {
  if (!(socket instanceof TLSSocket)) return false;
  const peer = socket.getPeerCertificate();
  return Boolean(peer) && Object.keys(peer).length > 0;
};

/**
 * SEC-TLS and SEC-CERT. The TLS layer asks for a certificate but lets the connection through, so a
 * caller without a good one gets DFDG's fault (1101, 1012) instead of a bare handshake alert.
 */
export const identifyCaller = (socket: TLSSocket, certificates: CertificateRepository): IdentityResult => {
  if (!presentsClientCertificate(socket)) {
    return {
      ok: false,
      violation: violation('SEC-TLS-MISSING', 'the TLS handshake carried no client certificate'),
    };
  }
  const peer = socket.getPeerCertificate();
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
  return registeredCaller(subject, fingerprint, certificates);
};
