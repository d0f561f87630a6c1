/**
 * The pre-parse checks of REQ-XML (request-text.ts, markup-count.ts): the envelope parser reads the
 * checked bytes, the WS-Security parser the checked text, and both must read the same document.
 */
import { MAX_XML_MARKUP, markupOver } from '../../../src/soap/markup-count';
import { readRequestBytes, readRequestText } from '../../../src/soap/request-text';

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);
const xml = '<?xml version="1.0" encoding="utf-8"?><a x="1">blåbær 😀</a>';

describe('readRequestBytes and readRequestText', () => {
  it.each([0, 1, 2, 3])('When %i byte-order marks lead, then the bytes are the UTF-8 of the text', (boms) => {
    const raw = Buffer.concat([...Array<Buffer>(boms).fill(BOM), Buffer.from(xml)]);
    const text = readRequestText(raw);
    const bytes = readRequestBytes(raw);
    if (!text.ok || !bytes.ok) throw new Error('expected both to accept');
    expect(bytes.bytes.equals(Buffer.from(text.text))).toBe(true);
    expect(text.text.startsWith('\uFEFF')).toBe(boms === 3);
  });

  it.each<[string, Buffer, string]>([
    ['invalid UTF-8', Buffer.from([0x3c, 0x61, 0xc0, 0xaf, 0x2f, 0x3e]), 'the request is not valid UTF-8'],
    [
      'another encoding',
      Buffer.from(xml.replace('utf-8', 'ISO-8859-1')),
      'encoding ISO-8859-1 is not supported; use UTF-8',
    ],
    ['a DOCTYPE', Buffer.from(`<!doctype a>${xml}`), 'a DOCTYPE or entity declaration is not allowed'],
    ['an ENTITY', Buffer.from(`${xml}<!ENTITY x "y">`), 'a DOCTYPE or entity declaration is not allowed'],
    ['only whitespace', Buffer.from(' \n\u00a0'), 'the request body is empty'],
    ['a NUL', Buffer.from(`${xml}\u0000`), 'the request holds NUL characters: send UTF-8, not UTF-16'],
    [
      'too many elements',
      Buffer.from(`<a>${'<b/>'.repeat(MAX_XML_MARKUP)}</a>`),
      `the request holds more than ${MAX_XML_MARKUP} elements or attributes`,
    ],
  ])('When the request holds %s, then both refuse it alike', (_what, raw, detail) => {
    expect(readRequestBytes(raw)).toEqual(readRequestText(raw));
    expect(readRequestBytes(raw)).toMatchObject({ ok: false, detail });
  });

  it('When a comment holds "<!" but no declaration, then it is accepted', () => {
    expect(readRequestBytes(Buffer.from(`<!-- doc -->${xml}`)).ok).toBe(true);
  });
});

describe('markupOver', () => {
  it('When the text is no longer than the limit, then it cannot be over it', () => {
    expect(markupOver('<a/>'.repeat(2), 8)).toBe(false);
    expect(markupOver('='.repeat(8), 8)).toBe(false);
  });

  it.each<[string, string, number, boolean]>([
    ['start tags over the limit', '<a><b><c><d></d></c></b></a>', 3, true],
    ['start tags at the limit, ends not counted', '<a><b><c></c></b></a>       ', 3, false],
    ['"=" over the limit', '<a x="1" y="2" z="3" w="4"/>', 3, true],
    ['"<!" and "<?" not counted', '<?p?><!--c--><![CDATA[x]]><a/><b/><c/>', 3, false],
    ['a "<" at the very end counted', '<a/><b/><c/>                    <', 3, true],
  ])('When the text holds %s, then %s', (_what, text, limit, over) => {
    expect(markupOver(text, limit)).toBe(over);
  });
});
