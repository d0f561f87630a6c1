import { escapeHtml, SafeHtml } from './html';

/**
 * Indents raw SOAP XML for reading and marks up tags, attributes and text for colour. It never
 * parses strictly: a journal also keeps malformed and cut requests, and those must still show.
 * Every piece of the input goes through escapeHtml, so the output is safe to put into a page. The
 * patterns stop at the next "<" (never legal inside a tag), so hostile input stays linear in time.
 */
const TOKEN =
  /<!--[\s\S]*?(?:-->|$)|<!\[CDATA\[[\s\S]*?(?:\]\]>|$)|<\?[\s\S]*?(?:\?>|$)|<![^>]*>?|<\/?[A-Za-z_][^\s/<>"']*(?:[^<>"']|"[^<"]*"|'[^<']*')*>|[^<]+|</g;
const ATTRIBUTE = /(\s)([^\s=]+)(\s*=\s*)("[^"]*"|'[^']*')/g;
const INDENT = '  ';
/** Deeper nesting is not indented further: otherwise deep input would make the output quadratic. */
const MAX_INDENT = 40;
const indent = (depth: number): string => INDENT.repeat(Math.min(depth, MAX_INDENT));

type Kind = 'open' | 'close' | 'empty' | 'text' | 'other';

const kindOf = (token: string): Kind => {
  if (!token.startsWith('<') || token === '<') return 'text';
  if (/^<[!?]/.test(token)) return 'other';
  if (token.startsWith('</')) return 'close';
  return token.endsWith('/>') ? 'empty' : 'open';
};

const span = (cls: string, text: string): string => `<span class="${cls}">${escapeHtml(text)}</span>`;

/** A tag longer than this (an envelope with its namespaces) gets one attribute per line. */
const LONG_TAG = 100;

const tagHtml = (token: string, pad = ''): string => {
  const m = /^(<\/?)([^\s/>]+)([\s\S]*?)(\/?>)$/.exec(token);
  if (!m) return span('x-other', token);
  const [, start = '', name = '', rest = '', end = ''] = m;
  const wrap = token.length > LONG_TAG ? `\n${pad}${INDENT}${INDENT}` : null;
  let out = span('x-tag', start + name);
  let last = 0;
  let count = 0;
  for (const a of rest.matchAll(ATTRIBUTE)) {
    const gap = rest.slice(last, a.index) + (a[1] ?? '');
    const lineBreak = wrap !== null && count++ > 0;
    // The sender's own line breaks and indentation between attributes are replaced by ours: kept,
    // they left blank lines between the namespace declarations of a wrapped envelope.
    if (gap.trim() === '') out += lineBreak ? wrap : ' ';
    else out += escapeHtml(gap.slice(0, -1)) + (lineBreak ? wrap : escapeHtml(gap.slice(-1)));
    out += span('x-attr', a[2] ?? '') + escapeHtml(a[3] ?? '') + span('x-value', a[4] ?? '');
    last = a.index + a[0].length;
  }
  const tail = rest.slice(last);
  return out + (tail.trim() === '' ? '' : escapeHtml(tail)) + span('x-tag', end);
};

const tokenHtml = (token: string, kind: Kind, pad: string): string => {
  if (kind === 'text') return span('x-text', token.trim());
  if (kind === 'other') return span('x-other', token);
  return tagHtml(token, pad);
};

/** The XML indented, one element per line; an element holding only text stays on one line. */
export const prettyXml = (xml: string): SafeHtml => {
  const tokens = (xml.match(TOKEN) ?? []).filter((t) => t.trim() !== '');
  const lines: string[] = [];
  let depth = 0;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] ?? '';
    const kind = kindOf(token);
    const pad = indent(depth);
    const text = tokens[i + 1];
    const close = tokens[i + 2];
    if (kind === 'open' && text !== undefined && kindOf(text) === 'text' && close?.startsWith('</')) {
      lines.push(pad + tagHtml(token, pad) + tokenHtml(text, 'text', pad) + tagHtml(close, pad));
      i += 2;
      continue;
    }
    if (kind === 'close') depth = Math.max(0, depth - 1);
    const at = indent(depth);
    lines.push(at + tokenHtml(token, kind, at));
    if (kind === 'open') depth++;
  }
  return new SafeHtml(lines.join('\n'));
};
