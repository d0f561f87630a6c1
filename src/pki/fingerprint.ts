import { X509Certificate } from 'node:crypto';

/**
 * SHA-256 fingerprint of a PEM certificate in the exact format of Node's
 * `tls.TLSSocket#getPeerCertificate().fingerprint256` (uppercase hex pairs joined by ':'),
 * so a configured fingerprint can be compared to the peer's with plain string equality.
 */
export function sha256Fingerprint(certificatePem: string): string {
  return new X509Certificate(certificatePem).fingerprint256;
}

/**
 * Readable subject such as "CN=8-75100, O=Jobcenter Aarhus, C=DK".
 *
 * Node lists the RDNs in certificate (DER) order, most significant first (C, O, CN);
 * they are reversed here to give the conventional RFC 4514 order that OpenSSL's
 * `-nameopt RFC2253`, Java and .NET print, with the CN first.
 */
export function certificateSubject(certificatePem: string): string {
  return readableName(new X509Certificate(certificatePem).subject);
}

/** A name as X509Certificate#subject/#issuer gives it (one RDN a line, DER order), CN first. */
export function readableName(name: string): string {
  return name
    .split('\n')
    .filter((line) => line.length > 0)
    .reverse()
    .join(', ');
}
