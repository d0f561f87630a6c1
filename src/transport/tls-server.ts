import type { Express } from 'express';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';

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
export const listenTls = (app: Express, tls: TlsMaterial, port: number, host: string): Promise<Server> => {
  const server = createServer(
    {
      key: tls.key,
      cert: tls.cert,
      ca: tls.ca,
      requestCert: true,
      rejectUnauthorized: false,
      minVersion: 'TLSv1.2',
    },
    app,
  );
  server.keepAliveTimeout = 65_000; // longer than common client pools' idle time, so clients close first
  server.headersTimeout = 30_000;
  server.requestTimeout = 60_000;
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

export const portOf = (server: Server): number => (server.address() as AddressInfo).port;
