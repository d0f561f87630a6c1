import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import type { RunningEmulator } from '../../src/emulator';
import { signRequest } from '../../src/security/sign-request';
import { startTestEmulator } from '../helpers/emulator';
import {
  aBooking,
  caseworker,
  createBookingBody,
  dfdgHeaders,
  envelope,
  soapAction,
} from '../helpers/envelope';
import { faultOf, postXml, textOf, type RawResponse } from '../helpers/soap-request';
import { testCertDir, type CertificateName } from '../helpers/test-certificates';

/**
 * The second identity channel over the wire: a request signed with WS-Security (X.509 token), sent
 * over HTTPS without a client certificate, or over the plain-HTTP loopback port behind a proxy.
 */
const jobcenter = { type: 8, code: '75100' };
const CREATE = soapAction('BookingService', 'CreateBooking');
const unsigned = (ao = jobcenter): string =>
  envelope(createBookingBody(aBooking()), dfdgHeaders(ao, caseworker(ao)));
const signedBy = (name: CertificateName, xml = unsigned()): string =>
  signRequest(
    xml,
    readFileSync(join(testCertDir(), 'clients', `${name}.pem`), 'utf8'),
    readFileSync(join(testCertDir(), 'clients', `${name}.key`), 'utf8'),
  );
const send = (
  emulator: RunningEmulator,
  xml: string,
  cert: CertificateName | null = null,
): Promise<RawResponse> => postXml(`${emulator.soapUrl}/BookingService`, xml, { cert, soapAction: CREATE });

/** POST over plain HTTP (what a TLS-terminating proxy forwards). */
const postHttp = (url: string, body: string): Promise<RawResponse> =>
  new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: 'POST',
        agent: false,
        headers: { 'Content-Type': 'text/xml; charset=utf-8', SOAPAction: `"${CREATE}"` },
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
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });

describe('identity mode wss', () => {
  let emulator: RunningEmulator;
  beforeAll(async () => {
    emulator = await startTestEmulator({ identityMode: 'wss', httpPort: 0 });
  });
  afterAll(() => emulator.stop());

  it('When a request signed with a registered certificate comes over HTTPS without a client certificate, then it is served, and the journal and audit name the signer', async () => {
    const res = await send(emulator, signedBy('8-75100'));
    expect(res.status).toBe(200);
    const referenceId = textOf(res.body, 'ServiceRequestLogReferenceIdentifier') ?? '';
    const fingerprint = emulator.certificates.clients['8-75100']?.fingerprint;
    expect(emulator.store.audit.find(referenceId)).toMatchObject({
      outcome: 'ok',
      certificate: { fingerprint },
    });
    const decisions = emulator.journal.find(referenceId)?.decisions ?? [];
    expect(decisions.slice(0, 2)).toEqual([
      {
        ruleId: 'SEC-WSS',
        passed: true,
        why: expect.stringMatching(
          /^signed by CN=8-75100\b.* over Body, RequestUserMetadataHeader, ActiveOrganisationHeader, Timestamp$/,
        ) as string,
        kind: 'dfdg',
        warning: false,
      },
      {
        ruleId: 'SEC-CERT',
        passed: true,
        why: 'registered as 8-75100 for 8/75100',
        kind: 'dfdg',
        warning: false,
      },
    ]);
  });

  it('When the signed request is tampered with, then 1012 SEC-WSS says which part changed, and the audit records it', async () => {
    const res = await send(emulator, signedBy('8-75100').replace('0101575001', '0202575002'));
    const fault = faultOf(res);
    expect(fault).toMatchObject({ errorCode: 1012, source: 'SEC-WSS', faultstring: 'Logon failed' });
    expect(fault.innerException).toMatch(/digest of #id-.*Body\) does not match/);
    const referenceId = String(res.headers['x-servicerequestlogreferenceidentifier']);
    expect(emulator.store.audit.find(referenceId)).toMatchObject({ outcome: '1012', ruleId: 'SEC-WSS' });
  });

  it('When an unsigned request comes with a good TLS client certificate, then 1012 SEC-WSS: in wss mode only the signature identifies', async () => {
    expect(faultOf(await send(emulator, unsigned(), '8-75100'))).toMatchObject({
      errorCode: 1012,
      source: 'SEC-WSS',
      innerException: 'the message has no wsse:Security header: it is not signed',
    });
  });

  it('When the request is signed with a certificate the CA issued but nobody registered, then 1012 SEC-CERT', async () => {
    expect(faultOf(await send(emulator, signedBy('unregistered')))).toMatchObject({
      errorCode: 1012,
      source: 'SEC-CERT',
    });
  });

  it('When the signer acts for an organisation its certificate is not registered for, then the security model answers (1013 SEC-AO-CERT)', async () => {
    const otherJobcenter = { type: 8, code: '10100' };
    expect(faultOf(await send(emulator, signedBy('8-75100', unsigned(otherJobcenter))))).toMatchObject({
      errorCode: 1013,
      source: 'SEC-AO-CERT',
    });
  });

  it('When a signed request comes over the plain-HTTP loopback port (behind a proxy), then it is served; unsigned, it is refused', async () => {
    const httpUrl = emulator.httpUrl ?? '';
    expect(httpUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect((await postHttp(`${httpUrl}/BookingService`, signedBy('8-75100'))).status).toBe(200);
    expect(faultOf(await postHttp(`${httpUrl}/BookingService`, unsigned()))).toMatchObject({
      errorCode: 1012,
      source: 'SEC-WSS',
    });
  });
});

describe('identity mode either', () => {
  let emulator: RunningEmulator;
  beforeAll(async () => {
    emulator = await startTestEmulator({ identityMode: 'either' });
  });
  afterAll(() => emulator.stop());

  it('When the caller presents a TLS client certificate, then it identifies the caller and an unsigned request is served', async () => {
    expect((await send(emulator, unsigned(), '8-75100')).status).toBe(200);
  });

  it('When the TLS client certificate is not trusted, then it still wins: 1012 SEC-TLS, whatever the message carries', async () => {
    expect(faultOf(await send(emulator, signedBy('8-75100'), 'other-ca'))).toMatchObject({
      errorCode: 1012,
      source: 'SEC-TLS',
    });
  });

  it('When there is no TLS client certificate, then a signed request is served and an unsigned one gets 1012 SEC-WSS', async () => {
    expect((await send(emulator, signedBy('8-75100'))).status).toBe(200);
    expect(faultOf(await send(emulator, unsigned()))).toMatchObject({ errorCode: 1012, source: 'SEC-WSS' });
  });
});

describe('identity mode tls (the default)', () => {
  let emulator: RunningEmulator;
  beforeAll(async () => {
    emulator = await startTestEmulator();
  });
  afterAll(() => emulator.stop());

  it.each<[string, () => string]>([
    ['unsigned', () => unsigned()],
    ['signed', () => signedBy('8-75100')],
  ])(
    'When a request (%s) comes without a TLS client certificate, then 1101 SEC-TLS: a signature is not an identity here',
    async (_what, xml) => {
      expect(faultOf(await send(emulator, xml()))).toMatchObject({ errorCode: 1101, source: 'SEC-TLS' });
    },
  );
});
