import { pass, refuse, type Check } from './check';
import { allElements, describeElement } from './dom-elements';
import type { SignedMessageParts } from './security-header';

/** The attribute names xml-crypto resolves a Reference by (in any namespace, wsu:Id among them). */
const ID_ATTRIBUTES: ReadonlySet<string> = new Set(['Id', 'ID', 'id']);

/**
 * Every Id in the document, each of which must be unique: with two elements of one Id, which one
 * was signed and which one is read would be up to whoever looks first (signature wrapping).
 */
export const indexIds = (root: Element): Check<ReadonlyMap<string, Element>> => {
  const ids = new Map<string, Element>();
  for (const el of allElements(root)) {
    for (let i = 0; i < el.attributes.length; i++) {
      const attribute = el.attributes.item(i);
      if (!attribute || !ID_ATTRIBUTES.has(attribute.localName ?? attribute.name)) continue;
      const seen = ids.get(attribute.value);
      if (seen && seen !== el)
        return refuse(
          `the Id "${attribute.value}" occurs more than once (${pathOf(seen)} and ${pathOf(el)})`,
        );
      ids.set(attribute.value, el);
    }
  }
  return pass(ids);
};

/**
 * After the signature verified: each element the emulator will process must be one of the signed
 * elements itself (the same node, at its place), not an element with the same Id or the same name
 * elsewhere. Returns what was covered, for the journal.
 */
export const checkSignatureCoverage = (
  parts: SignedMessageParts,
  referenceIds: readonly string[],
  ids: ReadonlyMap<string, Element>,
): Check<string[]> => {
  const signed = new Set<Element>();
  for (const id of referenceIds) {
    const el = ids.get(id);
    if (!el) return refuse(`the signature references #${id}, which names no element`);
    signed.add(el);
  }
  const required: Array<[Element, string]> = [
    [parts.body, "the soap:Body (the Envelope's child)"],
    ...parts.dfdgHeaders.map((h): [Element, string] => [
      h,
      `the header ${h.localName} (a child of soap:Header)`,
    ]),
    [parts.timestamp, 'the wsu:Timestamp (a child of wsse:Security)'],
  ];
  for (const [el, what] of required) {
    if (signed.has(el)) continue;
    const lookalike = [...signed].find(
      (s) => s.namespaceURI === el.namespaceURI && s.localName === el.localName,
    );
    return refuse(
      `the signature does not cover ${what}` +
        (lookalike ? `; a signed ${describeElement(lookalike)} sits at ${pathOf(lookalike)} instead` : ''),
    );
  }
  return pass(required.map(([el]) => el.localName));
};

/** Where an element sits, by local names, for the fault's explanation. */
const pathOf = (el: Element): string => {
  const names: string[] = [];
  for (let n: Node | null = el; n && n.nodeType === 1; n = n.parentNode)
    names.unshift((n as Element).localName);
  return `/${names.join('/')}`;
};
