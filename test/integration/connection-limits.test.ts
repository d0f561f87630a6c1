import { connect, type TLSSocket } from 'node:tls';
import type { RunningEmulator } from '../../src/emulator';
import { startTestEmulator } from '../helpers/emulator';
import { clientTls } from '../helpers/test-certificates';

let emulator: RunningEmulator;
beforeAll(async () => {
  emulator = await startTestEmulator({ maxConnections: 1, headersTimeoutMs: 1000, requestTimeoutMs: 1000 });
});
afterAll(() => emulator.stop());

const open = (): Promise<TLSSocket> =>
  new Promise((resolve, reject) => {
    const socket = connect({
      host: '127.0.0.1',
      port: emulator.port,
      servername: 'localhost',
      ...clientTls('8-75100'),
    });
    socket.once('secureConnect', () => resolve(socket));
    socket.once('error', reject);
  });

/** What the server sends before it closes the connection, and how long that took. */
const untilClosed = (socket: TLSSocket): Promise<{ text: string; ms: number }> =>
  new Promise((resolve) => {
    const started = Date.now();
    let text = '';
    socket.on('data', (d: Buffer) => (text += d.toString()));
    socket.on('error', () => undefined);
    socket.once('close', () => resolve({ text, ms: Date.now() - started }));
  });

it('When a client sends its headers slower than --headers-timeout-ms, then it gets 408 and the connection is closed', async () => {
  const socket = await open();
  socket.write('POST /BookingService HTTP/1.1\r\nHost: localhost\r\n');
  const { text, ms } = await untilClosed(socket);
  expect(text).toContain('408');
  expect(ms).toBeLessThan(5000);
});

it('When --max-connections are open, then one more is refused until one closes', async () => {
  const first = await open();
  const refused = await open().then(
    (socket) => untilClosed(socket).then(() => 'closed'),
    () => 'refused',
  );
  expect(['closed', 'refused']).toContain(refused);
  first.destroy();
  await new Promise((r) => setTimeout(r, 100));
  const again = await open();
  expect(again.encrypted).toBe(true);
  again.destroy();
});
