/**
 * SOAP traffic for load, crash and concurrency tests: keep-alive connections with a client
 * certificate, requests built by the shared test builders, and every answer sorted into what the
 * contract allows (a SOAP response, a DFDG fault) and what it never allows (anything else).
 */
import { Agent, request } from 'node:https';
import {
  aBooking,
  caseworker,
  createBookingBody,
  dfdgHeaders,
  envelope,
  requestBody,
  soapAction,
  type Org,
  type User,
} from '../../helpers/envelope';
import { clientTls, type CertificateName } from '../../helpers/test-certificates';

export type Answer =
  | {
      readonly kind: 'response';
      readonly status: number;
      readonly body: string;
      readonly referenceId: string | undefined;
      readonly ms: number;
    }
  | { readonly kind: 'network-error'; readonly error: string; readonly ms: number };

/** Connections with one client certificate; `connections` sockets at most, reused (keep-alive). */
export class SoapConnections {
  private readonly agent: Agent;

  constructor(
    private readonly baseUrl: string,
    cert: CertificateName,
    connections: number,
  ) {
    this.agent = new Agent({ ...clientTls(cert), keepAlive: true, maxSockets: connections });
  }

  post(service: string, operation: string, xml: string | Buffer, action?: string): Promise<Answer> {
    const started = Date.now();
    return new Promise((resolve) => {
      const req = request(
        `${this.baseUrl}/${service}`,
        {
          method: 'POST',
          agent: this.agent,
          headers: {
            'Content-Type': 'text/xml; charset=utf-8',
            SOAPAction: `"${action ?? soapAction(service, operation)}"`,
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () =>
            resolve({
              kind: 'response',
              status: res.statusCode ?? 0,
              body: Buffer.concat(chunks).toString('utf8'),
              referenceId: header(res.headers['x-servicerequestlogreferenceidentifier']),
              ms: Date.now() - started,
            }),
          );
          res.on('error', (e) =>
            resolve({ kind: 'network-error', error: e.message, ms: Date.now() - started }),
          );
        },
      );
      req.on('error', (e: NodeJS.ErrnoException) =>
        resolve({ kind: 'network-error', error: e.code ?? e.message, ms: Date.now() - started }),
      );
      req.end(xml);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}

const header = (v: string | string[] | undefined): string | undefined => (Array.isArray(v) ? v[0] : v);

const tag = (xml: string, name: string): string | undefined =>
  new RegExp(`<(?:[\\w.-]+:)?${name}(?:\\s[^>]*)?>([^<]*)</(?:[\\w.-]+:)?${name}>`).exec(xml)?.[1];

export const allTags = (xml: string, name: string): string[] =>
  [
    ...xml.matchAll(new RegExp(`<(?:[\\w.-]+:)?${name}(?:\\s[^>]*)?>([^<]*)</(?:[\\w.-]+:)?${name}>`, 'g')),
  ].map((m) => m[1] ?? '');

export const textOfTag = tag;

/**
 * What the contract allows: `ok` (HTTP 200, a SOAP 1.1 Envelope with a Body), `fault` (HTTP 500, a
 * SOAP 1.1 Fault with STAR's FaultDetails: a numeric ErrorCode and a rule id in Source). Everything
 * else — another status, a fault without FaultDetails, a 5xx without a SOAP body, a reset — is `broken`.
 */
export type Verdict =
  | { readonly kind: 'ok'; readonly body: string }
  | { readonly kind: 'fault'; readonly code: number; readonly source: string; readonly detail: string }
  | { readonly kind: 'broken'; readonly why: string };

const SOAP11 = 'http://schemas.xmlsoap.org/soap/envelope/';
const FAULT_DETAILS = 'http://service.bm.dk/xml/schemas/2011/01/12/';

export const verdictOf = (answer: Answer): Verdict => {
  if (answer.kind === 'network-error') return { kind: 'broken', why: `network error ${answer.error}` };
  const { status, body } = answer;
  const isSoap11 = body.includes(`"${SOAP11}"`) && /<(?:[\w.-]+:)?Body[\s>]/.test(body);
  if (status === 200 && isSoap11 && !/<(?:[\w.-]+:)?Fault[\s>]/.test(body)) return { kind: 'ok', body };
  if (status === 500 && isSoap11 && /<(?:[\w.-]+:)?Fault[\s>]/.test(body)) {
    const code = Number(tag(body, 'ErrorCode'));
    const source = tag(body, 'Source') ?? '';
    if (body.includes(`"${FAULT_DETAILS}"`) && Number.isInteger(code) && source) {
      return { kind: 'fault', code, source, detail: tag(body, 'InnerException') ?? '' };
    }
    return { kind: 'broken', why: `a SOAP fault without DFDG FaultDetails: ${body.slice(0, 600)}` };
  }
  return { kind: 'broken', why: `HTTP ${status}: ${body.slice(0, 600) || '(empty body)'}` };
};

/** Jobcenter Aarhus and its caseworker, whose certificate is 8-75100 (the fixtures). */
export const JOBCENTER: Org = { type: 8, code: '75100' };
export const JOBCENTER_CASEWORKER: User = caseworker(JOBCENTER, 'Mette Hansen');
export const AKASSE_17: Org = { type: 2, code: '17' };

/**
 * Fixture citizens followed by jobcenter 75100, with how many WSRM messages a Jobsamtale (type 7,
 * visible to a-kasser) booked for them queues: the jobcenter's, plus the a-kasse's if they have one.
 */
export const FOLLOWED_CITIZENS = [
  { cpr: '0101575001', receivers: [JOBCENTER, AKASSE_17] },
  { cpr: '0202575002', receivers: [JOBCENTER, AKASSE_17] },
  { cpr: '0404575004', receivers: [JOBCENTER] },
] as const;

/** A CreateBooking by jobcenter 75100's caseworker, a week or more ahead, not self-booked. */
export const createBookingXml = (cpr: string, daysAhead = 7, user: User = JOBCENTER_CASEWORKER): string => {
  const from = new Date(Date.now() + (daysAhead - 7) * 24 * 3600 * 1000);
  return envelope(
    createBookingBody(aBooking({ cpr, meeting: JOBCENTER }, from)),
    dfdgHeaders(JOBCENTER, user),
  );
};

export const wsrmXml = (operation: string, receiver: Org, user: User, identifier?: string): string =>
  envelope(
    requestBody('BookingWsrmMessageService', operation, identifier ? { Identifier: identifier } : {}),
    dfdgHeaders(receiver, user),
  );

/** A random well-formed CPR (a real day and month; no modulus check) for a citizen nobody follows. */
export const randomCpr = (random: () => number = Math.random): string => {
  const pad = (n: number, w: number): string => String(n).padStart(w, '0');
  return (
    pad(1 + Math.floor(random() * 28), 2) +
    pad(1 + Math.floor(random() * 12), 2) +
    pad(Math.floor(random() * 100), 2) +
    pad(Math.floor(random() * 10_000), 4)
  );
};

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** The p-th percentile (0..100) of a list of numbers (0 for an empty list). */
export const percentile = (values: readonly number[], p: number): number => {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
};
