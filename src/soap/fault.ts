import type { ServerResponse } from 'node:http';
import { DfdgFault, type ErrorSpec } from '../domain/errors';
import { isStoreFull } from '../store/store-health';
import { FAULT_DETAILS_NS, SOAP_ENV_NS } from './contracts';

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
 * code, STAR's message, our explanation in InnerException and the rule id in Source), HTTP 500.
 * `message` is FaultDetails/Message: STAR's text, or that text followed by what is wrong (REQ-SCHEMA).
 */
export const renderFault = (spec: ErrorSpec, detail: string, message: string = spec.text): string =>
  '<?xml version="1.0" encoding="utf-8"?>' +
  `<soap:Envelope xmlns:soap="${SOAP_ENV_NS}"><soap:Body><soap:Fault>` +
  `<faultcode>soap:${spec.fault}</faultcode><faultstring>${escapeXml(spec.text)}</faultstring>` +
  `<detail><FaultDetails xmlns="${FAULT_DETAILS_NS}">` +
  `<ErrorCode>${spec.code}</ErrorCode><Message>${escapeXml(clipDetail(message))}</Message>` +
  `<InnerException>${escapeXml(clipDetail(detail))}</InnerException><Source>${escapeXml(spec.ruleId)}</Source>` +
  '</FaultDetails></detail></soap:Fault></soap:Body></soap:Envelope>';

/**
 * What the caller is told for any error: a DfdgFault as itself, a full database as INTERNAL saying
 * so, anything else as INTERNAL (no stack).
 */
export const faultOf = (error: unknown, referenceId: string): DfdgFault => {
  if (error instanceof DfdgFault) return error;
  if (isStoreFull(error)) {
    return new DfdgFault(
      'INTERNAL-STORE-FULL',
      `the database could not grow (disk full, or its size limit reached): call again once space is freed; reference ${referenceId}`,
    );
  }
  return new DfdgFault('INTERNAL', `unexpected error; quote reference ${referenceId} when reporting it`);
};

export const sendFault = (res: ServerResponse, fault: DfdgFault, referenceId: string): void => {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const body = renderFault(fault.spec, fault.detail, fault.faultMessage);
  res.writeHead(500, {
    'Content-Type': SOAP_CONTENT_TYPE,
    'Content-Length': Buffer.byteLength(body),
    [REFERENCE_ID_HEADER]: referenceId,
  });
  res.end(body);
};
