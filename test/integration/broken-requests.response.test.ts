import type { RunningEmulator } from '../../src/emulator';
import { getBookingsBody, headersOf, ORG } from '../helpers/dfdg-calls';
import { startTestEmulator } from '../helpers/emulator';
import {
  aBooking,
  caseworker,
  createBookingBody,
  envelope,
  NS,
  requestBody,
  serviceNs,
  soapAction,
  type BookingFields,
} from '../helpers/envelope';
import { expectAccepted, expectFault } from '../helpers/fault-assertions';
import { decoded, postXml, type RawResponse } from '../helpers/soap-request';
import type { CertificateName } from '../helpers/test-certificates';

const ANNA = '0101575001';
const jobcenter = ORG.jobcenterAarhus;
const HEADERS = headersOf(jobcenter, caseworker(jobcenter));
const CREATE = soapAction('BookingService', 'CreateBooking');

/** A complete, valid CreateBooking request as text, to be broken by the tests. */
const goodCreateXml = (b: Partial<BookingFields> = {}): string =>
  envelope(createBookingBody(aBooking({ cpr: ANNA, ...b })), HEADERS);

/** The same envelope with its CreateBookingRequest body edited; throws if the edit misses. */
const editedCreateXml = (edit: (xml: string) => string): string => {
  const xml = goodCreateXml();
  const edited = edit(xml);
  if (edited === xml) throw new Error('the edit changed nothing: the test would not test what it says');
  return edited;
};

const post = (
  em: RunningEmulator,
  body: string | Buffer,
  options: { soapAction?: string; contentType?: string; cert?: CertificateName | null; path?: string } = {},
): Promise<RawResponse> =>
  postXml(`${em.soapUrl}${options.path ?? '/BookingService'}`, body, {
    soapAction: options.soapAction ?? CREATE,
    cert: options.cert === undefined ? '8-75100' : options.cert,
    ...(options.contentType ? { contentType: options.contentType } : {}),
  });

const bookingCount = (em: RunningEmulator): number =>
  (em.store.db.prepare('SELECT COUNT(*) AS n FROM bookings').get() as { n: number }).n;

/**
 * Sends a bad request and checks CONTRACT.md's fault for it (HTTP 500, text/xml, soap:Client, 1014,
 * the rule in Source); then that no booking was written, and that the same server still serves a good
 * request (and writes that booking).
 */
const expectRejectedThenStillServing = async (
  em: RunningEmulator,
  send: () => Promise<RawResponse>,
  source: 'REQ-XML' | 'REQ-OP' | 'REQ-SCHEMA',
  good: () => Promise<RawResponse> = () => post(em, goodCreateXml()),
  goodWrites = 1,
): Promise<string> => {
  const before = bookingCount(em);
  const fault = await expectFault(await send(), { code: 1014, source });
  expect(bookingCount(em)).toBe(before);
  expectAccepted(await good());
  expect(bookingCount(em)).toBe(before + goodWrites);
  return fault.innerException;
};

describe('strict schema validation (the default)', () => {
  let emulator: RunningEmulator;
  beforeAll(async () => {
    emulator = await startTestEmulator();
  });
  afterAll(() => emulator.stop());

  const rejects = (send: () => Promise<RawResponse>, source: 'REQ-XML' | 'REQ-OP' | 'REQ-SCHEMA') =>
    expectRejectedThenStillServing(emulator, send, source);

  it('When the request is good, then the booking is created (the control for every test below)', async () => {
    const before = bookingCount(emulator);
    expectAccepted(await post(emulator, goodCreateXml()));
    expect(bookingCount(emulator)).toBe(before + 1);
  });

  // REQ-XML

  it('When the body is not well-formed XML, then 1014 REQ-XML', async () => {
    await rejects(
      () =>
        post(
          emulator,
          editedCreateXml((x) => x.replace('</soap:Body>', '')),
        ),
      'REQ-XML',
    );
  });

  it('When the body is not XML at all, then 1014 REQ-XML', async () => {
    await rejects(
      () => post(emulator, '{"CreateBooking": {}}', { contentType: 'application/json' }),
      'REQ-XML',
    );
  });

  it('When the body has a DOCTYPE with an external entity, then 1014 REQ-XML and the file is not read', async () => {
    const xxe = editedCreateXml((x) =>
      x
        .replace('?>', '?><!DOCTYPE soap:Envelope [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>')
        .replace('<bk:SelfBooked>', '<bk:CaseworkerName>&xxe;</bk:CaseworkerName><bk:SelfBooked>'),
    );
    let body = '';
    await rejects(async () => {
      const res = await post(emulator, xxe);
      body = res.body;
      return res;
    }, 'REQ-XML');
    expect(body).not.toContain('root:');
  });

  it('When the body declares billion-laughs entities, then 1014 REQ-XML', async () => {
    const lol = Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i};`.repeat(10)}">`).join(
      '',
    );
    const bomb = editedCreateXml((x) =>
      x
        .replace('?>', `?><!DOCTYPE soap:Envelope [<!ENTITY lol0 "lol">${lol}]>`)
        .replace('<bk:SelfBooked>', '<bk:CaseworkerName>&lol9;</bk:CaseworkerName><bk:SelfBooked>'),
    );
    await rejects(() => post(emulator, bomb), 'REQ-XML');
  });

  it('When the body holds bytes that are not UTF-8 (Latin-1 "ø"), then 1014 REQ-XML', async () => {
    const [head, tail] = goodCreateXml({ caseworkerName: 'S#ren Hansen' }).split('#') as [string, string];
    const latin1 = Buffer.concat([Buffer.from(head, 'utf8'), Buffer.from([0xf8]), Buffer.from(tail, 'utf8')]);
    await rejects(() => post(emulator, latin1), 'REQ-XML');
  });

  it('When the body declares encoding="ISO-8859-1", then 1014 REQ-XML', async () => {
    const iso = editedCreateXml((x) => x.replace('encoding="utf-8"', 'encoding="ISO-8859-1"'));
    await rejects(() => post(emulator, iso, { contentType: 'text/xml; charset=iso-8859-1' }), 'REQ-XML');
  });

  it('When the Envelope holds two Body elements, then 1014 REQ-XML', async () => {
    const twoBodies = editedCreateXml((x) =>
      x.replace(/(<soap:Body>.*<\/soap:Body>)/, '$1<soap:Body></soap:Body>'),
    );
    await rejects(() => post(emulator, twoBodies), 'REQ-XML');
  });

  it('When the Body holds two operation elements, then 1014 REQ-XML', async () => {
    const twoPayloads = editedCreateXml((x) =>
      x.replace(/<soap:Body>(.*)<\/soap:Body>/, '<soap:Body>$1$1</soap:Body>'),
    );
    await rejects(() => post(emulator, twoPayloads), 'REQ-XML');
  });

  /** A foreign (ignored) header block nested so that the deepest element is at `depth` (Envelope = 1). */
  const nestedTo = (depth: number): string => {
    const levels = depth - 2; // Envelope and Header
    const open = Array.from({ length: levels }, () => '<x:n xmlns:x="urn:example:deep">').join('');
    return editedCreateXml((x) =>
      x.replace('<soap:Header>', `<soap:Header>${open}${'</x:n>'.repeat(levels)}`),
    );
  };

  it('When the XML is nested 65 levels deep, then 1014 REQ-XML', async () => {
    await rejects(() => post(emulator, nestedTo(65)), 'REQ-XML');
  });

  it('When the XML is nested 1000 levels deep, then 1014 REQ-XML', async () => {
    await rejects(() => post(emulator, nestedTo(1000)), 'REQ-XML');
  });

  it('When the XML is nested exactly 64 levels deep, then the request is accepted', async () => {
    const before = bookingCount(emulator);
    expectAccepted(await post(emulator, nestedTo(64)));
    expect(bookingCount(emulator)).toBe(before + 1);
  });

  it('When the request is a SOAP 1.2 envelope, then 1014 REQ-XML', async () => {
    const soap12 = editedCreateXml((x) =>
      x.replace('http://schemas.xmlsoap.org/soap/envelope/', 'http://www.w3.org/2003/05/soap-envelope'),
    );
    await rejects(
      () =>
        post(emulator, soap12, { contentType: `application/soap+xml; charset=utf-8; action="${CREATE}"` }),
      'REQ-XML',
    );
  });

  it('When the request body is empty, then 1014 REQ-XML', async () => {
    await rejects(() => post(emulator, ''), 'REQ-XML');
  });

  it('When the root element is not a SOAP Envelope, then 1014 REQ-XML', async () => {
    await rejects(() => post(emulator, createBookingBody(aBooking({ cpr: ANNA }))), 'REQ-XML');
  });

  // REQ-OP

  it('When the Body names an unknown operation, then 1014 REQ-OP', async () => {
    const unknown = envelope(`<s:FindEverythingRequest xmlns:s="${serviceNs('BookingService')}"/>`, HEADERS);
    await rejects(
      () => post(emulator, unknown, { soapAction: soapAction('BookingService', 'FindEverything') }),
      'REQ-OP',
    );
  });

  it("When the Body names another service's operation (ExternalBookingService CancelBooking at /BookingService), then 1014 REQ-OP", async () => {
    const other = envelope(
      requestBody('ExternalBookingService', 'CancelBooking', {
        BookingIdentifier: 'b0000000-0000-4000-8000-000000000001',
      }),
      HEADERS,
    );
    await rejects(
      () => post(emulator, other, { soapAction: soapAction('ExternalBookingService', 'CancelBooking') }),
      'REQ-OP',
    );
  });

  it("When the Body names an operation of this service's name in another service's namespace, then 1014 REQ-OP", async () => {
    const wsrmGetBookings = envelope(
      `<s:GetBookingsRequest xmlns:s="${serviceNs('BookingWsrmMessageService')}"><s:PersonCivilRegistrationIdentifier>${ANNA}</s:PersonCivilRegistrationIdentifier></s:GetBookingsRequest>`,
      HEADERS,
    );
    await rejects(
      () => post(emulator, wsrmGetBookings, { soapAction: soapAction('BookingService', 'GetBookings') }),
      'REQ-OP',
    );
  });

  it('When the SOAPAction names another operation than the Body, then 1014 REQ-OP', async () => {
    await rejects(
      () => post(emulator, goodCreateXml(), { soapAction: soapAction('BookingService', 'DeleteBooking') }),
      'REQ-OP',
    );
  });

  it("When the SOAPAction names the Body's operation in another service, then 1014 REQ-OP", async () => {
    await rejects(
      () =>
        post(emulator, goodCreateXml(), {
          soapAction: soapAction('ExternalBookingService', 'CreateBooking'),
        }),
      'REQ-OP',
    );
  });

  // REQ-SCHEMA

  it('When a required element is missing (PersonCivilRegistrationIdentifier), then 1014 REQ-SCHEMA naming it and the line', async () => {
    const missing = editedCreateXml((x) =>
      x.replace(/<bk:PersonCivilRegistrationIdentifier>\d+<\/bk:PersonCivilRegistrationIdentifier>/, ''),
    );
    const detail = await rejects(() => post(emulator, missing), 'REQ-SCHEMA');
    expect(detail).toMatch(/PersonCivilRegistrationIdentifier/);
    expect(detail).toMatch(/line \d+/);
  });

  it('When elements come in the wrong order (end before start), then 1014 REQ-SCHEMA', async () => {
    const swapped = editedCreateXml((x) =>
      x.replace(
        /(<bk:BookingStartTime>.*?<\/bk:BookingStartTime>)(<bk:BookingEndTime>.*?<\/bk:BookingEndTime>)/,
        '$2$1',
      ),
    );
    const detail = await rejects(() => post(emulator, swapped), 'REQ-SCHEMA');
    expect(detail).toMatch(/BookingEndTime|BookingStartTime/);
  });

  it('When a dateTime is not a dateTime (2026-13-45T25:00:00), then 1014 REQ-SCHEMA naming the element', async () => {
    const detail = await rejects(
      () => post(emulator, goodCreateXml({ start: '2026-13-45T25:00:00' })),
      'REQ-SCHEMA',
    );
    expect(detail).toMatch(/BookingStartTime/);
  });

  it('When the interview type is "abc", then 1014 REQ-SCHEMA naming the element', async () => {
    const abc = editedCreateXml((x) =>
      x.replace(/<clb:CodeListItemIdentifier>7</, '<clb:CodeListItemIdentifier>abc<'),
    );
    const detail = await rejects(() => post(emulator, abc), 'REQ-SCHEMA');
    expect(detail).toMatch(/CodeListItemIdentifier/);
  });

  it('When the CPR has nine digits, then 1014 REQ-SCHEMA', async () => {
    await rejects(() => post(emulator, goodCreateXml({ cpr: '010157500' })), 'REQ-SCHEMA');
  });

  it('When the Booking holds an unknown extra element, then 1014 REQ-SCHEMA in strict mode', async () => {
    const extra = editedCreateXml((x) =>
      x.replace('</bk:SelfBooked>', '</bk:SelfBooked><bk:FavouriteColour>blue</bk:FavouriteColour>'),
    );
    const detail = await rejects(() => post(emulator, extra), 'REQ-SCHEMA');
    expect(detail).toMatch(/FavouriteColour/);
  });

  it('When an element is not expected, then Message is STAR’s text followed by its line and what is wrong, and InnerException is the whole explanation', async () => {
    // One element a line, so the line in the answer is the line of the request.
    const lines = editedCreateXml((x) =>
      x.replace('</bk:SelfBooked>', '</bk:SelfBooked><bk:Sneaky>x</bk:Sneaky>'),
    ).replace(/></g, '>\n<');
    const line = lines.split('\n').findIndex((l) => l.startsWith('<bk:Sneaky>')) + 1;
    expect(line).toBeGreaterThan(1);
    const fault = await expectFault(await post(emulator, lines), { code: 1014, source: 'REQ-SCHEMA' });
    const wrong = `line ${line}: Element '{${NS.bk}}Sneaky': This element is not expected.`;
    expect(fault.message.startsWith(`The submitted message is not valid: ${wrong}`)).toBe(true);
    expect(fault.message).toMatch(/Expected is one of \( .*BookingAcceptedTime/);
    expect(fault.faultstring).toBe('The submitted message is not valid');
    expect(fault.message).toBe(`The submitted message is not valid: ${decoded(fault.innerException)}`);
  });

  it('When several things are wrong, then Message names the first and points to InnerException for the rest', async () => {
    const twice = editedCreateXml((x) =>
      x
        .replace('</bk:SelfBooked>', '</bk:SelfBooked><bk:Sneaky>x</bk:Sneaky>')
        .replace(/<clb:CodeListItemIdentifier>7</, '<clb:CodeListItemIdentifier>abc<'),
    );
    const fault = await expectFault(await post(emulator, twice), { code: 1014, source: 'REQ-SCHEMA' });
    const errors = decoded(fault.innerException).split('; line ');
    expect(errors.length).toBeGreaterThan(1);
    expect(fault.message).toBe(
      `The submitted message is not valid: ${errors[0] ?? ''} (and more: see InnerException)`,
    );
  });
});

describe('lenient schema validation', () => {
  let lenient: RunningEmulator;
  beforeAll(async () => {
    lenient = await startTestEmulator({ schemaValidation: 'lenient' });
  });
  afterAll(() => lenient.stop());

  it('When the Booking holds an unknown extra element, then the request is accepted and the booking stored', async () => {
    const extra = editedCreateXml((x) =>
      x.replace('</bk:SelfBooked>', '</bk:SelfBooked><bk:FavouriteColour>blue</bk:FavouriteColour>'),
    );
    const before = bookingCount(lenient);
    expectAccepted(await post(lenient, extra));
    expect(bookingCount(lenient)).toBe(before + 1);
  });

  it('When the body has a DOCTYPE, then it is still 1014 REQ-XML (leniency is for the schema only)', async () => {
    const doctype = editedCreateXml((x) => x.replace('?>', '?><!DOCTYPE soap:Envelope>'));
    await expectRejectedThenStillServing(lenient, () => post(lenient, doctype), 'REQ-XML');
  });

  it('When the SOAPAction names another operation than the Body, then it is still 1014 REQ-OP', async () => {
    await expectRejectedThenStillServing(
      lenient,
      () => post(lenient, goodCreateXml(), { soapAction: soapAction('BookingService', 'GetBookings') }),
      'REQ-OP',
    );
  });
});

describe('a body limit of 2048 bytes', () => {
  let small: RunningEmulator;
  beforeAll(async () => {
    small = await startTestEmulator({ maxBodyBytes: 2048 });
  });
  afterAll(() => small.stop());

  /** A GetBookings fits in 2048 bytes (a CreateBooking with both headers does not). */
  const goodSmall = () =>
    post(small, envelope(getBookingsBody(ANNA), HEADERS), {
      soapAction: soapAction('BookingService', 'GetBookings'),
    });
  const oversized = () =>
    editedCreateXml((x) => x.replace('<soap:Body>', `<soap:Body><!-- ${'x'.repeat(8192)} -->`));

  it('When the small GetBookings is sent, then it is accepted (the control)', async () => {
    expectAccepted(await goodSmall());
  });

  it('When the body is larger than the limit, then 1014 REQ-XML and the server still serves', async () => {
    await expectRejectedThenStillServing(small, () => post(small, oversized()), 'REQ-XML', goodSmall, 0);
  });

  it('When the body is far larger than the limit (1 MB), then 1014 REQ-XML and the server still serves', async () => {
    const huge = editedCreateXml((x) =>
      x.replace('<soap:Body>', `<soap:Body><!-- ${'x'.repeat(1 << 20)} -->`),
    );
    await expectRejectedThenStillServing(small, () => post(small, huge), 'REQ-XML', goodSmall, 0);
  });

  it('When a body larger than the limit comes without a certificate, then 1101 SEC-TLS (the certificate is checked first)', async () => {
    await expectFault(await post(small, oversized(), { cert: null }), { code: 1101, source: 'SEC-TLS' });
  });
});
