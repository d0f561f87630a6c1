import { X509Certificate } from 'node:crypto';
import {
  certificateAuthoritySigner,
  createCertificateAuthority,
  DEFAULT_CA_COMMON_NAME,
} from '../../../src/pki/certificate-authority';

const DAY_MS = 24 * 60 * 60 * 1000;

describe('createCertificateAuthority', () => {
  it('creates a self-signed SHA-256 CA valid for about 10 years', () => {
    const ca = createCertificateAuthority();
    const x509 = new X509Certificate(ca.certificatePem);
    expect(x509.ca).toBe(true);
    expect(x509.subject).toBe(`CN=${DEFAULT_CA_COMMON_NAME}`);
    expect(x509.checkIssued(x509)).toBe(true);
    expect(x509.verify(x509.publicKey)).toBe(true);
    expect(x509.publicKey.asymmetricKeyDetails?.modulusLength).toBe(2048);
    expect(ca.privateKeyPem).toContain('BEGIN PRIVATE KEY');
    const lifetimeYears = (Date.parse(x509.validTo) - Date.now()) / (365.25 * DAY_MS);
    expect(lifetimeYears).toBeGreaterThan(9.9);
    expect(lifetimeYears).toBeLessThan(10.1);
    expect(Date.parse(x509.validFrom)).toBeLessThan(Date.now());
  });

  it('uses a positive serial number and a different one each time', () => {
    const first = new X509Certificate(createCertificateAuthority().certificatePem).serialNumber;
    const second = new X509Certificate(createCertificateAuthority().certificatePem).serialNumber;
    expect(first).not.toBe(second);
    expect(Number.parseInt(first.slice(0, 2), 16)).toBeLessThan(0x80);
    expect(Number.parseInt(first.slice(0, 2), 16)).toBeGreaterThan(0);
  });

  it('honours the common name and validity options', () => {
    const notBefore = new Date('2020-01-01T00:00:00Z');
    const notAfter = new Date('2021-01-01T00:00:00Z');
    const x509 = new X509Certificate(
      createCertificateAuthority({ commonName: 'Old CA', notBefore, notAfter }).certificatePem,
    );
    expect(x509.subject).toBe('CN=Old CA');
    expect(new Date(x509.validFrom).toISOString()).toBe(notBefore.toISOString());
    expect(new Date(x509.validTo).toISOString()).toBe(notAfter.toISOString());
  });

  it('refuses notBefore at or after notAfter', () => {
    const when = new Date('2030-01-01T00:00:00Z');
    expect(() => createCertificateAuthority({ notBefore: when, notAfter: when })).toThrow(RangeError);
  });
});

describe('certificateAuthoritySigner', () => {
  it('rejects a CA whose key belongs to another certificate', () => {
    const first = createCertificateAuthority();
    const second = createCertificateAuthority();
    expect(() =>
      certificateAuthoritySigner({
        certificatePem: first.certificatePem,
        privateKeyPem: second.privateKeyPem,
      }),
    ).toThrow(/does not match/);
  });
});
