import { request } from 'node:https';

/** Client side of mutual TLS: the client's certificate and key, and the CA that signed the server's. */
export interface ClientTls {
  readonly cert: string;
  readonly key: string;
  readonly ca: string;
}

export interface SoapExchange {
  readonly path: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

export interface SoapReply {
  readonly status: number;
  readonly body: string;
}

/**
 * One POST on a fresh connection (for setup, probes and clean-up; the load itself is autocannon's).
 * A server that accepts the connection but never answers (a blocked event loop) fails after timeoutMs.
 */
export const post = (
  baseUrl: string,
  tls: ClientTls,
  exchange: SoapExchange,
  timeoutMs = 30_000,
): Promise<SoapReply> =>
  new Promise((resolve, reject) => {
    const req = request(
      `${baseUrl}${exchange.path}`,
      {
        method: 'POST',
        cert: tls.cert,
        key: tls.key,
        ca: tls.ca,
        agent: false,
        headers: { ...exchange.headers, 'content-length': Buffer.byteLength(exchange.body) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
        );
        res.on('error', reject);
      },
    );
    req.setTimeout(timeoutMs, () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    req.on('error', reject);
    req.end(exchange.body);
  });

/** Like post, but an HTTP status other than 200 is an error that shows the answer. */
export const postOk = async (baseUrl: string, tls: ClientTls, exchange: SoapExchange): Promise<string> => {
  const reply = await post(baseUrl, tls, exchange);
  if (reply.status !== 200) {
    throw new Error(`${exchange.path} answered HTTP ${reply.status}: ${reply.body.slice(0, 600)}`);
  }
  return reply.body;
};
