import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import { DfdgFault } from '../domain/errors';
import type { ServiceContract } from '../soap/contracts';
import { identifySignerStep } from './identify-signer-step';
import { readRequestBody, RequestBodyError } from './request-body';
import {
  checkRequestStep,
  identifyCallerStep,
  newCallRecord,
  recordOf,
  rejectCall,
  type PipelineDeps,
} from './soap-pipeline';
import { serveContracts } from './wsdl-routes';

/** The express app before node-soap is attached: contracts, body limit and the checking pipeline. */
export const createSoapApp = (
  services: readonly ServiceContract[],
  deps: PipelineDeps & {
    readonly wsdlDir: string;
    readonly maxBodyBytes: number;
    readonly publicBaseUrl: () => string;
  },
): Express => {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  serveContracts(app, deps.wsdlDir, services, deps.publicBaseUrl);
  const body = readRequestBody(deps.maxBodyBytes);
  for (const service of services) {
    app.post(
      `/${service.name}`,
      identifyCallerStep(service, deps),
      body,
      identifySignerStep(deps),
      checkRequestStep(service, deps),
    );
    // node-soap answers every other method with an empty 200; GET ?wsdl is served above.
    app.all(`/${service.name}`, onlyPost(service));
  }
  return app;
};

/**
 * 405 for anything but POST (GET without ?wsdl, PUT, DELETE, PATCH, OPTIONS, HEAD) on a service
 * path. Not a SOAP call, so neither audited nor journaled, and no certificate is asked for: it says
 * no more than the WSDL, which is served the same way.
 */
const onlyPost =
  (service: ServiceContract) =>
  (req: Request, res: Response, next: NextFunction): void => {
    if (req.method === 'POST') return next();
    res
      .status(405)
      .set('Allow', 'GET, POST')
      .type('text/plain')
      .send(
        `${req.method} is not served at /${service.name}: POST calls its operations, GET /${service.name}?wsdl reads its WSDL\n`,
      );
  };

/** Added after node-soap's routes: unknown paths, and body errors (too large, bad encoding) as REQ-XML faults. */
export const finishSoapApp = (app: Express, deps: PipelineDeps): void => {
  app.use((req: Request, res: Response) => {
    res
      .status(404)
      .type('text/plain')
      .send(`No DFDG service at ${req.path}. Services: GET /<Service>?wsdl\n`);
  });
  app.use((error: unknown, req: Request, res: Response, next: NextFunction) => {
    if (res.headersSent) return next(error);
    const status = (error as { status?: number }).status;
    const fault =
      error instanceof RequestBodyError && error.status === 413
        ? new DfdgFault('REQ-XML', error.message)
        : status !== undefined && status < 500
          ? new DfdgFault('REQ-XML', `the request body could not be read: ${(error as Error).message}`)
          : new DfdgFault('INTERNAL', 'unexpected error');
    const record = recordOf(req) ?? newCallRecord(req.path.replace(/^\//, ''));
    rejectCall(res, fault, record, deps, error);
  });
};
