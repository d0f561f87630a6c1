/** Small, namespace-exact readers of an xmldom tree (a name in another namespace is another name). */
const ELEMENT_NODE = 1;

export const childElements = (parent: Node): Element[] => {
  const out: Element[] = [];
  for (let c = parent.firstChild; c; c = c.nextSibling)
    if (c.nodeType === ELEMENT_NODE) out.push(c as Element);
  return out;
};

export const isNamed = (el: Element, ns: string, localName: string): boolean =>
  el.namespaceURI === ns && el.localName === localName;

export const childrenNamed = (parent: Node, ns: string, localName: string): Element[] =>
  childElements(parent).filter((c) => isNamed(c, ns, localName));

/** Every element of the document, in document order, without recursion (depth is attacker-chosen). */
export const allElements = (root: Element): Element[] => {
  const out: Element[] = [];
  const stack: Element[] = [root];
  while (stack.length > 0) {
    const el = stack.pop() as Element;
    out.push(el);
    const children = childElements(el);
    // One push per child: spreading a wide element's children would overflow the call stack.
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i] as Element);
  }
  return out;
};

export const describeElement = (el: Element): string => `{${el.namespaceURI ?? ''}}${el.localName}`;
