import { html } from '../../../src/admin/dashboard/html';
import { prettyXml } from '../../../src/admin/dashboard/xml-pretty';

/** What the pretty-printed XML reads as, once its markup is taken away and entities read back. */
const textOf = (markup: string): string =>
  markup
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');

it('When XML is pretty-printed, then each element gets its own indented line and text-only ones stay whole', () => {
  const out = textOf(prettyXml('<?xml version="1.0"?><a x="1"><b>text</b><c/><d><e>1</e></d></a>').value);
  expect(out.split('\n')).toEqual([
    '<?xml version="1.0"?>',
    '<a x="1">',
    '  <b>text</b>',
    '  <c/>',
    '  <d>',
    '    <e>1</e>',
    '  </d>',
    '</a>',
  ]);
});

it('When the XML holds markup in text, attributes or comments, then none of it reaches the page unescaped', () => {
  const hostile =
    '<a t="&quot;><script>x</script>" u=\'<img src=x onerror=alert(1)>\'>&lt;script&gt;alert(1)&lt;/script&gt;' +
    '<!-- <script>alert(2)</script> --><![CDATA[<script>alert(3)</script>]]></a>';
  const out = prettyXml(hostile).value;
  expect(out).not.toMatch(/<(script|img)/i);
  expect(out.replace(/<\/?span[^>]*>/g, '')).not.toMatch(/[<>]/);
});

it('When the XML is malformed or cut, then it is still shown, in full, without an exception', () => {
  for (const broken of ['<a><b>unclosed', '<a attr="no end>text', 'just text', '<', '</a></b>', '<!-- cut']) {
    expect(textOf(prettyXml(broken).value).replace(/\s/g, '')).toBe(broken.replace(/\s/g, ''));
  }
});

it('When an attribute value holds ">" then the tag is still read as one tag', () => {
  expect(textOf(prettyXml('<a x="1>2"><b/></a>').value)).toBe('<a x="1>2">\n  <b/>\n</a>');
});

it('When hostile input repeats unterminated or deeply nested tags, then every character still shows and the output grows linearly', () => {
  const withoutSpace = (text: string): string => text.replace(/\s+/g, '');
  const unterminated = '<a "'.repeat(50_000) + ' x'.repeat(50_000);
  expect(withoutSpace(textOf(prettyXml(unterminated).value))).toBe(withoutSpace(unterminated));

  const nested = '<a>'.repeat(50_000);
  const lines = prettyXml(nested).value.split('\n');
  expect(withoutSpace(textOf(lines.join('\n')))).toBe(nested);
  expect(lines).toHaveLength(50_000);
  // Indentation stops deepening at 40 levels, so each line stays short and the whole stays linear in
  // the input (50,000 lines indented by depth would be 2.5 billion spaces).
  const indents = lines.map((line) => /^ */.exec(line)?.[0].length ?? 0);
  expect(Math.max(...indents)).toBe(80);
  expect(Math.max(...lines.map((line) => line.length))).toBeLessThan(200);
});

it('When values are interpolated into html``, then they are escaped unless already safe', () => {
  expect(html`<p title="${'"x"'}">${'<b>'}${html`<i>ok</i>`}${['&', 1]}</p>`.value).toBe(
    '<p title="&quot;x&quot;">&lt;b&gt;<i>ok</i>&amp;1</p>',
  );
});

it('When a tag is long, then its attributes after the first go on lines of their own', () => {
  const ns = (p: string) => ` xmlns:${p}="http://service.bm.dk/${p}/2015/01/21/Structure/"`;
  const out = textOf(prettyXml(`<e><h${ns('a')}${ns('b')}${ns('c')}/></e>`).value);
  expect(out.split('\n')).toEqual([
    '<e>',
    '  <h xmlns:a="http://service.bm.dk/a/2015/01/21/Structure/"',
    '      xmlns:b="http://service.bm.dk/b/2015/01/21/Structure/"',
    '      xmlns:c="http://service.bm.dk/c/2015/01/21/Structure/"/>',
    '</e>',
  ]);
});
