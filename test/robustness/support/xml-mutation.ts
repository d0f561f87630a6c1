/**
 * Valid requests as small XML trees, and the mutations the fuzzer applies to them, each with the
 * verdict RULES.md gives the mutated request: the template's own (a mutation XML or SOAP 1.1 says
 * changes nothing), one exact fault (the first check of RULES.md's order the mutation breaks), or —
 * for changes inside the payload — whatever the operation's XSD says (REQ-SCHEMA when it no longer
 * validates). Serialised with a default-namespace declaration wherever an element's namespace differs
 * from its parent's, so any namespace change is expressed without prefixes.
 */
import * as fc from 'fast-check';
import type { ErrorKey } from '../../../src/domain/errors';
import { SOAP12_ENV_NS } from '../../../src/soap/contracts';
import { loadLibxml, type LibxmlElement } from '../../../src/soap/libxml';
import { NS } from '../../helpers/envelope';

export type XNode =
  | { kind: 'el'; ns: string; name: string; attrs: [string, string][]; children: XNode[] }
  | { kind: 'text'; value: string }
  | { kind: 'raw'; value: string };
export type XEl = Extract<XNode, { kind: 'el' }>;

export const parseTree = async (xml: string): Promise<XEl> => {
  const libxml = await loadLibxml();
  const doc = libxml.XmlDocument.fromString(xml);
  const walk = (el: LibxmlElement): XEl => {
    const children: XNode[] = [];
    for (let c = el.firstChild; c; c = c.next) {
      if (c instanceof libxml.XmlElement) children.push(walk(c));
      else if (c instanceof libxml.XmlText) children.push({ kind: 'text', value: c.content });
    }
    return { kind: 'el', ns: el.namespaceUri, name: el.name, attrs: [], children };
  };
  try {
    return walk(doc.root);
  } finally {
    doc.dispose();
  }
};

const escapeText = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const escapeAttr = (s: string): string => escapeText(s).replace(/"/g, '&quot;');

export const serialise = (node: XNode, parentNs: string | null = null): string => {
  if (node.kind === 'text') return escapeText(node.value);
  if (node.kind === 'raw') return node.value;
  const xmlns = node.ns === parentNs ? '' : ` xmlns="${escapeAttr(node.ns)}"`;
  const attrs = node.attrs.map(([k, v]) => ` ${k}="${escapeAttr(v)}"`).join('');
  return `<${node.name}${xmlns}${attrs}>${node.children.map((c) => serialise(c, node.ns)).join('')}</${node.name}>`;
};

const clone = <N extends XNode>(n: N): N =>
  n.kind === 'el'
    ? { ...n, attrs: n.attrs.map(([k, v]) => [k, v]), children: n.children.map(clone) }
    : { ...n };

const childElements = (el: XEl): XEl[] => el.children.filter((c): c is XEl => c.kind === 'el');

/** Every element under `root` (itself included), in document order, with its parent. */
const elementsOf = (root: XEl, parent: XEl | null = null): Array<{ el: XEl; parent: XEl | null }> => [
  { el: root, parent },
  ...childElements(root).flatMap((c) => elementsOf(c, root)),
];

/** An element whose content is only its text: a value. */
const isLeaf = (el: XEl): boolean => el.children.length > 0 && el.children.every((c) => c.kind === 'text');
/** An element holding elements (and at most whitespace between them). */
const holdsElements = (el: XEl): boolean => el.children.some((c) => c.kind === 'el');

const pick = <T>(items: readonly T[], n: number): T | undefined =>
  items.length ? items[n % items.length] : undefined;

/** The parts of an envelope the mutations name. */
interface EnvelopeParts {
  readonly envelope: XEl;
  readonly header: XEl | undefined;
  readonly body: XEl;
  readonly payload: XEl;
}

const partsOf = (envelope: XEl): EnvelopeParts => {
  const [first, second] = childElements(envelope);
  const header = first?.name === 'Header' ? first : undefined;
  const body = (header ? second : first) as XEl;
  return { envelope, header, body, payload: childElements(body)[0] as XEl };
};

export type TextStyle = 'text' | 'cdata' | 'charref' | 'comment';
export type HeaderName = 'ActiveOrganisationHeader' | 'RequestUserMetadataHeader';

/** A change inside the operation's payload: its verdict is the XSD's. */
export type PayloadChange =
  | { kind: 'value'; target: number; value: string }
  | { kind: 'drop'; target: number }
  | { kind: 'duplicate'; target: number }
  | { kind: 'swap'; target: number }
  | { kind: 'rename'; target: number; name: string }
  | { kind: 'namespace'; target: number; ns: string }
  | { kind: 'attribute'; target: number; name: string; value: string }
  | { kind: 'foreign-element'; target: number; at: number };

export type Mutation =
  // What XML and SOAP 1.1 say changes nothing:
  | { kind: 'comment'; target: number; at: number; text: string }
  | { kind: 'whitespace'; target: number; at: number; text: string }
  | { kind: 'reencode'; target: number; cuts: number[]; styles: TextStyle[] }
  | { kind: 'foreign-header'; at: number; text: string }
  // What one rule of RULES.md refuses:
  | { kind: 'processing-instruction'; target: number; at: number; name: string; data: string }
  | { kind: 'stray-text'; part: number; at: number; text: string; cdata: boolean }
  | { kind: 'second-body' }
  | { kind: 'second-payload' }
  | { kind: 'envelope-namespace'; ns: string }
  | { kind: 'drop-payload' }
  | { kind: 'rename-payload'; name: string }
  | { kind: 'payload-namespace'; ns: string }
  | { kind: 'header'; which: HeaderName; how: 'drop' | 'duplicate' | 'foreign-namespace' }
  | { kind: 'drop-header' }
  // What the operation's XSD decides:
  | { kind: 'payload'; change: PayloadChange };

/**
 * What the mutated request must get: the template's own verdict, one fault of the table, or the
 * XSD's verdict on the payload (REQ-SCHEMA if it does not validate, else served as the template is).
 */
export type MutationVerdict = { kind: 'as-template' } | { kind: 'fault'; key: ErrorKey } | { kind: 'schema' };

const FOREIGN_NS = 'urn:example:fuzz';
const HEADER_NS: Readonly<Record<HeaderName, string>> = {
  ActiveOrganisationHeader: NS.aoh,
  RequestUserMetadataHeader: NS.rum,
};
const HEADER_FAULTS: Readonly<Record<HeaderName, { missing: ErrorKey; invalid: ErrorKey }>> = {
  ActiveOrganisationHeader: { missing: 'SEC-AO-MISSING', invalid: 'SEC-AO-INVALID' },
  RequestUserMetadataHeader: { missing: 'SEC-RUM-MISSING', invalid: 'SEC-RUM-INVALID' },
};

const insertAt = (el: XEl, at: number, node: XNode): void => {
  el.children.splice(at % (el.children.length + 1), 0, node);
};

/** The text of `value` split at `cuts`, each piece written as text, CDATA, character references or
 * with a comment before it: the parsed value is the same (XML 1.0, sections 2.4, 2.5, 2.7, 4.1). */
const reencoded = (value: string, cuts: readonly number[], styles: readonly TextStyle[]): XNode[] => {
  const points = [...new Set(cuts.map((c) => c % (value.length + 1)))].sort((a, b) => a - b);
  const pieces = [0, ...points, value.length]
    .slice(1)
    .map((end, i, ends) => value.slice(i === 0 ? 0 : ends[i - 1], end));
  return pieces.flatMap((piece, i): XNode[] => {
    const style = styles[i % Math.max(1, styles.length)] ?? 'text';
    if (piece === '') return [];
    if (style === 'cdata' && !piece.includes(']]>')) return [{ kind: 'raw', value: `<![CDATA[${piece}]]>` }];
    if (style === 'charref')
      return [
        {
          kind: 'raw',
          value: [...piece].map((ch) => `&#x${(ch.codePointAt(0) ?? 0).toString(16)};`).join(''),
        },
      ];
    if (style === 'comment')
      return [
        { kind: 'raw', value: '<!--x-->' },
        { kind: 'text', value: piece },
      ];
    return [{ kind: 'text', value: piece }];
  });
};

/**
 * Applies the mutation to a copy of the envelope; null where it does not apply (no Header to change,
 * no value to re-encode, a name that would be the operation's own).
 */
export const mutate = (
  envelope: XEl,
  m: Mutation,
  operations: readonly string[],
): { tree: XEl; verdict: MutationVerdict } | null => {
  const tree = clone(envelope);
  const { header, body, payload } = partsOf(tree);
  const same: MutationVerdict = { kind: 'as-template' };
  const fault = (key: ErrorKey): MutationVerdict => ({ kind: 'fault', key });
  switch (m.kind) {
    case 'comment': {
      const target = pick(elementsOf(tree), m.target);
      if (!target) return null;
      insertAt(target.el, m.at, { kind: 'raw', value: `<!--${m.text}-->` });
      return { tree, verdict: same };
    }
    case 'whitespace': {
      const target = pick(
        elementsOf(tree).filter(({ el }) => holdsElements(el)),
        m.target,
      );
      if (!target) return null;
      insertAt(target.el, m.at, { kind: 'text', value: m.text });
      return { tree, verdict: same };
    }
    case 'reencode': {
      const target = pick(
        elementsOf(tree).filter(({ el }) => isLeaf(el)),
        m.target,
      );
      if (!target) return null;
      const value = target.el.children.map((c) => (c.kind === 'text' ? c.value : '')).join('');
      target.el.children = reencoded(value, m.cuts, m.styles);
      return { tree, verdict: same };
    }
    case 'foreign-header': {
      if (!header) return null;
      insertAt(header, m.at, {
        kind: 'el',
        ns: FOREIGN_NS,
        name: 'Trace',
        attrs: [],
        children: [{ kind: 'text', value: m.text }],
      });
      return { tree, verdict: same };
    }
    case 'processing-instruction': {
      const target = pick(elementsOf(tree), m.target);
      if (!target) return null;
      insertAt(target.el, m.at, { kind: 'raw', value: `<?${m.name} ${m.data}?>` });
      return { tree, verdict: fault('REQ-XML') };
    }
    case 'stray-text': {
      const part = pick([tree, ...(header ? [header] : []), body], m.part) as XEl;
      insertAt(
        part,
        m.at,
        m.cdata ? { kind: 'raw', value: `<![CDATA[${m.text}]]>` } : { kind: 'text', value: m.text },
      );
      return { tree, verdict: fault('REQ-XML') };
    }
    case 'second-body':
      tree.children.push(clone(body));
      return { tree, verdict: fault('REQ-XML') };
    case 'second-payload':
      body.children.push(clone(payload));
      return { tree, verdict: fault('REQ-XML') };
    case 'envelope-namespace':
      tree.ns = m.ns;
      return { tree, verdict: fault('REQ-XML') };
    case 'drop-payload':
      body.children = body.children.filter((c) => c !== payload);
      return { tree, verdict: fault('REQ-OP') };
    case 'rename-payload':
      if (operations.some((op) => `${op}Request` === m.name)) return null;
      payload.name = m.name;
      return { tree, verdict: fault('REQ-OP') };
    case 'payload-namespace':
      if (m.ns === payload.ns) return null;
      payload.ns = m.ns;
      return { tree, verdict: fault('REQ-OP') };
    case 'header': {
      const block =
        header && childElements(header).find((h) => h.name === m.which && h.ns === HEADER_NS[m.which]);
      if (!header || !block) return null;
      const faults = HEADER_FAULTS[m.which];
      if (m.how === 'drop') header.children = header.children.filter((c) => c !== block);
      if (m.how === 'duplicate') header.children.push(clone(block));
      // RULES.md, SEC-RUM-PRESENT: a header with the right local name in a foreign namespace is not the header.
      if (m.how === 'foreign-namespace') block.ns = FOREIGN_NS;
      return { tree, verdict: fault(m.how === 'duplicate' ? faults.invalid : faults.missing) };
    }
    case 'drop-header':
      if (!header) return null;
      tree.children = tree.children.filter((c) => c !== header);
      return { tree, verdict: fault('SEC-AO-MISSING') };
    case 'payload':
      return changePayload(payload, m.change) ? { tree, verdict: { kind: 'schema' } } : null;
  }
};

/** Applies a change inside the payload (the payload element itself only gets attributes and children). */
const changePayload = (payload: XEl, c: PayloadChange): boolean => {
  const inside = elementsOf(payload).slice(1);
  switch (c.kind) {
    case 'attribute': {
      const target = pick(elementsOf(payload), c.target) as { el: XEl };
      target.el.attrs.push([c.name, c.value]);
      return true;
    }
    case 'foreign-element': {
      const target = pick(
        elementsOf(payload).filter(({ el }) => !isLeaf(el)),
        c.target,
      ) as { el: XEl };
      insertAt(target.el, c.at, { kind: 'el', ns: FOREIGN_NS, name: 'x', attrs: [], children: [] });
      return true;
    }
    case 'value': {
      const target = pick(
        inside.filter(({ el }) => isLeaf(el)),
        c.target,
      );
      if (!target) return false;
      target.el.children = [{ kind: 'text', value: c.value }];
      return true;
    }
    default: {
      const target = pick(inside, c.target);
      if (!target?.parent) return false;
      const siblings = target.parent.children;
      const index = siblings.indexOf(target.el);
      if (c.kind === 'drop') siblings.splice(index, 1);
      if (c.kind === 'duplicate') siblings.splice(index + 1, 0, clone(target.el));
      if (c.kind === 'rename') target.el.name = c.name;
      if (c.kind === 'namespace') target.el.ns = c.ns;
      if (c.kind === 'swap') {
        const next = siblings.findIndex((s, i) => i > index && s.kind === 'el');
        if (next < 0) return false;
        [siblings[index], siblings[next]] = [siblings[next] as XNode, target.el];
      }
      return true;
    }
  }
};

const KNOWN_NAMES = [
  'Envelope',
  'Header',
  'Body',
  'ActiveOrganisationHeader',
  'RequestUserMetadataHeader',
  'OrganisationTypeIdentifier',
  'OrganisationCode',
  'CreateBookingRequest',
  'UpdateBookingRequest',
  'GetBookingsRequest',
  'Booking',
  'BookingIdentifier',
  'PersonCivilRegistrationIdentifier',
  'CodeListItemIdentifier',
  'SelfBooked',
  'Identifier',
];
const KNOWN_NAMESPACES = [...Object.values(NS), SOAP12_ENV_NS, FOREIGN_NS, ''];
const ODD_VALUES = [
  '',
  ' ',
  '0101575001',
  '0202575002',
  '3102575001',
  '-1',
  '99999999999999999999',
  '1e309',
  'NaN',
  'true',
  '2026-02-30T25:61:00Z',
  '9999-12-31T23:59:59.999999999+14:00',
  'b0000000-0000-4000-8000-000000000001',
  "'; DROP TABLE bookings; --",
  '\u00e6\u00f8\u00e5 \u{1F600}',
  '\uFFFE',
  '\u0001',
  ']]>',
  'x'.repeat(100_000),
];

const textValue = fc.oneof(
  fc.constantFrom(...ODD_VALUES),
  fc.string({ unit: 'binary', maxLength: 24 }),
  fc.string({ unit: 'grapheme-ascii', maxLength: 24 }),
  fc.integer().map(String),
);
const elementName = fc.oneof(fc.constantFrom(...KNOWN_NAMES), fc.stringMatching(/^[A-Za-z_][\w.-]{0,12}$/));
/** Comment text: anything but "--", and not ending in "-" (XML 1.0, section 2.5). */
const commentText = fc
  .string({ unit: 'grapheme', maxLength: 16 })
  .map((s) => s.replace(/-+/g, '-').replace(/-$/, ''));
/** Character data that is not whitespace, with no "]]>" (it may be wrapped in CDATA). */
const strayText = fc
  .string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 12 })
  .map((s) => s.replace(/]]>/g, ''))
  .filter((s) => s.trim() !== '');

const payloadChange: fc.Arbitrary<PayloadChange> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({ kind: fc.constant('value' as const), target: fc.nat(), value: textValue }),
  },
  fc.record({ kind: fc.constant('drop' as const), target: fc.nat() }),
  fc.record({ kind: fc.constant('duplicate' as const), target: fc.nat() }),
  fc.record({ kind: fc.constant('swap' as const), target: fc.nat() }),
  fc.record({ kind: fc.constant('rename' as const), target: fc.nat(), name: elementName }),
  fc.record({
    kind: fc.constant('namespace' as const),
    target: fc.nat(),
    ns: fc.constantFrom(...KNOWN_NAMESPACES),
  }),
  fc.record({
    kind: fc.constant('attribute' as const),
    target: fc.nat(),
    name: fc.constantFrom('a', 'id', 'xml:lang', 'xmlns:p'),
    value: fc.string({ unit: 'grapheme-ascii', maxLength: 12 }),
  }),
  fc.record({ kind: fc.constant('foreign-element' as const), target: fc.nat(), at: fc.nat() }),
);

export const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('comment' as const), target: fc.nat(), at: fc.nat(), text: commentText }),
  fc.record({
    kind: fc.constant('whitespace' as const),
    target: fc.nat(),
    at: fc.nat(),
    text: fc.constantFrom(' ', '\n', '\t', '\r\n  ', '   \n\t '),
  }),
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('reencode' as const),
      target: fc.nat(),
      cuts: fc.array(fc.nat(), { maxLength: 4 }),
      styles: fc.array(fc.constantFrom<TextStyle>('text', 'cdata', 'charref', 'comment'), {
        minLength: 1,
        maxLength: 5,
      }),
    }),
  },
  fc.record({
    kind: fc.constant('foreign-header' as const),
    at: fc.nat(),
    text: fc.string({ unit: 'grapheme', maxLength: 24 }),
  }),
  fc.record({
    kind: fc.constant('processing-instruction' as const),
    target: fc.nat(),
    at: fc.nat(),
    name: fc.stringMatching(/^[A-Za-z_][\w.-]{0,8}$/),
    data: fc.string({ unit: 'grapheme-ascii', maxLength: 12 }).map((s) => s.replace(/\?>/g, '')),
  }),
  fc.record({
    kind: fc.constant('stray-text' as const),
    part: fc.nat(),
    at: fc.nat(),
    text: strayText,
    cdata: fc.boolean(),
  }),
  fc.constant({ kind: 'second-body' as const }),
  fc.constant({ kind: 'second-payload' as const }),
  fc.record({
    kind: fc.constant('envelope-namespace' as const),
    ns: fc.constantFrom(SOAP12_ENV_NS, FOREIGN_NS, NS.bk, ''),
  }),
  fc.constant({ kind: 'drop-payload' as const }),
  fc.record({ kind: fc.constant('rename-payload' as const), name: elementName }),
  fc.record({ kind: fc.constant('payload-namespace' as const), ns: fc.constantFrom(...KNOWN_NAMESPACES) }),
  fc.record({
    kind: fc.constant('header' as const),
    which: fc.constantFrom<HeaderName>('ActiveOrganisationHeader', 'RequestUserMetadataHeader'),
    how: fc.constantFrom('drop' as const, 'duplicate' as const, 'foreign-namespace' as const),
  }),
  fc.constant({ kind: 'drop-header' as const }),
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('payload' as const), change: payloadChange }) },
);
