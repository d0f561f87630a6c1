import type { IncomingMessage } from 'node:http';
import { peerCertificateSubject } from '../security/client-identity';

/** One HTTP header as the client sent it: its name in the client's spelling, one value per line sent. */
export interface SentHeader {
  readonly name: string;
  readonly value: string;
}

/**
 * What came before the body, whichever face the call came through: the request line, every header
 * in the order sent, and the subject of the TLS client certificate. A vendor whose call was refused
 * for its SOAPAction, its Content-Type or its certificate sees here what the emulator received.
 */
export interface RequestHead {
  /** e.g. "POST /BookingService HTTP/1.1". */
  readonly requestLine: string;
  readonly headers: readonly SentHeader[];
  /** The TLS client certificate's subject (RFC 4514 order, CN first); null when none was presented. */
  readonly clientCertificateSubject: string | null;
}

/**
 * A header value as sent. Node reads header bytes as Latin-1: a value sent as raw UTF-8 (REST.md §2
 * accepts it in the DTO headers) is read back as UTF-8 when its bytes are that.
 */
export const headerText = (value: string): string => {
  if (!/[\u0080-\u00ff]/.test(value)) return value;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(Buffer.from(value, 'latin1'));
  } catch {
    return value;
  }
};

/** Node's header limit (16 KiB by default) bounds what this keeps per call. */
export const requestHeadOf = (req: IncomingMessage & { readonly originalUrl?: string }): RequestHead => {
  const headers: SentHeader[] = [];
  for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) {
    headers.push({ name: req.rawHeaders[i] ?? '', value: headerText(req.rawHeaders[i + 1] ?? '') });
  }
  return {
    // express rewrites req.url under a mount point; originalUrl is the target as sent.
    requestLine: `${req.method ?? ''} ${req.originalUrl ?? req.url ?? ''} HTTP/${req.httpVersion}`,
    headers,
    clientCertificateSubject: peerCertificateSubject(req.socket),
  };
};

/** The head as the client wrote it on the wire (the dashboard's and a log's plain form). */
export const requestHeadText = (head: RequestHead): string =>
  [head.requestLine, ...head.headers.map((h) => `${h.name}: ${h.value}`)].join('\n');
