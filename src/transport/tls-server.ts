import type { Express } from 'express';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { admitConnections } from './connection-admission';

export interface TlsMaterial {
  readonly key: string;
  readonly cert: string;
  /** The CA that client certificates must chain to. */
  readonly ca: string;
}

/**
 * HTTPS with mutual TLS, TLS 1.2 and 1.3 only. The server asks for a client certificate but does not
 * refuse the handshake without one: SEC-TLS answers with DFDG's fault instead (see client-identity.ts).
 */
/** How long a connection may take over what, and how many may be open at once (issue 5: bounded). */
export interface ConnectionLimits {
  readonly maxConnections: number;
  readonly handshakeTimeoutMs: number;
  readonly headersTimeoutMs: number;
  readonly requestTimeoutMs: number;
  readonly keepAliveTimeoutMs: number;
}

export const listenTls = (
  app: Express,
  tls: TlsMaterial,
  port: number,
  host: string,
  limits: ConnectionLimits,
): Promise<Server> => {
  const server = createServer(
    {
      key: tls.key,
      cert: tls.cert,
      ca: tls.ca,
      requestCert: true,
      rejectUnauthorized: false,
      minVersion: 'TLSv1.2',
      // Node's default (120 s) let sockets that never send a ClientHello hold their slot for minutes.
      handshakeTimeout: limits.handshakeTimeoutMs,
      // Node checks the timeouts below every 30 s by default; check often enough for short ones.
      connectionsCheckingInterval: Math.min(30_000, Math.max(250, Math.floor(limits.headersTimeoutMs / 4))),
    },
    app,
  );
  // The keep-alive default (65 s) outlasts common client pools' idle time, so clients close first.
  server.keepAliveTimeout = limits.keepAliveTimeoutMs;
  server.headersTimeout = limits.headersTimeoutMs;
  server.requestTimeout = limits.requestTimeoutMs;
  const admission = admitConnections(server, limits.maxConnections);
  // node's closeAllConnections closes HTTP connections only: a stop would wait for every socket still
  // in its handshake to time out.
  const closeHttpConnections = server.closeAllConnections.bind(server);
  server.closeAllConnections = (): void => {
    closeHttpConnections();
    admission.closeAll();
  };
  server.on('secureConnection', readThroughStream);
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException): void => {
      // Without IPv6, "::" cannot be bound: fall back to every IPv4 interface.
      if (host === '::' && (error.code === 'EAFNOSUPPORT' || error.code === 'EADDRNOTAVAIL')) {
        server.listen(port, '0.0.0.0');
        return;
      }
      reject(error);
    };
    server.on('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolve(server);
    });
  });
};

/**
 * Makes node's HTTP parser read a TLS connection through the socket's stream instead of consuming
 * its TLS handle directly (adding a 'data' listener is what switches it over).
 *
 * Why: on Node 20, while an answer larger than the socket's high-water mark (16 KiB) is still being
 * written, the server pauses the connection's parser when the next request's headers arrive. The
 * TLS handle keeps handing over every record it has already decrypted, pause or not, so when the
 * headers and the body came in two TLS records read at once (Python requests, Java, .NET send them
 * so), the body reaches the paused parser: HPE_PAUSED, and the connection is dropped with the
 * request unanswered. A paused stream holds that record until the parser resumes instead. The
 * emulator always answers in a later tick (after its group commit), which is when this happens.
 */
const readThroughStream = (socket: TLSSocket): void => {
  socket.on('data', ignoreData);
};
const ignoreData = (): void => undefined;

export const portOf = (server: Server): number => (server.address() as AddressInfo).port;
