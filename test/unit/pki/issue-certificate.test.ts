import { spawnSync } from 'node:child_process';
import { X509Certificate, createPrivateKey } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCertificateAuthority } from '../../../src/pki/certificate-authority';
import type { CertificateAuthority } from '../../../src/pki/certificate-authority';
import {
  DEFAULT_PKCS12_PASSWORD,
  issueClientCertificate,
  issueServerCertificate,
} from '../../../src/pki/issue-certificate';
import type { IssuedCertificate } from '../../../src/pki/issue-certificate';
import { readPkcs12 } from './read-pkcs12';

const CLIENT_AUTH_OID = '1.3.6.1.5.5.7.3.2';
const SERVER_AUTH_OID = '1.3.6.1.5.5.7.3.1';
const DAY_MS = 24 * 60 * 60 * 1000;
const hasOpenssl = spawnSync('openssl', ['version']).status === 0;
const itWithOpenssl = hasOpenssl ? it : it.skip;
const hasKeytool = spawnSync('keytool', ['-help']).status === 0;
const itWithKeytool = hasKeytool ? it : it.skip;

function openPkcs12(pkcs12Base64: string, password: string): ReturnType<typeof readPkcs12> {
  return readPkcs12(Buffer.from(pkcs12Base64, 'base64'), password);
}

describe('issueClientCertificate', () => {
  let ca: CertificateAuthority;
  let client: IssuedCertificate;
  let workDir: string;

  beforeAll(() => {
    ca = createCertificateAuthority();
    client = issueClientCertificate(ca, { name: '8-75100', organisationName: 'Jobcenter Aarhus' });
    workDir = mkdtempSync(join(tmpdir(), 'pki-issue-'));
  });

  afterAll(() => {
    rmSync(workDir, { recursive: true, force: true });
  });

  it('is signed by the CA', () => {
    const x509 = new X509Certificate(client.certificatePem);
    const caX509 = new X509Certificate(ca.certificatePem);
    expect(x509.checkIssued(caX509)).toBe(true);
    expect(x509.verify(caX509.publicKey)).toBe(true);
    expect(x509.verify(new X509Certificate(createCertificateAuthority().certificatePem).publicKey)).toBe(
      false,
    );
    expect(x509.ca).toBe(false);
  });

  it('carries clientAuth, the requested subject and a 5 year validity', () => {
    const x509 = new X509Certificate(client.certificatePem);
    expect(x509.keyUsage).toEqual([CLIENT_AUTH_OID]);
    expect(x509.subject.split('\n')).toEqual(['C=DK', 'O=Jobcenter Aarhus', 'CN=8-75100']);
    expect(client.subject).toBe('CN=8-75100, O=Jobcenter Aarhus, C=DK');
    expect(client.name).toBe('8-75100');
    const validFrom = Date.parse(x509.validFrom);
    expect(validFrom).toBeLessThan(Date.now() - DAY_MS + 60_000);
    expect(validFrom).toBeGreaterThan(Date.now() - 2 * DAY_MS);
    const years = (Date.parse(x509.validTo) - Date.now()) / (365.25 * DAY_MS);
    expect(years).toBeGreaterThan(4.9);
    expect(years).toBeLessThan(5.1);
  });

  it('reports the fingerprint Node computes for the certificate', () => {
    expect(client.fingerprint).toBe(new X509Certificate(client.certificatePem).fingerprint256);
  });

  it('returns a private key that belongs to the certificate', () => {
    const x509 = new X509Certificate(client.certificatePem);
    expect(x509.checkPrivateKey(createPrivateKey(client.privateKeyPem))).toBe(true);
  });

  it('packs key, certificate and CA into a .p12 that opens with the default password', () => {
    expect(client.password).toBe(DEFAULT_PKCS12_PASSWORD);
    const contents = openPkcs12(client.pkcs12Base64, 'changeit');
    expect(contents.privateKeyCount).toBe(1);
    expect(contents.keyFriendlyNames).toEqual(['8-75100']);
    const fingerprints = contents.certificatePems.map((pem) => new X509Certificate(pem).fingerprint256);
    expect(fingerprints).toEqual([client.fingerprint, new X509Certificate(ca.certificatePem).fingerprint256]);
    expect(() => openPkcs12(client.pkcs12Base64, 'wrong password')).toThrow();
  });

  it('uses a custom .p12 password when given', () => {
    const custom = issueClientCertificate(ca, { name: 'custom', password: 's3cret' });
    expect(custom.password).toBe('s3cret');
    expect(() => openPkcs12(custom.pkcs12Base64, 's3cret')).not.toThrow();
    expect(() => openPkcs12(custom.pkcs12Base64, 'changeit')).toThrow();
  });

  itWithOpenssl('produces a .p12 that OpenSSL 3 reads without the legacy provider', () => {
    const p12Path = join(workDir, 'client.p12');
    writeFileSync(p12Path, Buffer.from(client.pkcs12Base64, 'base64'));
    const certs = spawnSync('openssl', ['pkcs12', '-in', p12Path, '-passin', 'pass:changeit', '-nokeys'], {
      encoding: 'utf8',
    });
    expect(certs.stderr).not.toMatch(/error/i);
    expect(certs.status).toBe(0);
    expect(certs.stdout).toContain('friendlyName: 8-75100');
    expect(certs.stdout.match(/BEGIN CERTIFICATE/g)).toHaveLength(2);

    const keys = spawnSync(
      'openssl',
      ['pkcs12', '-in', p12Path, '-passin', 'pass:changeit', '-nocerts', '-nodes'],
      { encoding: 'utf8' },
    );
    expect(keys.status).toBe(0);
    expect(keys.stdout).toContain('BEGIN PRIVATE KEY');
  });

  itWithKeytool(
    'produces a .p12 that Java keytool lists as a key entry with its chain',
    () => {
      const p12Path = join(workDir, 'client-keytool.p12');
      writeFileSync(p12Path, Buffer.from(client.pkcs12Base64, 'base64'));
      const result = spawnSync(
        'keytool',
        [
          '-J-Duser.language=en',
          '-list',
          '-v',
          '-keystore',
          p12Path,
          '-storetype',
          'PKCS12',
          '-storepass',
          'changeit',
        ],
        { encoding: 'utf8' },
      );
      expect(result.status).toBe(0);
      expect(result.stdout).toContain('Alias name: 8-75100');
      expect(result.stdout).toContain('PrivateKeyEntry');
      expect(result.stdout).toContain('Certificate chain length: 2');
    },
    30_000,
  );

  itWithOpenssl('verifies with OpenSSL for the TLS client purpose', () => {
    const caPath = join(workDir, 'ca.pem');
    const certPath = join(workDir, 'client.pem');
    writeFileSync(caPath, ca.certificatePem);
    writeFileSync(certPath, client.certificatePem);
    const result = spawnSync(
      'openssl',
      ['verify', '-x509_strict', '-purpose', 'sslclient', '-CAfile', caPath, certPath],
      {
        encoding: 'utf8',
      },
    );
    expect(result.stdout + result.stderr).toContain(`${certPath}: OK`);
  });

  it('makes an expired certificate when notAfter lies in the past', () => {
    const notAfter = new Date(Date.now() - 10 * DAY_MS);
    const expired = issueClientCertificate(ca, { name: 'expired', notAfter });
    const x509 = new X509Certificate(expired.certificatePem);
    expect(Date.parse(x509.validTo)).toBeLessThan(Date.now());
    expect(Math.abs(Date.parse(x509.validTo) - notAfter.getTime())).toBeLessThan(1000);
    expect(Date.parse(x509.validFrom)).toBeLessThan(Date.parse(x509.validTo));
  });

  it('makes a not-yet-valid certificate when notBefore lies in the future', () => {
    const notBefore = new Date(Date.now() + 10 * DAY_MS);
    const x509 = new X509Certificate(
      issueClientCertificate(ca, { name: 'future', notBefore }).certificatePem,
    );
    expect(Date.parse(x509.validFrom)).toBeGreaterThan(Date.now());
    expect(Date.parse(x509.validTo)).toBeGreaterThan(notBefore.getTime());
  });

  it('can be signed by an expired CA', () => {
    const expiredCa = createCertificateAuthority({
      notBefore: new Date('2015-01-01T00:00:00Z'),
      notAfter: new Date('2016-01-01T00:00:00Z'),
    });
    const issued = issueClientCertificate(expiredCa, { name: 'under-expired-ca' });
    const x509 = new X509Certificate(issued.certificatePem);
    expect(x509.verify(new X509Certificate(expiredCa.certificatePem).publicKey)).toBe(true);
    expect(Date.parse(new X509Certificate(expiredCa.certificatePem).validTo)).toBeLessThan(Date.now());
  });

  it('refuses an empty name', () => {
    expect(() => issueClientCertificate(ca, { name: '' })).toThrow(/non-empty name/);
  });
});

describe('issueServerCertificate', () => {
  let ca: CertificateAuthority;

  beforeAll(() => {
    ca = createCertificateAuthority();
  });

  it('covers every DNS name and IP address and carries serverAuth', () => {
    const server = issueServerCertificate(ca, { hosts: ['localhost', 'emulator.test', '127.0.0.1', '::1'] });
    const x509 = new X509Certificate(server.certificatePem);
    expect(x509.subject).toBe('CN=localhost');
    expect(x509.keyUsage).toEqual([SERVER_AUTH_OID]);
    expect(x509.checkHost('localhost')).toBe('localhost');
    expect(x509.checkHost('emulator.test')).toBe('emulator.test');
    expect(x509.checkHost('other.test')).toBeUndefined();
    expect(x509.checkIP('127.0.0.1')).toBe('127.0.0.1');
    expect(x509.checkIP('::1')).toBe('::1');
    expect(x509.checkIP('10.0.0.1')).toBeUndefined();
    expect(x509.verify(new X509Certificate(ca.certificatePem).publicKey)).toBe(true);
  });

  it('stays within the 825 day limit Apple clients impose on server certificates', () => {
    const x509 = new X509Certificate(issueServerCertificate(ca, { hosts: ['localhost'] }).certificatePem);
    const days = (Date.parse(x509.validTo) - Date.parse(x509.validFrom)) / DAY_MS;
    expect(days).toBeLessThanOrEqual(825);
    expect(days).toBeGreaterThan(700);
  });

  it('refuses an empty host list', () => {
    expect(() => issueServerCertificate(ca, { hosts: [] })).toThrow(/at least one host/);
  });

  it('cannot be used as a CA', () => {
    const server = issueServerCertificate(ca, { hosts: ['localhost'] });
    expect(() => issueClientCertificate(server, { name: 'x' })).toThrow(/not a CA certificate/);
  });
});
