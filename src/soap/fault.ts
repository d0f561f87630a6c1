import type { ServerResponse } from 'node:http';
import type { DfdgFault, ErrorKey } from '../domain/errors';
import { FAULT_DETAILS_NS, SOAP_ENV_NS } from './contracts';
import { SOAP_FAULT_KINDS } from './soap-fault-kinds';

export const REFERENCE_ID_HEADER = 'X-ServiceRequestLogReferenceIdentifier';

/** Every SOAP answer, fault or not, whatever Content-Type the request came with (CONTRACT.md). */
export const SOAP_CONTENT_TYPE = 'text/xml; charset=utf-8';

const escapeXml = (s: string): string =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c] ?? c,
  );

/** An explanation is for people: a few thousand characters at most, whatever the request held. */
const MAX_DETAIL = 4000;
const clipDetail = (detail: string): string =>
  detail.length <= MAX_DETAIL
    ? detail
    : `${detail.slice(0, MAX_DETAIL)} … (${detail.length - MAX_DETAIL} more characters)`;

/**
 * The one place that writes a fault: a SOAP 1.1 Fault in STAR's shape (FaultDetails with the DFDG
 * code, STAR's message, our explanation in InnerException and the rule id in Source), faultcode
 * from the SOAP face's own table. `message` is FaultDetails/Message: STAR's text, or that text
 * followed by what is wrong (REQ-SCHEMA).
 */
export const renderFault = (
  key: ErrorKey,
  fault: Pick<DfdgFault, 'spec' | 'detail' | 'faultMessage'>,
): string =>
  '<?xml version="1.0" encoding="utf-8"?>' +
  `<soap:Envelope xmlns:soap="${SOAP_ENV_NS}"><soap:Body><soap:Fault>` +
  `<faultcode>soap:${SOAP_FAULT_KINDS[key]}</faultcode><faultstring>${escapeXml(fault.spec.text)}</faultstring>` +
  `<detail><FaultDetails xmlns="${FAULT_DETAILS_NS}">` +
  `<ErrorCode>${fault.spec.code}</ErrorCode><Message>${escapeXml(clipDetail(fault.faultMessage))}</Message>` +
  `<InnerException>${escapeXml(clipDetail(fault.detail))}</InnerException><Source>${escapeXml(fault.spec.ruleId)}</Source>` +
  '</FaultDetails></detail></soap:Fault></soap:Body></soap:Envelope>';

/**
 * Answers with the fault, HTTP 500 (SOAP 1.1 over HTTP); returns the body as sent. A response
 * already under way cannot carry it: the connection is closed instead, and nothing was sent.
 */
export const sendFault = (res: ServerResponse, fault: DfdgFault, referenceId: string): string => {
  if (res.headersSent) {
    res.destroy();
    return '';
  }
  const body = renderFault(fault.key, fault);
  res.writeHead(500, {
    'Content-Type': SOAP_CONTENT_TYPE,
    'Content-Length': Buffer.byteLength(body),
    [REFERENCE_ID_HEADER]: referenceId,
  });
  res.end(body);
  return body;
};
