import type { NextFunction, Request, Response } from 'express';
import { passed } from '../domain/decision';
import { DfdgFault } from '../domain/errors';
import { formatOrganisation } from '../domain/organisation';
import { verifyWsSecurity } from '../security/ws-security';
import { faultOf } from '../soap/fault';
import { callerOf, identifiedAs, recordOf, rejectCall, type PipelineDeps } from './soap-pipeline';

/**
 * Step 1 of RULES.md for a caller that signs its messages (identity modes wss and either, no TLS
 * certificate): it cannot run before the body is read, so it runs right after, before anything else
 * reads the body. A caller already identified by its TLS certificate passes straight on.
 */
export const identifySignerStep =
  (deps: PipelineDeps) =>
  (req: Request, res: Response, next: NextFunction): void => {
    const record = recordOf(req);
    if (!record) return next(new Error('identifySignerStep runs only after identifyCallerStep'));
    if (callerOf(req)) return next();
    try {
      const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      // Real time, as for certificates over TLS: the emulator's clock is for business rules only.
      const identity = verifyWsSecurity(raw, deps.identity.wsSecurity, deps.store.certificates, new Date());
      if (!identity.ok) {
        if (identity.fingerprint)
          record.certificate = { subject: identity.subject ?? '', fingerprint: identity.fingerprint };
        return rejectCall(res, DfdgFault.of(identity.violation), record, deps);
      }
      const { caller } = identity;
      record.certificate = caller.certificate;
      record.decisions.push(
        passed(
          'SEC-WSS',
          `signed by ${caller.certificate.subject} (issued by the trusted CA, in date) over ${identity.signed.join(', ')}`,
        ),
        passed(
          'SEC-CERT',
          `registered as ${caller.systemName} for ${caller.organisations.map(formatOrganisation).join(', ')}`,
        ),
      );
      identifiedAs(req, caller);
      next();
    } catch (error) {
      rejectCall(res, faultOf(error, record.referenceId), record, deps, error);
    }
  };
