import { isAbsolute, relative } from 'node:path';
import type { DevCertificates } from '../pki/dev-certificates';

export interface BannerFacts {
  readonly version: string;
  readonly soapUrl: string;
  readonly adminUrl: string;
  readonly certDir: string;
  readonly dbPath: string;
  readonly clients: DevCertificates['clients'];
  readonly caPath: string;
  /** The folder the user started from: paths under it are shown relative to it. */
  readonly cwd: string;
  readonly adminTokenRequired: boolean;
}

/** A path as the user would type it from where they are: relative below the folder, absolute elsewhere. */
const shown = (path: string, cwd: string): string => {
  const rel = relative(cwd, path);
  const nice = rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : path;
  return /^[\w./:@-]+$/.test(nice) ? nice : `'${nice.replace(/'/g, `'\\''`)}'`;
};

/** The client the first call is made with: jobcenter Aarhus's when there is one. */
const FIRST_CLIENT = '8-75100';

/**
 * What a person who just ran `npm start` in a terminal needs first: where things are and one call
 * that works as it is (GetInterviewTypes: a real mutual-TLS SOAP call that needs no DFDG headers).
 * Written only to a terminal; scripts read the JSON log line on stderr.
 */
export const startBanner = (f: BannerFacts): string => {
  const clientName = f.clients[FIRST_CLIENT] ? FIRST_CLIENT : Object.keys(f.clients)[0];
  const client = clientName ? f.clients[clientName] : undefined;
  const lines = [
    '',
    `dfdg-emulator ${f.version} is serving`,
    `  SOAP services (mutual TLS)  ${f.soapUrl}   WSDLs: ${f.soapUrl}/BookingService?wsdl, …`,
    `  admin API and dashboard     ${f.adminUrl}/${f.adminTokenRequired ? '   (Authorization: Bearer <--admin-token>)' : ''}`,
    `  certificates                ${shown(f.certDir, f.cwd)}   (CA ca.pem; clients/<name>.pem, .key, .p12 password changeit)`,
    `  database                    ${f.dbPath === ':memory:' ? 'in memory' : shown(f.dbPath, f.cwd)}`,
  ];
  if (client) {
    lines.push(
      '',
      `A first call, as ${clientName}'s system (CodelistService needs no DFDG headers):`,
      `  curl -sS --cacert ${shown(f.caPath, f.cwd)} --cert ${shown(client.certPath, f.cwd)} --key ${shown(client.keyPath, f.cwd)} \\`,
      `       -H 'Content-Type: text/xml; charset=utf-8' \\`,
      `       -H 'SOAPAction: "http://service.bm.dk/pjaktass/1/CodelistService#GetInterviewTypes"' \\`,
      `       --data '<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><GetInterviewTypesRequest xmlns="http://service.bm.dk/CodelistService/2020/02/01/"/></soap:Body></soap:Envelope>' \\`,
      `       ${f.soapUrl}/CodelistService`,
    );
  }
  lines.push('', 'Stop with Ctrl-C.', '');
  return lines.join('\n');
};
