import type { Organisation } from './organisation';

/** Who is calling, as established from the client certificate (SEC-TLS, SEC-CERT). */
export interface Caller {
  readonly certificate: CertificateIdentity;
  /** The organisations the certificate is registered to act for. */
  readonly organisations: readonly Organisation[];
  /** The name the certificate is registered under (WSRM ClientSystemIdentifier). */
  readonly systemName: string;
}

export interface CertificateIdentity {
  readonly subject: string;
  readonly fingerprint: string;
}
