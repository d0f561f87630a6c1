import { X509Certificate } from 'node:crypto';
import { readableName } from '../pki/fingerprint';
import { pass, refuse, type Check } from './check';

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/** The certificate in the BinarySecurityToken (base64 DER), read before it is judged. */
export const readSigningCertificate = (token: Element): Check<X509Certificate> => {
  const base64 = (token.textContent ?? '').replace(/\s+/g, '');
  if (!BASE64.test(base64)) return refuse('the BinarySecurityToken is not base64');
  try {
    return pass(new X509Certificate(Buffer.from(base64, 'base64')));
  } catch {
    return refuse('the BinarySecurityToken is not a DER-encoded X.509 certificate');
  }
};

/**
 * Held to what SEC-TLS demands of a TLS client certificate: issued and signed by the trusted CA, a
 * client's (not a CA's), and in date against the real time (certificates, like TLS, do not follow
 * the emulator's clock).
 */
export const checkSigningCertificate = (
  certificate: X509Certificate,
  trustedCa: X509Certificate,
  now: Date,
): Check<void> => {
  const name = readableName(certificate.subject);
  if (!certificate.checkIssued(trustedCa) || !certificate.verify(trustedCa.publicKey))
    return refuse(
      `the signing certificate ${name} was not issued by the trusted CA (${readableName(trustedCa.subject)})`,
    );
  if (certificate.ca) return refuse(`the signing certificate ${name} is a CA certificate, not a client's`);
  const validFrom = new Date(certificate.validFrom);
  const validTo = new Date(certificate.validTo);
  if (now < validFrom)
    return refuse(`the signing certificate ${name} is not valid before ${validFrom.toISOString()}`);
  if (now > validTo) return refuse(`the signing certificate ${name} expired on ${validTo.toISOString()}`);
  return pass(undefined);
};
