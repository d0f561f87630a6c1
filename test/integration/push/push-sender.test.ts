/**
 * The push sender against real HTTPS receivers that demand a client certificate (REST.md §7,
 * "Delivery"; P22: mutual TLS, STAR presenting its client certificate to every receiver).
 */
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { createCertificateAuthority } from '../../../src/pki/certificate-authority';
import { loadCertificateAuthority } from '../../../src/pki/dev-certificates';
import { issueClientCertificate, issueServerCertificate } from '../../../src/pki/issue-certificate';
import { postPushMessage, type PushIdentity } from '../../../src/push/push-sender';
import { testCertDir } from '../../helpers/test-certificates';

interface Received {
  readonly clientCn: string | undefined;
  readonly contentType: string | undefined;
  readonly body: string;
}

const devCa = loadCertificateAuthority(testCertDir());
const otherCa = createCertificateAuthority({ commonName: 'Some Other CA' });
const star = issueClientCertificate(devCa, { name: 'sys-org-star-test' });
const identity: PushIdentity = { certificatePem: star.certificatePem, privateKeyPem: star.privateKeyPem };
const localServerCert = issueServerCertificate(devCa, { hosts: ['localhost', '127.0.0.1'] });

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(
    servers.splice(0).map(
      (s) =>
        new Promise<void>((resolve) => {
          s.closeAllConnections();
          s.close(() => resolve());
        }),
    ),
  );
});

/** A receiver on 127.0.0.1 that trusts `clientCa` for client certificates and answers with `answer`. */
const receiver = async (
  answer: (received: Received) => number | 'hang',
  options: { serverCert?: { certificatePem: string; privateKeyPem: string }; clientCa?: string } = {},
): Promise<{ url: string; received: Received[] }> => {
  const received: Received[] = [];
  const cert = options.serverCert ?? localServerCert;
  const server = createServer(
    {
      key: cert.privateKeyPem,
      cert: cert.certificatePem,
      ca: options.clientCa ?? devCa.certificatePem,
      requestCert: true,
      rejectUnauthorized: true,
    },
    (req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const peer = (req.socket as TLSSocket).getPeerCertificate();
        const got: Received = {
          clientCn: typeof peer.subject?.CN === 'string' ? peer.subject.CN : undefined,
          contentType: req.headers['content-type'],
          body: Buffer.concat(chunks).toString('utf8'),
        };
        received.push(got);
        const status = answer(got);
        if (status === 'hang') return;
        res.writeHead(status).end('{}');
      });
    },
  );
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `https://127.0.0.1:${port}/wsb`, received };
};

const MESSAGE = JSON.stringify({ messageType: 'Indkaldelse', entitetId: 90000, note: 'Fælles' });

it("When the receiver answers 200, then the message is delivered once, with STAR's client certificate and JSON in UTF-8", async () => {
  const r = await receiver(() => 200);
  const outcome = await postPushMessage(
    { url: r.url, serverCaPem: devCa.certificatePem },
    identity,
    MESSAGE,
    5_000,
  );
  expect(outcome).toEqual({ delivered: true, outcome: 'delivered', httpStatus: 200 });
  expect(r.received).toEqual([
    { clientCn: 'sys-org-star-test', contentType: 'application/json; charset=utf-8', body: MESSAGE },
  ]);
});

it.each([204, 299])('When the receiver answers %i, then that is a delivery too', async (status) => {
  const r = await receiver(() => status);
  const outcome = await postPushMessage(
    { url: r.url, serverCaPem: devCa.certificatePem },
    identity,
    MESSAGE,
    5_000,
  );
  expect(outcome.delivered).toBe(true);
});

it.each([500, 404, 302])(
  'When the receiver answers %i, then the outcome is "http <status>", not delivered',
  async (status) => {
    const r = await receiver(() => status);
    const outcome = await postPushMessage(
      { url: r.url, serverCaPem: devCa.certificatePem },
      identity,
      MESSAGE,
      5_000,
    );
    expect(outcome).toEqual({ delivered: false, outcome: `http ${status}`, httpStatus: status });
  },
);

it('When the receiver never answers, then the attempt ends as "timeout" at its limit', async () => {
  const r = await receiver(() => 'hang');
  const outcome = await postPushMessage(
    { url: r.url, serverCaPem: devCa.certificatePem },
    identity,
    MESSAGE,
    300,
  );
  expect(outcome).toEqual({ delivered: false, outcome: 'timeout' });
  expect(r.received).toHaveLength(1);
});

it('When nothing listens at the URL, then the outcome is "connect: ..." naming the refusal', async () => {
  const r = await receiver(() => 200);
  const url = r.url;
  await new Promise<void>((resolve) => servers.splice(0)[0]!.close(() => resolve()));
  const outcome = await postPushMessage({ url, serverCaPem: devCa.certificatePem }, identity, MESSAGE, 5_000);
  expect(outcome.delivered).toBe(false);
  expect(outcome.outcome).toMatch(/^connect: ECONNREFUSED/);
});

it('When the receiver\'s certificate does not chain to the subscription\'s CA, then the outcome is "tls: ..." and nothing is sent', async () => {
  const foreign = issueServerCertificate(otherCa, { hosts: ['localhost', '127.0.0.1'] });
  const r = await receiver(() => 200, { serverCert: foreign });
  const outcome = await postPushMessage(
    { url: r.url, serverCaPem: devCa.certificatePem },
    identity,
    MESSAGE,
    5_000,
  );
  expect(outcome.delivered).toBe(false);
  expect(outcome.outcome).toMatch(/^tls: /);
  expect(r.received).toHaveLength(0);
});

it('When the receiver\'s certificate is for another host, then the outcome is "tls: ..." naming the mismatch', async () => {
  const wrongHost = issueServerCertificate(devCa, { hosts: ['receiver.example.test'] });
  const r = await receiver(() => 200, { serverCert: wrongHost });
  const outcome = await postPushMessage(
    { url: r.url, serverCaPem: devCa.certificatePem },
    identity,
    MESSAGE,
    5_000,
  );
  expect(outcome.outcome).toMatch(/^tls: .*ERR_TLS_CERT_ALTNAME_INVALID/);
  expect(r.received).toHaveLength(0);
});

it('When the receiver does not trust the client certificate, then the outcome is "tls: ..." and nothing is received', async () => {
  const r = await receiver(() => 200, { clientCa: otherCa.certificatePem });
  const outcome = await postPushMessage(
    { url: r.url, serverCaPem: devCa.certificatePem },
    identity,
    MESSAGE,
    5_000,
  );
  expect(outcome.delivered).toBe(false);
  expect(outcome.outcome).toMatch(/^tls: /);
  expect(r.received).toHaveLength(0);
});

it.each([
  ['http://127.0.0.1:1/wsb', /^connect: http: is not https:/],
  ['not a url', /^connect: /],
])('When the URL is %s, then the attempt fails at once with a connect outcome', async (url, expected) => {
  const outcome = await postPushMessage({ url, serverCaPem: devCa.certificatePem }, identity, MESSAGE, 5_000);
  expect(outcome.delivered).toBe(false);
  expect(outcome.outcome).toMatch(expected);
});
