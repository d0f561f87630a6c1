import { MAX_XML_MARKUP, markupOver } from '../soap/markup-count';
import { DOMParser } from '@xmldom/xmldom';
import { pass, refuse, type Check } from './check';
import { childElements } from './dom-elements';

const utf8 = new TextDecoder('utf-8', { fatal: true });
const XML_DECL_ENCODING = /^\s*<\?xml[^>]*\bencoding\s*=\s*["']([^"']+)["']/;

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
  let text: string;
  try {
    text = utf8.decode(raw);
  } catch {
    return refuse('the request is not valid UTF-8');
  }
  const declared = XML_DECL_ENCODING.exec(text)?.[1];
  if (declared && !/^utf-?8$/i.test(declared)) return refuse(`encoding ${declared} is not supported`);
  if (/<!DOCTYPE|<!ENTITY/i.test(text)) return refuse('a DOCTYPE or entity declaration is not allowed');
  if (text.trim() === '') return refuse('the request body is empty');

  // The signature is checked before the caller is known, and xmldom's tree is costly.
  if (markupOver(text))
    return refuse(`the request holds more than ${MAX_XML_MARKUP} elements or attributes, too many to verify`);

  const problems: string[] = [];
  const xml = text.replace(/^\uFEFF/, '');
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
