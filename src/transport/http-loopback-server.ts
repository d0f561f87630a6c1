import type { Express } from 'express';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Loopback only: whatever reaches this port has passed the proxy on the same machine, or nothing. */
export const LOOPBACK_HOST = '127.0.0.1';

/**
 * Plain HTTP for a TLS-terminating proxy in front of the emulator (identity modes wss and either):
 * no TLS means no client certificate, so every caller here must sign its messages (WS-Security).
 */
export const listenHttpLoopback = (app: Express, port: number): Promise<Server> => {
  const server = createServer(app);
  server.keepAliveTimeout = 65_000; // as the HTTPS server: longer than common client pools' idle time
  server.headersTimeout = 30_000;
  server.requestTimeout = 60_000;
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, LOOPBACK_HOST, () => {
      server.off('error', reject);
      resolve(server);
    });
  });
};

export const httpUrlOf = (server: Server): string =>
  `http://${LOOPBACK_HOST}:${(server.address() as AddressInfo).port}`;
