/**
 * parseEnvelope (RULES.md steps 2, REQ-XML and REQ-OP) on the things its single walk over the parsed
 * document must find wherever they are, in the order RULES.md gives: a processing instruction refuses
 * a request before anything else is looked at, the depth limit only once the operation is known.
 */
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../../src/project-root';
import { schemaImportsOf, SERVICE_CONTRACTS, type ServiceContract } from '../../../src/soap/contracts';
import { parseEnvelope, type EnvelopeResult } from '../../../src/soap/envelope';
import { loadLibxml, type Libxml } from '../../../src/soap/libxml';
import { createSchemaValidator, type SchemaValidator } from '../../../src/soap/xsd-validator';
import {
  aBooking,
  activeOrganisationXml,
  caseworker,
  createBookingBody,
  dfdgHeaders,
  envelope,
  requestBody,
  soapAction,
} from '../../helpers/envelope';

const jobcenter = { type: 8, code: '75100' };
const headers = dfdgHeaders(jobcenter, caseworker(jobcenter));
const deleteBody = requestBody('BookingService', 'DeleteBooking', {
  BookingIdentifier: 'b0000000-0000-4000-8000-000000000001',
  PersonCivilRegistrationIdentifier: '0505575005',
});
const nested = (depth: number, inside = ''): string =>
  '<d:x xmlns:d="urn:deep">'.repeat(depth) + inside + '</d:x>'.repeat(depth);

let libxml: Libxml;
let service: ServiceContract;
let validator: SchemaValidator;
/** Records the elements handed to validation and finds nothing wrong with them. */
const validated: string[] = [];
const recorder: SchemaValidator = {
  validate: (el) => {
    validated.push(`${el.name}${el.attrs.map((a) => ` @${a.name}`).join('')}`);
    return [];
  },
};

beforeAll(async () => {
  libxml = await loadLibxml();
  const booking = SERVICE_CONTRACTS.find((s) => s.name === 'BookingService');
  if (!booking) throw new Error('BookingService is not in SERVICE_CONTRACTS');
  service = booking;
  validator = createSchemaValidator(libxml, join(PROJECT_ROOT, 'wsdl'), schemaImportsOf(service));
});
beforeEach(() => validated.splice(0));

const parse = (
  xml: string | Buffer,
  options: { action?: string; maxDepth?: number; validator?: SchemaValidator } = {},
): EnvelopeResult =>
  parseEnvelope(
    libxml,
    Buffer.isBuffer(xml) ? xml : Buffer.from(xml),
    options.action,
    service,
    options.validator ?? recorder,
    { maxDepth: options.maxDepth ?? 64 },
  );

const refusal = (result: EnvelopeResult): string => {
  if (result.ok) throw new Error('expected a refusal');
  return `${result.violation.key}: ${result.violation.detail}`;
};

describe('REQ-XML and REQ-OP: an accepted envelope', () => {
  it('When a CreateBooking is valid, then its operation, headers and payload are read, without schema errors', () => {
    const result = parse(envelope(createBookingBody(aBooking()), headers), {
      action: `"${soapAction('BookingService', 'CreateBooking')}"`,
      validator,
    });
    if (!result.ok) throw new Error(JSON.stringify(result.violation));
    const { operation, headerBlocks, payload, payloadSchemaErrors } = result.envelope;
    expect(operation).toBe('CreateBooking');
    expect(headerBlocks.map((b) => [b.element.name, b.element.children.length, b.schemaErrors])).toEqual([
      ['RequestUserMetadataHeader', 3, []],
      ['ActiveOrganisationHeader', 2, []],
    ]);
    expect(payload.name).toBe('CreateBookingRequest');
    expect(payload.children[0]?.children.map((c) => c.name)).toContain('PersonCivilRegistrationIdentifier');
    expect(payloadSchemaErrors).toEqual([]);
  });

  it('When an element holds text, CDATA and a comment, then its text is the text and CDATA as sent', () => {
    const result = parse(envelope(deleteBody.replace('0505575005', ' 0505<!-- no -->57<![CDATA[5005]]> ')));
    if (!result.ok) throw new Error(JSON.stringify(result.violation));
    const cpr = result.envelope.payload.children[1];
    expect(cpr).toMatchObject({ name: 'PersonCivilRegistrationIdentifier', text: ' 0505575005 ', line: 1 });
  });

  it("When a header block is not DFDG's, then only its name is kept and it is not validated", () => {
    const foreign = `<x:Trace xmlns:x="urn:trace"><x:Id>42</x:Id>${nested(10)}</x:Trace>`;
    const result = parse(envelope(deleteBody, foreign + activeOrganisationXml(jobcenter)));
    if (!result.ok) throw new Error(JSON.stringify(result.violation));
    expect(result.envelope.headerBlocks.map((b) => b.element)).toEqual([
      { ns: 'urn:trace', name: 'Trace', children: [], text: '', line: 1 },
      expect.objectContaining({ name: 'ActiveOrganisationHeader' }),
    ]);
    expect(validated).toEqual(['ActiveOrganisationHeader', 'DeleteBookingRequest']);
  });

  it('When a DFDG header block carries a wsu:Id, then it is validated without it', () => {
    const signed = activeOrganisationXml(jobcenter).replace(
      '<aoh:ActiveOrganisationHeader ',
      '<aoh:ActiveOrganisationHeader xmlns:wsu="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd" wsu:Id="ao" ',
    );
    expect(parse(envelope(deleteBody, signed)).ok).toBe(true);
    expect(validated).toEqual(['ActiveOrganisationHeader', 'DeleteBookingRequest']);
  });

  // The UTF-8 decoder drops one, the pre-parse checks a second, libxml2 a third.
  it.each([
    ['one', '\uFEFF'],
    ['two', '\uFEFF\uFEFF'],
    ['three', '\uFEFF\uFEFF\uFEFF'],
  ])('When the body starts with %s byte-order marks, then it is read as without them', (_n, boms) => {
    expect(parse(boms + envelope(deleteBody)).ok).toBe(true);
  });
});

describe('REQ-XML: processing instructions, wherever they are, before any other check', () => {
  it.each<[string, (x: string) => string]>([
    ['before the Envelope', (x) => x.replace('<soap:Envelope', '<!-- c --><?pi before?><soap:Envelope')],
    ['after the Envelope', (x) => `${x}<!-- c --><?pi after?>`],
    ['in the Envelope', (x) => x.replace('<soap:Body>', '<?pi?><soap:Body>')],
    ['in the Header', (x) => x.replace('<soap:Header>', '<soap:Header><?pi?>')],
    [
      "in a header block not of DFDG's",
      (x) => x.replace('<soap:Header>', '<soap:Header><x:T xmlns:x="urn:t"><?pi?></x:T>'),
    ],
    [
      'deep in the payload',
      (x) =>
        x.replace('</s:PersonCivilRegistrationIdentifier>', '<?pi?></s:PersonCivilRegistrationIdentifier>'),
    ],
    ['beyond the depth limit', (x) => x.replace('<soap:Body>', `<soap:Body>${nested(70, '<?pi?>')}`)],
  ])('When one sits %s, then REQ-XML', (_where, edit) => {
    expect(refusal(parse(edit(envelope(deleteBody, headers))))).toBe(
      'REQ-XML: a SOAP message must not contain processing instructions',
    );
  });

  it('When the operation is unknown too, then the processing instruction answers (REQ-XML, not REQ-OP)', () => {
    const xml = envelope(deleteBody.replace(/DeleteBookingRequest/g, 'UnknownRequest')).replace(
      '</soap:Envelope>',
      '</soap:Envelope><?pi?>',
    );
    expect(refusal(parse(xml))).toMatch(/^REQ-XML: a SOAP message must not contain processing instructions/);
  });
});

describe('REQ-XML: the depth limit, after REQ-OP', () => {
  it.each<[string, (x: string) => string]>([
    ['the payload', (x) => x.replace('</s:BookingIdentifier>', `${nested(62)}</s:BookingIdentifier>`)],
    ["a header block not of DFDG's", (x) => x.replace('<soap:Header>', `<soap:Header>${nested(63)}`)],
    [
      'a DFDG header block',
      (x) => x.replace('</aoh:OrganisationCode>', `${nested(61)}</aoh:OrganisationCode>`),
    ],
  ])('When %s is nested deeper than the limit, then REQ-XML', (_where, edit) => {
    expect(refusal(parse(edit(envelope(deleteBody, headers))))).toBe(
      'REQ-XML: the XML is nested deeper than 64 levels',
    );
  });

  it('When the nesting reaches the limit exactly, then it is accepted', () => {
    // Envelope 1, Body 2, DeleteBookingRequest 3, BookingIdentifier 4, then 60 more.
    const xml = envelope(deleteBody).replace('</s:BookingIdentifier>', `${nested(60)}</s:BookingIdentifier>`);
    expect(parse(xml).ok).toBe(true);
  });

  it.each([0, 1, 2, 3])('When the limit is %i, then even the Envelope is too deep', (maxDepth) => {
    expect(refusal(parse(envelope(deleteBody), { maxDepth }))).toBe(
      `REQ-XML: the XML is nested deeper than ${maxDepth} levels`,
    );
  });

  it('When the operation is unknown too, then REQ-OP answers first', () => {
    const xml = envelope(requestBody('BookingService', 'Unknown', { A: nested(70) }));
    expect(refusal(parse(xml))).toMatch(/^REQ-OP: .*UnknownRequest is not an operation of BookingService/);
  });
});

describe('REQ-XML and REQ-OP: what the walk reads of the top levels', () => {
  it.each<[string, string, string]>([
    ['the Envelope', envelope(deleteBody).replace('<soap:Body>', ' junk <soap:Body>'), 'soap:Envelope'],
    ['the Header', envelope(deleteBody, ' <![CDATA[ junk ]]>'), 'soap:Header'],
    ['the Body', envelope(`${deleteBody}junk`), 'soap:Body'],
  ])('When %s holds character data, then REQ-XML names it', (_where, xml, where) => {
    expect(refusal(parse(xml))).toBe(`REQ-XML: text "junk" directly inside ${where}`);
  });

  it('When the Envelope holds a foreign element, then REQ-XML names the parts found', () => {
    const xml = envelope(deleteBody).replace('<soap:Body>', '<x:Y xmlns:x="urn:x"/><soap:Body>');
    expect(refusal(parse(xml))).toBe(
      'REQ-XML: the Envelope must hold an optional Header and one Body, got {urn:x}Y, Body',
    );
  });

  it('When the Body holds two operations, then REQ-XML; when none, REQ-OP', () => {
    expect(refusal(parse(envelope(deleteBody + deleteBody)))).toBe(
      'REQ-XML: the Body must hold exactly one element',
    );
    expect(refusal(parse(envelope('<!-- nothing -->')))).toBe('REQ-OP: the Body names no operation');
  });

  it('When the SOAPAction names another operation, then REQ-OP', () => {
    const action = soapAction('BookingService', 'CreateBooking');
    expect(refusal(parse(envelope(deleteBody), { action: `"${action}"` }))).toBe(
      `REQ-OP: SOAPAction "${action}" does not name the operation in the Body (DeleteBooking)`,
    );
  });

  it('When the XML is not well-formed, then REQ-XML gives the line of the first error', () => {
    const xml = envelope(deleteBody)
      .replace('<soap:Body>', '\n\n<soap:Body>')
      .replace('</s:BookingIdentifier>', '');
    expect(refusal(parse(xml))).toMatch(/^REQ-XML: not well-formed XML \(line 3: .+\)$/);
  });

  it('When four byte-order marks lead, then the fourth is content and REQ-XML refuses it', () => {
    expect(refusal(parse(`${'\uFEFF'.repeat(4)}${envelope(deleteBody)}`))).toBe(
      "REQ-XML: not well-formed XML (line 1: Start tag expected, '<' not found)",
    );
  });
});
