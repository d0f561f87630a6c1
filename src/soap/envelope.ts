import { violation, type Violation } from '../domain/errors';
import { SOAP_ENV_NS, SOAP12_ENV_NS, WSU_NS, type ServiceContract } from './contracts';
import type { Libxml, LibxmlElement } from './libxml';
import { readRequestText } from './request-text';
import type { SchemaValidator } from './xsd-validator';
import { qname, type XmlEl } from './xml-tree';

export interface EnvelopeLimits {
  /** Deepest element nesting accepted (REQ-XML). */
  readonly maxDepth: number;
}

export interface HeaderBlock {
  readonly element: XmlEl;
  /** Schema errors of this block; only DFDG's own headers are validated, others are ignored. */
  readonly schemaErrors: readonly string[];
}

export interface ParsedEnvelope {
  readonly operation: string;
  readonly headerBlocks: readonly HeaderBlock[];
  readonly payload: XmlEl;
  /** Kept for step 5 (REQ-SCHEMA): computed now, while the parsed document is still alive. */
  readonly payloadSchemaErrors: readonly string[];
}

export type EnvelopeResult = { ok: true; envelope: ParsedEnvelope } | { ok: false; violation: Violation };

const fail = (key: 'REQ-XML' | 'REQ-OP', detail: string): EnvelopeResult => ({
  ok: false,
  violation: violation(key, detail),
});

/**
 * Steps 2 of RULES.md (REQ-XML, REQ-OP), parsing once and safely: UTF-8 only, no DTD at all (so no
 * entity tricks), bounded depth, SOAP 1.1, one Body with one payload naming an operation of this service.
 */
export const parseEnvelope = (
  libxml: Libxml,
  raw: Buffer,
  soapAction: string | undefined,
  service: ServiceContract,
  validator: SchemaValidator,
  limits: EnvelopeLimits,
): EnvelopeResult => {
  const request = readRequestText(raw);
  if (!request.ok) return fail('REQ-XML', request.detail);

  let doc;
  try {
    doc = libxml.XmlDocument.fromString(request.text, {
      option: libxml.ParseOption.XML_PARSE_NONET | libxml.ParseOption.XML_PARSE_NO_XXE,
    });
  } catch (e) {
    const first = e instanceof libxml.XmlLibError ? e.details[0] : undefined;
    return fail(
      'REQ-XML',
      `not well-formed XML${first ? ` (line ${first.line}: ${first.message.trim()})` : ''}`,
    );
  }
  try {
    // SOAP 1.1, section 3: "A SOAP message MUST NOT contain Processing Instructions."
    if (doc.eval('count(//processing-instruction())') !== 0) {
      return fail('REQ-XML', 'a SOAP message must not contain processing instructions');
    }
    return readEnvelope(libxml, doc.root, soapAction, service, validator, limits);
  } finally {
    doc.dispose();
  }
};

const readEnvelope = (
  libxml: Libxml,
  root: LibxmlElement,
  soapAction: string | undefined,
  service: ServiceContract,
  validator: SchemaValidator,
  limits: EnvelopeLimits,
): EnvelopeResult => {
  if (root.namespaceUri === SOAP12_ENV_NS)
    return fail('REQ-XML', 'SOAP 1.2 is not supported; send a SOAP 1.1 envelope');
  if (root.namespaceUri !== SOAP_ENV_NS || root.name !== 'Envelope') {
    return fail(
      'REQ-XML',
      `the root element must be the SOAP 1.1 Envelope, got ${qname({ ns: root.namespaceUri, name: root.name })}`,
    );
  }
  const stray = strayText(libxml, root);
  if (stray) return fail('REQ-XML', `text "${stray}" directly inside soap:Envelope`);
  const parts = elementChildren(libxml, root);
  const names = parts.map((p) =>
    p.namespaceUri === SOAP_ENV_NS ? p.name : qname({ ns: p.namespaceUri, name: p.name }),
  );
  const shapeOk =
    (names.length === 1 && names[0] === 'Body') ||
    (names.length === 2 && names[0] === 'Header' && names[1] === 'Body');
  if (!shapeOk)
    return fail(
      'REQ-XML',
      `the Envelope must hold an optional Header and one Body, got ${names.join(', ') || 'nothing'}`,
    );
  const header = parts.length === 2 ? parts[0] : undefined;
  const body = parts[parts.length - 1] as LibxmlElement;

  for (const part of parts) {
    const text = strayText(libxml, part);
    if (text) return fail('REQ-XML', `text "${text}" directly inside soap:${part.name}`);
  }
  const payloads = elementChildren(libxml, body);
  if (payloads.length === 0) return fail('REQ-OP', 'the Body names no operation');
  if (payloads.length > 1) return fail('REQ-XML', 'the Body must hold exactly one element');
  const payloadNode = payloads[0] as LibxmlElement;
  const operation = service.operations.find(
    (op) => payloadNode.namespaceUri === service.schemaNamespace && payloadNode.name === `${op}Request`,
  );
  if (!operation) {
    return fail(
      'REQ-OP',
      `${qname({ ns: payloadNode.namespaceUri, name: payloadNode.name })} is not an operation of ${service.name}`,
    );
  }
  const action = soapAction?.replace(/^"|"$/g, '');
  if (action && action !== `${service.wsdlNamespace}#${operation}`) {
    return fail('REQ-OP', `SOAPAction "${action}" does not name the operation in the Body (${operation})`);
  }

  const tooDeep = (el: LibxmlElement, depth: number): boolean =>
    depth > limits.maxDepth || elementChildren(libxml, el).some((c) => tooDeep(c, depth + 1));
  if (tooDeep(root, 1)) return fail('REQ-XML', `the XML is nested deeper than ${limits.maxDepth} levels`);

  const headerBlocks = header
    ? elementChildren(libxml, header).map((h) =>
        // Only DFDG's own blocks are read; of any other block its name is all that matters.
        isDfdgHeader(h)
          ? { element: toTree(libxml, h), schemaErrors: validator.validate(withoutWsuId(h)) }
          : {
              element: { ns: h.namespaceUri, name: h.name, children: [], text: '', line: h.line },
              schemaErrors: [],
            },
      )
    : [];
  return {
    ok: true,
    envelope: {
      operation,
      headerBlocks,
      payload: toTree(libxml, payloadNode),
      payloadSchemaErrors: validator.validate(payloadNode),
    },
  };
};

const DFDG_HEADERS = new Set([
  '{http://rep.oio.dk/ams.dk/xml/schemas/2005/09/01/}ActiveOrganisationHeader',
  '{http://service.bm.dk/RequestUserMetadata/2015/01/21/}RequestUserMetadataHeader',
]);
const isDfdgHeader = (el: LibxmlElement): boolean =>
  DFDG_HEADERS.has(qname({ ns: el.namespaceUri, name: el.name }));

/**
 * A WS-Security signer marks each header block it signs with wsu:Id (allowed on any element by WSS
 * 1.1); STAR's header schemas declare no attributes, so the Id is set aside before validating the
 * block. This edits the parsed document, which is disposed of once the envelope is read.
 */
const withoutWsuId = (el: LibxmlElement): LibxmlElement => {
  for (const attr of el.attrs) if (attr.namespaceUri === WSU_NS && attr.name === 'Id') attr.remove();
  return el;
};

const elementChildren = (libxml: Libxml, el: LibxmlElement): LibxmlElement[] => {
  const out: LibxmlElement[] = [];
  for (let c = el.firstChild; c; c = c.next) if (c instanceof libxml.XmlElement) out.push(c);
  return out;
};

/** Character data (not whitespace) where SOAP allows only elements; the first bit of it, or null. */
const strayText = (libxml: Libxml, el: LibxmlElement): string | null => {
  for (let c = el.firstChild; c; c = c.next) {
    if ((c instanceof libxml.XmlText || c instanceof libxml.XmlCData) && c.content.trim() !== '') {
      return c.content.trim().slice(0, 40);
    }
  }
  return null;
};

const toTree = (libxml: Libxml, el: LibxmlElement): XmlEl => {
  const children: XmlEl[] = [];
  let text = '';
  for (let c = el.firstChild; c; c = c.next) {
    if (c instanceof libxml.XmlElement) children.push(toTree(libxml, c));
    else if (c instanceof libxml.XmlText || c instanceof libxml.XmlCData) text += c.content;
  }
  return { ns: el.namespaceUri, name: el.name, children, text, line: el.line };
};
