import { X509Certificate, createPrivateKey } from 'node:crypto';
import * as forge from 'node-forge';
import { distinguishedName } from './distinguished-name';
import { generateRsaKeyPair } from './generate-rsa-key-pair';
import { signCertificate } from './sign-certificate';
import type { CertificateSigner } from './sign-certificate';
import { validityPeriod } from './validity-period';

export interface CertificateAuthority {
  certificatePem: string;
  privateKeyPem: string;
}

export interface CertificateAuthorityOptions {
  commonName?: string | undefined;
  notBefore?: Date | undefined;
  notAfter?: Date | undefined;
}

export const DEFAULT_CA_COMMON_NAME = 'DFDG Emulator Dev CA';

/** Creates a self-signed RSA 2048 / SHA-256 root CA, valid for 10 years by default. */
export function createCertificateAuthority(options: CertificateAuthorityOptions = {}): CertificateAuthority {
  const { notBefore, notAfter } = validityPeriod(options, { years: 10 });
  const keyPair = generateRsaKeyPair();
  const certificatePem = signCertificate(
    {
      subject: distinguishedName({ commonName: options.commonName ?? DEFAULT_CA_COMMON_NAME }),
      publicKey: keyPair.publicKey,
      notBefore,
      notAfter,
      extensions: [
        { name: 'basicConstraints', critical: true, cA: true },
        { name: 'keyUsage', critical: true, keyCertSign: true, cRLSign: true },
      ],
    },
    { issuerCertificate: undefined, privateKey: keyPair.privateKey },
  );
  return { certificatePem, privateKeyPem: keyPair.privateKeyPem };
}

/**
 * Parses a CA for signing, failing early with a clear message when the files do not belong
 * together or are not a CA, instead of issuing certificates that silently fail to chain.
 */
export function certificateAuthoritySigner(ca: CertificateAuthority): CertificateSigner {
  const x509 = new X509Certificate(ca.certificatePem);
  if (!x509.ca) {
    throw new Error(`Certificate "${x509.subject}" is not a CA certificate (basicConstraints cA is not set)`);
  }
  if (!x509.checkPrivateKey(createPrivateKey(ca.privateKeyPem))) {
    throw new Error(`The CA private key does not match the CA certificate "${x509.subject}"`);
  }
  return {
    issuerCertificate: forge.pki.certificateFromPem(ca.certificatePem),
    privateKey: forge.pki.privateKeyFromPem(ca.privateKeyPem),
  };
}
