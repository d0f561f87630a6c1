import { X509Certificate } from 'node:crypto';
import { createServer, request } from 'node:https';
import type { Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { TLSSocket } from 'node:tls';
import { createCertificateAuthority } from '../../../src/pki/certificate-authority';
import type { CertificateAuthority } from '../../../src/pki/certificate-authority';
import { issueClientCertificate, issueServerCertificate } from '../../../src/pki/issue-certificate';
import type { IssuedCertificate } from '../../../src/pki/issue-certificate';

interface PeerView {
  authorized: boolean;
  authorizationError: string | undefined;
  fingerprint256: string | undefined;
}

type ClientCredentials = { cert: string; key: string } | { pfx: Buffer; passphrase: string };

describe('mutual TLS with issued certificates', () => {
  let ca: CertificateAuthority;
  let client: IssuedCertificate;
  let server: Server;
  let port: number;
  const seen: PeerView[] = [];

  beforeAll(async () => {
    ca = createCertificateAuthority();
    client = issueClientCertificate(ca, { name: '8-75100', organisationName: 'Jobcenter Aarhus' });
    const serverCertificate = issueServerCertificate(ca, { hosts: ['localhost', '127.0.0.1', '::1'] });
    server = createServer(
      {
        cert: serverCertificate.certificatePem,
        key: serverCertificate.privateKeyPem,
        ca: [ca.certificatePem],
        requestCert: true,
        rejectUnauthorized: false,
      },
      (req, res) => {
        const socket = req.socket;
        if (!(socket instanceof TLSSocket)) {
          res.writeHead(500).end();
          return;
        }
        const peer = socket.getPeerCertificate();
        const error = socket.authorizationError;
        seen.push({
          authorized: socket.authorized,
          authorizationError: error === undefined || error === null ? undefined : String(error),
          fingerprint256: peer.fingerprint256,
        });
        res.writeHead(200).end('ok');
      },
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });

  afterAll(async () => {
    await new Promise<void>((resolve, reject) =>
      server.close((error) => (error ? reject(error) : resolve())),
    );
  });

  async function call(credentials: ClientCredentials): Promise<PeerView> {
    const before = seen.length;
    await new Promise<void>((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port,
          path: '/',
          method: 'GET',
          ca: ca.certificatePem,
          agent: false,
          ...credentials,
        },
        (res) => {
          res.resume();
          res.on('end', resolve);
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end();
    });
    const view = seen[before];
    if (view === undefined) {
      throw new Error('the server saw no request');
    }
    return view;
  }

  it('authorises a client certificate issued by the CA and sees its fingerprint', async () => {
    const view = await call({ cert: client.certificatePem, key: client.privateKeyPem });
    expect(view).toEqual({
      authorized: true,
      authorizationError: undefined,
      fingerprint256: client.fingerprint,
    });
  });

  it('accepts the .p12 bundle as client credentials', async () => {
    const view = await call({ pfx: Buffer.from(client.pkcs12Base64, 'base64'), passphrase: client.password });
    expect(view.authorized).toBe(true);
    expect(view.fingerprint256).toBe(client.fingerprint);
  });

  it('does not authorise a certificate from another CA', async () => {
    const stranger = issueClientCertificate(createCertificateAuthority(), { name: '8-75100' });
    const view = await call({ cert: stranger.certificatePem, key: stranger.privateKeyPem });
    expect(view.authorized).toBe(false);
    expect(view.authorizationError).toBeDefined();
    expect(view.fingerprint256).toBe(stranger.fingerprint);
    expect(view.fingerprint256).toBe(new X509Certificate(stranger.certificatePem).fingerprint256);
  });

  it('does not authorise an expired certificate from the right CA', async () => {
    const expired = issueClientCertificate(ca, { name: 'expired', notAfter: new Date(Date.now() - 60_000) });
    const view = await call({ cert: expired.certificatePem, key: expired.privateKeyPem });
    expect(view.authorized).toBe(false);
    expect(view.authorizationError).toBe('CERT_HAS_EXPIRED');
  });
});
