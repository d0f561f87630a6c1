import type { X509Certificate } from 'node:crypto';
import { SignedXml } from 'xml-crypto';
import { pass, refuse, type Check } from './check';
import { describeElement } from './dom-elements';
import { ACCEPTED_C14N_METHODS, ACCEPTED_DIGEST_METHODS, ACCEPTED_SIGNATURE_METHODS } from './wss-constants';

/**
 * The cryptographic part, done by xml-crypto: each Reference's digest over its element, then the
 * SignatureValue over SignedInfo with the signing certificate's key (already checked against the CA;
 * KeyInfo is not asked again). Its algorithm tables are cut down to what the emulator accepts, so
 * nothing weaker can slip in through a path the structural checks did not foresee.
 */
export const verifyXmlSignature = (
  text: string,
  signature: Element,
  certificate: X509Certificate,
  ids: ReadonlyMap<string, Element>,
): Check<void> => {
  const verifier = new SignedXml({ publicCert: certificate.toString() });
  verifier.SignatureAlgorithms = only(verifier.SignatureAlgorithms, ACCEPTED_SIGNATURE_METHODS);
  verifier.HashAlgorithms = only(verifier.HashAlgorithms, ACCEPTED_DIGEST_METHODS);
  verifier.CanonicalizationAlgorithms = only(verifier.CanonicalizationAlgorithms, ACCEPTED_C14N_METHODS);
  // WS-Security names elements by wsu:Id (local name "Id"); each extra name xml-crypto tries is one
  // more XPath scan of the whole document per Reference. Ids of every spelling were already checked
  // for duplicates (indexIds), so looking up fewer spellings can only make verification fail.
  verifier.idAttributes = ['Id'];
  try {
    verifier.loadSignature(signature);
    if (verifier.checkSignature(text)) return pass(undefined);
  } catch (error) {
    return refuse(changedReference(verifier, ids) ?? whyNot(error));
  }
  return refuse(changedReference(verifier, ids) ?? 'the signature does not verify');
};

const whyNot = (error: unknown): string => {
  const message = error instanceof Error ? error.message : String(error);
  return message.includes('signature value')
    ? "the SignatureValue does not verify with the signing certificate's key"
    : `the signature does not verify: ${message}`;
};

const only = <T>(table: Record<string, T>, accepted: ReadonlySet<string>): Record<string, T> =>
  Object.fromEntries(Object.entries(table).filter(([uri]) => accepted.has(uri)));

/** Which signed element no longer matches its digest: the usual way a tampered message shows. */
const changedReference = (verifier: SignedXml, ids: ReadonlyMap<string, Element>): string | undefined => {
  const broken = verifier.getReferences().find((r) => r.validationError);
  if (!broken) return undefined;
  const el = ids.get(broken.uri.replace(/^#/, ''));
  // xml-crypto resolves a Reference by an attribute named Id (wsu:Id): an element that carries the
  // value only as ID or id is not found, and that is not a changed digest.
  if (!el || !broken.validationError?.message.includes('digest'))
    return `the signature references ${broken.uri}, but no element carries it as wsu:Id`;
  return `the digest of ${broken.uri} (${describeElement(el)}) does not match: it was changed after signing`;
};
