/**
 * Issue 5, item 2: certificates that must not get in (RULES.md SEC-TLS, SEC-CERT, SEC-AO-CERT).
 * test/integration/certificates.response.test.ts has none, expired, not yet valid, another CA's,
 * unregistered, another organisation's, and TLS 1.1; this adds TLS 1.0, a self-signed leaf, the CA's
 * and the server's own certificates, a look-alike of a registered certificate, an organisation type
 * swap, and a large body without a certificate — each refused without writing anything but its
 * audit row (with the presented certificate's fingerprint).
 */
import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { request, type RequestOptions } from 'node:https';
import { join } from 'node:path';
import type { SecureVersion } from 'node:tls';
import type { RunningEmulator } from '../../src/emulator';
import { loadCertificateAuthority } from '../../src/pki/dev-certificates';
import { distinguishedName } from '../../src/pki/distinguished-name';
import { generateRsaKeyPair } from '../../src/pki/generate-rsa-key-pair';
import { issueClientCertificate } from '../../src/pki/issue-certificate';
import { signCertificate } from '../../src/pki/sign-certificate';
import { getBookingsBody, headersOf } from '../helpers/dfdg-calls';
import { startTestEmulator } from '../helpers/emulator';
import { caseworker, envelope, soapAction, type Org } from '../helpers/envelope';
import { expectAccepted, expectFault, type FaultCode } from '../helpers/fault-assertions';
import type { RawResponse } from '../helpers/soap-request';
import { clientTls, testCertDir } from '../helpers/test-certificates';
import { ANNA, harness, JOBCENTER, type Harness } from './support/refusal-harness';

let emulator: RunningEmulator;
let h: Harness;
beforeAll(async () => {
  emulator = await startTestEmulator();
  h = harness(emulator);
});
afterAll(() => emulator.stop());

interface Presented {
  readonly cert?: string;
  readonly key?: string;
}

/** A GetBookings as jobcenter Aarhus (or the given organisation), presenting the given PEMs. */
const getBookingsWith = (
  presented: Presented,
  org: Org = JOBCENTER,
  tls: Pick<RequestOptions, 'minVersion' | 'maxVersion' | 'ciphers'> = {},
  body: string | Buffer = envelope(getBookingsBody(ANNA), headersOf(org, caseworker(org))),
): Promise<RawResponse> =>
  new Promise((resolve, reject) => {
    const req = request(
      `${emulator.soapUrl}/BookingService`,
      {
        method: 'POST',
        ca: clientTls(null).ca,
        ...presented,
        ...tls,
        agent: false,
        headers: {
          'Content-Type': 'text/xml; charset=utf-8',
          SOAPAction: `"${soapAction('BookingService', 'GetBookings')}"`,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            body: Buffer.concat(chunks).toString('utf8'),
            headers: res.headers,
          }),
        );
      },
    );
    req.on('error', reject);
    req.end(body);
  });

const fingerprintOf = (pem: string): string => new X509Certificate(pem).fingerprint256;

/** Refused with the fault, audited with the presented certificate, nothing else written, still serving. */
const expectCertificateRefused = async (
  presented: Presented,
  expected: { code: FaultCode; source: string },
  org: Org = JOBCENTER,
): Promise<void> => {
  const before = h.counts();
  const res = await getBookingsWith(presented, org);
  await expectFault(res, expected);
  const after = h.counts();
  expect({ ...after, audit_log: before.audit_log }).toEqual(before);
  expect(after.audit_log).toBe(before.audit_log + 1);
  const audit = emulator.store.db
    .prepare('SELECT outcome, rule_id, certificate_fingerprint FROM audit_log WHERE reference_id = ?')
    .get(String(res.headers['x-servicerequestlogreferenceidentifier']));
  expect(audit).toEqual({
    outcome: String(expected.code),
    rule_id: expected.source,
    certificate_fingerprint: presented.cert ? fingerprintOf(presented.cert) : null,
  });
  expectAccepted(await getBookingsWith(clientTls('8-75100')));
};

const DAY = 24 * 3600 * 1000;

it('When a client offers only TLS 1.0, then the server refuses the handshake (protocol version alert) and audits nothing', async () => {
  const before = h.counts();
  await expect(
    getBookingsWith(clientTls('8-75100'), JOBCENTER, {
      minVersion: 'TLSv1' as SecureVersion,
      maxVersion: 'TLSv1' as SecureVersion,
      // Let this client offer TLS 1.0 at all (OpenSSL 3 refuses it at its default security level),
      // so the refusal tested is the server's.
      ciphers: 'DEFAULT@SECLEVEL=0',
    }),
  ).rejects.toThrow(/alert protocol version/);
  expect(h.counts()).toEqual(before);
  expectAccepted(await getBookingsWith(clientTls('8-75100')));
});

it('When the client certificate is a self-signed leaf, then 1012 SEC-TLS', async () => {
  const keys = generateRsaKeyPair();
  const now = Date.now();
  const cert = signCertificate(
    {
      subject: distinguishedName({ commonName: '8-75100' }),
      publicKey: keys.publicKey,
      notBefore: new Date(now - DAY),
      notAfter: new Date(now + 30 * DAY),
      extensions: [
        { name: 'basicConstraints', cA: false },
        { name: 'keyUsage', critical: true, digitalSignature: true, keyEncipherment: true },
        { name: 'extKeyUsage', clientAuth: true },
      ],
    },
    { issuerCertificate: undefined, privateKey: keys.privateKey },
  );
  await expectCertificateRefused({ cert, key: keys.privateKeyPem }, { code: 1012, source: 'SEC-TLS' });
});

it.each([
  ["the trusted CA's own", 'ca'],
  ["the server's own", 'server'],
])(
  'When the client presents %s certificate and key, then 1012 SEC-TLS (not a client certificate: its purpose is wrong)',
  async (_whose, file) => {
    const dir = testCertDir();
    const cert = readFileSync(join(dir, `${file}.pem`), 'utf8');
    const key = readFileSync(join(dir, `${file}.key`), 'utf8');
    await expectCertificateRefused({ cert, key }, { code: 1012, source: 'SEC-TLS' });
  },
);

it("When a new certificate from the trusted CA copies a registered certificate's subject (CN=8-75100), then 1012 SEC-CERT: registration is by fingerprint, not by name", async () => {
  const lookAlike = issueClientCertificate(loadCertificateAuthority(testCertDir()), { name: '8-75100' });
  expect(new X509Certificate(lookAlike.certificatePem).subject).toBe(
    new X509Certificate(clientTls('8-75100').cert ?? '').subject,
  );
  await expectCertificateRefused(
    { cert: lookAlike.certificatePem, key: lookAlike.privateKeyPem },
    { code: 1012, source: 'SEC-CERT' },
  );
});

it('When the 8-75100 certificate acts for organisation type 7 with the same code 75100, then 1013 SEC-AO-CERT', async () => {
  await expectCertificateRefused(
    clientTls('8-75100'),
    { code: 1013, source: 'SEC-AO-CERT' },
    { type: 7, code: '75100' },
  );
});

/**
 * A GetBookings without a certificate whose body is streamed in 1 MB pieces as fast as the connection
 * takes them: the answer, and how much of the body had been handed to the connection when it came.
 */
const streamedWithoutCertificate = (body: Buffer): Promise<{ res: RawResponse; sentWhenAnswered: number }> =>
  new Promise((resolve, reject) => {
    let sent = 0;
    let answered = false;
    const req = request(
      `${emulator.soapUrl}/BookingService`,
      {
        method: 'POST',
        ca: clientTls(null).ca,
        agent: false,
        headers: {
          'Content-Type': 'text/xml; charset=utf-8',
          SOAPAction: `"${soapAction('BookingService', 'GetBookings')}"`,
          'Content-Length': body.length,
        },
      },
      (res) => {
        answered = true;
        const sentWhenAnswered = sent;
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          resolve({
            res: {
              status: res.statusCode ?? 0,
              body: Buffer.concat(chunks).toString('utf8'),
              headers: res.headers,
            },
            sentWhenAnswered,
          });
          req.destroy();
        });
      },
    );
    // The server may close while the client still writes; only an error before the answer counts.
    req.on('error', (e: NodeJS.ErrnoException) => {
      if (!answered) reject(new Error(`no answer before the connection closed: ${e.code ?? e.message}`));
    });
    const pump = (): void => {
      while (sent < body.length && !answered && !req.destroyed) {
        const more = req.write(body.subarray(sent, sent + (1 << 20)));
        sent = Math.min(body.length, sent + (1 << 20));
        if (!more) return void req.once('drain', pump);
      }
      if (sent === body.length && !req.destroyed) req.end();
    };
    pump();
  });

it('When a call without a certificate streams a 50 MB body, then 1101 SEC-TLS comes before the body is sent and the connection is closed', async () => {
  const body = Buffer.alloc(50 << 20, 0x20);
  const { res, sentWhenAnswered } = await streamedWithoutCertificate(body);
  await expectFault(res, { code: 1101, source: 'SEC-TLS' });
  expect(res.headers.connection).toBe('close');
  // Answered from the handshake alone: the client could not have sent the body before the answer
  // unless the server read it (the connection takes only its buffers' worth unread).
  expect(sentWhenAnswered).toBeLessThan(body.length);
  expectAccepted(await getBookingsWith(clientTls('8-75100')));
});
