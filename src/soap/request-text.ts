import { MAX_XML_MARKUP, markupOver } from './markup-count';

type Refusal = { ok: false; detail: string; /** refused for its size, not its form */ tooLarge?: true };

export type RequestText = { ok: true; text: string } | Refusal;

/** The request's bytes as a parser should read them: checked as readRequestText checks its text. */
export type RequestBytes = { ok: true; bytes: Buffer } | Refusal;

const utf8 = new TextDecoder('utf-8', { fatal: true });
const XML_DECL_ENCODING = /^\s*<\?xml[^>]*\bencoding\s*=\s*["']([^"']+)["']/;
const BOM = '\uFEFF';
const BOM_BYTES = 3;

/**
 * What REQ-XML asks of a request before any parser sees it, shared by the envelope parser and the
 * WS-Security parser so both read exactly the same text: UTF-8 only, no DTD or entity declaration,
 * no NUL (UTF-16 sent as UTF-8), not empty, and bounded markup. The text comes without its BOM.
 */
export const readRequestText = (raw: Buffer): RequestText => {
  const checked = checkRequest(raw);
  return checked.ok ? { ok: true, text: withoutBom(checked.decoded) } : checked;
};

/**
 * The same checks, for a parser that reads bytes (libxml2): the bytes of readRequestText's text,
 * without a second copy of the body. Valid UTF-8 decodes and encodes back to the same bytes, so what
 * is left after the BOMs (the decoder's and withoutBom's) is exactly that text in UTF-8.
 */
export const readRequestBytes = (raw: Buffer): RequestBytes => {
  const checked = checkRequest(raw);
  if (!checked.ok) return checked;
  const decoderBom = raw[0] === 0xef && raw[1] === 0xbb && raw[2] === 0xbf ? BOM_BYTES : 0;
  const secondBom = checked.decoded.startsWith(BOM) ? BOM_BYTES : 0;
  return { ok: true, bytes: raw.subarray(decoderBom + secondBom) };
};

/** The checks, on the decoded text (the decoder drops one leading BOM itself). */
const checkRequest = (raw: Buffer): { ok: true; decoded: string } | Refusal => {
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
  // Both declarations start with "<!", which a request rarely holds: the native search spares the
  // case-insensitive scan of the whole body.
  if (text.includes('<!') && /<!DOCTYPE|<!ENTITY/i.test(text))
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
  return { ok: true, decoded: text };
};

const withoutBom = (text: string): string => (text.startsWith(BOM) ? text.slice(1) : text);
