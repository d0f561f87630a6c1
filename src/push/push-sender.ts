import { request } from 'node:https';
import type { TLSSocket } from 'node:tls';
import { isDelivered } from '../domain/push.rules';

/** Where a subscriber receives push messages, and the CA its server certificate must chain to. */
export interface PushEndpoint {
  readonly url: string;
  readonly serverCaPem: string;
}

/** The client certificate the emulator presents as STAR does (P22: one certificate to every receiver). */
export interface PushIdentity {
  readonly certificatePem: string;
  readonly privateKeyPem: string;
}

/**
 * How one attempt ended, in the words of `GET /admin/deliveries` (REST.md §7): `delivered`,
 * `http <status>`, `timeout`, `tls: <reason>` or `connect: <reason>`.
 */
export interface AttemptOutcome {
  readonly delivered: boolean;
  readonly outcome: string;
  readonly httpStatus?: number | undefined;
}

/** A receiver's answer body is read only to finish the exchange; more than this is not kept. */
const ANSWER_READ_LIMIT = 64 * 1024;

const codeOf = (error: unknown): string =>
  typeof error === 'object' && error !== null && typeof (error as NodeJS.ErrnoException).code === 'string'
    ? ((error as NodeJS.ErrnoException).code as string)
    : '';

const reasonOf = (error: unknown): string => {
  const message =
    typeof error === 'object' && error !== null && typeof (error as Error).message === 'string'
      ? (error as Error).message
      : String(error);
  const code = codeOf(error);
  // Node's messages often start with the syscall ("connect ECONNREFUSED ..."): lead with the code.
  return code ? `${code} ${message.replace(new RegExp(`^\\w+ ${code}\\s*`), '')}`.trim() : message;
};

/**
 * Under TLS 1.3 a receiver that refuses our certificate says so after the client's handshake is done,
 * with an alert: OpenSSL's codes tell that apart from a dropped connection.
 */
const isTlsError = (error: unknown): boolean => /^ERR_SSL_|^ERR_TLS_|CERT|^EPROTO$/.test(codeOf(error));

/**
 * POSTs one message over mutual TLS and says how it went. Never rejects: every failure is an
 * outcome, so the delivery worker records it and schedules the retry. The TLS phase is told apart
 * from the TCP phase so a subscriber sees "tls: ..." for a certificate problem and "connect: ..." for
 * an endpoint that is down.
 */
export const postPushMessage = (
  endpoint: PushEndpoint,
  identity: PushIdentity,
  body: string,
  timeoutMs: number,
): Promise<AttemptOutcome> =>
  new Promise((resolve) => {
    let settled = false;
    const settle = (outcome: AttemptOutcome): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(outcome);
    };
    let url: URL;
    try {
      url = new URL(endpoint.url);
    } catch (error) {
      resolve({ delivered: false, outcome: `connect: ${reasonOf(error)}` });
      return;
    }
    if (url.protocol !== 'https:') {
      resolve({ delivered: false, outcome: `connect: ${url.protocol} is not https:` });
      return;
    }
    let phase: 'connect' | 'tls' | 'answer' = 'connect';
    const payload = Buffer.from(body, 'utf8');
    const req = request(url, {
      method: 'POST',
      ca: endpoint.serverCaPem,
      cert: identity.certificatePem,
      key: identity.privateKeyPem,
      // One connection per attempt: a receiver restarted between attempts never meets a stale socket.
      agent: false,
      headers: {
        'content-type': 'application/json; charset=utf-8',
        'content-length': String(payload.length),
      },
    });
    const timer = setTimeout(() => {
      settle({ delivered: false, outcome: 'timeout' });
      req.destroy();
    }, timeoutMs);
    req.on('socket', (socket) => {
      socket.once('connect', () => {
        phase = 'tls';
      });
      (socket as TLSSocket).once('secureConnect', () => {
        phase = 'answer';
      });
    });
    req.on('error', (error) => {
      if (phase === 'answer' && codeOf(error) === 'ECONNRESET') {
        // TLS 1.3 finishes the client's side of the handshake before the receiver judges our
        // certificate; a receiver that refuses it then just closes the connection.
        settle({
          delivered: false,
          outcome:
            'tls: ECONNRESET the receiver closed the connection after the handshake without an answer ' +
            '(does it trust certs/ca.pem for client certificates?)',
        });
        return;
      }
      const kind = phase === 'tls' || isTlsError(error) ? 'tls' : 'connect';
      settle({ delivered: false, outcome: `${kind}: ${reasonOf(error)}` });
    });
    req.on('response', (res) => {
      const status = res.statusCode ?? 0;
      let read = 0;
      res.on('data', (chunk: Buffer) => {
        read += chunk.length;
        if (read > ANSWER_READ_LIMIT) res.destroy();
      });
      const done = (): void => {
        const delivered = isDelivered(status);
        settle({ delivered, outcome: delivered ? 'delivered' : `http ${status}`, httpStatus: status });
      };
      res.on('end', done);
      res.on('close', done);
      res.on('error', done);
    });
    req.end(payload);
  });
