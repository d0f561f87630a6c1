/**
 * Valid requests as small XML trees, and the mutations the fuzzer applies to them: values, names,
 * namespaces, dropped/duplicated/swapped elements, inserted comments, CDATA, processing instructions
 * and foreign elements, extra attributes. Serialised with a default-namespace declaration on every
 * element, so any namespace change is expressed without prefixes.
 */
import * as fc from 'fast-check';
import { loadLibxml, type LibxmlElement } from '../../../src/soap/libxml';
import { NS } from '../../helpers/envelope';

export type XNode =
  | { kind: 'el'; ns: string; name: string; attrs: [string, string][]; children: XNode[] }
  | { kind: 'text'; value: string }
  | { kind: 'raw'; value: string };
type XEl = Extract<XNode, { kind: 'el' }>;

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

const clone = (n: XNode): XNode =>
  n.kind === 'el'
    ? { ...n, attrs: n.attrs.map(([k, v]) => [k, v]), children: n.children.map(clone) }
    : { ...n };

interface Located {
  readonly el: XEl;
  readonly parent: XEl | null;
}
const elements = (root: XEl): Located[] => {
  const out: Located[] = [];
  const walk = (el: XEl, parent: XEl | null): void => {
    out.push({ el, parent });
    for (const c of el.children) if (c.kind === 'el') walk(c, el);
  };
  walk(root, null);
  return out;
};

export type Mutation =
  | { kind: 'text'; target: number; value: string }
  | { kind: 'rename'; target: number; name: string }
  | { kind: 'namespace'; target: number; ns: string }
  | { kind: 'drop'; target: number }
  | { kind: 'duplicate'; target: number }
  | { kind: 'swap'; target: number }
  | { kind: 'insert'; target: number; at: number; raw: string }
  | { kind: 'attribute'; target: number; name: string; value: string };

/** Applies the mutation to a copy of the tree (targets are taken modulo the element count). */
export const mutate = (root: XEl, m: Mutation): XEl => {
  const copy = clone(root) as XEl;
  const all = elements(copy);
  const { el, parent } = all[m.target % all.length] as Located;
  const siblings = parent?.children ?? [];
  const index = siblings.indexOf(el);
  switch (m.kind) {
    case 'text':
      if (el.children.every((c) => c.kind !== 'el')) el.children = [{ kind: 'text', value: m.value }];
      break;
    case 'rename':
      el.name = m.name;
      break;
    case 'namespace':
      el.ns = m.ns;
      break;
    case 'drop':
      if (parent) siblings.splice(index, 1);
      break;
    case 'duplicate':
      if (parent) siblings.splice(index + 1, 0, clone(el));
      break;
    case 'swap': {
      const next = siblings.findIndex((c, i) => i > index && c.kind === 'el');
      if (parent && next > 0) [siblings[index], siblings[next]] = [siblings[next] as XNode, el];
      break;
    }
    case 'insert':
      el.children.splice(m.at % (el.children.length + 1), 0, { kind: 'raw', value: m.raw });
      break;
    case 'attribute':
      el.attrs.push([m.name, m.value]);
      break;
  }
  return copy;
};

const KNOWN_NAMES = [
  'Envelope',
  'Header',
  'Body',
  'Fault',
  'ActiveOrganisationHeader',
  'RequestUserMetadataHeader',
  'OrganisationTypeIdentifier',
  'OrganisationCode',
  'CreateBookingRequest',
  'UpdateBookingRequest',
  'DeleteBookingRequest',
  'GetBookingsRequest',
  'Booking',
  'BookingIdentifier',
  'PersonCivilRegistrationIdentifier',
  'CodeListItemIdentifier',
  'SelfBooked',
  'Identifier',
];
const KNOWN_NAMESPACES = [
  ...Object.values(NS),
  'http://www.w3.org/2003/05/soap-envelope',
  'urn:example:fuzz',
  '',
];
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
const rawNode = fc.oneof(
  fc.constantFrom(
    '<!-- fuzz -->',
    '<![CDATA[fuzz]]>',
    '<?fuzz pi?>',
    '<f:x xmlns:f="urn:example:fuzz"/>',
    ' \n\t',
  ),
  fc.string({ unit: 'grapheme-ascii', maxLength: 8 }).map((s) => `<![CDATA[${s.replace(/]]>/g, '')}]]>`),
);

export const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('text' as const), target: fc.nat(), value: textValue }),
  fc.record({ kind: fc.constant('rename' as const), target: fc.nat(), name: elementName }),
  fc.record({
    kind: fc.constant('namespace' as const),
    target: fc.nat(),
    ns: fc.constantFrom(...KNOWN_NAMESPACES),
  }),
  fc.record({ kind: fc.constant('drop' as const), target: fc.nat() }),
  fc.record({ kind: fc.constant('duplicate' as const), target: fc.nat() }),
  fc.record({ kind: fc.constant('swap' as const), target: fc.nat() }),
  fc.record({ kind: fc.constant('insert' as const), target: fc.nat(), at: fc.nat(), raw: rawNode }),
  fc.record({
    kind: fc.constant('attribute' as const),
    target: fc.nat(),
    name: fc.constantFrom('a', 'xml:lang', 'soap:mustUnderstand', 'xmlns:p', 'id'),
    value: fc.string({ unit: 'grapheme-ascii', maxLength: 12 }),
  }),
);
