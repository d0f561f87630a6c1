import { connect as connectTcp, type Socket } from 'node:net';
import type { RunningEmulator } from '../../src/emulator';
import { startTestEmulator } from '../helpers/emulator';
import { envelope, soapAction } from '../helpers/envelope';
import { getInterviewTypesBody } from '../helpers/dfdg-calls';
import { expectAccepted } from '../helpers/fault-assertions';
import { postXml } from '../helpers/soap-request';

/**
 * Connection slots and the TLS handshake (issue 12, item 5): TCP connections that never send a
 * ClientHello need no certificate, and used to hold every slot of --max-connections for Node's
 * 120 s handshake timeout, locking every client out.
 */
const IDLE = 1000;

/** A TCP connection to the SOAP port that sends nothing; resolves once the server accepted it. */
const idleSocket = (port: number): Promise<Socket> =>
  new Promise((resolve, reject) => {
    const socket = connectTcp({ host: '127.0.0.1', port });
    socket.once('connect', () => resolve(socket));
    socket.once('error', reject);
  });

/** Whether the server closes the socket (true) before the test gives up waiting (false). */
const closedByServer = (socket: Socket, giveUpMs: number): Promise<boolean> =>
  new Promise((resolve) => {
    const giveUp = setTimeout(() => resolve(false), giveUpMs);
    socket.on('error', () => undefined);
    socket.once('close', () => {
      clearTimeout(giveUp);
      resolve(true);
    });
  });

const callCodelist = (emulator: RunningEmulator) =>
  postXml(`${emulator.soapUrl}/CodelistService`, envelope(getInterviewTypesBody()), {
    soapAction: soapAction('CodelistService', 'GetInterviewTypes'),
  });

describe(`${IDLE} idle connections at the default --max-connections (${IDLE})`, () => {
  let emulator: RunningEmulator;
  const idle: Socket[] = [];
  beforeAll(async () => {
    // A long handshake timeout, so the idle sockets are surely still held during the call.
    emulator = await startTestEmulator({ handshakeTimeoutMs: 120_000 });
  });
  afterAll(async () => {
    // Stopped while they are still held: a stop must not wait for their handshakes to time out.
    await emulator.stop();
    for (const socket of idle) socket.destroy();
  });

  it('When they are held and never send a ClientHello, then a SOAP call on a new connection is still answered, displacing at most one of them', async () => {
    for (let i = 0; i < IDLE; i += 100) {
      idle.push(...(await Promise.all(Array.from({ length: 100 }, () => idleSocket(emulator.port)))));
    }
    let displaced = 0;
    for (const socket of idle) socket.once('close', () => displaced++);

    expectAccepted(await callCodelist(emulator));
    expect(displaced).toBeLessThanOrEqual(1);
    expect(idle.filter((s) => !s.destroyed).length).toBeGreaterThanOrEqual(IDLE - 1);
  }, 120_000);
});

describe('--handshake-timeout-ms', () => {
  let emulator: RunningEmulator;
  beforeAll(async () => {
    emulator = await startTestEmulator({ handshakeTimeoutMs: 1000 });
  });
  afterAll(() => emulator.stop());

  it('When a connection sends no ClientHello, then the server closes it once the handshake timeout passes', async () => {
    const socket = await idleSocket(emulator.port);
    // Generous: the test only gives up long after the 1 s timeout; the outcome is what is asserted.
    expect(await closedByServer(socket, 20_000)).toBe(true);
  }, 30_000);
});
