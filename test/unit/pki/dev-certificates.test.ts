import { X509Certificate } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCertificateAuthority } from '../../../src/pki/certificate-authority';
import { ensureDevCertificates, loadCertificateAuthority } from '../../../src/pki/dev-certificates';
import type { DevCertificates } from '../../../src/pki/dev-certificates';
import { issueClientCertificate } from '../../../src/pki/issue-certificate';
import { readPkcs12 } from './read-pkcs12';

const CLIENTS = ['8-75100', '8-75200'] as const;
const isPosix = process.platform !== 'win32';

function fingerprintOf(path: string): string {
  return new X509Certificate(readFileSync(path, 'utf8')).fingerprint256;
}

function fingerprints(result: DevCertificates): Record<string, string> {
  return {
    ca: fingerprintOf(result.caPath),
    server: fingerprintOf(result.serverCertPath),
    ...Object.fromEntries(Object.entries(result.clients).map(([name, client]) => [name, client.fingerprint])),
  };
}

describe('ensureDevCertificates', () => {
  let certDir: string;

  beforeEach(() => {
    certDir = mkdtempSync(join(tmpdir(), 'pki-dev-'));
  });

  afterEach(() => {
    rmSync(certDir, { recursive: true, force: true });
  });

  it("issues STAR's push client certificate under star/, from the dev CA, and keeps it across starts until the CA changes", () => {
    const first = ensureDevCertificates(certDir, CLIENTS);
    expect(first.star).toEqual({
      certPath: join(certDir, 'star', 'sys-org-star-test.pem'),
      keyPath: join(certDir, 'star', 'sys-org-star-test.key'),
    });
    const star = new X509Certificate(readFileSync(first.star.certPath, 'utf8'));
    const ca = new X509Certificate(readFileSync(first.caPath, 'utf8'));
    expect(star.subject).toContain('CN=sys-org-star-test');
    expect(star.verify(ca.publicKey)).toBe(true);
    expect(star.keyUsage ?? []).toContain('1.3.6.1.5.5.7.3.2');
    const kept = fingerprintOf(first.star.certPath);
    expect(fingerprintOf(ensureDevCertificates(certDir, CLIENTS).star.certPath)).toBe(kept);

    unlinkSync(join(certDir, 'ca.key'));
    unlinkSync(join(certDir, 'ca.pem'));
    const renewed = ensureDevCertificates(certDir, CLIENTS);
    expect(fingerprintOf(renewed.star.certPath)).not.toBe(kept);
    const newCa = new X509Certificate(readFileSync(renewed.caPath, 'utf8'));
    expect(new X509Certificate(readFileSync(renewed.star.certPath, 'utf8')).verify(newCa.publicKey)).toBe(
      true,
    );
  });

  it('creates the CA, the server certificate and every client certificate', () => {
    const result = ensureDevCertificates(certDir, CLIENTS);

    expect(result.caPath).toBe(join(certDir, 'ca.pem'));
    expect(result.caKeyPath).toBe(join(certDir, 'ca.key'));
    expect(result.serverCertPath).toBe(join(certDir, 'server.pem'));
    expect(result.serverKeyPath).toBe(join(certDir, 'server.key'));
    expect(Object.keys(result.clients)).toEqual([...CLIENTS]);
    const client = result.clients['8-75100'];
    expect(client).toEqual({
      certPath: join(certDir, 'clients', '8-75100.pem'),
      keyPath: join(certDir, 'clients', '8-75100.key'),
      p12Path: join(certDir, 'clients', '8-75100.p12'),
      fingerprint: fingerprintOf(join(certDir, 'clients', '8-75100.pem')),
    });

    const ca = new X509Certificate(readFileSync(result.caPath, 'utf8'));
    const server = new X509Certificate(readFileSync(result.serverCertPath, 'utf8'));
    expect(server.verify(ca.publicKey)).toBe(true);
    expect(server.checkHost('localhost')).toBe('localhost');
    expect(server.checkIP('127.0.0.1')).toBe('127.0.0.1');
    expect(server.checkIP('::1')).toBe('::1');
    for (const name of CLIENTS) {
      const paths = result.clients[name];
      expect(paths).toBeDefined();
      if (paths === undefined) continue;
      const x509 = new X509Certificate(readFileSync(paths.certPath, 'utf8'));
      expect(x509.verify(ca.publicKey)).toBe(true);
      expect(x509.subject).toContain(`CN=${name}`);
      const contents = readPkcs12(readFileSync(paths.p12Path), 'changeit');
      expect(contents.privateKeyCount).toBe(1);
      expect(contents.certificatePems).toHaveLength(2);
    }
    expect(loadCertificateAuthority(certDir)).toEqual({
      certificatePem: readFileSync(result.caPath, 'utf8'),
      privateKeyPem: readFileSync(result.caKeyPath, 'utf8'),
    });
  });

  (isPosix ? it : it.skip)('writes private keys and .p12 files readable by the owner only', () => {
    const result = ensureDevCertificates(certDir, ['a']);
    const modeOf = (path: string): number => statSync(path).mode & 0o777;
    expect(modeOf(result.caKeyPath)).toBe(0o600);
    expect(modeOf(result.serverKeyPath)).toBe(0o600);
    expect(modeOf(result.clients['a']?.keyPath ?? '')).toBe(0o600);
    expect(modeOf(result.clients['a']?.p12Path ?? '')).toBe(0o600);
    expect(modeOf(result.caPath)).toBe(0o644);
  });

  it('keeps existing certificates on a second run', () => {
    const first = ensureDevCertificates(certDir, CLIENTS);
    const caKey = readFileSync(first.caKeyPath, 'utf8');
    const second = ensureDevCertificates(certDir, CLIENTS);
    expect(second).toEqual(first);
    expect(fingerprints(second)).toEqual(fingerprints(first));
    expect(readFileSync(second.caKeyPath, 'utf8')).toBe(caKey);
  });

  it('recreates only the client whose certificate file was deleted', () => {
    const first = ensureDevCertificates(certDir, CLIENTS);
    const before = fingerprints(first);
    unlinkSync(join(certDir, 'clients', '8-75200.pem'));

    const after = fingerprints(ensureDevCertificates(certDir, CLIENTS));
    expect(after['8-75200']).not.toBe(before['8-75200']);
    expect({ ...after, '8-75200': undefined }).toEqual({ ...before, '8-75200': undefined });
  });

  it('rebuilds a deleted .p12 from the existing certificate and key', () => {
    const first = ensureDevCertificates(certDir, CLIENTS);
    const p12Path = first.clients['8-75100']?.p12Path ?? '';
    unlinkSync(p12Path);

    const second = ensureDevCertificates(certDir, CLIENTS);
    expect(fingerprints(second)).toEqual(fingerprints(first));
    const [leafPem] = readPkcs12(readFileSync(p12Path), 'changeit').certificatePems;
    expect(leafPem && new X509Certificate(leafPem).fingerprint256).toBe(
      first.clients['8-75100']?.fingerprint,
    );
  });

  it('reissues the server and all clients when the CA is regenerated', () => {
    const first = fingerprints(ensureDevCertificates(certDir, CLIENTS));
    unlinkSync(join(certDir, 'ca.key'));

    const result = ensureDevCertificates(certDir, CLIENTS);
    const second = fingerprints(result);
    for (const key of Object.keys(first)) {
      expect(second[key]).not.toBe(first[key]);
    }
    const ca = new X509Certificate(readFileSync(result.caPath, 'utf8'));
    expect(new X509Certificate(readFileSync(result.serverCertPath, 'utf8')).verify(ca.publicKey)).toBe(true);
  });

  it('reissues a client certificate that was signed by another CA', () => {
    const first = ensureDevCertificates(certDir, CLIENTS);
    const stranger = issueClientCertificate(createCertificateAuthority(), { name: '8-75100' });
    writeFileSync(join(certDir, 'clients', '8-75100.pem'), stranger.certificatePem);
    writeFileSync(join(certDir, 'clients', '8-75100.key'), stranger.privateKeyPem);

    const second = ensureDevCertificates(certDir, CLIENTS);
    const fingerprint = second.clients['8-75100']?.fingerprint;
    expect(fingerprint).not.toBe(stranger.fingerprint);
    expect(fingerprint).not.toBe(first.clients['8-75100']?.fingerprint);
    const ca = new X509Certificate(readFileSync(second.caPath, 'utf8'));
    expect(
      new X509Certificate(readFileSync(second.clients['8-75100']?.certPath ?? '', 'utf8')).verify(
        ca.publicKey,
      ),
    ).toBe(true);
  });

  it('reissues the server certificate when a requested host is not covered', () => {
    const first = ensureDevCertificates(certDir, []);
    const before = fingerprintOf(first.serverCertPath);
    expect(fingerprintOf(ensureDevCertificates(certDir, []).serverCertPath)).toBe(before);

    const second = ensureDevCertificates(certDir, [], { hosts: ['emulator.test', '10.1.2.3'] });
    const server = new X509Certificate(readFileSync(second.serverCertPath, 'utf8'));
    expect(server.fingerprint256).not.toBe(before);
    expect(server.checkHost('emulator.test')).toBe('emulator.test');
    expect(server.checkIP('10.1.2.3')).toBe('10.1.2.3');
    expect(fingerprintOf(second.caPath)).toBe(fingerprintOf(first.caPath));
  });

  it('refuses to replace an existing but unusable CA', () => {
    ensureDevCertificates(certDir, []);
    writeFileSync(join(certDir, 'ca.key'), createCertificateAuthority().privateKeyPem);
    expect(() => ensureDevCertificates(certDir, [])).toThrow(/Unusable dev CA/);
  });

  it('refuses client names that would escape the clients directory', () => {
    for (const name of ['', '.', '..', '../evil', 'a/b', 'a\\b']) {
      expect(() => ensureDevCertificates(certDir, [name])).toThrow(
        /cannot be used as a certificate file name/,
      );
    }
    expect(existsSync(join(certDir, 'ca.pem'))).toBe(false);
  });

  // How long this takes is printed, not asserted (a loaded machine would make any bound flaky).
  it('creates the CA, server and 8 distinct clients issued by that CA, and a second run reuses all of them', () => {
    const names = Array.from({ length: 8 }, (_, index) => `8-7510${index}`);
    const started = process.hrtime.bigint();
    const result = ensureDevCertificates(certDir, names);
    const firstRunMs = Number(process.hrtime.bigint() - started) / 1e6;
    const restarted = process.hrtime.bigint();
    const again = ensureDevCertificates(certDir, names);
    const secondRunMs = Number(process.hrtime.bigint() - restarted) / 1e6;
    process.stdout.write(
      `ensureDevCertificates, 8 clients: first run ${firstRunMs.toFixed(0)} ms, second run ${secondRunMs.toFixed(0)} ms\n`,
    );
    const ca = new X509Certificate(readFileSync(result.caPath, 'utf8'));
    const clients = Object.values(result.clients);
    expect(Object.keys(result.clients)).toEqual(names);
    expect(new Set(clients.map((c) => c.fingerprint)).size).toBe(8);
    expect(
      clients.filter((c) => !new X509Certificate(readFileSync(c.certPath, 'utf8')).verify(ca.publicKey)),
    ).toEqual([]);
    expect(fingerprints(again)).toEqual(fingerprints(result));
  });
});
