/**
 * A plain, immutable copy of a parsed XML element: what the rest of the emulator reads after the
 * libxml2 document (WebAssembly memory) has been released. Names are namespace + local name.
 */
export interface XmlEl {
  readonly ns: string;
  readonly name: string;
  readonly children: readonly XmlEl[];
  /** The element's text (text and CDATA, comments excluded), as sent. */
  readonly text: string;
  readonly line: number;
}

export const childrenNamed = (el: XmlEl, ns: string, name: string): XmlEl[] =>
  el.children.filter((c) => c.ns === ns && c.name === name);

export const childNamed = (el: XmlEl, ns: string, name: string): XmlEl | undefined =>
  el.children.find((c) => c.ns === ns && c.name === name);

export const qname = (el: { ns: string; name: string }): string => `{${el.ns}}${el.name}`;
