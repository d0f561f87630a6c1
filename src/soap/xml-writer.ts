/**
 * Response bodies are written here rather than by node-soap's serializer, which puts nested elements
 * of imported types into the wrong namespace. Each element names its namespace; the writer declares
 * it as the default namespace wherever it changes, so the output needs no prefixes.
 */
export type XmlContent = string | number | boolean | readonly XmlNode[];

export interface XmlNode {
  readonly ns: string;
  readonly name: string;
  readonly content: XmlContent;
}

export const el = (ns: string, name: string, content: XmlContent): XmlNode => ({ ns, name, content });

/** An optional element: present only when the value is. */
export const optionalEl = (
  ns: string,
  name: string,
  value: string | number | boolean | undefined,
): XmlNode[] => (value === undefined ? [] : [el(ns, name, value)]);

const TEXT_SPECIALS = /[&<>]/;
const escapeText = (s: string): string =>
  TEXT_SPECIALS.test(s) ? s.replace(/[&<>]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : '&gt;')) : s;
const escapeAttr = (s: string): string => escapeText(s).replace(/"/g, '&quot;');

/** The namespaces are the contracts' few constants: each declaration is written once and reused. */
const declarations = new Map<string, string>();
const declarationOf = (ns: string): string => {
  let declaration = declarations.get(ns);
  if (declaration === undefined) {
    declaration = ` xmlns="${escapeAttr(ns)}"`;
    if (declarations.size < 256) declarations.set(ns, declaration);
  }
  return declaration;
};

/** One string built in one pass (responses of a few hundred elements are written per call). */
const write = (node: XmlNode, parentNs: string | undefined, out: string[]): void => {
  out.push(`<${node.name}${node.ns === parentNs ? '' : declarationOf(node.ns)}>`);
  if (typeof node.content === 'object') for (const child of node.content) write(child, node.ns, out);
  else out.push(escapeText(String(node.content)));
  out.push(`</${node.name}>`);
};

export const writeXml = (node: XmlNode, parentNs?: string): string => {
  const out: string[] = [];
  write(node, parentNs, out);
  return out.join('');
};
