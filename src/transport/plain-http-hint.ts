import type { Server } from 'node:https';
import type { Socket } from 'node:net';
import type { TLSSocket } from 'node:tls';
import type { Logger } from './logger';

/**
 * OpenSSL's verdict on a first record that is an HTTP request line rather than a ClientHello:
 * "GET ", "POST", "HEAD", "PUT " (http request) and "CONNECT" (https proxy request).
 */
const PLAIN_HTTP_ERRORS = new Set(['ERR_SSL_HTTP_REQUEST', 'ERR_SSL_HTTPS_PROXY_REQUEST']);

const plainTextAnswer = (httpsUrl: string): string => {
  const body =
    `This port speaks HTTPS with mutual TLS, not plain HTTP.\n` +
    `Call ${httpsUrl}/ with https:// and a client certificate (certs/clients/<name>.p12 or .pem and .key).\n`;
  return (
    'HTTP/1.1 400 Bad Request\r\n' +
    'Content-Type: text/plain; charset=utf-8\r\n' +
    `Content-Length: ${Buffer.byteLength(body)}\r\n` +
    'Connection: close\r\n\r\n' +
    body
  );
};

const peerKey = (socket: Socket): string => `${socket.remoteAddress ?? ''}:${socket.remotePort ?? ''}`;

/**
 * A client that speaks plain http:// to the TLS port got an empty reply (its request fails the
 * handshake) and the emulator said nothing: a newcomer could not tell what was wrong. OpenSSL
 * recognises an HTTP request line where the ClientHello should be; the TCP connection under the
 * failed handshake is still open, so it is answered there, in plain text, with a 400 that says to use
 * https, and the attempt is logged. Other handshake failures are left to TLS as before.
 */
export const answerPlainHttp = (server: Server, logger: Logger, httpsUrl: () => string): void => {
  /** The TCP connection under each TLS socket, by peer address and port, while it is open. */
  const tcpByPeer = new Map<string, Socket>();
  server.on('connection', (socket: Socket) => {
    const key = peerKey(socket);
    tcpByPeer.set(key, socket);
    socket.once('close', () => {
      if (tcpByPeer.get(key) === socket) tcpByPeer.delete(key);
    });
  });
  server.on('tlsClientError', (error: NodeJS.ErrnoException, tlsSocket: TLSSocket) => {
    if (!error.code || !PLAIN_HTTP_ERRORS.has(error.code)) return;
    const tcp = tcpByPeer.get(peerKey(tlsSocket));
    logger.info('plain HTTP on the TLS port: answered 400, use https', {
      remoteAddress: tlsSocket.remoteAddress,
      url: httpsUrl(),
    });
    if (tcp && tcp.writable) tcp.end(plainTextAnswer(httpsUrl()));
  });
};
