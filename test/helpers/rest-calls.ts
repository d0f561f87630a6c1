/**
 * REST calls to Kontaktforloeb.IndkaldelseService over mutual TLS with node's https client: the
 * headers of REST.md §2 for an actor, and raw headers for the missing, repeated and malformed ones.
 */
import { randomUUID } from 'node:crypto';
import { request } from 'node:https';
import type { Actor } from './scenario-dfdg';
import type { Org, User } from './envelope';
import { clientTls, type CertificateName, type ClientTls } from './test-certificates';

export interface RestResponse {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly text: string;
  /** The body parsed as JSON (undefined when it is not JSON). */
  readonly json: unknown;
}

/** Headers as sent: a header with several values is sent that many times. */
export type RawHeaders = Record<string, string | readonly string[]>;

export const aoHeader = (ao: Org): string =>
  JSON.stringify({ organisationType: ao.type, organisationCode: ao.code });

export const rumHeader = (user: User, registrationDateTime = '2026-11-23T10:00:00+01:00'): string =>
  JSON.stringify({
    requestUserStructure: {
      userFullName: user.name,
      requestUserType: user.type,
      userIdentifier: user.identifier,
    },
    requestOrganisationStructure: { organisationType: user.org.type, organisationCode: user.org.code },
    registrationDateTime,
  });

/** The headers of REST.md §2 for an actor and a citizen; a fresh x-requestId for every write. */
export const restHeaders = (actor: Actor, cpr: string, extra: RawHeaders = {}): RawHeaders => ({
  'X-ActiveOrganisation': aoHeader(actor.ao),
  'X-RequestUserMetadata': rumHeader(actor.user),
  'x-civilregistrationIdentifier': cpr,
  'x-requestId': randomUUID(),
  ...extra,
});

const parsed = (text: string): unknown => {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
};

/** One HTTPS request over mutual TLS with the named certificate, its whole answer read. */
export const restCall = (
  baseUrl: string,
  method: string,
  path: string,
  options: {
    cert?: CertificateName | null;
    /** A certificate of the test's own (one issued through the admin API), instead of `cert`. */
    tls?: ClientTls;
    headers?: RawHeaders;
    body?: unknown;
    /** The body as sent, bytes and all (e.g. not UTF-8). */
    rawBody?: string | Buffer;
  } = {},
): Promise<RestResponse> =>
  new Promise((resolve, reject) => {
    const tls = options.tls ?? clientTls(options.cert === undefined ? '8-75100' : options.cert);
    const payload =
      options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
    const headers: Record<string, string | string[]> = {};
    for (const [name, value] of Object.entries(options.headers ?? {})) {
      headers[name] = typeof value === 'string' ? value : [...value];
    }
    if (payload !== undefined && !Object.keys(headers).some((h) => h.toLowerCase() === 'content-type'))
      headers['Content-Type'] = 'application/json';
    // Node frames a GET or DELETE body by nothing unless told its length: the server would read it as
    // the next request.
    if (payload !== undefined && !Object.keys(headers).some((h) => h.toLowerCase() === 'content-length'))
      headers['Content-Length'] = String(Buffer.byteLength(payload));
    const req = request(`${baseUrl}${path}`, { method, ...tls, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json: parsed(text) });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(payload);
  });

/** An IndkaldelseDto of a jobcenter's ordinary meeting: a Jobsamtale at jobcenter Aarhus, in person. */
export const indkaldelseDto = (
  start: string,
  overrides: Record<string, unknown> = {},
): Record<string, unknown> => ({
  moedeStarttidspunkt: start,
  moedeVarighed: 45,
  samtaleType: 7,
  moedeGruppeType: 1,
  afholdelsesform: 1,
  moedepligt: true,
  ombookingMulig: false,
  aflysningMulig: true,
  moedeOrganisation: { organisationType: 8, organisationCode: '75100' },
  moedested: 'Jobcenter Aarhus, Værkmestergade 2',
  sagsbehandlerNavn: 'Mette Hansen',
  ...overrides,
});

/** The JSON error body of REST.md §5, its rule (X-DFDG-Rule) and its HTTP status. */
export const expectRestRefused = (
  res: RestResponse,
  status: number,
  fejlkode: number,
  rule: string,
): void => {
  expect({ status: res.status, rule: res.headers['x-dfdg-rule'] }).toEqual({ status, rule });
  expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
  const body = res.json as Record<string, unknown>;
  expect(body.fejlkode).toBe(fejlkode);
  expect(typeof body.fejltekst).toBe('string');
  expect(typeof body.beskrivelse).toBe('string');
  expect(body.serviceRequestLogReferenceIdentifier).toBe(
    res.headers['x-servicerequestlogreferenceidentifier'],
  );
};
