import type { X509Certificate } from 'node:crypto';
// Loaded before any X509Certificate#toLegacyObject call: on Node 20 that call, made while tls is not
// loaded yet, loads _tls_common first and the circular require leaves tls.createSecureContext
// undefined for the whole process (every HTTPS server started afterwards fails).
import 'node:tls';
import type { Caller } from '../domain/caller';
import { violation, type Violation } from '../domain/errors';
import type { CertificateRepository } from '../store/certificate.repository';
import { parseSignedDocument } from './parse-signed-document';
import { formatSubject, registeredCaller } from './registered-caller';
import { readSecurityHeader } from './security-header';
import { checkSignatureCoverage, indexIds } from './signature-coverage';
import { readSignedInfo } from './signed-info';
import { checkSigningCertificate, readSigningCertificate } from './signing-certificate';
import { verifyXmlSignature } from './verify-xml-signature';
import { checkTimestamp, type TimestampPolicy } from './wss-timestamp';

export interface WsSecurityPolicy extends TimestampPolicy {
  /** The CA a signing certificate must be issued by (the one TLS client certificates chain to). */
  readonly trustedCa: X509Certificate;
  /** REQ-XML's depth limit, applied before anything walks the tree. */
  readonly maxDepth: number;
}

export type WsSecurityResult =
  | { ok: true; caller: Caller; signed: readonly string[] }
  | { ok: false; violation: Violation; subject?: string; fingerprint?: string };

/**
 * The second identity channel (CONTRACT.md, Transport): a request signed with WS-Security 1.1, X.509
 * token profile. The caller is the certificate in the BinarySecurityToken, held to SEC-TLS's and
 * SEC-CERT's standards, once the signature is shown to cover exactly what the emulator will read.
 * Any failure is 1012 (SEC-WSS) naming the check; an unregistered certificate is SEC-CERT, as over TLS.
 */
export const verifyWsSecurity = (
  raw: Buffer,
  policy: WsSecurityPolicy,
  certificates: Pick<CertificateRepository, 'find'>,
  now: Date,
): WsSecurityResult => {
  const parsed = parseSignedDocument(raw, policy.maxDepth);
  if (!parsed.ok) return wss(`${parsed.why}, so no signature can be verified`);
  const { doc, text } = parsed.value;
  const parts = readSecurityHeader(doc);
  if (!parts.ok) return wss(parts.why);
  const ids = indexIds(doc.documentElement);
  if (!ids.ok) return wss(ids.why);
  const signedInfo = readSignedInfo(parts.value.signature, parts.value.security);
  if (!signedInfo.ok) return wss(signedInfo.why);
  const certificate = readSigningCertificate(signedInfo.value.token);
  if (!certificate.ok) return wss(certificate.why);

  const subject = formatSubject(certificate.value.toLegacyObject().subject);
  const known = { subject, fingerprint: certificate.value.fingerprint256 };
  const trusted = checkSigningCertificate(certificate.value, policy.trustedCa, now);
  if (!trusted.ok) return wss(trusted.why, known);
  const verified = verifyXmlSignature(text, parts.value.signature, certificate.value, ids.value);
  if (!verified.ok) return wss(verified.why, known);
  const covered = checkSignatureCoverage(parts.value, signedInfo.value.referenceIds, ids.value);
  if (!covered.ok) return wss(covered.why, known);
  const fresh = checkTimestamp(parts.value.timestamp, now, policy);
  if (!fresh.ok) return wss(fresh.why, known);

  const identity = registeredCaller(subject, known.fingerprint, certificates);
  return identity.ok ? { ok: true, caller: identity.caller, signed: covered.value } : identity;
};

const wss = (why: string, known: { subject?: string; fingerprint?: string } = {}): WsSecurityResult => ({
  ok: false,
  violation: violation('SEC-WSS', why),
  ...known,
});
