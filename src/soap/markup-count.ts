/**
 * A DFDG request has well under a hundred elements and attributes. Anyone may send a body before it
 * is parsed, and a tree of millions of empty elements costs seconds and gigabytes to build, so the
 * markup is counted first, without parsing, and a request far beyond any real one is refused.
 */
export const MAX_XML_MARKUP = 10_000;

/**
 * Whether the text holds more than `limit` start tags or more than `limit` "=" (every attribute has
 * one). Text that happens to hold "<" or "=" only counts towards refusing, never towards accepting.
 */
export const markupOver = (text: string, limit: number = MAX_XML_MARKUP): boolean => {
  let tags = 0;
  let equals = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 61 /* = */ && ++equals > limit) return true;
    if (c === 60 /* < */) {
      const next = text.charCodeAt(i + 1);
      if (next !== 47 /* / */ && next !== 33 /* ! */ && next !== 63 /* ? */ && ++tags > limit) return true;
    }
  }
  return false;
};
