import { MAX_XML_MARKUP, markupOver } from './markup-count';

export type RequestText =
  | { ok: true; text: string }
  | { ok: false; detail: string; /** refused for its size, not its form */ tooLarge?: true };

const utf8 = new TextDecoder('utf-8', { fatal: true });
const XML_DECL_ENCODING = /^\s*<\?xml[^>]*\bencoding\s*=\s*["']([^"']+)["']/;

/**
 * What REQ-XML asks of a request before any parser sees it, shared by the envelope parser and the
 * WS-Security parser so both read exactly the same text: UTF-8 only, no DTD or entity declaration,
 * no NUL (UTF-16 sent as UTF-8), not empty, and bounded markup. The text comes without its BOM.
 */
export const readRequestText = (raw: Buffer): RequestText => {
  let text: string;
  try {
    text = utf8.decode(raw);
  } catch {
    return { ok: false, detail: 'the request is not valid UTF-8' };
  }
  const declared = XML_DECL_ENCODING.exec(text)?.[1];
  if (declared && !/^utf-?8$/i.test(declared)) {
    return { ok: false, detail: `encoding ${declared} is not supported; use UTF-8` };
  }
  if (/<!DOCTYPE|<!ENTITY/i.test(text))
    return { ok: false, detail: 'a DOCTYPE or entity declaration is not allowed' };
  if (text.trim() === '') return { ok: false, detail: 'the request body is empty' };
  // XML 1.0 has no NUL character; its presence means UTF-16 (or binary) sent as if it were UTF-8.
  if (text.includes('\u0000'))
    return { ok: false, detail: 'the request holds NUL characters: send UTF-8, not UTF-16' };
  if (markupOver(text)) {
    return {
      ok: false,
      tooLarge: true,
      detail: `the request holds more than ${MAX_XML_MARKUP} elements or attributes`,
    };
  }
  return { ok: true, text: text.replace(/^\uFEFF/, '') };
};
