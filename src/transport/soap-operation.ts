import type { Request, Response } from 'express';
import { passed } from '../domain/decision';
import { DfdgFault } from '../domain/errors';
import type { CallContext, OperationDeps, OperationHandler } from '../services/call-context';
import { faultOf } from '../soap/fault';
import type { SoapMethod } from '../soap/soap-host';
import { el, writeXml } from '../soap/xml-writer';
import { auditEntry, callOf, newCallRecord, recordOf, rejectCall, type PipelineDeps } from './soap-pipeline';

/**
 * Wraps an operation for node-soap: runs it and its audit row in one SQLite savepoint (all or
 * nothing), answers once it is committed, renders the response body itself, and answers any error as our fault, never node-soap's.
 */
export const soapOperation =
  (operation: string, handler: OperationHandler, deps: PipelineDeps & OperationDeps): SoapMethod =>
  (_args, callback, _headers, req: Request, res: Response) => {
    const call = callOf(req);
    const record = recordOf(req);
    if (!call || !record) {
      // Only reachable if a route bypassed the pipeline: refuse rather than run unchecked.
      rejectCall(
        res,
        new DfdgFault('INTERNAL', 'the request bypassed the security checks'),
        newCallRecord(operation),
        deps,
      );
      return;
    }
    // The call's writes and its audit row are one savepoint of the group's transaction; it is
    // answered once that has committed (GroupCommit).
    deps.store.group.run(
      () => {
        const out = handler(call, deps);
        record.cprs = [...new Set([...out.cprs, ...citizenCpr(call)])];
        record.outcome = 'ok';
        deps.store.audit.record(auditEntry(record, deps.clock.now(), 'ok', null, null));
        return out;
      },
      (result) => {
        record.decisions.push(passed(operation, 'every business rule passed; answered'));
        const body = el(call.service.schemaNamespace, `${operation}Response`, result.response);
        callback?.(null, { _xml: writeXml(body) });
      },
      (error) => {
        record.outcome = null;
        record.cprs = [...new Set([...call.namedCprs, ...citizenCpr(call)])];
        rejectCall(res, faultOf(error, call.referenceId), record, deps, error);
      },
    );
  };

/** A citizen's own CPR (from the header) is data the call touched too. */
const citizenCpr = (call: CallContext): string[] =>
  call.headers?.requestUserMetadata.userType === 1
    ? [call.headers.requestUserMetadata.organisation.code]
    : [];
