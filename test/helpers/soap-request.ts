import { request, type RequestOptions } from 'node:https';
import { TLSSocket } from 'node:tls';
import { clientTls, type CertificateName } from './test-certificates';

/** Raw SOAP over mutual TLS: for the malformed, missing and duplicated things a SOAP client won't send. */
export interface RawResponse {
  readonly status: number;
  readonly body: string;
  readonly headers: Record<string, string | string[] | undefined>;
  /** The TLS version the exchange used (null over plain HTTP). */
  readonly protocol?: string | null;
}

/**
 * One raw HTTPS POST with its whole answer read: the one place the tests speak HTTP themselves.
 * `options` carries the TLS material, an agent, protocol versions, headers.
 */
export const exchange = (url: string, body: string | Buffer, options: RequestOptions): Promise<RawResponse> =>
  new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', ...options }, (res) => {
      const protocol = res.socket instanceof TLSSocket ? res.socket.getProtocol() : null;
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          body: Buffer.concat(chunks).toString('utf8'),
          headers: res.headers,
          protocol,
        }),
      );
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });

/** SOAP headers for a POST: the content type and, when given, the SOAPAction. */
export const soapHeaders = (
  soapAction?: string,
  contentType = 'text/xml; charset=utf-8',
): Record<string, string> => ({
  'Content-Type': contentType,
  ...(soapAction ? { SOAPAction: `"${soapAction}"` } : {}),
});

export const postXml = (
  url: string,
  body: string | Buffer,
  options: { cert?: CertificateName | null; soapAction?: string; contentType?: string } = {},
): Promise<RawResponse> =>
  exchange(url, body, {
    ...clientTls(options.cert === undefined ? '8-75100' : options.cert),
    agent: false,
    headers: soapHeaders(options.soapAction, options.contentType),
  });

export interface FaultSummary {
  readonly faultcode: string;
  readonly faultstring: string;
  readonly errorCode: number;
  /** FaultDetails/Message as text (entities decoded). */
  readonly message: string;
  readonly source: string;
  readonly innerException: string;
}

/** Character data as text: the five predefined entities decoded. */
export const decoded = (xml: string): string =>
  xml
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

const tag = (xml: string, name: string): string | undefined =>
  new RegExp(`<(?:\\w+:)?${name}(?:\\s[^>]*)?>([\\s\\S]*?)</(?:\\w+:)?${name}>`).exec(xml)?.[1];

/** Reads a DFDG fault; throws when the response is not one (so a test cannot pass on a success). */
export const faultOf = (res: RawResponse): FaultSummary => {
  const errorCode = tag(res.body, 'ErrorCode');
  if (res.status !== 500 || errorCode === undefined)
    throw new Error(`expected a fault, got HTTP ${res.status}: ${res.body.slice(0, 500)}`);
  return {
    faultcode: tag(res.body, 'faultcode') ?? '',
    faultstring: tag(res.body, 'faultstring') ?? '',
    errorCode: Number(errorCode),
    message: decoded(tag(res.body, 'Message') ?? ''),
    source: tag(res.body, 'Source') ?? '',
    innerException: tag(res.body, 'InnerException') ?? '',
  };
};

export const textOf = (xml: string, name: string): string | undefined => tag(xml, name);
