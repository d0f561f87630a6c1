import type { Express, Request, Response } from 'express';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as soap from 'soap';
import type { ServiceContract } from './contracts';
import { SOAP_CONTENT_TYPE } from './fault';

/** node-soap's view of one operation: it calls this with the parsed args, a callback, headers, req, res. */
export type SoapMethod = (
  args: unknown,
  callback: ((error: unknown, result?: unknown) => void) | undefined,
  headers: unknown,
  req: Request,
  res: Response,
) => void;

/**
 * node-soap answers with the request's own Content-Type (text/html, image/svg+xml, charset=utf-16
 * were all copied); it sets it before calling the operation, so the operation sets SOAP's instead.
 */
const answeringAsSoap = (
  methods: Readonly<Record<string, SoapMethod>>,
): Readonly<Record<string, SoapMethod>> =>
  Object.fromEntries(
    Object.entries(methods).map(([operation, method]): [string, SoapMethod] => [
      operation,
      (args, callback, headers, req, res) => {
        res.setHeader('Content-Type', SOAP_CONTENT_TYPE);
        method(args, callback, headers, req, res);
      },
    ]),
  );

/**
 * Hosts one WSDL with node-soap on the express app: node-soap dispatches the (already checked)
 * request to its operation and wraps the response body, which our handlers write themselves, in its
 * envelope; `responded` gets that envelope as node-soap sends it (its "response" event). Resolves
 * once the WSDL and its imports have loaded, when the route exists.
 */
export const hostService = (
  app: Express,
  wsdlDir: string,
  service: ServiceContract,
  methods: Readonly<Record<string, SoapMethod>>,
  responded: (envelope: string) => void,
): Promise<void> =>
  new Promise((resolve, reject) => {
    const wsdlPath = join(wsdlDir, `${service.name}.wsdl`);
    const server = soap.listen(app, {
      path: `/${service.name}`,
      services: { [service.name]: { [service.name]: answeringAsSoap(methods) } },
      xml: readFileSync(wsdlPath, 'utf8'),
      uri: wsdlPath,
      suppressStack: true,
      // One res.end with Content-Length: the default (write, then end) sends every answer chunked,
      // in two TLS records.
      enableChunkedEncoding: false,
      callback: (err: unknown) =>
        err ? reject(err instanceof Error ? err : new Error(`cannot load ${wsdlPath}`)) : resolve(),
    });
    server.on('response', (response: { result: unknown }) => {
      if (typeof response.result === 'string') responded(response.result);
    });
    // node-soap answers errors outside our operations with its own fault shape; our pipeline runs
    // before it, so reaching this is a bug worth seeing in the log.
    server.log = (type: string, data: unknown) => {
      if (type === 'error') console.error(`[node-soap ${service.name}]`, data);
    };
  });
