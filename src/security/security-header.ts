import { ACTIVE_ORGANISATION_NS, REQUEST_USER_METADATA_NS, SOAP_ENV_NS } from '../soap/contracts';
import { pass, refuse, type Check } from './check';
import { allElements, childElements, childrenNamed, describeElement, isNamed } from './dom-elements';
import { WSS_NS } from './wss-constants';

/** The elements of a signed request that the emulator will read, found by position. */
export interface SignedMessageParts {
  readonly body: Element;
  /** Every header block in a DFDG namespace: what SEC-AO-PRESENT and SEC-RUM-PRESENT will read. */
  readonly dfdgHeaders: readonly Element[];
  readonly security: Element;
  readonly timestamp: Element;
  readonly signature: Element;
}

const DFDG_HEADER_NAMESPACES: ReadonlySet<string> = new Set([
  ACTIVE_ORGANISATION_NS,
  REQUEST_USER_METADATA_NS,
]);

/**
 * Finds the parts by where they are, not by their Ids: the Body that is the Envelope's child, the
 * header blocks that are Header's children, the one Security header and, directly in it, the one
 * Timestamp and the one Signature. A second Security header or Signature anywhere (a wrapper, a
 * header for another actor) is refused rather than chosen between.
 */
export const readSecurityHeader = (doc: Document): Check<SignedMessageParts> => {
  const envelope = doc.documentElement;
  if (!envelope || !isNamed(envelope, SOAP_ENV_NS, 'Envelope'))
    return refuse('the root element is not the SOAP 1.1 Envelope');
  const parts = childElements(envelope);
  const [header, body] = parts;
  if (
    parts.length !== 2 ||
    !header ||
    !body ||
    !isNamed(header, SOAP_ENV_NS, 'Header') ||
    !isNamed(body, SOAP_ENV_NS, 'Body')
  )
    return refuse(
      `the Envelope must hold a soap:Header and then one soap:Body, got ${parts.map(describeElement).join(', ') || 'nothing'}`,
    );

  const everything = allElements(envelope);
  const securities = everything.filter((el) => isNamed(el, WSS_NS.wsse, 'Security'));
  const [security] = securities;
  if (!security) return refuse('the message has no wsse:Security header: it is not signed');
  if (securities.length > 1)
    return refuse(`the message holds ${securities.length} wsse:Security elements; exactly one is allowed`);
  if (security.parentNode !== header)
    return refuse('the wsse:Security element is not a direct child of soap:Header');

  const signatures = everything.filter((el) => isNamed(el, WSS_NS.ds, 'Signature'));
  const [signature] = signatures;
  if (!signature) return refuse('the wsse:Security header holds no ds:Signature');
  if (signatures.length > 1)
    return refuse(`the message holds ${signatures.length} ds:Signature elements; exactly one is allowed`);
  if (signature.parentNode !== security)
    return refuse('the ds:Signature is not a direct child of wsse:Security');

  const timestamps = childrenNamed(security, WSS_NS.wsu, 'Timestamp');
  const [timestamp] = timestamps;
  if (!timestamp) return refuse('the wsse:Security header holds no wsu:Timestamp');
  if (timestamps.length > 1) return refuse('the wsse:Security header holds more than one wsu:Timestamp');

  const dfdgHeaders = childElements(header).filter((el) => DFDG_HEADER_NAMESPACES.has(el.namespaceURI ?? ''));
  return pass({ body, dfdgHeaders, security, timestamp, signature });
};
