import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Organisation } from '../domain/organisation';
import type { CertificateRepository } from '../store/certificate.repository';
import { loadCertificateAuthority, writeAtomically } from './dev-certificates';
import { DEFAULT_PKCS12_PASSWORD, issueClientCertificate, type IssuedCertificate } from './issue-certificate';

export interface CertificateRequest {
  /** Becomes the CN and the file names, and the WSRM ClientSystemIdentifier of the caller. */
  readonly name: string;
  readonly organisations: readonly Organisation[];
  readonly password?: string | undefined;
}

export interface RegisteredCertificate extends IssuedCertificate {
  readonly organisations: readonly Organisation[];
  readonly files: { readonly certificate: string; readonly privateKey: string; readonly pkcs12: string };
}

/** A name that can become a file name in certs/clients/ without escaping it. */
export const CERTIFICATE_NAME = /^[A-Za-z0-9][\w.-]{0,63}$/;

/**
 * Issues a client certificate from the dev CA in certDir, writes it to certs/clients/<name>.pem,
 * .key and .p12, and registers it for the organisations (SEC-CERT) at once: the next call with it
 * is let in. The admin API and the CLI both issue through here.
 */
export const issueRegisteredCertificate = (
  certDir: string,
  certificates: CertificateRepository,
  request: CertificateRequest,
  now: Date,
): RegisteredCertificate => {
  if (!CERTIFICATE_NAME.test(request.name)) {
    throw new Error(`"${request.name}" cannot be a certificate name (letters, digits, ".", "_", "-")`);
  }
  const issued = issueClientCertificate(loadCertificateAuthority(certDir), {
    name: request.name,
    password: request.password ?? DEFAULT_PKCS12_PASSWORD,
  });
  const clients = join(certDir, 'clients');
  mkdirSync(clients, { recursive: true });
  const files = {
    certificate: join(clients, `${request.name}.pem`),
    privateKey: join(clients, `${request.name}.key`),
    pkcs12: join(clients, `${request.name}.p12`),
  };
  writeAtomically(files.privateKey, issued.privateKeyPem, 0o600);
  writeAtomically(files.certificate, issued.certificatePem, 0o644);
  writeAtomically(files.pkcs12, Buffer.from(issued.pkcs12Base64, 'base64'), 0o600);
  certificates.register(
    {
      fingerprint: issued.fingerprint,
      name: request.name,
      subject: issued.subject,
      organisations: request.organisations,
    },
    now,
  );
  return { ...issued, organisations: request.organisations, files };
};
