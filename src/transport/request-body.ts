import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Transform } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';

/** Why a body was not read (413: over the limit; 415: an encoding not supported; 400: unreadable). */
export class RequestBodyError extends Error {
  constructor(
    readonly status: 400 | 413 | 415,
    message: string,
  ) {
    super(message);
    this.name = 'RequestBodyError';
  }
}

const DECODERS: Readonly<Record<string, () => Transform>> = {
  gzip: createGunzip,
  'x-gzip': createGunzip,
  deflate: createInflate,
  br: createBrotliDecompress,
};

/**
 * Reads the request body, decoding a gzip, deflate or br Content-Encoding. The body as sent and as
 * decoded must each fit in `maxBytes`; otherwise, or when it cannot be read or decoded, the promise
 * rejects with a RequestBodyError.
 *
 * A body over the limit is refused as soon as that is known, from its declared Content-Length or
 * from the running count of a chunked one, and is not read any further: the connection is marked
 * `Connection: close`, so node ends it once the fault has been written. Reading it to the end first
 * (as express.raw does) let one caller stream gigabytes into the server before being answered.
 */
export const readRequestBody = (
  req: IncomingMessage,
  res: ServerResponse,
  maxBytes: number,
): Promise<Buffer> =>
  new Promise<Buffer>((resolve, reject) => {
    const tooLarge = (how: string): RequestBodyError => {
      res.setHeader('Connection', 'close');
      return new RequestBodyError(413, `the request body ${how} the configured limit of ${maxBytes} bytes`);
    };
    const declared = Number(req.headers['content-length']);
    if (declared > maxBytes) {
      req.pause();
      reject(tooLarge(`declares ${declared} bytes, more than`));
      return;
    }
    const encoding = (req.headers['content-encoding'] ?? 'identity').trim().toLowerCase();
    const makeDecoder = DECODERS[encoding];
    if (encoding !== 'identity' && !makeDecoder) {
      req.pause();
      res.setHeader('Connection', 'close');
      reject(new RequestBodyError(415, `the content encoding "${encoding}" is not supported`));
      return;
    }
    const decoder = makeDecoder?.() ?? null;

    const chunks: Buffer[] = [];
    let sent = 0;
    let kept = 0;
    let settled = false;
    const settle = (error?: RequestBodyError): void => {
      if (settled) return;
      settled = true;
      req.off('data', onSent);
      req.off('end', onSentEnd);
      if (error) {
        // Left unread: the socket stops being read once the request's own buffer is full.
        req.pause();
        decoder?.destroy();
        reject(error);
        return;
      }
      resolve(Buffer.concat(chunks, kept));
    };
    const keep = (chunk: Buffer): void => {
      kept += chunk.length;
      if (kept > maxBytes) settle(tooLarge('decodes to more than'));
      else chunks.push(chunk);
    };
    const onSent = (chunk: Buffer): void => {
      sent += chunk.length;
      if (sent > maxBytes) settle(tooLarge('is larger than'));
      else if (decoder) decoder.write(chunk);
      else keep(chunk);
    };
    const onSentEnd = (): void => (decoder ? void decoder.end() : settle());
    const aborted = (): void => settle(new RequestBodyError(400, 'request aborted'));

    req.on('data', onSent);
    req.on('end', onSentEnd);
    req.on('error', aborted);
    req.once('close', () => {
      if (!req.complete) aborted();
    });
    if (decoder) {
      decoder.on('data', (chunk: Buffer) => {
        if (!settled) keep(chunk);
      });
      decoder.once('end', () => settle());
      decoder.on('error', (error: Error) =>
        settle(new RequestBodyError(400, `the ${encoding} content does not decode: ${error.message}`)),
      );
    }
  });
