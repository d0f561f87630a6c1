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

/** A word as a POSIX shell reads it back unchanged: quoted only when it must be. */
export const shellWord = (word: string): string =>
  /^[\w./:@-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;

/** A path as the user would type it from where they are: relative below the folder, absolute elsewhere. */
const shown = (path: string, cwd: string): string => {
  const rel = relative(cwd, path);
  return shellWord(rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : path);
};

/** The client the first call is made with: jobcenter Aarhus's when there is one. */
const FIRST_CLIENT = '8-75100';

/**
 * One call that works as it is (GetInterviewTypes: a real mutual-TLS SOAP call that needs no DFDG
 * headers), as a curl command over several lines, with the paths written by `path`; null when no
 * client certificate exists. The terminal's banner and the empty dashboard show the same one.
 */
export const firstCallCurl = (
  soapUrl: string,
  caPath: string,
  clients: DevCertificates['clients'],
  path: (file: string) => string,
): { readonly clientName: string; readonly lines: readonly string[] } | null => {
  const clientName = clients[FIRST_CLIENT] ? FIRST_CLIENT : Object.keys(clients)[0];
  const client = clientName ? clients[clientName] : undefined;
  if (!clientName || !client) return null;
  return {
    clientName,
    lines: [
      `curl -sS --cacert ${path(caPath)} --cert ${path(client.certPath)} --key ${path(client.keyPath)} \\`,
      `     -H 'Content-Type: text/xml; charset=utf-8' \\`,
      `     -H 'SOAPAction: "http://service.bm.dk/pjaktass/1/CodelistService#GetInterviewTypes"' \\`,
      `     --data '<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><GetInterviewTypesRequest xmlns="http://service.bm.dk/CodelistService/2020/02/01/"/></soap:Body></soap:Envelope>' \\`,
      `     ${soapUrl}/CodelistService`,
    ],
  };
};

/**
 * What a person who just ran `npm start` in a terminal needs first: where things are and one call
 * that works as it is (GetInterviewTypes: a real mutual-TLS SOAP call that needs no DFDG headers).
 * Written only to a terminal; scripts read the JSON log line on stderr.
 */
export const startBanner = (f: BannerFacts): string => {
  const first = firstCallCurl(f.soapUrl, f.caPath, f.clients, (p) => shown(p, f.cwd));
  const lines = [
    '',
    `dfdg-emulator ${f.version} is serving`,
    `  SOAP services (mutual TLS)  ${f.soapUrl}   WSDLs: ${f.soapUrl}/BookingService?wsdl, …`,
    `  admin API and dashboard     ${f.adminUrl}/${f.adminTokenRequired ? '   (Authorization: Bearer <--admin-token>)' : ''}`,
    `  certificates                ${shown(f.certDir, f.cwd)}   (CA ca.pem; clients/<name>.pem, .key, .p12 password changeit)`,
    `  database                    ${f.dbPath === ':memory:' ? 'in memory' : shown(f.dbPath, f.cwd)}`,
  ];
  if (first) {
    lines.push(
      '',
      `A first call, as ${first.clientName}'s system (CodelistService needs no DFDG headers):`,
      ...first.lines.map((line) => `  ${line}`),
    );
  }
  lines.push('', 'Stop with Ctrl-C.', '');
  return lines.join('\n');
};
