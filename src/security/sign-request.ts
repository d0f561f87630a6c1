import { randomUUID, X509Certificate } from 'node:crypto';
import { DOMParser, XMLSerializer } from '@xmldom/xmldom';
import { SignedXml } from 'xml-crypto';
import { ACTIVE_ORGANISATION_NS, REQUEST_USER_METADATA_NS, SOAP_ENV_NS } from '../soap/contracts';
import { childElements, isNamed } from './dom-elements';
import { BASE64_ENCODING, EXCLUSIVE_C14N, RSA_SHA256, SHA256, WSS_NS, X509V3_TOKEN } from './wss-constants';

export interface SignRequestOptions {
  /** When the message is signed (wsu:Created); the real time by default. */
  readonly now?: Date;
  /** Seconds from Created to Expires (default 300, the emulator's default maximum age). */
  readonly lifetimeSeconds?: number;
  /** Only for showing what the emulator refuses: other algorithms than RSA-SHA256 / SHA-256. */
  readonly signatureAlgorithm?: string;
  readonly digestAlgorithm?: string;
  /** Leave out the wsu:Timestamp (the emulator refuses such a message). */
  readonly timestamp?: boolean;
}

const XMLNS = 'http://www.w3.org/2000/xmlns/';

/**
 * Signs a SOAP 1.1 request the way the emulator's WS-Security channel expects it, for tests and for
 * trying the channel by hand (`dfdg-emulator sign`): a wsse:Security header with the certificate as
 * BinarySecurityToken, a wsu:Timestamp, and an RSA-SHA256 signature (exclusive C14N, SHA-256
 * digests) over the Body, every DFDG header block and the Timestamp.
 */
export const signRequest = (
  xml: string,
  certPem: string,
  keyPem: string,
  options: SignRequestOptions = {},
): string => {
  const doc = parseStrictly(xml);
  const envelope = doc.documentElement;
  if (!envelope || !isNamed(envelope, SOAP_ENV_NS, 'Envelope')) throw new Error('not a SOAP 1.1 Envelope');
  const body = childElements(envelope).find((el) => isNamed(el, SOAP_ENV_NS, 'Body'));
  if (!body) throw new Error('the Envelope has no Body');
  const header = headerOf(doc, envelope, body);

  const security = doc.createElementNS(WSS_NS.wsse, 'wsse:Security');
  security.setAttributeNS(XMLNS, 'xmlns:wsse', WSS_NS.wsse);
  security.setAttributeNS(XMLNS, 'xmlns:wsu', WSS_NS.wsu);
  security.setAttributeNS(SOAP_ENV_NS, `${envelope.prefix ?? 'soap'}:mustUnderstand`, '1');
  header.insertBefore(security, header.firstChild);

  const tokenId = `X509-${randomUUID()}`;
  const token = doc.createElementNS(WSS_NS.wsse, 'wsse:BinarySecurityToken');
  token.setAttributeNS(WSS_NS.wsu, 'wsu:Id', tokenId);
  token.setAttribute('ValueType', X509V3_TOKEN);
  token.setAttribute('EncodingType', BASE64_ENCODING);
  token.appendChild(doc.createTextNode(new X509Certificate(certPem).raw.toString('base64')));
  security.appendChild(token);

  const targets = [body, ...childElements(header).filter(isDfdgHeader)];
  if (options.timestamp !== false) targets.push(appendTimestamp(doc, security, options));
  const ids = targets.map(ensureWsuId);

  const signer = new SignedXml({
    privateKey: keyPem,
    idMode: 'wssecurity',
    signatureAlgorithm: options.signatureAlgorithm ?? RSA_SHA256,
    canonicalizationAlgorithm: EXCLUSIVE_C14N,
    getKeyInfoContent: () =>
      `<wsse:SecurityTokenReference xmlns:wsse="${WSS_NS.wsse}">` +
      `<wsse:Reference URI="#${tokenId}" ValueType="${X509V3_TOKEN}"/></wsse:SecurityTokenReference>`,
  });
  for (const id of ids) {
    signer.addReference({
      xpath: `//*[@*[local-name(.)='Id' and namespace-uri(.)='${WSS_NS.wsu}']='${id}']`,
      transforms: [EXCLUSIVE_C14N],
      digestAlgorithm: options.digestAlgorithm ?? SHA256,
    });
  }
  signer.computeSignature(new XMLSerializer().serializeToString(doc), {
    prefix: 'ds',
    location: {
      reference: `//*[local-name(.)='Security' and namespace-uri(.)='${WSS_NS.wsse}']`,
      action: 'append',
    },
  });
  return signer.getSignedXml();
};

const isDfdgHeader = (el: Element): boolean =>
  el.namespaceURI === ACTIVE_ORGANISATION_NS || el.namespaceURI === REQUEST_USER_METADATA_NS;

const parseStrictly = (xml: string): Document => {
  const problems: string[] = [];
  const doc = new DOMParser({
    errorHandler: (level: string, m: unknown) => problems.push(`${level}: ${String(m)}`),
  }).parseFromString(xml, 'text/xml');
  if (problems.length > 0) throw new Error(`the request is not well-formed XML: ${problems[0]}`);
  return doc;
};

const headerOf = (doc: Document, envelope: Element, body: Element): Element => {
  const existing = childElements(envelope).find((el) => isNamed(el, SOAP_ENV_NS, 'Header'));
  if (existing) return existing;
  const header = doc.createElementNS(SOAP_ENV_NS, `${envelope.prefix ? `${envelope.prefix}:` : ''}Header`);
  envelope.insertBefore(header, body);
  return header;
};

const appendTimestamp = (doc: Document, security: Element, options: SignRequestOptions): Element => {
  const created = options.now ?? new Date();
  const expires = new Date(created.getTime() + (options.lifetimeSeconds ?? 300) * 1000);
  const timestamp = doc.createElementNS(WSS_NS.wsu, 'wsu:Timestamp');
  for (const [name, at] of [
    ['Created', created],
    ['Expires', expires],
  ] as const) {
    const el = doc.createElementNS(WSS_NS.wsu, `wsu:${name}`);
    el.appendChild(doc.createTextNode(at.toISOString()));
    timestamp.appendChild(el);
  }
  security.appendChild(timestamp);
  return timestamp;
};

/** Keeps an Id the sender already gave the element (it may be signed by others too). */
const ensureWsuId = (el: Element): string => {
  const existing = el.getAttributeNS(WSS_NS.wsu, 'Id');
  if (existing) return existing;
  const id = `id-${randomUUID()}`;
  el.setAttributeNS(XMLNS, 'xmlns:wsu', WSS_NS.wsu);
  el.setAttributeNS(WSS_NS.wsu, 'wsu:Id', id);
  return id;
};
