import { violation, type Violation } from '../domain/errors';
import { ACTIVE_ORGANISATION_NS, REQUEST_USER_METADATA_NS, SOAP_ENV_NS, WSSE_NS, WSU_NS } from './contracts';
import type { LibxmlElement } from './libxml';
import type { SchemaValidator } from './xsd-validator';
import { qname } from './xml-tree';

/** A header entry (a child of soap:Header) of the parsed document, its name read once. */
export interface HeaderEntry {
  readonly node: LibxmlElement;
  readonly ns: string;
  readonly name: string;
  readonly line: number;
}

const DFDG_HEADERS: ReadonlySet<string> = new Set([
  qname({ ns: ACTIVE_ORGANISATION_NS, name: 'ActiveOrganisationHeader' }),
  qname({ ns: REQUEST_USER_METADATA_NS, name: 'RequestUserMetadataHeader' }),
]);

export const isDfdgHeader = (el: { ns: string; name: string }): boolean => DFDG_HEADERS.has(qname(el));

/**
 * The header entries the emulator understands (SOAP 1.1, section 4.2.3): DFDG's two, and
 * wsse:Security in every identity mode. In `wss` (and `either` without a TLS certificate) it is
 * verified and is the caller's identity; in `tls` it is understood and deliberately set aside, as the
 * README's identity modes say: the TLS certificate is the identity there, the purpose the header
 * serves. WCF and WSS4J mark it mustUnderstand="1" whatever the mode, so refusing it would turn away
 * every signing client in the default mode, while DFDG's own check (the certificate) still runs.
 */
const UNDERSTOOD: ReadonlySet<string> = new Set([...DFDG_HEADERS, qname({ ns: WSSE_NS, name: 'Security' })]);

/** SOAP 1.1, section 4.2.2: the actor meaning "the first SOAP application that processes the message". */
export const NEXT_ACTOR = 'http://schemas.xmlsoap.org/soap/actor/next';

/** SOAP 1.1, section 4.2: the attributes any header entry may carry, whatever its own schema says. */
const SOAP_HEADER_ATTRIBUTES: ReadonlySet<string> = new Set(['mustUnderstand', 'actor', 'encodingStyle']);

interface SoapAttributes {
  readonly mustUnderstand: string | undefined;
  readonly actor: string | undefined;
}

const soapAttributesOf = (node: LibxmlElement): SoapAttributes => {
  let mustUnderstand: string | undefined;
  let actor: string | undefined;
  for (const attr of node.attrs) {
    if (attr.namespaceUri !== SOAP_ENV_NS) continue;
    if (attr.name === 'mustUnderstand') mustUnderstand = attr.value.trim();
    else if (attr.name === 'actor') actor = attr.value.trim();
  }
  return { mustUnderstand, actor };
};

/** SOAP 1.1, section 4.2.3: "The value of the mustUnderstand attribute is either "1" or "0"." */
const isValidMustUnderstand = (value: string | undefined): boolean =>
  value === undefined || value === '0' || value === '1';

const describe = (entry: HeaderEntry): string => `${qname(entry)} (line ${entry.line})`;

/**
 * REQ-MUSTUNDERSTAND (step 2 of RULES.md): a header entry the emulator does not understand, marked
 * mustUnderstand="1" for it (no actor, or the "next" actor), is refused with SOAP's MustUnderstand
 * fault; one for another actor, or marked "0", is left alone. A mustUnderstand that is neither 0 nor
 * 1 on such an entry makes the envelope invalid (REQ-XML): the emulator cannot tell what was meant.
 * The DFDG headers' own attributes are judged with their schema (dfdgHeaderSchemaErrors).
 */
export const notUnderstood = (entries: readonly HeaderEntry[]): Violation | null => {
  const mustUnderstand: HeaderEntry[] = [];
  for (const entry of entries) {
    if (UNDERSTOOD.has(qname(entry))) continue;
    const { mustUnderstand: value, actor } = soapAttributesOf(entry.node);
    if (actor !== undefined && actor !== NEXT_ACTOR) continue;
    if (!isValidMustUnderstand(value)) {
      return violation(
        'REQ-XML',
        `header ${describe(entry)} has soap:mustUnderstand="${value ?? ''}"; SOAP 1.1 allows "0" or "1"`,
      );
    }
    if (value === '1') mustUnderstand.push(entry);
  }
  if (mustUnderstand.length === 0) return null;
  return violation(
    'REQ-MUSTUNDERSTAND',
    `header ${mustUnderstand.map(describe).join(', ')} carries soap:mustUnderstand="1" for this receiver, ` +
      'and the emulator does not understand it (it understands ActiveOrganisationHeader, ' +
      'RequestUserMetadataHeader and wsse:Security); leave it out, mark it mustUnderstand="0", or address ' +
      'it to another soap:actor',
  );
};

/**
 * The schema errors of a DFDG header entry. SOAP's own attributes (mustUnderstand, actor,
 * encodingStyle: gSOAP sends mustUnderstand="1" by default) and a WS-Security signer's wsu:Id (WSS
 * 1.1 allows it on any element) belong to the envelope, not to STAR's header schema, which declares
 * no attributes: they are set aside before validating, a mustUnderstand other than 0 or 1 reported
 * with the schema's errors. xsi:type is left to the validator, which accepts the declared type (or
 * one derived from it) and refuses any other. This edits the parsed document, which is disposed of
 * once the envelope is read.
 */
export const dfdgHeaderSchemaErrors = (entry: HeaderEntry, validator: SchemaValidator): string[] => {
  const { mustUnderstand } = soapAttributesOf(entry.node);
  for (const attr of entry.node.attrs) {
    const soapAttribute = attr.namespaceUri === SOAP_ENV_NS && SOAP_HEADER_ATTRIBUTES.has(attr.name);
    if (soapAttribute || (attr.namespaceUri === WSU_NS && attr.name === 'Id')) attr.remove();
  }
  const errors = validator.validate(entry.node);
  return isValidMustUnderstand(mustUnderstand)
    ? errors
    : [
        `line ${entry.line}: ${entry.name} has soap:mustUnderstand="${mustUnderstand ?? ''}"; SOAP 1.1 allows "0" or "1"`,
        ...errors,
      ];
};
