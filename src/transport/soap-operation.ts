import type { Request, Response } from 'express';
import { DfdgFault } from '../domain/errors';
import type { CallContext, OperationDeps, OperationHandler } from '../services/call-context';
import { faultOf } from '../soap/fault';
import type { SoapMethod } from '../soap/soap-host';
import { el, writeXml } from '../soap/xml-writer';
import { auditEntry, callOf, rejectCall, type CallRecord, type PipelineDeps } from './soap-pipeline';

/**
 * Wraps an operation for node-soap: runs it and its audit row in one SQLite transaction (all or
 * nothing), renders the response body itself, and answers any error as our fault, never node-soap's.
 */
export const soapOperation =
  (operation: string, handler: OperationHandler, deps: PipelineDeps & OperationDeps): SoapMethod =>
  (_args, callback, _headers, req: Request, res: Response) => {
    const call = callOf(req);
    if (!call) {
      // Only reachable if a route bypassed the pipeline: refuse rather than run unchecked.
      const record: CallRecord = {
        referenceId: 'none',
        service: 'unknown',
        operation,
        certificate: null,
        headers: {},
        cprs: [],
      };
      rejectCall(res, new DfdgFault('INTERNAL', 'the request bypassed the security checks'), record, deps);
      return;
    }
    try {
      const result = deps.store.transaction(() => {
        const out = handler(call, deps);
        deps.store.audit.record(auditEntry(recordOf(call, out.cprs), deps.clock.now(), 'ok', null, null));
        return out;
      });
      const body = el(call.service.schemaNamespace, `${operation}Response`, result.response);
      callback?.(null, { _xml: writeXml(body) });
    } catch (error) {
      rejectCall(res, faultOf(error, call.referenceId), recordOf(call, call.namedCprs), deps, error);
    }
  };

const recordOf = (call: CallContext, cprs: readonly string[]): CallRecord => ({
  referenceId: call.referenceId,
  service: call.service.name,
  operation: call.operation,
  certificate: call.caller.certificate,
  headers: call.headers ?? {},
  cprs: [...new Set([...cprs, ...citizenCpr(call)])],
});

/** A citizen's own CPR (from the header) is data the call touched too. */
const citizenCpr = (call: CallContext): string[] =>
  call.headers?.requestUserMetadata.userType === 1
    ? [call.headers.requestUserMetadata.organisation.code]
    : [];
