import { isIP } from 'node:net';
import { certificateAuthoritySigner } from './certificate-authority';
import type { CertificateAuthority } from './certificate-authority';
import { createPkcs12Base64 } from './create-pkcs12';
import { distinguishedName } from './distinguished-name';
import { certificateSubject, sha256Fingerprint } from './fingerprint';
import { generateRsaKeyPair } from './generate-rsa-key-pair';
import { signCertificate } from './sign-certificate';
import { validityPeriod } from './validity-period';

export interface IssuedCertificate {
  name: string;
  certificatePem: string;
  privateKeyPem: string;
  pkcs12Base64: string;
  password: string;
  /** Same format as `getPeerCertificate().fingerprint256`. */
  fingerprint: string;
  /** Readable subject, e.g. "CN=8-75100, O=Jobcenter Aarhus, C=DK". */
  subject: string;
}

export interface ClientCertificateOptions {
  name: string;
  organisationName?: string | undefined;
  notBefore?: Date | undefined;
  notAfter?: Date | undefined;
  password?: string | undefined;
}

export interface ServerCertificateOptions {
  /** DNS names and IP addresses; the first one also becomes the CN. */
  hosts: readonly string[];
  notBefore?: Date | undefined;
  notAfter?: Date | undefined;
}

export interface ServerCertificate {
  certificatePem: string;
  privateKeyPem: string;
}

/** Java's keystore default, so the .p12 files work with keytool examples as they are. */
export const DEFAULT_PKCS12_PASSWORD = 'changeit';

const CLIENT_LIFETIME = { years: 5 };
/**
 * Just under two years: Apple platforms reject TLS server certificates valid for more than
 * 825 days even under a locally trusted root, which would break clients running on macOS.
 */
const SERVER_LIFETIME = { days: 730 };

const GENERAL_NAME_DNS = 2;
const GENERAL_NAME_IP = 7;

/** Issues a TLS client certificate (extKeyUsage clientAuth) plus a PKCS#12 bundle of it. */
export function issueClientCertificate(
  ca: CertificateAuthority,
  options: ClientCertificateOptions,
): IssuedCertificate {
  if (options.name.length === 0) {
    throw new Error('A client certificate needs a non-empty name');
  }
  const signer = certificateAuthoritySigner(ca);
  const { notBefore, notAfter } = validityPeriod(options, CLIENT_LIFETIME);
  const keyPair = generateRsaKeyPair();
  const certificatePem = signCertificate(
    {
      subject: distinguishedName({
        commonName: options.name,
        organisationName: options.organisationName,
        countryName: 'DK',
      }),
      publicKey: keyPair.publicKey,
      notBefore,
      notAfter,
      extensions: [
        { name: 'basicConstraints', critical: true, cA: false },
        { name: 'keyUsage', critical: true, digitalSignature: true, keyEncipherment: true },
        { name: 'extKeyUsage', clientAuth: true },
      ],
    },
    signer,
  );
  const password = options.password ?? DEFAULT_PKCS12_PASSWORD;
  return {
    name: options.name,
    certificatePem,
    privateKeyPem: keyPair.privateKeyPem,
    pkcs12Base64: createPkcs12Base64({
      privateKeyPem: keyPair.privateKeyPem,
      certificatePem,
      chainPems: [ca.certificatePem],
      friendlyName: options.name,
      password,
    }),
    password,
    fingerprint: sha256Fingerprint(certificatePem),
    subject: certificateSubject(certificatePem),
  };
}

/** Issues a TLS server certificate (extKeyUsage serverAuth) covering every given host. */
export function issueServerCertificate(
  ca: CertificateAuthority,
  options: ServerCertificateOptions,
): ServerCertificate {
  const [commonName] = options.hosts;
  if (commonName === undefined || options.hosts.some((host) => host.length === 0)) {
    throw new Error('A server certificate needs at least one host, and no empty host names');
  }
  const signer = certificateAuthoritySigner(ca);
  const { notBefore, notAfter } = validityPeriod(options, SERVER_LIFETIME);
  const keyPair = generateRsaKeyPair();
  // Clients match host names against subjectAltName only; the CN is kept for readability.
  const altNames = options.hosts.map((host) =>
    isIP(host) === 0 ? { type: GENERAL_NAME_DNS, value: host } : { type: GENERAL_NAME_IP, ip: host },
  );
  const certificatePem = signCertificate(
    {
      subject: distinguishedName({ commonName }),
      publicKey: keyPair.publicKey,
      notBefore,
      notAfter,
      extensions: [
        { name: 'basicConstraints', critical: true, cA: false },
        { name: 'keyUsage', critical: true, digitalSignature: true, keyEncipherment: true },
        { name: 'extKeyUsage', serverAuth: true },
        { name: 'subjectAltName', altNames },
      ],
    },
    signer,
  );
  return { certificatePem, privateKeyPem: keyPair.privateKeyPem };
}
