import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { TLSSocket } from 'node:tls';

/**
 * `dfdg-emulator receive`: the smallest endpoint that receives push messages as a subscriber's must
 * (REST.md §7; P22: HTTPS, a server certificate from a CA the sender trusts, mutual TLS), printing
 * what arrives, so a user sees a message come in before writing their own receiver.
 */
export interface PushReceiverOptions {
  readonly port: number;
  readonly host: string;
  readonly serverCertificatePem: string;
  readonly serverKeyPem: string;
  /** The CA a client certificate must chain to: the dev CA, which issued STAR's push certificate. */
  readonly clientCaPem: string;
  /** Where each received message is written, one block per message. */
  readonly print: (text: string) => void;
  /** The HTTP status to answer with (200; another lets a user watch the retries). */
  readonly answerStatus?: number | undefined;
}

export interface RunningPushReceiver {
  readonly url: string;
  stop(): Promise<void>;
}

/** Bodies are shown whole up to this size; a receiver for trying things need not take more. */
const BODY_LIMIT = 1024 * 1024;

const pretty = (body: string): string => {
  try {
    return JSON.stringify(JSON.parse(body), null, 2);
  } catch {
    return body;
  }
};

export const startPushReceiver = async (options: PushReceiverOptions): Promise<RunningPushReceiver> => {
  const status = options.answerStatus ?? 200;
  const server: Server = createServer(
    {
      key: options.serverKeyPem,
      cert: options.serverCertificatePem,
      ca: options.clientCaPem,
      requestCert: true,
      rejectUnauthorized: true,
    },
    (req, res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      req.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size <= BODY_LIMIT) chunks.push(chunk);
      });
      req.on('end', () => {
        const cn = (req.socket as TLSSocket).getPeerCertificate().subject?.CN;
        const body = Buffer.concat(chunks).toString('utf8');
        options.print(
          [
            `--- ${new Date().toISOString()} ${req.method ?? ''} ${req.url ?? ''} from ${typeof cn === 'string' ? cn : '?'}` +
              ` (${req.headers['content-type'] ?? 'no content type'}, ${size} bytes) -> ${status}`,
            pretty(body),
            '',
          ].join('\n'),
        );
        res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify({ received: size }));
      });
    },
  );
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;
  return {
    url: `https://${host === '0.0.0.0' ? 'localhost' : host}:${port}/`,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
};
