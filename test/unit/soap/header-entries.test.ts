/**
 * RULES.md REQ-MUSTUNDERSTAND (step 2) as parseEnvelope applies it, with the real header schemas:
 * SOAP 1.1's header attributes on the DFDG headers are not part of their schema check, xsi:type is
 * held to the declared type, and an unknown header that must be understood by this receiver is refused.
 */
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../../src/project-root';
import { schemaImportsOf, SERVICE_CONTRACTS, WSSE_NS } from '../../../src/soap/contracts';
import { parseEnvelope, type EnvelopeResult } from '../../../src/soap/envelope';
import { NEXT_ACTOR } from '../../../src/soap/header-entries';
import { loadLibxml, type Libxml } from '../../../src/soap/libxml';
import { createSchemaValidator, type SchemaValidator } from '../../../src/soap/xsd-validator';
import {
  activeOrganisationXml,
  caseworker,
  NS,
  requestBody,
  requestUserMetadataXml,
  withAttributes,
  envelope,
  XSI_NS,
} from '../../helpers/envelope';

const jobcenter = { type: 8, code: '75100' };
const ao = activeOrganisationXml(jobcenter);
const rum = requestUserMetadataXml(caseworker(jobcenter));
const body = requestBody('BookingService', 'GetBookingDetails', {
  BookingIdentifier: 'b0000000-0000-4000-8000-000000000001',
});
const XSI = `xmlns:xsi="${XSI_NS}"`;
const trace = (attributes = ''): string =>
  withAttributes('<x:Trace xmlns:x="urn:trace"><x:Id>42</x:Id></x:Trace>', attributes);

let libxml: Libxml;
let validator: SchemaValidator;

beforeAll(async () => {
  libxml = await loadLibxml();
  const service = SERVICE_CONTRACTS.find((s) => s.name === 'BookingService');
  if (!service) throw new Error('BookingService is not in SERVICE_CONTRACTS');
  validator = createSchemaValidator(libxml, join(PROJECT_ROOT, 'wsdl'), schemaImportsOf(service));
});

const parse = (headers: string, payload = body): EnvelopeResult => {
  const service = SERVICE_CONTRACTS.find((s) => s.name === 'BookingService');
  if (!service) throw new Error('BookingService is not in SERVICE_CONTRACTS');
  return parseEnvelope(libxml, Buffer.from(envelope(payload, headers)), undefined, service, validator, {
    maxDepth: 64,
  });
};

/** The schema errors of each header block, by name (the envelope must pass step 2). */
const schemaErrors = (headers: string): Record<string, readonly string[]> => {
  const result = parse(headers);
  if (!result.ok) throw new Error(`refused: ${JSON.stringify(result.violation)}`);
  return Object.fromEntries(result.envelope.headerBlocks.map((b) => [b.element.name, b.schemaErrors]));
};

const refusal = (headers: string, payload = body): { key: string; detail: string } => {
  const result = parse(headers, payload);
  if (result.ok) throw new Error('expected a refusal');
  return result.violation;
};

describe('SOAP 1.1 attributes on the DFDG headers are not part of their schema check', () => {
  it.each([
    ['mustUnderstand="1" (gSOAP’s default)', 'soap:mustUnderstand="1"'],
    ['mustUnderstand="0"', 'soap:mustUnderstand="0"'],
    ['mustUnderstand=" 1 " (spaces around)', 'soap:mustUnderstand=" 1 "'],
    ['the next actor', `soap:actor="${NEXT_ACTOR}"`],
    ['another actor', 'soap:actor="http://example.com/gateway"'],
    ['encodingStyle', 'soap:encodingStyle="http://schemas.xmlsoap.org/soap/encoding/"'],
    [
      'all three at once',
      `soap:mustUnderstand="1" soap:actor="${NEXT_ACTOR}" soap:encodingStyle="http://schemas.xmlsoap.org/soap/encoding/"`,
    ],
  ])('When both headers carry %s, then both are valid', (_what, attributes) => {
    expect(schemaErrors(withAttributes(ao, attributes) + withAttributes(rum, attributes))).toEqual({
      ActiveOrganisationHeader: [],
      RequestUserMetadataHeader: [],
    });
  });

  it.each([
    [
      '"true" (not SOAP 1.1’s 0 or 1)',
      'soap:mustUnderstand="true"',
      /mustUnderstand="true"; SOAP 1.1 allows "0" or "1"/,
    ],
    ['mustUnderstand without SOAP’s namespace', 'mustUnderstand="1"', /mustUnderstand.*is not allowed/],
    ['another attribute in SOAP’s namespace', 'soap:role="next"', /role.*is not allowed/],
  ])(
    'When the ActiveOrganisationHeader carries %s, then it is not valid, and the other header is',
    (_what, attributes, error) => {
      const errors = schemaErrors(withAttributes(ao, attributes) + rum);
      expect(errors['ActiveOrganisationHeader']?.join('; ')).toMatch(error);
      expect(errors['RequestUserMetadataHeader']).toEqual([]);
    },
  );

  it('When the RequestUserMetadataHeader carries mustUnderstand="yes", then it is not valid', () => {
    const errors = schemaErrors(ao + withAttributes(rum, 'soap:mustUnderstand="yes"'));
    expect(errors['RequestUserMetadataHeader']?.join('; ')).toMatch(/mustUnderstand="yes"/);
    expect(errors['ActiveOrganisationHeader']).toEqual([]);
  });
});

describe('xsi:type on the DFDG headers', () => {
  /** What gSOAP sends when told to type every element (soapcpp2 -t): each element names its type. */
  const typedAo =
    `<aoh:ActiveOrganisationHeader xmlns:aoh="${NS.aoh}" ${XSI} xsi:type="aoh:ActiveOrganisationHeaderType" soap:mustUnderstand="1">` +
    `<aoh:OrganisationTypeIdentifier xsi:type="aoh:OrganisationTypeIdentifierType">8</aoh:OrganisationTypeIdentifier>` +
    `<aoh:OrganisationCode xsi:type="aoh:OrganisationCodeType">75100</aoh:OrganisationCode></aoh:ActiveOrganisationHeader>`;
  const typedRum = withAttributes(
    rum,
    `${XSI} xmlns:xsd="http://www.w3.org/2001/XMLSchema" xsi:type="rum:RequestUserMetadataType" soap:mustUnderstand="1"`,
  )
    .replace(
      '<rus:RequestUserStructure>',
      '<rus:RequestUserStructure xsi:type="rus:RequestUserStructureType">',
    )
    .replace('<rum:RegistrationDateTime>', '<rum:RegistrationDateTime xsi:type="xsd:dateTime">');

  it('When every element names its declared type, as gSOAP’s typed output does, then both headers are valid', () => {
    expect(schemaErrors(typedAo + typedRum)).toEqual({
      ActiveOrganisationHeader: [],
      RequestUserMetadataHeader: [],
    });
  });

  it.each([
    ['another type of the schema', 'aoh:OrganisationCodeType', /not validly derived/],
    ['a type that does not exist', 'aoh:NoSuchType', /does not resolve to a type definition/],
  ])('When the ActiveOrganisationHeader names %s, then it is not valid', (_what, type, error) => {
    const errors = schemaErrors(typedAo.replace('aoh:ActiveOrganisationHeaderType', type) + rum);
    expect(errors['ActiveOrganisationHeader']?.join('; ')).toMatch(error);
  });

  it('When a child of the RequestUserMetadataHeader names another type, then the header is not valid', () => {
    const errors = schemaErrors(ao + typedRum.replace('xsi:type="xsd:dateTime"', 'xsi:type="xsd:int"'));
    expect(errors['RequestUserMetadataHeader']?.join('; ')).toMatch(/RegistrationDateTime/);
  });
});

describe('REQ-MUSTUNDERSTAND: headers the emulator does not understand', () => {
  it.each([
    ['no actor', 'soap:mustUnderstand="1"'],
    ['the next actor', `soap:mustUnderstand="1" soap:actor="${NEXT_ACTOR}"`],
  ])(
    'When an unknown header carries mustUnderstand="1" with %s, then REQ-MUSTUNDERSTAND names it',
    (_what, attributes) => {
      const v = refusal(ao + rum + trace(attributes));
      expect(v.key).toBe('REQ-MUSTUNDERSTAND');
      expect(v.detail).toMatch(/^header \{urn:trace\}Trace \(line 1\) carries soap:mustUnderstand="1"/);
    },
  );

  it.each([
    ['mustUnderstand="0"', 'soap:mustUnderstand="0"'],
    ['no mustUnderstand', ''],
    [
      'mustUnderstand="1" for another actor',
      'soap:mustUnderstand="1" soap:actor="http://example.com/gateway"',
    ],
  ])('When an unknown header carries %s, then it is ignored', (_what, attributes) => {
    expect(schemaErrors(ao + rum + trace(attributes))).toEqual({
      ActiveOrganisationHeader: [],
      RequestUserMetadataHeader: [],
      Trace: [],
    });
  });

  it('When an unknown header carries mustUnderstand="true", then REQ-XML: SOAP 1.1 allows 0 or 1', () => {
    expect(refusal(ao + rum + trace('soap:mustUnderstand="true"'))).toMatchObject({
      key: 'REQ-XML',
      detail: expect.stringMatching(/Trace.*mustUnderstand="true"; SOAP 1.1 allows "0" or "1"/) as string,
    });
  });

  it('When a DFDG header in a foreign namespace carries mustUnderstand="1", then it is not the header: REQ-MUSTUNDERSTAND', () => {
    const foreign = withAttributes(
      ao.replace(NS.aoh, 'http://example.com/not-dfdg/'),
      'soap:mustUnderstand="1"',
    );
    expect(refusal(foreign + ao + rum).key).toBe('REQ-MUSTUNDERSTAND');
  });

  it('When wsse:Security carries mustUnderstand="1", then it is understood', () => {
    const security = `<wsse:Security xmlns:wsse="${WSSE_NS}" soap:mustUnderstand="1"/>`;
    expect(parse(security + ao + rum).ok).toBe(true);
  });

  it('When the operation is unknown too, then REQ-OP answers first (step 2 in its order)', () => {
    const unknownOperation = body.replace(/GetBookingDetailsRequest/g, 'NoSuchOperationRequest');
    expect(refusal(trace('soap:mustUnderstand="1"'), unknownOperation).key).toBe('REQ-OP');
  });
});
