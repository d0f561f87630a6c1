import { readFileSync } from 'node:fs';
import { request } from 'node:https';
import { checkServerIdentity } from 'node:tls';
import type { AdminContext } from '../admin-context';
import type { JournalEntry } from '../../transport/journal';
import { Problem } from '../problem';
import type { UsableCertificate } from './try-it-certificate';
import type { TryItRequest } from './try-it-request';

/** What the SOAP port answered, and the call as the journal filed it. */
export interface TryItExchange {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: string;
  readonly referenceId: string | null;
  readonly call: JournalEntry | null;
}

const REFERENCE_HEADER = 'x-servicerequestlogreferenceidentifier';
/** An answer takes milliseconds; a request the port holds this long is reported, not waited for. */
const SEND_TIMEOUT_MS = 30_000;
/** The answer the user sees is kept whole up to this size; more is cut (the journal keeps its own). */
const ANSWER_LIMIT = 1024 * 1024;

/**
 * The headers as the user wrote them, but the message's framing is this sender's: a Content-Length
 * or Transfer-Encoding that does not match the body would leave the port waiting for bytes.
 */
const FRAMING = new Set(['content-length', 'transfer-encoding', 'connection', 'host', 'expect']);
const ownHeaders = (headers: Readonly<Record<string, string>>): Record<string, string> =>
  Object.fromEntries(Object.entries(headers).filter(([name]) => !FRAMING.has(name.toLowerCase())));

/** Where the SOAP port listens, seen from this process: a wildcard address is reached on loopback. */
const soapTarget = (ctx: AdminContext): { host: string; port: number } => {
  const host =
    ctx.config.host === '0.0.0.0' ? '127.0.0.1' : ctx.config.host === '::' ? '::1' : ctx.config.host;
  return { host, port: Number(new URL(ctx.soapUrl()).port) };
};

/**
 * Sends a request through the real mutual-TLS port with the certificate's own key, as a vendor's
 * client would: it passes every rule and lands in the journal and the audit like any call.
 */
export const sendThroughSoapPort = (
  ctx: AdminContext,
  certificate: UsableCertificate,
  req: TryItRequest,
): Promise<TryItExchange> =>
  new Promise<Omit<TryItExchange, 'call'>>((resolve, reject) => {
    const { host, port } = soapTarget(ctx);
    const body = Buffer.from(req.body, 'utf8');
    let outgoing;
    try {
      outgoing = request(
        {
          host,
          port,
          method: req.method,
          path: req.path,
          headers: { ...ownHeaders(req.headers), 'Content-Length': String(body.length) },
          cert: readFileSync(certificate.certificatePath, 'utf8'),
          key: readFileSync(certificate.privateKeyPath, 'utf8'),
          ca: readFileSync(ctx.certificates.caPath, 'utf8'),
          checkServerIdentity: (_name, cert) => checkServerIdentity(host, cert),
          agent: false,
          timeout: SEND_TIMEOUT_MS,
        },
        (res) => {
          const chunks: Buffer[] = [];
          let size = 0;
          res.on('data', (c: Buffer) => {
            size += c.length;
            if (size <= ANSWER_LIMIT) chunks.push(c);
          });
          res.on('end', () => {
            const headers: Record<string, string> = {};
            for (const [name, value] of Object.entries(res.headers))
              if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
            resolve({
              status: res.statusCode ?? 0,
              headers,
              body: Buffer.concat(chunks).toString('utf8'),
              referenceId: headers[REFERENCE_HEADER] ?? null,
            });
          });
          res.on('error', reject);
        },
      );
    } catch (error) {
      // Node refuses a header it cannot send (a character beyond Latin-1): the request is at fault.
      reject(new Problem(400, `the request cannot be sent: ${(error as Error).message}`));
      return;
    }
    const sending = outgoing;
    sending.on('timeout', () => sending.destroy(new Error(`no answer within ${SEND_TIMEOUT_MS} ms`)));
    sending.on('error', reject);
    sending.end(body);
  })
    .catch((error: unknown) => {
      if (error instanceof Problem) throw error;
      throw new Problem(502, `the SOAP port did not answer: ${(error as Error).message}`);
    })
    .then(async (answer) => ({ ...answer, call: await journalled(ctx, answer.referenceId) }));

/** The call's journal entry: filed once the answer is out, so it may arrive a moment after it. */
const journalled = async (ctx: AdminContext, referenceId: string | null): Promise<JournalEntry | null> => {
  if (referenceId === null) return null;
  for (let attempt = 0; attempt < 100; attempt++) {
    const entry = ctx.journal.find(referenceId);
    if (entry) return entry;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return null;
};
