/**
 * Slow and idle connections (slowloris): they open a connection and then send too little, too late.
 * Each resolves with how long the server let it live and what the server wrote before closing.
 */
import { connect as netConnect, type Socket } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import { clientTls } from '../../helpers/test-certificates';

export interface Cut {
  readonly kind: string;
  /** Whether the server closed the connection, or the client gave up waiting for that. */
  readonly by: 'server' | 'client gave up';
  /** Milliseconds from the connection's start until the server closed it. */
  readonly afterMs: number;
  /** The first bytes the server wrote (e.g. "HTTP/1.1 408 Request Timeout"). */
  readonly answer: string;
}

type Kind = 'headers-trickle' | 'idle-after-handshake' | 'body-trickle' | 'no-handshake';

/**
 * Opens one connection of the given kind to host:port. It never finishes its request on its own;
 * `giveUpMs` bounds the test if the server never cuts it.
 */
export const slowClient = (kind: Kind, port: number, giveUpMs: number): Promise<Cut> =>
  new Promise((resolve) => {
    const started = Date.now();
    let answer = '';
    let timer: NodeJS.Timeout | undefined;
    const socket: Socket =
      kind === 'no-handshake'
        ? netConnect(port, '127.0.0.1', () => socket.write(Buffer.from([0x16, 0x03]))) // half a TLS record header
        : tlsConnect({ port, host: '127.0.0.1', servername: 'localhost', ...clientTls('8-75100') }, () => {
            if (kind === 'headers-trickle') {
              socket.write('POST /BookingService HTTP/1.1\r\nHost: localhost\r\n');
              let n = 0;
              timer = setInterval(() => socket.write(`X-Slow-${n++}: y\r\n`), 1000);
            } else if (kind === 'body-trickle') {
              socket.write(
                'POST /BookingService HTTP/1.1\r\nHost: localhost\r\nContent-Type: text/xml\r\nContent-Length: 100000\r\n\r\n',
              );
              timer = setInterval(() => socket.write('<'), 1000);
            }
          });
    let by: Cut['by'] = 'server';
    const giveUp = setTimeout(() => {
      by = 'client gave up';
      socket.destroy();
    }, giveUpMs);
    socket.on('data', (d: Buffer) => {
      if (answer.length < 200) answer += d.toString('latin1');
    });
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearTimeout(giveUp);
      if (timer) clearInterval(timer);
      resolve({ kind, by, afterMs: Date.now() - started, answer: answer.split('\r\n')[0] ?? '' });
    });
  });
