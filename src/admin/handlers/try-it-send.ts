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
    const outgoing = request(
      {
        host,
        port,
        method: req.method,
        path: req.path,
        headers: { ...req.headers, ...(body.length > 0 ? { 'Content-Length': String(body.length) } : {}) },
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
    outgoing.on('timeout', () => outgoing.destroy(new Error(`no answer within ${SEND_TIMEOUT_MS} ms`)));
    outgoing.on('error', reject);
    outgoing.end(body);
  })
    .catch((error: unknown) => {
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
