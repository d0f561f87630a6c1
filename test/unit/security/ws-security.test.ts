import { X509Certificate } from 'node:crypto';
import { DOMParser, XMLSerializer } from '@xmldom/xmldom';
import {
  createCertificateAuthority,
  type CertificateAuthority,
} from '../../../src/pki/certificate-authority';
import { issueClientCertificate, type IssuedCertificate } from '../../../src/pki/issue-certificate';
import { signRequest, type SignRequestOptions } from '../../../src/security/sign-request';
import {
  verifyWsSecurity,
  type WsSecurityPolicy,
  type WsSecurityResult,
} from '../../../src/security/ws-security';
import { RSA_SHA1, SHA1, WSS_NS } from '../../../src/security/wss-constants';
import type { CertificateRegistration } from '../../../src/store/certificate.repository';
import { aBooking, caseworker, createBookingBody, dfdgHeaders, envelope, NS } from '../../helpers/envelope';

const jobcenter = { type: 8, code: '75100' };
const request = envelope(createBookingBody(aBooking()), dfdgHeaders(jobcenter, caseworker(jobcenter)));
const MINUTE = 60_000;

let ca: CertificateAuthority;
let signer: IssuedCertificate;
let policy: WsSecurityPolicy;
const registrations = new Map<string, CertificateRegistration>();
const certificates = { find: (fingerprint: string) => registrations.get(fingerprint) };

beforeAll(() => {
  ca = createCertificateAuthority();
  signer = issueClientCertificate(ca, { name: '8-75100', organisationName: 'Jobcenter Aarhus' });
  registrations.set(signer.fingerprint, {
    fingerprint: signer.fingerprint,
    name: '8-75100',
    subject: signer.subject,
    organisations: [jobcenter],
  });
  policy = {
    trustedCa: new X509Certificate(ca.certificatePem),
    clockSkewSeconds: 300,
    maxAgeSeconds: 300,
    maxDepth: 64,
  };
});

const sign = (options: SignRequestOptions = {}, by: IssuedCertificate = signer, xml = request): string =>
  signRequest(xml, by.certificatePem, by.privateKeyPem, options);
const verify = (xml: string, now = new Date()): WsSecurityResult =>
  verifyWsSecurity(Buffer.from(xml, 'utf8'), policy, certificates, now);

/** The fault a refused message gets: rule, and the check named in InnerException. */
const refusal = (result: WsSecurityResult): { key: string; detail: string } =>
  result.ok
    ? { key: 'accepted', detail: '' }
    : { key: result.violation.key, detail: result.violation.detail };

/** Edits a signed message as an attacker would: on the parsed tree, serialised again. */
const tamper = (
  xml: string,
  edit: (doc: Document, find: (ns: string, name: string) => Element) => void,
): string => {
  const doc = new DOMParser().parseFromString(xml, 'text/xml');
  const find = (ns: string, name: string): Element => {
    const el = doc.getElementsByTagNameNS(ns, name).item(0);
    if (!el) throw new Error(`no ${name} in the test message`);
    return el;
  };
  edit(doc, find);
  return new XMLSerializer().serializeToString(doc);
};

/** A header block in a namespace the emulator does not read, to hide things in. */
const wrapperIn = (doc: Document): Element => {
  const wrapper = doc.createElementNS('urn:attacker', 'x:Wrapper');
  doc.getElementsByTagNameNS(NS.soap, 'Header').item(0)?.appendChild(wrapper);
  return wrapper;
};

describe('SEC-WSS: a correctly signed request', () => {
  it('When the request is signed with a registered certificate of the trusted CA, then the caller is that certificate’s registration', () => {
    const result = verify(sign());
    if (!result.ok) throw new Error(result.violation.detail);
    expect(result.caller).toEqual({
      certificate: { subject: 'CN=8-75100, O=Jobcenter Aarhus, C=DK', fingerprint: signer.fingerprint },
      organisations: [jobcenter],
      systemName: '8-75100',
    });
    expect(result.signed).toEqual([
      'Body',
      'RequestUserMetadataHeader',
      'ActiveOrganisationHeader',
      'Timestamp',
    ]);
  });

  it('When the signed request is re-indented outside the signed elements, then it is still accepted', () => {
    const signed = sign().replace('<soap:Header>', '<soap:Header>\n  ');
    expect(refusal(verify(signed))).toEqual({ key: 'accepted', detail: '' });
  });

  it('When the Timestamp was created a minute ahead of the emulator (within the skew), then it is accepted', () => {
    expect(verify(sign({ now: new Date(Date.now() + MINUTE) })).ok).toBe(true);
  });
});

describe('SEC-WSS: tampering, freshness and algorithms', () => {
  it.each<[string, (signed: string) => string, RegExp]>([
    [
      'the body is altered',
      (s) => s.replace('0101575001', '0202575002'),
      /digest of #id-.* \(\{.*envelope\/\}Body\) does not match/,
    ],
    [
      'a header is altered',
      (s) => s.replace('>75100</aoh:OrganisationCode>', '>10100</aoh:OrganisationCode>'),
      /ActiveOrganisationHeader\) does not match/,
    ],
    [
      'the Timestamp is prolonged',
      (s) => s.replace(/(<wsu:Expires>)\d{4}/, '$12099'),
      /Timestamp\) does not match/,
    ],
    [
      'the SignatureValue is altered',
      (s) =>
        s.replace(/<ds:SignatureValue>(.)/, (_m, c: string) => `<ds:SignatureValue>${c === 'A' ? 'B' : 'A'}`),
      /SignatureValue does not verify/,
    ],
    [
      "the Body's wsu:Id is respelled ID",
      (s) => s.replace(/(<soap:Body[^>]*?) wsu:Id=/, '$1 ID='),
      /^the signature references #id-[0-9a-f-]+, but no element carries it as wsu:Id$/,
    ],
  ])('When %s after signing, then 1012 SEC-WSS names the changed part', (_what, alter, why) => {
    const result = refusal(verify(alter(sign())));
    expect(result.key).toBe('SEC-WSS');
    expect(result.detail).toMatch(why);
  });

  it('When the BinarySecurityToken is swapped for another registered certificate, then the signature does not verify with it', () => {
    const other = issueClientCertificate(ca, { name: '8-10100' });
    registrations.set(other.fingerprint, {
      fingerprint: other.fingerprint,
      name: '8-10100',
      subject: other.subject,
      organisations: [{ type: 8, code: '10100' }],
    });
    const swapped = sign().replace(
      /(<wsse:BinarySecurityToken[^>]*>)[^<]+/,
      `$1${new X509Certificate(other.certificatePem).raw.toString('base64')}`,
    );
    expect(refusal(verify(swapped))).toEqual({
      key: 'SEC-WSS',
      detail: "the SignatureValue does not verify with the signing certificate's key",
    });
  });

  it.each<[string, () => string, Date | undefined, RegExp]>([
    ['there is no Timestamp', () => sign({ timestamp: false }), undefined, /holds no wsu:Timestamp/],
    [
      'the Timestamp has expired',
      () => sign({ now: new Date(Date.now() - 20 * MINUTE), lifetimeSeconds: 300 }),
      undefined,
      /the wsu:Timestamp expired at/,
    ],
    [
      'the Timestamp was created in the future',
      () => sign({ now: new Date(Date.now() + 20 * MINUTE) }),
      undefined,
      /lies in the future/,
    ],
    [
      'the Timestamp is older than the maximum age',
      () => sign({ now: new Date(Date.now() - 20 * MINUTE), lifetimeSeconds: 86_400 }),
      undefined,
      /is more than 300 s ago/,
    ],
  ])('When %s, then 1012 SEC-WSS', (_what, signed, now, why) => {
    const result = refusal(verify(signed(), now));
    expect(result.key).toBe('SEC-WSS');
    expect(result.detail).toMatch(why);
  });

  it('When a Timestamp is present but not signed, then 1012 SEC-WSS: the signature must cover it', () => {
    const unsignedTimestamp = tamper(sign({ timestamp: false }), (doc, find) => {
      const timestamp = doc.createElementNS(WSS_NS.wsu, 'wsu:Timestamp');
      for (const [name, at] of [
        ['Created', new Date()],
        ['Expires', new Date(Date.now() + MINUTE)],
      ] as const) {
        const el = doc.createElementNS(WSS_NS.wsu, `wsu:${name}`);
        el.appendChild(doc.createTextNode(at.toISOString()));
        timestamp.appendChild(el);
      }
      find(WSS_NS.wsse, 'Security').appendChild(timestamp);
    });
    expect(refusal(verify(unsignedTimestamp))).toEqual({
      key: 'SEC-WSS',
      detail: 'the signature does not cover the wsu:Timestamp (a child of wsse:Security)',
    });
  });

  it.each<[string, SignRequestOptions, RegExp]>([
    [
      'an RSA-SHA1 signature',
      { signatureAlgorithm: RSA_SHA1 },
      /signature method http:\/\/www\.w3\.org\/2000\/09\/xmldsig#rsa-sha1 is not accepted; use .*rsa-sha256/,
    ],
    [
      'SHA-1 digests',
      { digestAlgorithm: SHA1 },
      /digest method http:\/\/www\.w3\.org\/2000\/09\/xmldsig#sha1 of ds:Reference #id-.* is not accepted/,
    ],
  ])('When the request carries %s, then 1012 SEC-WSS refuses the algorithm', (_what, options, why) => {
    const result = refusal(verify(sign(options)));
    expect(result.key).toBe('SEC-WSS');
    expect(result.detail).toMatch(why);
  });
});

describe('SEC-WSS and SEC-CERT: the signing certificate', () => {
  it('When the certificate is from another CA, then 1012 SEC-WSS (as SEC-TLS would over TLS)', () => {
    const stranger = issueClientCertificate(createCertificateAuthority({ commonName: 'Some Other CA' }), {
      name: '8-75100',
    });
    const verdict = verify(sign({}, stranger));
    expect(verdict).toMatchObject({ ok: false, fingerprint: stranger.fingerprint }); // for the audit row
    const result = refusal(verdict);
    expect(result.key).toBe('SEC-WSS');
    expect(result.detail).toMatch(
      /^the signing certificate CN=8-75100(, .*)? was not issued by the trusted CA \(CN=DFDG Emulator Dev CA\)$/,
    );
  });

  it('When the certificate has expired, then 1012 SEC-WSS', () => {
    const expired = issueClientCertificate(ca, {
      name: 'expired',
      notAfter: new Date(Date.now() - 24 * 60 * MINUTE),
    });
    expect(refusal(verify(sign({}, expired))).detail).toMatch(/^the signing certificate .* expired on /);
  });

  it('When the certificate is the trusted CA’s but not registered, then 1012 SEC-CERT, with its fingerprint', () => {
    const unregistered = issueClientCertificate(ca, { name: 'unregistered' });
    const result = verify(sign({}, unregistered));
    expect(result).toMatchObject({
      ok: false,
      fingerprint: unregistered.fingerprint,
      violation: { key: 'SEC-CERT' },
    });
  });
});

describe('SEC-WSS: signature wrapping', () => {
  it('When the signed Body is moved into a wrapper header and a new Body substituted, then the Envelope’s Body is not covered', () => {
    const wrapped = tamper(sign(), (doc, find) => {
      const signedBody = find(NS.soap, 'Body');
      const forged = doc.createElementNS(NS.soap, 'soap:Body');
      forged.appendChild(
        doc.createElementNS('http://service.bm.dk/BookingService/2020/02/01/', 'bs:GetBookingsRequest'),
      );
      signedBody.parentNode?.replaceChild(forged, signedBody);
      wrapperIn(doc).appendChild(signedBody);
    });
    expect(refusal(verify(wrapped))).toEqual({
      key: 'SEC-WSS',
      detail:
        "the signature does not cover the soap:Body (the Envelope's child); a signed {http://schemas.xmlsoap.org/soap/envelope/}Body sits at /Envelope/Header/Wrapper/Body instead",
    });
  });

  it.each<[string, string]>([
    ['wsu:Id', WSS_NS.wsu],
    ['a plain Id', ''],
  ])(
    'When a forged Body carries the signed Body’s Id as %s (the original kept in a wrapper), then the duplicate Id is refused',
    (_what, ns) => {
      const duplicated = tamper(sign(), (doc, find) => {
        const signedBody = find(NS.soap, 'Body');
        const id = signedBody.getAttributeNS(WSS_NS.wsu, 'Id') ?? '';
        const forged = doc.createElementNS(NS.soap, 'soap:Body');
        if (ns) forged.setAttributeNS(ns, 'wsu:Id', id);
        else forged.setAttribute('Id', id);
        signedBody.parentNode?.replaceChild(forged, signedBody);
        wrapperIn(doc).appendChild(signedBody);
      });
      const result = refusal(verify(duplicated));
      expect(result.key).toBe('SEC-WSS');
      expect(result.detail).toMatch(/^the Id "id-[0-9a-f-]+" occurs more than once/);
    },
  );

  it('When the signed ActiveOrganisationHeader is moved into a wrapper header and an unsigned one put in its place, then it is not covered', () => {
    const wrapped = tamper(sign(), (doc, find) => {
      const signed = find(NS.aoh, 'ActiveOrganisationHeader');
      const forged = signed.cloneNode(true) as Element;
      forged.removeAttributeNS(WSS_NS.wsu, 'Id');
      const code = forged.getElementsByTagNameNS(NS.aoh, 'OrganisationCode').item(0);
      if (code?.firstChild) code.firstChild.nodeValue = '10100';
      signed.parentNode?.replaceChild(forged, signed);
      wrapperIn(doc).appendChild(signed);
    });
    expect(refusal(verify(wrapped)).detail).toBe(
      'the signature does not cover the header ActiveOrganisationHeader (a child of soap:Header); a signed {http://rep.oio.dk/ams.dk/xml/schemas/2005/09/01/}ActiveOrganisationHeader sits at /Envelope/Header/Wrapper/ActiveOrganisationHeader instead',
    );
  });

  it('When an unsigned second ActiveOrganisationHeader is added next to the signed one, then it is not covered', () => {
    const added = tamper(sign(), (doc, find) => {
      const forged = find(NS.aoh, 'ActiveOrganisationHeader').cloneNode(true) as Element;
      forged.removeAttributeNS(WSS_NS.wsu, 'Id');
      find(NS.soap, 'Header').appendChild(forged);
    });
    expect(refusal(verify(added)).detail).toMatch(
      /^the signature does not cover the header ActiveOrganisationHeader/,
    );
  });

  it.each<[string, (doc: Document, security: Element) => void, RegExp]>([
    [
      'a second Security header',
      (doc, security) => security.parentNode?.appendChild(doc.createElementNS(WSS_NS.wsse, 'wsse:Security')),
      /holds 2 wsse:Security elements; exactly one is allowed/,
    ],
    [
      'the Security header inside a wrapper header',
      (doc, security) => wrapperIn(doc).appendChild(security),
      /is not a direct child of soap:Header/,
    ],
    [
      'a second Signature in a wrapper',
      (doc, security) =>
        wrapperIn(doc).appendChild(
          security.getElementsByTagNameNS(WSS_NS.ds, 'Signature').item(0)?.cloneNode(true) as Node,
        ),
      /holds 2 ds:Signature elements/,
    ],
  ])('When the message has %s, then 1012 SEC-WSS', (_what, edit, why) => {
    const result = refusal(verify(tamper(sign(), (doc, find) => edit(doc, find(WSS_NS.wsse, 'Security')))));
    expect(result.key).toBe('SEC-WSS');
    expect(result.detail).toMatch(why);
  });
});

describe('SEC-WSS: messages that cannot be verified', () => {
  it.each<[string, string, RegExp]>([
    ['an unsigned request', request, /^the message has no wsse:Security header: it is not signed$/],
    [
      'a request that is not well-formed',
      '<soap:Envelope xmlns:soap="x"><a></b>',
      /^the request is not well-formed XML .*so no signature can be verified$/,
    ],
    [
      'a request with a DOCTYPE',
      '<!DOCTYPE x [<!ENTITY a "b">]><x/>',
      /DOCTYPE or entity declaration is not allowed/,
    ],
    [
      'nesting deeper than the limit',
      `<a>${'<b>'.repeat(100)}${'</b>'.repeat(100)}</a>`,
      /nested deeper than 64 levels/,
    ],
    [
      'more elements than any DFDG request has (parsed before the caller is known)',
      `<a>${'<b/>'.repeat(10_001)}</a>`,
      /more than 10000 elements or attributes, too many to verify/,
    ],
    [
      'more attributes than any DFDG request has',
      `<a ${Array.from({ length: 10_001 }, (_, i) => `a${i}="1"`).join(' ')}/>`,
      /more than 10000 elements or attributes/,
    ],
  ])('When the emulator receives %s, then 1012 SEC-WSS', (_what, xml, why) => {
    const result = refusal(verify(xml));
    expect(result.key).toBe('SEC-WSS');
    expect(result.detail).toMatch(why);
  });
});
