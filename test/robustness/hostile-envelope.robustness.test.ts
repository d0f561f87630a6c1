/**
 * Issue 5, item 1 (part two): hostile encodings and envelope shapes. RULES.md REQ-XML: UTF-8 only,
 * an optional Header and exactly one Body holding one operation; anything else is answered 1014
 * within a bounded time, nothing is written but the audit row, and the server keeps serving.
 * test/integration/broken-requests.response.test.ts has Latin-1, ISO-8859-1 and two Bodies; these
 * go further.
 */
import type { RunningEmulator } from '../../src/emulator';
import { startTestEmulator } from '../helpers/emulator';
import { requestBody, soapAction } from '../helpers/envelope';
import { editedCreateXml, goodCreateXml, harness, type Harness } from './support/refusal-harness';

let emulator: RunningEmulator;
let h: Harness;
beforeAll(async () => {
  emulator = await startTestEmulator();
  h = harness(emulator);
});
afterAll(() => emulator.stop());

const REQ_XML = { code: 1014, source: 'REQ-XML' } as const;

describe('encodings (REQ-XML: UTF-8 only)', () => {
  /** The good request with raw bytes in place of the CaseworkerName text. */
  const withBytes = (bytes: number[]): Buffer => {
    const [head, tail] = goodCreateXml({ caseworkerName: '#' }).split('>#<') as [string, string];
    return Buffer.concat([Buffer.from(`${head}>`), Buffer.from(bytes), Buffer.from(`<${tail}`)]);
  };

  it.each<[string, number[]]>([
    ['an overlong encoding of "/" (C0 AF)', [0xc0, 0xaf]],
    ['a UTF-8-encoded surrogate (ED A0 80)', [0xed, 0xa0, 0x80]],
    ['a lone continuation byte (80)', [0x41, 0x80, 0x42]],
    ['a code point above U+10FFFF (F4 90 80 80)', [0xf4, 0x90, 0x80, 0x80]],
    ['a NUL character (00)', [0x41, 0x00, 0x42]],
  ])('When a field holds %s, then 1014 REQ-XML', async (_what, bytes) => {
    await h.expectRefused(() => h.post(withBytes(bytes)), REQ_XML);
  });

  it('When the body ends in the middle of a multi-byte character, then 1014 REQ-XML', async () => {
    await h.expectRefused(
      () => h.post(Buffer.concat([Buffer.from(goodCreateXml()), Buffer.from([0xe2, 0x82])])),
      REQ_XML,
    );
  });

  it('When the body is UTF-16LE with a byte-order mark, then 1014 REQ-XML', async () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(goodCreateXml(), 'utf16le')]);
    await h.expectRefused(() => h.post(utf16), REQ_XML);
  });

  // Found by this suite: ASCII in UTF-16 without a BOM is valid UTF-8 (every other byte NUL), and
  // libxml2 detects UTF-16 from "<\0?\0" and parses it, so the request passes every check and reaches
  // node-soap, whose own parser fails and answers with its own fault (no FaultDetails, no audit row).
  it.each<['LE' | 'BE']>([['LE'], ['BE']])(
    'When the body is UTF-16%s without a byte-order mark, then 1014 REQ-XML',
    async (order) => {
      const utf16 = Buffer.from(goodCreateXml(), 'utf16le');
      if (order === 'BE') utf16.swap16();
      await h.expectRefused(() => h.post(utf16), REQ_XML);
    },
  );

  it('When a NUL byte and junk follow the Envelope, then 1014 REQ-XML', async () => {
    const xml = Buffer.concat([Buffer.from(goodCreateXml()), Buffer.from([0]), Buffer.from('<junk/>')]);
    await h.expectRefused(() => h.post(xml), REQ_XML);
  });
});

describe('envelope shape (REQ-XML: an optional Header and exactly one Body with one operation)', () => {
  const deleteFixtureBooking = requestBody('BookingService', 'DeleteBooking', {
    BookingIdentifier: 'b0000000-0000-4000-8000-000000000001',
    PersonCivilRegistrationIdentifier: '0505575005',
  });
  const fixtureStatus = (): string | undefined =>
    h.storedBooking('b0000000-0000-4000-8000-000000000001')?.status;

  it('When a second Body smuggles a DeleteBooking, then 1014 REQ-XML and the booking is untouched', async () => {
    const xml = editedCreateXml((x) =>
      x.replace('</soap:Body>', `</soap:Body><soap:Body>${deleteFixtureBooking}</soap:Body>`),
    );
    await h.expectRefused(() => h.post(xml), REQ_XML);
    expect(fixtureStatus()).toBe('Active');
  });

  it.each<[string, string]>([
    ['a comment', '<!-- between -->'],
    ['whitespace', '\n  \t'],
    // Found by this suite: libxml2-wasm 0.7.2's processing-instruction node has no `next`, so the
    // emulator's walk over the Envelope's children stops at a PI and never sees the second Body;
    // node-soap then fails on the document and answers with a SOAP 1.2-shaped "TypeError" fault.
    ['a processing instruction', '<?pi between?>'],
  ])('When two Bodies are separated by %s, then 1014 REQ-XML', async (_what, between) => {
    const xml = editedCreateXml((x) =>
      x.replace('</soap:Body>', `</soap:Body>${between}<soap:Body>${deleteFixtureBooking}</soap:Body>`),
    );
    await h.expectRefused(
      () => h.post(xml, { soapAction: soapAction('BookingService', 'CreateBooking') }),
      REQ_XML,
    );
    expect(fixtureStatus()).toBe('Active');
  });

  // Found by this suite (same cause): a PI between two operation elements hides the second one.
  it('When the Body holds two operations separated by a processing instruction, then 1014 REQ-XML', async () => {
    const xml = editedCreateXml((x) =>
      x.replace('</soap:Body>', `<?pi between?>${deleteFixtureBooking}</soap:Body>`),
    );
    await h.expectRefused(() => h.post(xml), REQ_XML);
    expect(fixtureStatus()).toBe('Active');
  });

  // Found by this suite's fuzzer: character data directly in the Envelope, Header or Body passes the
  // checks (only elements are looked at) and then breaks node-soap's dispatch, which answers HTTP 500
  // with a bare "TypeError: Cannot use 'in' operator ..." text or a SOAP 1.2-shaped "TypeError"
  // fault — no DFDG fault, no audit row.
  it.each<[string, (x: string) => string]>([
    ['the Envelope', (x) => x.replace('<soap:Body>', 'junk<soap:Body>')],
    ['the Header', (x) => x.replace('<soap:Header>', '<soap:Header>junk')],
    ['the Body (before the operation)', (x) => x.replace('<soap:Body>', '<soap:Body>junk')],
    [
      'the Body (after the operation, as CDATA)',
      (x) => x.replace('</soap:Body>', '<![CDATA[junk]]></soap:Body>'),
    ],
  ])('When %s holds character data outside any element, then 1014 REQ-XML', async (_where, edit) => {
    await h.expectRefused(() => h.post(editedCreateXml(edit)), REQ_XML);
  });

  it('When the Envelope holds two Headers, then 1014 REQ-XML', async () => {
    const xml = editedCreateXml((x) => x.replace('<soap:Body>', '<soap:Header></soap:Header><soap:Body>'));
    await h.expectRefused(() => h.post(xml), REQ_XML);
  });

  it('When the Header comes after the Body, then 1014 REQ-XML', async () => {
    const xml = editedCreateXml((x) =>
      x.replace(/(<soap:Header>.*<\/soap:Header>)(<soap:Body>.*<\/soap:Body>)/, '$2$1'),
    );
    await h.expectRefused(() => h.post(xml), REQ_XML);
  });

  it('When a valid request is followed by a second root element, then 1014 REQ-XML', async () => {
    await h.expectRefused(() => h.post(`${goodCreateXml()}<soap:Envelope xmlns:soap="urn:x"/>`), REQ_XML);
  });
});

it('When all of the above is over, then the server still serves (the control)', async () => {
  await h.expectStillServing();
});
