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

const escapeText = (s: string): string =>
  s.replace(/[&<>]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : '&gt;'));
const escapeAttr = (s: string): string => escapeText(s).replace(/"/g, '&quot;');

export const writeXml = (node: XmlNode, parentNs?: string): string => {
  const xmlns = node.ns === parentNs ? '' : ` xmlns="${escapeAttr(node.ns)}"`;
  const inner =
    typeof node.content === 'object'
      ? node.content.map((c) => writeXml(c, node.ns)).join('')
      : escapeText(String(node.content));
  return `<${node.name}${xmlns}>${inner}</${node.name}>`;
};
