import { WSSE_NS, WSU_NS } from '../soap/contracts';

/** Names of WS-Security 1.1 (X.509 token profile) and XML Signature, as the specifications spell them. */
export const WSS_NS = {
  wsse: WSSE_NS,
  wsu: WSU_NS,
  ds: 'http://www.w3.org/2000/09/xmldsig#',
} as const;

export const X509V3_TOKEN =
  'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-x509-token-profile-1.0#X509v3';
export const BASE64_ENCODING =
  'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-soap-message-security-1.0#Base64Binary';

export const EXCLUSIVE_C14N = 'http://www.w3.org/2001/10/xml-exc-c14n#';
export const RSA_SHA256 = 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256';
export const RSA_SHA1 = 'http://www.w3.org/2000/09/xmldsig#rsa-sha1';
export const SHA256 = 'http://www.w3.org/2001/04/xmlenc#sha256';
export const SHA512 = 'http://www.w3.org/2001/04/xmlenc#sha512';
export const SHA1 = 'http://www.w3.org/2000/09/xmldsig#sha1';

/**
 * What the emulator accepts, and nothing else: one signature method (RSA with SHA-256), digests no
 * weaker than SHA-256, and exclusive C14N without comments (so a signed element keeps its meaning
 * wherever it sits in the envelope).
 */
export const ACCEPTED_SIGNATURE_METHODS: ReadonlySet<string> = new Set([RSA_SHA256]);
export const ACCEPTED_DIGEST_METHODS: ReadonlySet<string> = new Set([SHA256, SHA512]);
export const ACCEPTED_C14N_METHODS: ReadonlySet<string> = new Set([EXCLUSIVE_C14N]);
