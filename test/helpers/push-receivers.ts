/**
 * HTTPS endpoints that receive push messages the way a subscriber's must (REST.md §7, P22): a server
 * certificate from the test CA, a client certificate demanded and checked against it. Each records
 * what it got; its answers are given in turn (the last one repeats), or 'hang' to never answer.
 */
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { loadCertificateAuthority } from '../../src/pki/dev-certificates';
import { issueServerCertificate } from '../../src/pki/issue-certificate';
import { testCertDir } from './test-certificates';

export interface Received {
  /** The CN of the client certificate the sender presented. */
  readonly clientCn: string;
  readonly contentType: string | undefined;
  readonly body: string;
}

export interface TestReceiver {
  readonly url: string;
  readonly received: Received[];
  /** The bodies received, parsed. */
  json<T = Record<string, unknown>>(): T[];
  stop(): Promise<void>;
}

export type Answer = number | 'hang';

let serverCertificate: { certificatePem: string; privateKeyPem: string } | undefined;
const serverCert = (): { certificatePem: string; privateKeyPem: string } => {
  serverCertificate ??= issueServerCertificate(loadCertificateAuthority(testCertDir()), {
    hosts: ['localhost', '127.0.0.1'],
  });
  return serverCertificate;
};

export const startTestReceiver = async (
  answers: readonly Answer[] = [200],
  port = 0,
): Promise<TestReceiver> => {
  const received: Received[] = [];
  const cert = serverCert();
  const server: Server = createServer(
    {
      key: cert.privateKeyPem,
      cert: cert.certificatePem,
      ca: loadCertificateAuthority(testCertDir()).certificatePem,
      requestCert: true,
      rejectUnauthorized: true,
    },
    (req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const cn = (req.socket as TLSSocket).getPeerCertificate().subject?.CN;
        received.push({
          clientCn: typeof cn === 'string' ? cn : '',
          contentType: req.headers['content-type'],
          body: Buffer.concat(chunks).toString('utf8'),
        });
        const answer = answers[Math.min(received.length - 1, answers.length - 1)] ?? 200;
        if (answer !== 'hang') res.writeHead(answer).end();
      });
    },
  );
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    url: `https://127.0.0.1:${(server.address() as AddressInfo).port}/wsb`,
    received,
    json: <T>() => received.map((r) => JSON.parse(r.body) as T),
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
};
