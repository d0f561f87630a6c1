import { request as httpRequest } from 'node:http';
import { createServer, type Server } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';

/**
 * A push subscriber at its worst (issue 15): an HTTPS endpoint that completes mutual TLS, reads the
 * request and then never answers, so every delivery attempt runs into the emulator's 10 s timeout.
 * It runs in the bench's own process: it does nothing but hold connections open.
 */
export interface HangingReceiver {
  readonly url: string;
  /** Requests that arrived (each left without an answer). */
  readonly requests: () => number;
  stop(): Promise<void>;
}

export const startHangingReceiver = async (tls: {
  readonly key: string;
  readonly cert: string;
  readonly ca: string;
}): Promise<HangingReceiver> => {
  let requests = 0;
  const sockets = new Set<Socket>();
  const server: Server = createServer(
    { key: tls.key, cert: tls.cert, ca: tls.ca, requestCert: true, rejectUnauthorized: true },
    (req) => {
      requests += 1;
      // Read the body so the sender's write completes, then hold the request for ever.
      req.resume();
    },
  );
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `https://127.0.0.1:${(server.address() as AddressInfo).port}/wsb`,
    requests: () => requests,
    stop: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
};

/** One call to the emulator's admin API (plain HTTP on loopback); the answer's JSON, or an error. */
export const adminCall = (
  adminPort: number,
  method: string,
  path: string,
  body?: unknown,
): Promise<unknown> =>
  new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port: adminPort,
        method,
        path,
        headers: payload === undefined ? {} : { 'content-type': 'application/json' },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          if ((res.statusCode ?? 0) >= 300) {
            reject(
              new Error(`${method} ${path} answered HTTP ${res.statusCode ?? 0}: ${text.slice(0, 600)}`),
            );
            return;
          }
          try {
            resolve(JSON.parse(text) as unknown);
          } catch {
            resolve(text);
          }
        });
        res.on('error', reject);
      },
    );
    req.setTimeout(30_000, () => req.destroy(new Error(`${method} ${path}: no answer within 30 s`)));
    req.on('error', reject);
    req.end(payload);
  });
