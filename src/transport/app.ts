import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import { DfdgFault } from '../domain/errors';
import { refuseRequest, runCall, type CallDeps } from '../pipeline/run-call';
import type { ServiceContract } from '../soap/contracts';
import { sendFault } from '../soap/fault';
import { failPendingDispatch, type SoapExchange } from '../soap/node-soap-dispatch';
import type { SoapFace } from '../soap/soap-face';
import { serveContracts } from './wsdl-routes';
import type { Face } from '../pipeline/face';
import { REST_STAGES, type RestExchange, type RestMessage } from '../rest/rest-face';

/**
 * The express app before node-soap is attached: the contracts, and every SOAP call through its
 * service's face and the call pipeline (runCall) before node-soap dispatches it.
 */
export const createSoapApp = (
  faces: ReadonlyArray<{ readonly service: ServiceContract; readonly face: SoapFace }>,
  deps: CallDeps & {
    readonly wsdlDir: string;
    readonly publicBaseUrl: () => string;
    /** The REST service on the same port and TLS (REST.md §2). */
    readonly rest?: Face<RestExchange, RestMessage>;
  },
): Express => {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  const { rest } = deps;
  if (rest) {
    // Every method and path under /v2, and STAR's v1 paths, not emulated (REST.md §1): the face
    // answers unknown ones itself (REQ-ROUTE, 404/405), audited and journaled as REST calls.
    app.all(['/v1', '/v1/*rest', '/v2', '/v2/*rest'], (req: Request, res: Response) => {
      void runCall(rest, { req, res }, deps, REST_STAGES);
    });
  }
  serveContracts(
    app,
    deps.wsdlDir,
    faces.map((f) => f.service),
    deps.publicBaseUrl,
  );
  for (const { service, face } of faces) {
    app.post(`/${service.name}`, (req: Request, res: Response, next: NextFunction) => {
      void runCall(face, { req, res, next }, deps);
    });
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

/**
 * Added after node-soap's routes: unknown paths, and errors outside the call pipeline. An error
 * while a checked call waited on node-soap is that call's; any other is answered as a fault of its
 * own, audited and journaled.
 */
export const finishSoapApp = (app: Express, deps: CallDeps): void => {
  app.use((req: Request, res: Response) => {
    res
      .status(404)
      .type('text/plain')
      .send(`No DFDG service at ${req.path}. Services: GET /<Service>?wsdl\n`);
  });
  app.use((error: unknown, req: Request, res: Response, next: NextFunction) => {
    if (failPendingDispatch(res, error)) return;
    if (res.headersSent) return next(error);
    const status = (error as { status?: number }).status;
    const fault =
      status !== undefined && status < 500
        ? new DfdgFault('REQ-XML', `the request body could not be read: ${(error as Error).message}`)
        : new DfdgFault('INTERNAL', 'unexpected error');
    void refuseRequest(outsideAnyCall(req.path.replace(/^\//, '')), { req, res, next }, fault, deps, error);
  });
};

/** What answers a request that no face took: a SOAP fault, as for any call. */
const outsideAnyCall = (service: string) => ({
  protocol: 'soap',
  service,
  refuse: (
    { res }: SoapExchange,
    call: { referenceId: string; response: string; status: number },
    fault: DfdgFault,
  ) => {
    call.response = sendFault(res, fault, call.referenceId);
    call.status = res.statusCode;
  },
});
