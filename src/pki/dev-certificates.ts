import { X509Certificate, createPrivateKey } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { basename, join } from 'node:path';
import { createCertificateAuthority } from './certificate-authority';
import type { CertificateAuthority } from './certificate-authority';
import { createPkcs12Base64 } from './create-pkcs12';
import { sha256Fingerprint } from './fingerprint';
import { DEFAULT_PKCS12_PASSWORD, issueClientCertificate, issueServerCertificate } from './issue-certificate';

export interface DevClientCertificate {
  certPath: string;
  keyPath: string;
  p12Path: string;
  fingerprint: string;
}

export interface DevCertificates {
  caPath: string;
  caKeyPath: string;
  serverCertPath: string;
  serverKeyPath: string;
  clients: Record<string, DevClientCertificate>;
  /** The client certificate push messages are sent with, as STAR presents one to every receiver (P22). */
  star: { certPath: string; keyPath: string };
}

/** Named after STAR's test certificate `sys-org-star-test.cer` (P22). */
export const STAR_PUSH_CERTIFICATE_NAME = 'sys-org-star-test';

export interface DevCertificateOptions {
  /** Host names and IP addresses the server certificate must cover. */
  hosts?: readonly string[] | undefined;
}

export const DEFAULT_DEV_HOSTS: readonly string[] = ['localhost', '127.0.0.1', '::1'];

const PRIVATE_FILE_MODE = 0o600;
const PUBLIC_FILE_MODE = 0o644;

/** Reads `<certDir>/ca.pem` and `<certDir>/ca.key`. */
export function loadCertificateAuthority(certDir: string): CertificateAuthority {
  return {
    certificatePem: readFileSync(join(certDir, 'ca.pem'), 'utf8'),
    privateKeyPem: readFileSync(join(certDir, 'ca.key'), 'utf8'),
  };
}

/**
 * Makes sure `certDir` holds a dev CA, a server certificate and one client certificate per
 * name, creating only what is missing or no longer usable:
 *
 *   ca.pem, ca.key, server.pem, server.key, clients/<name>.pem|.key|.p12 (password "changeit")
 *
 * Existing files are kept so that a CA the developer has imported into a trust store, and
 * fingerprints registered elsewhere, survive restarts. A server or client certificate is
 * reissued when it is missing, expired, not signed by the current CA (for instance after the
 * CA was regenerated), does not match its key, or, for the server, does not cover all hosts.
 * A missing .p12 alone is rebuilt from the existing certificate and key, keeping the
 * fingerprint. An expired CA is regenerated (reissuing everything); an existing but unreadable
 * CA is an error rather than silently replaced.
 */
export function ensureDevCertificates(
  certDir: string,
  clientNames: readonly string[],
  options: DevCertificateOptions = {},
): DevCertificates {
  for (const name of clientNames) {
    assertUsableFileName(name);
  }
  const hosts = options.hosts ?? DEFAULT_DEV_HOSTS;
  const clientsDir = join(certDir, 'clients');
  mkdirSync(clientsDir, { recursive: true });

  const caPath = join(certDir, 'ca.pem');
  const caKeyPath = join(certDir, 'ca.key');
  const ca = ensureCertificateAuthority(caPath, caKeyPath);
  const caCertificate = new X509Certificate(ca.certificatePem);

  const serverCertPath = join(certDir, 'server.pem');
  const serverKeyPath = join(certDir, 'server.key');
  const server = readUsableLeaf(serverCertPath, serverKeyPath, caCertificate);
  if (server === undefined || !coversHosts(server, hosts)) {
    const issued = issueServerCertificate(ca, { hosts });
    writeAtomically(serverKeyPath, issued.privateKeyPem, PRIVATE_FILE_MODE);
    writeAtomically(serverCertPath, issued.certificatePem, PUBLIC_FILE_MODE);
  }

  const clients = new Map<string, DevClientCertificate>();
  for (const name of clientNames) {
    const certPath = join(clientsDir, `${name}.pem`);
    const keyPath = join(clientsDir, `${name}.key`);
    const p12Path = join(clientsDir, `${name}.p12`);
    if (readUsableLeaf(certPath, keyPath, caCertificate) === undefined) {
      const issued = issueClientCertificate(ca, { name, password: DEFAULT_PKCS12_PASSWORD });
      writeAtomically(keyPath, issued.privateKeyPem, PRIVATE_FILE_MODE);
      writeAtomically(certPath, issued.certificatePem, PUBLIC_FILE_MODE);
      writeAtomically(p12Path, Buffer.from(issued.pkcs12Base64, 'base64'), PRIVATE_FILE_MODE);
    } else if (!existsSync(p12Path)) {
      const pkcs12Base64 = createPkcs12Base64({
        privateKeyPem: readFileSync(keyPath, 'utf8'),
        certificatePem: readFileSync(certPath, 'utf8'),
        chainPems: [ca.certificatePem],
        friendlyName: name,
        password: DEFAULT_PKCS12_PASSWORD,
      });
      writeAtomically(p12Path, Buffer.from(pkcs12Base64, 'base64'), PRIVATE_FILE_MODE);
    }
    clients.set(name, {
      certPath,
      keyPath,
      p12Path,
      fingerprint: sha256Fingerprint(readFileSync(certPath, 'utf8')),
    });
  }

  const starDir = join(certDir, 'star');
  mkdirSync(starDir, { recursive: true });
  const star = {
    certPath: join(starDir, `${STAR_PUSH_CERTIFICATE_NAME}.pem`),
    keyPath: join(starDir, `${STAR_PUSH_CERTIFICATE_NAME}.key`),
  };
  if (readUsableLeaf(star.certPath, star.keyPath, caCertificate) === undefined) {
    const issued = issueClientCertificate(ca, { name: STAR_PUSH_CERTIFICATE_NAME, organisationName: 'STAR' });
    writeAtomically(star.keyPath, issued.privateKeyPem, PRIVATE_FILE_MODE);
    writeAtomically(star.certPath, issued.certificatePem, PUBLIC_FILE_MODE);
  }

  return { caPath, caKeyPath, serverCertPath, serverKeyPath, clients: Object.fromEntries(clients), star };
}

function ensureCertificateAuthority(caPath: string, caKeyPath: string): CertificateAuthority {
  if (existsSync(caPath) && existsSync(caKeyPath)) {
    const ca = {
      certificatePem: readFileSync(caPath, 'utf8'),
      privateKeyPem: readFileSync(caKeyPath, 'utf8'),
    };
    let certificate: X509Certificate;
    try {
      certificate = new X509Certificate(ca.certificatePem);
      if (!certificate.checkPrivateKey(createPrivateKey(ca.privateKeyPem))) {
        throw new Error('the private key does not belong to the certificate');
      }
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new Error(
        `Unusable dev CA in ${caPath} / ${caKeyPath} (${reason}); delete both files to regenerate it`,
      );
    }
    if (!isExpired(certificate)) {
      return ca;
    }
  }
  const ca = createCertificateAuthority();
  writeAtomically(caKeyPath, ca.privateKeyPem, PRIVATE_FILE_MODE);
  writeAtomically(caPath, ca.certificatePem, PUBLIC_FILE_MODE);
  return ca;
}

/** The certificate at certPath if it can still be used as is with the key at keyPath. */
function readUsableLeaf(certPath: string, keyPath: string, ca: X509Certificate): X509Certificate | undefined {
  if (!existsSync(certPath) || !existsSync(keyPath)) {
    return undefined;
  }
  try {
    const certificate = new X509Certificate(readFileSync(certPath, 'utf8'));
    const key = createPrivateKey(readFileSync(keyPath, 'utf8'));
    const usable =
      certificate.checkIssued(ca) &&
      certificate.verify(ca.publicKey) &&
      certificate.checkPrivateKey(key) &&
      !isExpired(certificate);
    return usable ? certificate : undefined;
  } catch {
    // Unparseable leaf files are derived artefacts; reissuing them loses nothing.
    return undefined;
  }
}

function coversHosts(certificate: X509Certificate, hosts: readonly string[]): boolean {
  return hosts.every((host) =>
    isIP(host) !== 0 ? certificate.checkIP(host) !== undefined : certificate.checkHost(host) !== undefined,
  );
}

function isExpired(certificate: X509Certificate): boolean {
  return new Date(certificate.validTo).getTime() <= Date.now();
}

/** Client names become file names, so anything that could escape clients/ is refused. */
function assertUsableFileName(name: string): void {
  if (name.length === 0 || name === '.' || name === '..' || basename(name) !== name || /[\\/\0]/.test(name)) {
    throw new Error(`Client name ${JSON.stringify(name)} cannot be used as a certificate file name`);
  }
}

/**
 * Writes via a temporary file and rename, so an interrupted run never leaves a truncated key
 * or certificate behind, and so the mode applies even when the target already existed.
 */
export function writeAtomically(path: string, data: string | Buffer, mode: number): void {
  const temporaryPath = `${path}.${process.pid}.tmp`;
  writeFileSync(temporaryPath, data, { mode });
  // The mode option only applies to newly created files; a stale temporary file keeps its own.
  chmodSync(temporaryPath, mode);
  renameSync(temporaryPath, path);
}
