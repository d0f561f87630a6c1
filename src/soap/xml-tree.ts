import type { Libxml, LibxmlElement, LibxmlNode } from './libxml';

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

/**
 * Copies libxml2 elements into XmlEl trees in the one walk the envelope parser makes over a request,
 * reading each node once (every libxml2-wasm getter reads WebAssembly memory, and a wrapper object is
 * made per node visited), and notes on the way what REQ-XML refuses anywhere in a document: nesting
 * deeper than the limit, and processing instructions.
 */
export class TreeCopier {
  /** An element sits deeper than maxDepth (the root is at depth 1). */
  tooDeep = false;
  private readonly Element: Libxml['XmlElement'];
  private readonly Text: Libxml['XmlText'];
  private readonly CData: Libxml['XmlCData'];
  private readonly TreeNode: Libxml['XmlTreeNode'];

  constructor(
    libxml: Libxml,
    private readonly maxDepth: number,
  ) {
    this.Element = libxml.XmlElement;
    this.Text = libxml.XmlText;
    this.CData = libxml.XmlCData;
    this.TreeNode = libxml.XmlTreeNode;
  }

  /** Notes an element met at this depth. */
  enter(depth: number): void {
    if (depth > this.maxDepth) this.tooDeep = true;
  }

  /**
   * libxml2-wasm 0.7.2 types every child and sibling as a tree node, but hands out a processing
   * instruction as a bare node without `next` or `prev`, which silently ends a walk over siblings.
   * With no DTD (refused before parsing), a PI is the only such node a parsed document can hold.
   */
  isProcessingInstruction(node: LibxmlNode): boolean {
    return !(node instanceof this.TreeNode);
  }

  /**
   * Whether the node is character data (text or CDATA; comments are not), and so part of an
   * element's text, or of the stray text SOAP forbids directly inside the Envelope, Header and Body.
   */
  isCharacterData(node: LibxmlNode): boolean {
    return node instanceof this.Text || node instanceof this.CData;
  }

  isElement(node: LibxmlNode): node is LibxmlElement {
    return node instanceof this.Element;
  }

  /**
   * The copy of `el`, met at `depth`, whose name the caller may have read already; null when a
   * processing instruction sits anywhere in it.
   */
  copy(
    el: LibxmlElement,
    depth: number,
    ns: string = el.namespaceUri,
    name: string = el.name,
    line: number = el.line,
  ): XmlEl | null {
    if (depth > this.maxDepth) {
      // Refused for its depth once REQ-OP has passed: only a PI, refused before that, is still worth
      // looking for, and nothing is copied.
      return this.scan(el, depth) ? { ns, name, children: [], text: '', line } : null;
    }
    const children: XmlEl[] = [];
    let text = '';
    for (let c = el.firstChild; c; c = c.next) {
      if (this.isElement(c)) {
        const child = this.copy(c, depth + 1);
        if (!child) return null;
        children.push(child);
      } else if (this.isCharacterData(c)) text += c.content;
      else if (this.isProcessingInstruction(c)) return null;
    }
    return { ns, name, children, text, line };
  }

  /**
   * Walks `el`'s subtree, met at `depth`, without copying it (a header block of which only the name
   * matters, a subtree already too deep): false on a processing instruction. The recursion is bounded
   * by libxml2 itself, which refuses documents nested deeper than 256 (no XML_PARSE_HUGE).
   */
  scan(el: LibxmlElement, depth: number): boolean {
    this.enter(depth);
    for (let c = el.firstChild; c; c = c.next) {
      if (this.isElement(c)) {
        if (!this.scan(c, depth + 1)) return false;
      } else if (this.isProcessingInstruction(c)) return false;
    }
    return true;
  }
}
