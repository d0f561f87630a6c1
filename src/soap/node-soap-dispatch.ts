import type { NextFunction, Request, Response } from 'express';
import { SOAP_ENV_NS, type ServiceContract } from './contracts';
import type { SoapMethod } from './soap-host';

/** What the SOAP face receives: express's request and response, and the way on to node-soap. */
export interface SoapExchange {
  readonly req: Request;
  readonly res: Response;
  readonly next: NextFunction;
}

/** node-soap's callback for an operation's result. */
export type SoapCallback = ((error: unknown, result?: unknown) => void) | undefined;

/**
 * A checked call waiting on node-soap's dispatch: the face hands node-soap the request, node-soap
 * calls the operation's method (synchronously, within `next()`), and the method runs it here. Kept
 * on `res.locals`, express's own place for a request's state, as node-soap passes only req and res.
 */
export interface PendingDispatch {
  readonly operation: string;
  run(callback: SoapCallback): void;
  fail(error: unknown): void;
}

const PENDING = 'dfdgPendingDispatch';
const pendingOf = (res: Response): PendingDispatch | undefined =>
  res.locals[PENDING] as PendingDispatch | undefined;

/** Takes the pending dispatch off the response, so it is run or failed once. */
const takePending = (res: Response): PendingDispatch | undefined => {
  const pending = pendingOf(res);
  if (pending) delete res.locals[PENDING];
  return pending;
};

/** The call an error outside the face interrupted, if one was waiting on node-soap (app.ts). */
export const failPendingDispatch = (res: Response, error: unknown): boolean => {
  const pending = takePending(res);
  pending?.fail(error);
  return pending !== undefined;
};

const dispatchEnvelopes = new Map<string, Buffer>();

/** The smallest envelope that names the operation, for node-soap's dispatch (one per operation). */
const dispatchEnvelope = (service: ServiceContract, operation: string): Buffer => {
  const key = `${service.name}#${operation}`;
  let envelope = dispatchEnvelopes.get(key);
  if (!envelope) {
    envelope = Buffer.from(
      `<soap:Envelope xmlns:soap="${SOAP_ENV_NS}"><soap:Body>` +
        `<op:${operation}Request xmlns:op="${service.schemaNamespace}"/></soap:Body></soap:Envelope>`,
    );
    dispatchEnvelopes.set(key, envelope);
  }
  return envelope;
};

/**
 * Hands a checked call to node-soap: it gets the operation's name in a stub envelope, not the
 * request to parse again (the operation reads what the checks have read; the journal keeps what was
 * sent), and dispatches it to the method, which runs `pending`. Should node-soap answer on its own
 * without dispatching, `pending` fails, so the call is still audited and journaled.
 */
export const dispatchThroughNodeSoap = (
  { req, res, next }: SoapExchange,
  service: ServiceContract,
  pending: PendingDispatch,
): void => {
  res.locals[PENDING] = pending;
  res.once('close', () => {
    if (pendingOf(res) !== pending) return;
    takePending(res);
    pending.fail(new Error(`node-soap answered ${service.name}.${pending.operation} without dispatching it`));
  });
  req.body = dispatchEnvelope(service, pending.operation);
  next();
};

/**
 * The methods node-soap calls, one per operation of the service: each runs the checked call waiting
 * on its response. A call no face checked (a route that bypassed it) goes to `unchecked`.
 */
export const nodeSoapMethods = (
  service: ServiceContract,
  unchecked: (req: Request, res: Response) => void,
): Readonly<Record<string, SoapMethod>> =>
  Object.fromEntries(
    service.operations.map((operation): [string, SoapMethod] => [
      operation,
      (_args, callback, _headers, req, res) => {
        const pending = takePending(res);
        if (!pending) return unchecked(req, res);
        if (pending.operation !== operation)
          return pending.fail(
            new Error(`node-soap dispatched ${operation}, the request names ${pending.operation}`),
          );
        pending.run(callback);
      },
    ]),
  );
