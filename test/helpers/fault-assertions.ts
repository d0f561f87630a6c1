import { ERROR_TABLE, type ErrorKey } from '../../src/domain/errors';
import { loadLibxml, type LibxmlElement } from '../../src/soap/libxml';
import { SOAP_FAULT_KINDS } from '../../src/soap/soap-fault-kinds';
import { faultOf, textOf, type FaultSummary, type RawResponse } from './soap-request';

export const FAULT_DETAILS_NS = 'http://service.bm.dk/xml/schemas/2011/01/12/';
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The message texts the tests expect, written out here rather than read from src/, so that a changed
 * text fails a test. DFDG's own texts are quoted from RULES.md; the others (marked) are the emulator's
 * texts for the DFDG codes whose English text RULES.md does not quote.
 */
export const TEXT = {
  1011: 'Internal error on server',
  1012: 'Logon failed',
  1013: 'User has insufficient permissions to access this webservice',
  1014: 'The submitted message is not valid',
  1101: 'Client certificate missing from request',
  4413: 'The authoritytype of the requestheader is invalid',
  8232: 'The Soap request message is missing its required Soap header: ActiveOrganisationHeader',
  1001: 'The submitted cpr is either to long or short or contains data not interpretable as a date',
  1010: 'Unknown cpr',
  4405: 'The person with specified cpr is dead',
  4511: 'The External operator is not allowed to view data for the person',
  4575: 'You are not authorized to execute the operation',
  4856: 'Citizen not member of unemployment fund',
  4857: 'Citizen belongs to different unemployment fund',
  6005: 'The person with specified cpr does not belong to the jobcenter specified in ActiveOrganisationHeader',
  8233: 'The Soap request message is missing its required Soap header: RequestUserMetadataHeader',
  8234: 'Could not deserialize the Soap header: ActiveOrganisationHeader',
  8235: 'Could not deserialize the Soap header: RequestUserMetadataHeader',
  8173: 'OrganisationType is invalid according to the organisationTypeIdentifierCodeList.',
  8174: 'UserType is invalid according to the requestUserTypeIdentifierCodeList.',
  8107: 'The BookingIdentifier does not correspond to the person civil registration identifier',
  4708: 'The submitted InterviewContactTypeIdentifier is invalid',
  4805: 'The submitted InterviewFormTypeIdentifier is invalid.',
  4783: 'The BookingTime cannot be before todays date',
  8125: 'Rebooking deadline cannot be specified if rebooking is not possible',
  8126: 'Rebooking deadline must be specified if rebooking is possible',
  // The emulator's text: STAR's page gives the code, its copy stops before the English text (P4).
  8127: 'Cancellation deadline cannot be specified if cancellation is not possible',
} as const;

export type FaultCode = keyof typeof TEXT;

/** The namespace URIs of every element named FaultDetails in a SOAP response (namespace-aware). */
export const faultDetailsNamespaces = async (body: string): Promise<string[]> => {
  const libxml = await loadLibxml();
  const doc = libxml.XmlDocument.fromString(body);
  try {
    const found: string[] = [];
    const walk = (el: LibxmlElement): void => {
      if (el.name === 'FaultDetails') found.push(el.namespaceUri);
      for (let c = el.firstChild; c; c = c.next) if (c instanceof libxml.XmlElement) walk(c);
    };
    walk(doc.root);
    return found;
  } finally {
    doc.dispose();
  }
};

/**
 * FaultDetails/Message: the STAR text of the code; for REQ-SCHEMA followed by the first thing wrong,
 * with its line (RULES.md REQ-SCHEMA); for SEC-CERT followed by how to register a certificate.
 */
const expectedMessage = (code: FaultCode, source: string): string | RegExp => {
  if (source === 'REQ-SCHEMA') return new RegExp(`^${TEXT[code]}: line \\d+: \\S`);
  if (source === 'SEC-CERT') return UNREGISTERED_MESSAGE;
  return TEXT[code];
};

/** 1012 SEC-CERT's Message: STAR's text, then the certificate and the two ways to register one. */
export const UNREGISTERED_MESSAGE =
  /^Logon failed: the client certificate .+ \(SHA-256 [0-9A-F:]{95}\) is not registered with the emulator; issue a registered one with POST \/admin\/certificates .*"dfdg-emulator certs issue --org TYPE:CODE --name NAME".*"dfdg-emulator fixtures load"/;

/** A fault's HTTP shape (CONTRACT.md): HTTP 500, text/xml; its summary for the caller to judge. */
const faultResponse = (res: RawResponse): FaultSummary => {
  expect(res.status).toBe(500);
  expect(String(res.headers['content-type'])).toMatch(/^text\/xml\b/);
  return faultOf(res);
};

/** One FaultDetails, in STAR's namespace, and the reference id in the response header. */
const expectFaultEnvelope = async (res: RawResponse): Promise<void> => {
  expect(await faultDetailsNamespaces(res.body)).toEqual([FAULT_DETAILS_NS]);
  expect(String(res.headers['x-servicerequestlogreferenceidentifier'])).toMatch(UUID);
};

/**
 * Asserts a DFDG fault in CONTRACT.md's shape: HTTP 500, text/xml, a SOAP 1.1 Fault with faultcode
 * soap:Client (or the one given), faultstring and Message the STAR text of the code (Message of
 * REQ-SCHEMA followed by what is wrong), ErrorCode the code, Source the rule id, FaultDetails in its
 * STAR namespace, and the reference id header.
 */
export const expectFault = async (
  res: RawResponse,
  expected: {
    code: FaultCode;
    source: string;
    faultcode?: 'soap:Client' | 'soap:Server' | 'soap:MustUnderstand';
  },
): Promise<FaultSummary> => {
  const fault = faultResponse(res);
  expect({
    errorCode: fault.errorCode,
    source: fault.source,
    faultstring: fault.faultstring,
    faultcode: fault.faultcode,
  }).toEqual({
    errorCode: expected.code,
    source: expected.source,
    faultstring: TEXT[expected.code],
    faultcode: expected.faultcode ?? 'soap:Client',
  });
  const message = expectedMessage(expected.code, expected.source);
  if (typeof message === 'string') expect(fault.message).toBe(message);
  else expect(fault.message).toMatch(message);
  await expectFaultEnvelope(res);
  return fault;
};

/**
 * Asserts the fault the error table (src/domain/errors.ts) gives for `key`, in CONTRACT.md's shape:
 * its code in ErrorCode, its rule id in Source, its text as faultstring and Message, soap:Client or
 * soap:Server as it says. For codes whose texts RULES.md leaves to the emulator (or that are still to
 * change, as BK-NOT-FOUND's), the table is the one place they are decided.
 */
export const expectTableFault = async (res: RawResponse, key: ErrorKey): Promise<FaultSummary> => {
  const spec = ERROR_TABLE[key];
  const fault = faultResponse(res);
  expect({
    errorCode: fault.errorCode,
    source: fault.source,
    faultstring: fault.faultstring,
    message: textOf(res.body, 'Message'),
    faultcode: fault.faultcode,
  }).toEqual({
    errorCode: spec.code,
    source: spec.ruleId,
    faultstring: spec.text,
    message: spec.text,
    faultcode: `soap:${SOAP_FAULT_KINDS[key]}`,
  });
  await expectFaultEnvelope(res);
  return fault;
};

/** Asserts an accepted call: HTTP 200 and a reference id in the body equal to the response header. */
export const expectAccepted = (res: RawResponse): string => {
  if (res.status !== 200) throw new Error(`expected HTTP 200, got ${res.status}: ${res.body.slice(0, 800)}`);
  const header = String(res.headers['x-servicerequestlogreferenceidentifier']);
  expect(header).toMatch(UUID);
  expect(res.body).toContain(`ServiceRequestLogReferenceIdentifier>${header}<`);
  return header;
};
