import * as forge from 'node-forge';
import { randomSerialNumber } from './random-serial-number';

/** A forge extension descriptor; forge's own typings only offer `any` here. */
export interface CertificateExtension {
  name: string;
  critical?: boolean;
  [field: string]: unknown;
}

export interface CertificateTemplate {
  subject: forge.pki.CertificateField[];
  publicKey: forge.pki.rsa.PublicKey;
  notBefore: Date;
  notAfter: Date;
  extensions: CertificateExtension[];
}

export interface CertificateSigner {
  /** The issuing CA certificate; undefined makes the certificate self-signed. */
  issuerCertificate: forge.pki.Certificate | undefined;
  privateKey: forge.pki.rsa.PrivateKey;
}

/**
 * Signs an X.509 v3 certificate with SHA-256 and returns it as PEM.
 *
 * Subject and authority key identifiers are always added: OpenSSL, Java and .NET use them to
 * pick the issuer when building a chain, which matters once several dev CAs have existed.
 */
export function signCertificate(template: CertificateTemplate, signer: CertificateSigner): string {
  const certificate = forge.pki.createCertificate();
  certificate.version = 2;
  certificate.serialNumber = randomSerialNumber();
  certificate.publicKey = template.publicKey;
  certificate.validity.notBefore = template.notBefore;
  certificate.validity.notAfter = template.notAfter;
  certificate.setSubject(template.subject);

  const issuer = signer.issuerCertificate;
  certificate.setIssuer(issuer === undefined ? template.subject : issuer.subject.attributes);
  const authorityKeyIdentifier =
    issuer === undefined
      ? certificate.generateSubjectKeyIdentifier().getBytes()
      : subjectKeyIdentifierOf(issuer);

  certificate.setExtensions([
    ...template.extensions,
    { name: 'subjectKeyIdentifier' },
    { name: 'authorityKeyIdentifier', keyIdentifier: authorityKeyIdentifier },
  ]);
  certificate.sign(signer.privateKey, forge.md.sha256.create());
  return forge.pki.certificateToPem(certificate);
}

/**
 * The issuer's own key identifier, taken from its extension when present because a CA made
 * by another tool may have derived it differently from forge's SHA-1-of-key method.
 */
function subjectKeyIdentifierOf(issuer: forge.pki.Certificate): string {
  const extension = issuer.getExtension('subjectKeyIdentifier');
  if (
    extension !== undefined &&
    'subjectKeyIdentifier' in extension &&
    typeof extension.subjectKeyIdentifier === 'string'
  ) {
    return forge.util.hexToBytes(extension.subjectKeyIdentifier);
  }
  return issuer.generateSubjectKeyIdentifier().getBytes();
}
