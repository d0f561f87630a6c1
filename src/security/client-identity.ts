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
export const presentsClientCertificate = (socket: Socket): boolean =>
  socket instanceof TLSSocket && peerOf(socket) !== null;

interface Peer {
  readonly subject: string;
  readonly fingerprint: string;
}

const peers = new WeakMap<TLSSocket, Peer | null>();

/**
 * The client certificate of a connection, read once per connection: getPeerCertificate() builds a
 * fresh object graph on every call, a measurable share of a keep-alive client's request time.
 */
const peerOf = (socket: TLSSocket): Peer | null => {
  let peer = peers.get(socket);
  if (peer === undefined) {
    const certificate = socket.getPeerCertificate();
    peer =
      certificate && Object.keys(certificate).length > 0
        ? { subject: formatSubject(certificate.subject), fingerprint: certificate.fingerprint256 }
        : null;
    peers.set(socket, peer);
  }
  return peer;
};

/** The subject of the connection's TLS client certificate; null over plain HTTP or without one. */
export const peerCertificateSubject = (socket: Socket): string | null =>
  socket instanceof TLSSocket ? (peerOf(socket)?.subject ?? null) : null;

/**
 * SEC-TLS and SEC-CERT. The TLS layer asks for a certificate but lets the connection through, so a
 * caller without a good one gets DFDG's fault (1101, 1012) instead of a bare handshake alert.
 */
export const identifyCaller = (socket: TLSSocket, certificates: CertificateRepository): IdentityResult => {
  const peer = peerOf(socket);
  if (!peer) {
    return {
      ok: false,
      violation: violation('SEC-TLS-MISSING', 'the TLS handshake carried no client certificate'),
    };
  }
  const { subject, fingerprint } = peer;
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
