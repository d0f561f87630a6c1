import { pass, refuse, type Check } from './check';
import { childElements, childrenNamed, describeElement } from './dom-elements';
import {
  ACCEPTED_C14N_METHODS,
  ACCEPTED_DIGEST_METHODS,
  ACCEPTED_SIGNATURE_METHODS,
  BASE64_ENCODING,
  EXCLUSIVE_C14N,
  RSA_SHA256,
  SHA256,
  WSS_NS,
  X509V3_TOKEN,
} from './wss-constants';

export interface SignedInfo {
  /** The Ids the signature's References name, in order. */
  readonly referenceIds: readonly string[];
  /** The wsse:BinarySecurityToken that KeyInfo names: the signer's certificate. */
  readonly token: Element;
}

/** A same-document reference to an Id; anything else (empty URI, XPointer, external) is refused. */
const ID_REFERENCE = /^#([A-Za-z_][\w.-]*)$/;

/**
 * Reads ds:Signature strictly before any cryptography runs: only the shape and algorithms the
 * emulator accepts, so xml-crypto (which looks elements up by local name) cannot be pointed at a
 * decoy, and a SHA-1 signature is named as such rather than failing somewhere inside.
 */
export const readSignedInfo = (signature: Element, security: Element): Check<SignedInfo> => {
  const shape = childElements(signature);
  const names = shape.map((el) => (el.namespaceURI === WSS_NS.ds ? el.localName : describeElement(el)));
  if (names.join(',') !== 'SignedInfo,SignatureValue,KeyInfo')
    return refuse(`ds:Signature must hold SignedInfo, SignatureValue and KeyInfo, got ${names.join(', ')}`);
  const [signedInfo, , keyInfo] = shape as [Element, Element, Element];

  const parts = childElements(signedInfo);
  const [c14n, method, ...references] = parts;
  if (!c14n || !method || !isDs(c14n, 'CanonicalizationMethod') || !isDs(method, 'SignatureMethod'))
    return refuse('ds:SignedInfo must start with CanonicalizationMethod and SignatureMethod');
  const c14nAlgorithm = c14n.getAttribute('Algorithm') ?? '';
  if (!ACCEPTED_C14N_METHODS.has(c14nAlgorithm))
    return refuse(
      `canonicalization ${c14nAlgorithm} is not accepted; use exclusive C14N (${EXCLUSIVE_C14N})`,
    );
  const signatureAlgorithm = method.getAttribute('Algorithm') ?? '';
  if (!ACCEPTED_SIGNATURE_METHODS.has(signatureAlgorithm))
    return refuse(`signature method ${signatureAlgorithm} is not accepted; use ${RSA_SHA256}`);
  if (references.length === 0 || !references.every((r) => isDs(r, 'Reference')))
    return refuse('ds:SignedInfo must hold one or more ds:Reference after SignatureMethod, and nothing else');

  const referenceIds: string[] = [];
  for (const reference of references) {
    const read = readReference(reference);
    if (!read.ok) return read;
    referenceIds.push(read.value);
  }
  const token = tokenOf(keyInfo, security);
  return token.ok ? pass({ referenceIds, token: token.value }) : token;
};

const isDs = (el: Element, localName: string): boolean =>
  el.namespaceURI === WSS_NS.ds && el.localName === localName;

const readReference = (reference: Element): Check<string> => {
  const uri = reference.getAttribute('URI') ?? '';
  const id = ID_REFERENCE.exec(uri)?.[1];
  if (!id) return refuse(`ds:Reference URI "${uri}" is not accepted; reference a wsu:Id as "#id"`);
  const parts = childElements(reference);
  const [transforms, digest, value] = parts;
  if (parts.length !== 3 || !transforms || !digest || !value) {
    return refuse(`ds:Reference ${uri} must hold Transforms, DigestMethod and DigestValue`);
  }
  if (!isDs(transforms, 'Transforms') || !isDs(digest, 'DigestMethod') || !isDs(value, 'DigestValue'))
    return refuse(`ds:Reference ${uri} must hold Transforms, DigestMethod and DigestValue, in that order`);
  const transformList = childElements(transforms);
  const [transform] = transformList;
  const transformAlgorithm = transform?.getAttribute('Algorithm') ?? '';
  if (
    transformList.length !== 1 ||
    !transform ||
    !isDs(transform, 'Transform') ||
    !ACCEPTED_C14N_METHODS.has(transformAlgorithm)
  )
    return refuse(`ds:Reference ${uri} must have exactly one Transform, exclusive C14N (${EXCLUSIVE_C14N})`);
  const digestAlgorithm = digest.getAttribute('Algorithm') ?? '';
  if (!ACCEPTED_DIGEST_METHODS.has(digestAlgorithm))
    return refuse(`digest method ${digestAlgorithm} of ds:Reference ${uri} is not accepted; use ${SHA256}`);
  return pass(id);
};

/** KeyInfo -> SecurityTokenReference -> Reference URI -> the BinarySecurityToken in this Security header. */
const tokenOf = (keyInfo: Element, security: Element): Check<Element> => {
  const [str, ...moreStr] = childElements(keyInfo);
  if (
    !str ||
    moreStr.length > 0 ||
    str.namespaceURI !== WSS_NS.wsse ||
    str.localName !== 'SecurityTokenReference'
  )
    return refuse('ds:KeyInfo must hold exactly one wsse:SecurityTokenReference');
  const [ref, ...moreRef] = childElements(str);
  if (!ref || moreRef.length > 0 || ref.namespaceURI !== WSS_NS.wsse || ref.localName !== 'Reference')
    return refuse('wsse:SecurityTokenReference must hold one wsse:Reference to the BinarySecurityToken');
  const valueType = ref.getAttribute('ValueType');
  if (valueType && valueType !== X509V3_TOKEN)
    return refuse(`wsse:Reference ValueType ${valueType} is not accepted; use ${X509V3_TOKEN}`);
  const id = ID_REFERENCE.exec(ref.getAttribute('URI') ?? '')?.[1];
  const tokens = childrenNamed(security, WSS_NS.wsse, 'BinarySecurityToken').filter(
    (t) => t.getAttributeNS(WSS_NS.wsu, 'Id') === id,
  );
  const [token] = tokens;
  if (!id || !token || tokens.length > 1)
    return refuse(
      'the SecurityTokenReference does not name one wsse:BinarySecurityToken of this Security header',
    );
  if (token.getAttribute('ValueType') !== X509V3_TOKEN)
    return refuse(`the BinarySecurityToken must have ValueType ${X509V3_TOKEN}`);
  const encoding = token.getAttribute('EncodingType');
  if (encoding && encoding !== BASE64_ENCODING)
    return refuse(`the BinarySecurityToken EncodingType ${encoding} is not accepted; use ${BASE64_ENCODING}`);
  return pass(token);
};
