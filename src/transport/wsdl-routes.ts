import express, { type Express } from 'express';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ServiceContract } from '../soap/contracts';

/**
 * GET /<Service>?wsdl and GET /xsd/<File>.xsd. The WSDLs' relative schemaLocations resolve against
 * the same server, and soap:address is rewritten to the address the server really listens on.
 */
export const serveContracts = (
  app: Express,
  wsdlDir: string,
  services: readonly ServiceContract[],
  publicBaseUrl: () => string,
): void => {
  const rewritten = new Map<string, string>();
  const wsdlOf = (service: ServiceContract): string => {
    const base = publicBaseUrl();
    const key = `${service.name} ${base}`;
    let xml = rewritten.get(key);
    if (!xml) {
      xml = readFileSync(join(wsdlDir, `${service.name}.wsdl`), 'utf8').replace(
        /(<soap:address\s+location=")[^"]*(")/,
        `$1${base}/${service.name}$2`,
      );
      rewritten.set(key, xml);
    }
    return xml;
  };
  for (const service of services) {
    app.get(`/${service.name}`, (req, res, next) => {
      if (!Object.keys(req.query).some((k) => k.toLowerCase() === 'wsdl')) return next();
      res.type('text/xml; charset=utf-8').send(wsdlOf(service));
    });
  }
  app.use(
    '/xsd',
    express.static(join(wsdlDir, 'xsd'), {
      index: false,
      setHeaders: (res) => res.setHeader('Content-Type', 'text/xml; charset=utf-8'),
    }),
  );
};
