import type { RunningEmulator } from '../../src/emulator';
import {
  callSoap,
  getBookingsBody,
  getInterviewTypesBody,
  headersOf,
  ORG,
  postWithTlsVersions,
} from '../helpers/dfdg-calls';
import { startTestEmulator } from '../helpers/emulator';
import { caseworker, dfdgHeaders, envelope, type Org } from '../helpers/envelope';
import { expectAccepted, expectFault } from '../helpers/fault-assertions';
import { postXml } from '../helpers/soap-request';
import type { CertificateName } from '../helpers/test-certificates';

let emulator: RunningEmulator;
beforeAll(async () => {
  emulator = await startTestEmulator();
});
afterAll(() => emulator.stop());

/** A GetBookings as the given organisation, by one of its caseworkers, presenting the given certificate. */
/** A fixture citizen of the organisation, so that ACC-OWN lets the call through once SEC-* has. */
const citizenOf = (org: Org): string => (org.code === '10100' ? '0303575003' : '0101575001');

const getBookingsAs = (cert: CertificateName | null, org: Org = ORG.jobcenterAarhus) =>
  callSoap(emulator.soapUrl, {
    operation: 'GetBookings',
    body: getBookingsBody(citizenOf(org)),
    headers: dfdgHeaders(org, caseworker(org)),
    cert,
  });

const getInterviewTypes = (cert: CertificateName | null, headers?: string) =>
  callSoap(emulator.soapUrl, {
    service: 'CodelistService',
    operation: 'GetInterviewTypes',
    body: getInterviewTypesBody(),
    ...(headers === undefined ? {} : { headers }),
    cert,
  });

it('When a registered certificate acts for its own organisation, then the call is accepted', async () => {
  expectAccepted(await getBookingsAs('8-75100'));
});

it('When the call has no client certificate, then 1101 SEC-TLS', async () => {
  await expectFault(await getBookingsAs(null), { code: 1101, source: 'SEC-TLS' });
});

it.each<CertificateName>(['expired', 'not-yet-valid', 'other-ca'])(
  "When the client certificate is '%s', then 1012 SEC-TLS",
  async (cert) => {
    await expectFault(await getBookingsAs(cert), { code: 1012, source: 'SEC-TLS' });
  },
);

it('When the client certificate chains to the CA but is not registered, then 1012 SEC-CERT', async () => {
  await expectFault(await getBookingsAs('unregistered'), { code: 1012, source: 'SEC-CERT' });
});

it('When a registered certificate is used for an organisation it is not registered for, then 1013 SEC-AO-CERT', async () => {
  await expectFault(await getBookingsAs('8-75100', ORG.jobcenterKobenhavn), {
    code: 1013,
    source: 'SEC-AO-CERT',
  });
});

it("When the kommune's certificate is used for the kommune's jobcenter, then 1013 SEC-AO-CERT", async () => {
  await expectFault(await getBookingsAs('7-751', ORG.jobcenterAarhus), { code: 1013, source: 'SEC-AO-CERT' });
});

it.each<[string, Org]>([
  ['jobcenter 8/75100', ORG.jobcenterAarhus],
  ['jobcenter 8/10100', ORG.jobcenterKobenhavn],
  ['kommune 7/751', ORG.kommuneAarhus],
])("When the 'kss-vendor' certificate acts for %s, then the call is accepted", async (_name, org) => {
  expectAccepted(await getBookingsAs('kss-vendor', org));
});

it("When the 'kss-vendor' certificate acts for a-kasse 2/17, then 1013 SEC-AO-CERT", async () => {
  await expectFault(await getBookingsAs('kss-vendor', ORG.foa), { code: 1013, source: 'SEC-AO-CERT' });
});

it("When the 'kss-vendor' certificate acts for kommune 7/101 (not registered), then 1013 SEC-AO-CERT", async () => {
  await expectFault(await getBookingsAs('kss-vendor', ORG.kommuneKobenhavn), {
    code: 1013,
    source: 'SEC-AO-CERT',
  });
});

it('When a client offers only TLS 1.1, then the handshake fails and the request errors', async () => {
  const body = envelope(
    getBookingsBody('0101575001'),
    headersOf(ORG.jobcenterAarhus, caseworker(ORG.jobcenterAarhus)),
  );
  await expect(
    postWithTlsVersions(`${emulator.soapUrl}/BookingService`, body, {
      cert: '8-75100',
      minVersion: 'TLSv1.1',
      maxVersion: 'TLSv1.1',
      // Let this client offer TLS 1.1 at all (OpenSSL 3 refuses it at its default security level),
      // so the refusal tested is the server's.
      ciphers: 'DEFAULT@SECLEVEL=0',
    }),
  ).rejects.toThrow(/alert protocol version/); // the server's alert, not a client-side refusal
});

it.each<['TLSv1.2' | 'TLSv1.3']>([['TLSv1.2'], ['TLSv1.3']])(
  'When a client offers only %s, then the call is served over it',
  async (version) => {
    const body = envelope(
      getBookingsBody('0101575001'),
      headersOf(ORG.jobcenterAarhus, caseworker(ORG.jobcenterAarhus)),
    );
    const res = await postWithTlsVersions(`${emulator.soapUrl}/BookingService`, body, {
      cert: '8-75100',
      minVersion: version,
      maxVersion: version,
    });
    expect(res.protocol).toBe(version);
    expectAccepted(res);
  },
);

it('When CodelistService GetInterviewTypes is called with a certificate and no headers, then it answers the 19 interview types', async () => {
  const res = await getInterviewTypes('2-17');
  expectAccepted(res);
  expect(res.body.match(/<(?:\w+:)?InterviewType>/g)).toHaveLength(19);
  expect(res.body).toMatch(/<(?:\w+:)?Name>Jobsamtale<\/(?:\w+:)?Name>/);
});

it('When CodelistService GetInterviewTypes is called without a certificate, then 1101 SEC-TLS', async () => {
  await expectFault(await getInterviewTypes(null), { code: 1101, source: 'SEC-TLS' });
});

it('When CodelistService GetInterviewTypes is called with an unregistered certificate, then 1012 SEC-CERT', async () => {
  await expectFault(await getInterviewTypes('unregistered'), { code: 1012, source: 'SEC-CERT' });
});

it('When CodelistService GetInterviewTypes is called with an expired certificate, then 1012 SEC-TLS', async () => {
  await expectFault(await getInterviewTypes('expired'), { code: 1012, source: 'SEC-TLS' });
});

it('When CodelistService GetInterviewTypes carries headers naming an organisation the certificate is not registered for, then they are ignored and the call is accepted', async () => {
  expectAccepted(await getInterviewTypes('8-75100', headersOf(ORG.foa, caseworker(ORG.foa))));
});

it('When a call without a certificate sends a body that is not XML, then 1101 SEC-TLS (the certificate is checked before the body is parsed)', async () => {
  const res = await postXml(`${emulator.soapUrl}/BookingService`, 'this is <not xml', { cert: null });
  await expectFault(res, { code: 1101, source: 'SEC-TLS' });
});

it('When a call with an unregistered certificate sends a body that is not XML, then 1012 SEC-CERT (the certificate is checked before the body is parsed)', async () => {
  const res = await postXml(`${emulator.soapUrl}/BookingService`, 'this is <not xml', {
    cert: 'unregistered',
  });
  await expectFault(res, { code: 1012, source: 'SEC-CERT' });
});
