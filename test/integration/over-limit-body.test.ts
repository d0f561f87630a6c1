import { connect } from 'node:tls';
import { gzipSync } from 'node:zlib';
import type { RunningEmulator } from '../../src/emulator';
import { startTestEmulator } from '../helpers/emulator';
import { getInterviewTypesBody } from '../helpers/dfdg-calls';
import { envelope, soapAction } from '../helpers/envelope';
import { expectAccepted } from '../helpers/fault-assertions';
import { exchange, faultOf, soapHeaders } from '../helpers/soap-request';
import { clientTls } from '../helpers/test-certificates';

/**
 * A body over --max-body-bytes is refused as soon as that is known, not read to its end (issue 12,
 * item 6): the declared Content-Length, or the running count of a chunked body. The client sends
 * as fast as it can; it must be answered long before it could have sent everything, and the
 * server must then close the connection rather than read on.
 */
const LIMIT = 64 * 1024;
/** What the client would send at most: far more than the limit and than any socket buffers hold. */
const CAP = 64 * 1024 * 1024;
const PIECE = 64 * 1024;

let emulator: RunningEmulator;
beforeAll(async () => {
  // Short request timeouts, so that a server that waits for the rest answers 408 soon.
  emulator = await startTestEmulator({ maxBodyBytes: LIMIT, headersTimeoutMs: 2000, requestTimeoutMs: 2000 });
});
afterAll(() => emulator.stop());

interface Outcome {
  /** Everything the server sent. */
  readonly answer: string;
  /** Bytes the client had handed over when the first byte of the answer came (null: never answered). */
  readonly sentWhenAnswered: number | null;
  /** Bytes the client handed over in all, before the connection closed. */
  readonly sent: number;
  /** Whether the server closed the connection (the client never does). */
  readonly closedByServer: boolean;
}

/**
 * Sends the request head, then body pieces as fast as the connection takes them, answered or not,
 * until the server closes the connection or CAP bytes are sent. A server that stops reading
 * leaves the client stuck once the socket buffers between them are full, far below CAP.
 */
const sendUntilAnswered = (head: string, piece: Buffer): Promise<Outcome> =>
  new Promise((resolve) => {
    let answer = '';
    let sent = 0;
    let sentWhenAnswered: number | null = null;
    let closed = false;
    const socket = connect({
      host: '127.0.0.1',
      port: emulator.port,
      servername: 'localhost',
      ...clientTls('8-75100'),
    });
    const finish = (closedByServer: boolean): void => {
      clearTimeout(giveUp);
      socket.destroy();
      resolve({ answer, sentWhenAnswered, sent, closedByServer });
    };
    // A server that neither answers nor closes: end the test with what was seen (not a timing assertion).
    const giveUp = setTimeout(() => finish(false), 20_000);
    const pump = (): void => {
      while (!closed && sent < CAP) {
        sent += piece.length;
        if (!socket.write(piece)) {
          socket.once('drain', pump);
          return;
        }
      }
    };
    socket.once('secureConnect', () => {
      socket.write(head);
      pump();
    });
    socket.on('data', (d: Buffer) => {
      if (sentWhenAnswered === null) sentWhenAnswered = sent;
      answer += d.toString('utf8');
    });
    socket.on('error', () => undefined);
    socket.once('close', () => {
      closed = true;
      finish(true);
    });
  });

const requestHead = (framing: string): string =>
  'POST /BookingService HTTP/1.1\r\nHost: localhost\r\nContent-Type: text/xml; charset=utf-8\r\n' +
  `SOAPAction: "${soapAction('BookingService', 'GetBookings')}"\r\n${framing}\r\n\r\n`;

const expectRefusedEarly = (outcome: Outcome): void => {
  const [head = '', body = ''] = outcome.answer.split('\r\n\r\n');
  expect(head).toMatch(/^HTTP\/1\.1 500 /);
  expect(head).toMatch(/\r\ncontent-type: text\/xml; charset=utf-8\r\n/i);
  expect(head).toMatch(/\r\nconnection: close\r\n/i);
  expect(body).toContain('<ErrorCode>1014</ErrorCode>');
  expect(body).toContain('<Source>REQ-XML</Source>');
  // Answered while the client was still sending; then the server closed instead of reading on, so
  // the client could not hand over more than the socket buffers hold.
  expect(outcome.sentWhenAnswered).not.toBeNull();
  expect(outcome.sentWhenAnswered).toBeLessThan(CAP);
  expect(outcome.closedByServer).toBe(true);
  expect(outcome.sent).toBeLessThan(CAP);
  const referenceId =
    /\r\nx-servicerequestlogreferenceidentifier: ([0-9a-f-]{36})\r\n/i.exec(head)?.[1] ?? '';
  expect(emulator.store.audit.find(referenceId)).toMatchObject({ outcome: '1014', ruleId: 'REQ-XML' });
};

it('When a request declares a Content-Length over --max-body-bytes, then the 1014 REQ-XML fault comes at once with Connection: close, and the body is not read', async () => {
  const outcome = await sendUntilAnswered(
    requestHead('Content-Length: 1073741824'),
    Buffer.alloc(PIECE, 'x'),
  );
  expectRefusedEarly(outcome);
  expect(outcome.answer).toContain('declares 1073741824 bytes');
}, 60_000);

it('When a chunked body goes on past --max-body-bytes without end, then the 1014 REQ-XML fault comes as the count passes the limit, with Connection: close, and the rest is not read', async () => {
  const chunk = Buffer.concat([
    Buffer.from(`${PIECE.toString(16)}\r\n`),
    Buffer.alloc(PIECE, 'x'),
    Buffer.from('\r\n'),
  ]);
  const outcome = await sendUntilAnswered(requestHead('Transfer-Encoding: chunked'), chunk);
  expectRefusedEarly(outcome);
  expect(outcome.answer).toContain('is larger than the configured limit');
}, 60_000);

const postGzipped = (xml: string) =>
  exchange(`${emulator.soapUrl}/CodelistService`, gzipSync(xml), {
    ...clientTls('8-75100'),
    agent: false,
    headers: {
      ...soapHeaders(soapAction('CodelistService', 'GetInterviewTypes')),
      'Content-Encoding': 'gzip',
    },
  });

it('When a gzip-encoded call decodes within the limit, then it is served', async () => {
  expectAccepted(await postGzipped(envelope(getInterviewTypesBody())));
});

it('When a small gzip-encoded body decodes to more than the limit, then it is refused with 1014 REQ-XML', async () => {
  const bomb = envelope(`<!-- ${' '.repeat(LIMIT)} -->${getInterviewTypesBody()}`);
  const res = await postGzipped(bomb);
  expect(faultOf(res)).toMatchObject({ errorCode: 1014, source: 'REQ-XML' });
  expect(res.body).toContain('decodes to more than the configured limit');
});
