import { readRequestText } from '../soap/request-text';
import { DOMParser } from '@xmldom/xmldom';
import { pass, refuse, type Check } from './check';
import { childElements } from './dom-elements';

/**
 * Parses a request for signature checking with the same limits REQ-XML sets for the envelope parser
 * (UTF-8, no DTD, bounded depth), and strictly: xmldom would otherwise repair broken markup, and a
 * repaired tree that differs from libxml2's is the kind of gap signature wrapping lives in.
 */
export interface SignedDocument {
  readonly doc: Document;
  /** The text parsed, handed to xml-crypto so it reads exactly what was checked here. */
  readonly text: string;
}

export const parseSignedDocument = (raw: Buffer, maxDepth: number): Check<SignedDocument> => {
  // The same pre-parse checks as the envelope parser; the markup bound matters most here, as the
  // signature is checked before the caller is known and xmldom's tree is costly.
  const request = readRequestText(raw);
  if (!request.ok) return refuse(request.tooLarge ? `${request.detail}, too many to verify` : request.detail);
  const xml = request.text;

  const problems: string[] = [];
  let doc: Document | undefined;
  try {
    doc = new DOMParser({
      errorHandler: (_level: string, message: unknown) => problems.push(firstLine(message)),
    }).parseFromString(xml, 'text/xml');
  } catch (error) {
    problems.push(firstLine(error instanceof Error ? error.message : error));
  }
  if (problems.length > 0 || !doc?.documentElement)
    return refuse(`the request is not well-formed XML (${problems[0] ?? 'no root element'})`);
  if (depthOf(doc.documentElement) > maxDepth)
    return refuse(`the XML is nested deeper than ${maxDepth} levels`);
  return pass({ doc, text: xml });
};

/** xmldom's messages carry a tag and a position on further lines; the first line says what is wrong. */
const firstLine = (message: unknown): string =>
  (String(message).split('\n')[0] ?? '').replace(/\[xmldom \w+\]\s*/, '').trim();

/** Iterative, so a hostile nesting cannot exhaust the stack before the limit is applied. */
const depthOf = (root: Element): number => {
  let deepest = 0;
  const stack: Array<[Element, number]> = [[root, 1]];
  while (stack.length > 0) {
    const [el, depth] = stack.pop() as [Element, number];
    deepest = Math.max(deepest, depth);
    for (const child of childElements(el)) stack.push([child, depth + 1]);
  }
  return deepest;
};
