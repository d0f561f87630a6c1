import { violation, type Violation } from '../domain/errors';
import { SOAP_ENV_NS, SOAP12_ENV_NS, type ServiceContract } from './contracts';
import { dfdgHeaderSchemaErrors, isDfdgHeader, notUnderstood } from './header-entries';
import type { Libxml, LibxmlDocument, LibxmlElement } from './libxml';
import { readRequestBytes } from './request-text';
import type { SchemaValidator } from './xsd-validator';
import { qname, TreeCopier, type XmlEl } from './xml-tree';

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

const refused = (v: Violation): EnvelopeResult => ({ ok: false, violation: v });
const fail = (key: 'REQ-XML' | 'REQ-OP', detail: string): EnvelopeResult => refused(violation(key, detail));

/**
 * Step 2 of RULES.md (REQ-XML, REQ-OP, REQ-MUSTUNDERSTAND), parsing once and safely: UTF-8 only, no
 * DTD at all (so no entity tricks), bounded depth, SOAP 1.1, one Body with one payload naming an
 * operation of this service, no header the emulator must understand but does not.
 */
export const parseEnvelope = (
  libxml: Libxml,
  raw: Buffer,
  soapAction: string | undefined,
  service: ServiceContract,
  validator: SchemaValidator,
  limits: EnvelopeLimits,
): EnvelopeResult => {
  const request = readRequestBytes(raw);
  if (!request.ok) return fail('REQ-XML', request.detail);

  let doc;
  try {
    // From the checked bytes: a string would be encoded back to UTF-8, a copy of the whole body, on
    // its way into WebAssembly (~20 µs of a CreateBooking's ~50 µs parse).
    doc = libxml.XmlDocument.fromBuffer(request.bytes, {
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
    const read = readDocument(libxml, doc, limits.maxDepth);
    // SOAP 1.1, section 3: "A SOAP message MUST NOT contain Processing Instructions."
    if (!read) return fail('REQ-XML', 'a SOAP message must not contain processing instructions');
    return readEnvelope(read.envelope, read.tooDeep, soapAction, service, validator, limits);
  } finally {
    doc.dispose();
  }
};

/** An element of the envelope's top levels, its name read once. */
interface ReadElement {
  readonly node: LibxmlElement;
  readonly ns: string;
  readonly name: string;
  readonly line: number;
}

/** The Envelope, or one of its parts: SOAP allows only elements directly inside them. */
interface Level<Child> extends ReadElement {
  /** The first character data (not whitespace) directly inside, trimmed and cut short; or null. */
  readonly strayText: string | null;
  readonly children: readonly Child[];
}

/** A header block or the Body's payload: copied in full, or (a block not of DFDG's) by name only. */
interface Block extends ReadElement {
  readonly element: XmlEl;
}

type Part = Level<Block>;

/**
 * The one walk over the parsed document: the top levels as the checks below read them, the payload
 * and DFDG's header blocks copied, and whether the document is nested too deep. Null when it holds a
 * processing instruction anywhere (which libxml2-wasm's walks cannot step over, see TreeCopier).
 */
const readDocument = (
  libxml: Libxml,
  doc: LibxmlDocument,
  maxDepth: number,
): { envelope: Level<Part>; tooDeep: boolean } | null => {
  const copier = new TreeCopier(libxml, maxDepth);
  const root = doc.root;
  // Before and after the root element: comments, or processing instructions.
  for (let n = root.prev; n; n = n.prev) if (copier.isProcessingInstruction(n)) return null;
  for (let n = root.next; n; n = n.next) if (copier.isProcessingInstruction(n)) return null;

  const envelope = readLevel(copier, readElement(root), 1, (part) => {
    const copyAll = part.ns === SOAP_ENV_NS && part.name === 'Body';
    const copyDfdg = part.ns === SOAP_ENV_NS && part.name === 'Header';
    return readLevel(copier, part, 2, (block) => {
      // Only DFDG's own blocks are read; of any other block its name is all that matters.
      const element =
        copyAll || (copyDfdg && isDfdgHeader(block))
          ? copier.copy(block.node, 3, block.ns, block.name, block.line)
          : copier.scan(block.node, 3)
            ? { ns: block.ns, name: block.name, children: [], text: '', line: block.line }
            : null;
      return element && { node: block.node, ns: block.ns, name: block.name, line: block.line, element };
    });
  });
  return envelope && { envelope, tooDeep: copier.tooDeep };
};

const readElement = (node: LibxmlElement): ReadElement => ({
  node,
  ns: node.namespaceUri,
  name: node.name,
  line: node.line,
});

/** Reads the children of `el`, met at `depth`, once; null on a processing instruction. */
const readLevel = <Child>(
  copier: TreeCopier,
  el: ReadElement,
  depth: number,
  readChild: (child: ReadElement) => Child | null,
): Level<Child> | null => {
  copier.enter(depth);
  const children: Child[] = [];
  let strayText: string | null = null;
  for (let c = el.node.firstChild; c; c = c.next) {
    if (copier.isElement(c)) {
      const child = readChild(readElement(c));
      if (child === null) return null;
      children.push(child);
    } else if (copier.isCharacterData(c)) {
      if (strayText === null) {
        const text = c.content.trim();
        if (text !== '') strayText = text.slice(0, 40);
      }
    } else if (copier.isProcessingInstruction(c)) return null;
  }
  return { node: el.node, ns: el.ns, name: el.name, line: el.line, strayText, children };
};

const readEnvelope = (
  envelope: Level<Part>,
  tooDeep: boolean,
  soapAction: string | undefined,
  service: ServiceContract,
  validator: SchemaValidator,
  limits: EnvelopeLimits,
): EnvelopeResult => {
  if (envelope.ns === SOAP12_ENV_NS)
    return fail('REQ-XML', 'SOAP 1.2 is not supported; send a SOAP 1.1 envelope');
  if (envelope.ns !== SOAP_ENV_NS || envelope.name !== 'Envelope') {
    return fail('REQ-XML', `the root element must be the SOAP 1.1 Envelope, got ${qname(envelope)}`);
  }
  if (envelope.strayText)
    return fail('REQ-XML', `text "${envelope.strayText}" directly inside soap:Envelope`);
  const parts = envelope.children;
  const names = parts.map((p) => (p.ns === SOAP_ENV_NS ? p.name : qname(p)));
  const shapeOk =
    (names.length === 1 && names[0] === 'Body') ||
    (names.length === 2 && names[0] === 'Header' && names[1] === 'Body');
  if (!shapeOk)
    return fail(
      'REQ-XML',
      `the Envelope must hold an optional Header and one Body, got ${names.join(', ') || 'nothing'}`,
    );
  const header = parts.length === 2 ? parts[0] : undefined;
  const body = parts[parts.length - 1] as Part;

  for (const part of parts) {
    if (part.strayText) return fail('REQ-XML', `text "${part.strayText}" directly inside soap:${part.name}`);
  }
  const payloads = body.children;
  if (payloads.length === 0) return fail('REQ-OP', 'the Body names no operation');
  if (payloads.length > 1) return fail('REQ-XML', 'the Body must hold exactly one element');
  const payload = payloads[0] as Block;
  const operation = service.operations.find(
    (op) => payload.ns === service.schemaNamespace && payload.name === `${op}Request`,
  );
  if (!operation) {
    return fail('REQ-OP', `${qname(payload)} is not an operation of ${service.name}`);
  }
  const action = soapAction?.replace(/^"|"$/g, '');
  if (action && action !== `${service.wsdlNamespace}#${operation}`) {
    return fail('REQ-OP', `SOAPAction "${action}" does not name the operation in the Body (${operation})`);
  }

  if (tooDeep) return fail('REQ-XML', `the XML is nested deeper than ${limits.maxDepth} levels`);

  const entries = header ? header.children : [];
  const mustUnderstand = notUnderstood(entries);
  if (mustUnderstand) return refused(mustUnderstand);
  const headerBlocks = entries.map((h) => ({
    element: h.element,
    schemaErrors: isDfdgHeader(h) ? dfdgHeaderSchemaErrors(h, validator) : [],
  }));
  return {
    ok: true,
    envelope: {
      operation,
      headerBlocks,
      payload: payload.element,
      payloadSchemaErrors: validator.validate(payload.node),
    },
  };
};
