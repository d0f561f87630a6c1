import type { Server } from 'node:https';
import type { Socket } from 'node:net';
import type { TLSSocket } from 'node:tls';

/**
 * At most `maxConnections` connections at once, counting those still in their TLS handshake. When
 * every slot is taken, a new connection takes the place of the oldest one still in its handshake;
 * only when every open connection has completed its handshake is the new one refused (closed).
 *
 * Why not net.Server.maxConnections: it refuses the newcomer, so sockets that never send a
 * ClientHello (no certificate needed, nothing but a TCP connect) locked every client out until the
 * handshake timeout, and an attacker who reconnects keeps them locked out. A connection still in its
 * handshake has shown nothing yet; letting a newcomer displace the oldest one means such sockets
 * would have to arrive faster than a real client completes its handshake to keep it out.
 */
export const admitConnections = (server: Server, maxConnections: number): { closeAll(): void } => {
  const open = new Set<Socket>();
  /** Connections still in their handshake, oldest first, by remote address and port. */
  const handshaking = new Map<string, Socket>();

  server.on('connection', (socket: Socket) => {
    const key = peerOf(socket);
    if (key === null) {
      socket.destroy(); // already gone
      return;
    }
    if (open.size >= maxConnections) {
      const oldest = handshaking.entries().next().value;
      if (!oldest) {
        socket.destroy();
        return;
      }
      const [oldestKey, oldestSocket] = oldest;
      handshaking.delete(oldestKey);
      open.delete(oldestSocket);
      oldestSocket.destroy();
    }
    open.add(socket);
    handshaking.set(key, socket);
    socket.once('close', () => {
      open.delete(socket);
      if (handshaking.get(key) === socket) handshaking.delete(key);
    });
  });
  // The TLS socket answers for the same TCP connection: same peer address and port.
  server.on('secureConnection', (socket: TLSSocket) => {
    const key = peerOf(socket);
    if (key !== null) handshaking.delete(key);
  });
  return {
    /** Every open connection, those still in their handshake too (node's closeAllConnections skips them). */
    closeAll: () => {
      for (const socket of open) socket.destroy();
    },
  };
};

const peerOf = (socket: Socket): string | null =>
  socket.remoteAddress === undefined || socket.remotePort === undefined
    ? null
    : `${socket.remoteAddress} ${socket.remotePort}`;
