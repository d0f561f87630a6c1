import { readFileSync } from 'node:fs';
import { createServer } from 'node:https';
import { join } from 'node:path';
import * as soap from 'soap';
import type { ISoapServiceMethod } from 'soap';
import { PROJECT_ROOT } from '../../src/project-root';
import { readReferenceConfig, serverTlsOptions } from '../lib/reference-config';

/**
 * Reference (a), the ceiling of the SOAP stack: node-soap hosting our WSDLs on node's https over
 * the same mutual TLS, no express, no checks, no store. node-soap parses each request against the
 * WSDL and dispatches it; the operation answers the emulator's own response body, canned.
 */
const { port, config } = readReferenceConfig(process.argv.slice(2));
const SERVICES = ['BookingService', 'PersonStatusService', 'BookingWsrmMessageService'] as const;
const BODY = /<(?:\w+:)?Body[^>]*>([\s\S]*)<\/(?:\w+:)?Body>/;

const methodsOf = (service: string): Record<string, ISoapServiceMethod> => {
  const prefix = `http://service.bm.dk/pjaktass/1/${service}#`;
  return Object.fromEntries(
    Object.entries(config.canned)
      .filter(([action]) => action.startsWith(prefix))
      .map(([action, xml]): [string, ISoapServiceMethod] => {
        const inner = BODY.exec(xml)?.[1] ?? '';
        // Returned synchronously, node-soap writes it as the response body as is (like our handlers' _xml).
        return [action.slice(prefix.length), () => ({ _xml: inner })];
      }),
  );
};

const server = createServer(serverTlsOptions(config.tls));
server.keepAliveTimeout = 65_000;
const wsdlDir = join(PROJECT_ROOT, 'wsdl');
let pending = SERVICES.length;
for (const service of SERVICES) {
  const wsdlPath = join(wsdlDir, `${service}.wsdl`);
  soap.listen(server, {
    path: `/${service}`,
    services: { [service]: { [service]: methodsOf(service) } },
    xml: readFileSync(wsdlPath, 'utf8'),
    uri: wsdlPath,
    suppressStack: true,
    callback: (err: unknown) => {
      if (err) throw err instanceof Error ? err : new Error(`cannot load ${wsdlPath}`);
      // Listen only once every WSDL has loaded (node-soap adds its route then).
      if (--pending === 0) server.listen(port, '127.0.0.1');
    },
  });
}
process.once('SIGTERM', () => server.close(() => process.exit(0)).closeAllConnections());
