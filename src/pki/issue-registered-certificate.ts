import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Organisation } from '../domain/organisation';
import type { CertificateOrigin, CertificateRepository } from '../store/certificate.repository';
import { loadCertificateAuthority, writeAtomically } from './dev-certificates';
import { DEFAULT_PKCS12_PASSWORD, issueClientCertificate, type IssuedCertificate } from './issue-certificate';

export interface CertificateRequest {
  /** Becomes the CN and the file names, and the WSRM ClientSystemIdentifier of the caller. */
  readonly name: string;
  readonly organisations: readonly Organisation[];
  readonly password?: string | undefined;
  /**
   * Issue anew under a name already used (registered, or with files in certs/clients/): the old
   * certificate's registration is dropped and its files overwritten. Without it, such a name is refused.
   */
  readonly replace?: boolean | undefined;
  /** The system type REST-KILDESYSTEM compares a meeting's kildesystemType with (REST.md §4). */
  readonly systemType?: number | undefined;
}

export interface RegisteredCertificate extends IssuedCertificate {
  readonly organisations: readonly Organisation[];
  readonly files: { readonly certificate: string; readonly privateKey: string; readonly pkcs12: string };
}

/** A name that can become a file name in certs/clients/ without escaping it. */
export const CERTIFICATE_NAME = /^[A-Za-z0-9][\w.-]{0,63}$/;

/**
 * A certificate was asked for under a name in use, without `replace`: issuing it would overwrite the
 * files and leave clients holding the old .p12 with a certificate nobody expected to change.
 */
export class CertificateNameTaken extends Error {
  constructor(
    readonly certificateName: string,
    /** The fingerprints registered under the name (none when only its files exist). */
    readonly fingerprints: readonly string[],
  ) {
    super(
      `a certificate named "${certificateName}" exists already (${
        fingerprints.length > 0
          ? `registered, SHA-256 ${fingerprints.join(', ')}`
          : 'its files in certs/clients/'
      }); choose another name, or replace it (clients holding the old one are refused from then on)`,
    );
    this.name = 'CertificateNameTaken';
  }
}

const certificateFiles = (certDir: string, name: string) => {
  const clients = join(certDir, 'clients');
  return {
    certificate: join(clients, `${name}.pem`),
    privateKey: join(clients, `${name}.key`),
    pkcs12: join(clients, `${name}.p12`),
  };
};

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
  origin: Extract<CertificateOrigin, 'api' | 'cli'>,
): RegisteredCertificate => {
  if (!CERTIFICATE_NAME.test(request.name)) {
    throw new Error(`"${request.name}" cannot be a certificate name (letters, digits, ".", "_", "-")`);
  }
  const files = certificateFiles(certDir, request.name);
  if (!request.replace) {
    const registered = certificates.findByName(request.name).map((c) => c.fingerprint);
    if (registered.length > 0 || Object.values(files).some((file) => existsSync(file)))
      throw new CertificateNameTaken(request.name, registered);
  }
  const issued = issueClientCertificate(loadCertificateAuthority(certDir), {
    name: request.name,
    password: request.password ?? DEFAULT_PKCS12_PASSWORD,
  });
  mkdirSync(join(certDir, 'clients'), { recursive: true });
  writeAtomically(files.privateKey, issued.privateKeyPem, 0o600);
  writeAtomically(files.certificate, issued.certificatePem, 0o644);
  writeAtomically(files.pkcs12, Buffer.from(issued.pkcs12Base64, 'base64'), 0o600);
  certificates.register(
    {
      fingerprint: issued.fingerprint,
      name: request.name,
      subject: issued.subject,
      organisations: request.organisations,
      systemType: request.systemType,
    },
    now,
    origin,
    { replaceName: request.replace === true },
  );
  return { ...issued, organisations: request.organisations, files };
};
