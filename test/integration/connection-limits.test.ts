import { connect, type TLSSocket } from 'node:tls';
import { loadConfig, type Config } from '../../src/config';
import type { RunningEmulator } from '../../src/emulator';
import { startTestEmulator } from '../helpers/emulator';
import { clientTls } from '../helpers/test-certificates';

/**
 * The connection limits, set through their command-line flags. Each test waits for the server to end a
 * connection; OBSERVE_MS bounds that wait. It is far below the limits each test must NOT be ended by
 * (Node's own defaults: 5 s keep-alive, 300 s request timeout; or a 60 s headers timeout set here), and
 * far above the configured limit it expects, so the outcome says which limit acted.
 */
const OBSERVE_MS = 10_000;

const limitsFrom = (argv: readonly string[]): Partial<Config> => {
  const config = loadConfig(argv, {});
  return {
    maxConnections: config.maxConnections,
    headersTimeoutMs: config.headersTimeoutMs,
    requestTimeoutMs: config.requestTimeoutMs,
    keepAliveTimeoutMs: config.keepAliveTimeoutMs,
  };
};

/** A TLS connection with a client certificate; rejects if the server ends it before the handshake. */
const open = (emulator: RunningEmulator): Promise<TLSSocket> =>
  new Promise((resolve, reject) => {
    const socket = connect({
      host: '127.0.0.1',
      port: emulator.port,
      servername: 'localhost',
      ...clientTls('8-75100'),
    });
    socket.once('secureConnect', () => resolve(socket));
    socket.once('error', reject);
    socket.once('close', () => reject(new Error('closed before the TLS handshake finished')));
  });

/** How a connection the client never closes ends within OBSERVE_MS, and what the server sent on it. */
interface Ending {
  readonly by: 'server' | 'still open';
  readonly text: string;
}

const ending = (socket: TLSSocket): Promise<Ending> =>
  new Promise((resolve) => {
    let text = '';
    const done = (by: Ending['by']): void => {
      clearTimeout(timer);
      socket.destroy();
      resolve({ by, text });
    };
    const timer = setTimeout(() => done('still open'), OBSERVE_MS);
    socket.on('data', (d: Buffer) => (text += d.toString('latin1')));
    socket.on('error', () => undefined);
    socket.once('close', () => done('server'));
  });

/** Connects until the server lets a connection through again (it notices a closed socket a moment later). */
const openOnceFree = async (emulator: RunningEmulator): Promise<TLSSocket> => {
  for (let attempt = 1; ; attempt++) {
    try {
      return await open(emulator);
    } catch (error) {
      if (attempt === 50) throw error;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
};

describe('--headers-timeout-ms and --keep-alive-timeout-ms', () => {
  let emulator: RunningEmulator;
  beforeAll(async () => {
    // A long request timeout, so that only the headers timeout can end a request whose headers stall.
    emulator = await startTestEmulator(
      limitsFrom([
        '--headers-timeout-ms',
        '1000',
        '--request-timeout-ms',
        '60000',
        '--keep-alive-timeout-ms',
        '1000',
      ]),
    );
  });
  afterAll(() => emulator.stop());

  it('When a client sends its headers slower than --headers-timeout-ms, then it gets 408 and the connection is closed', async () => {
    const socket = await open(emulator);
    socket.write('POST /BookingService HTTP/1.1\r\nHost: localhost\r\n');
    const { by, text } = await ending(socket);
    expect(by).toBe('server');
    expect(text).toMatch(/^HTTP\/1\.1 408 /);
  });

  it('When a keep-alive connection stays idle past --keep-alive-timeout-ms, then the server announces that timeout and closes it', async () => {
    const socket = await open(emulator);
    socket.write('GET /BookingService?wsdl HTTP/1.1\r\nHost: localhost\r\n\r\n');
    const { by, text } = await ending(socket);
    expect(by).toBe('server');
    const head = text.slice(0, text.indexOf('\r\n\r\n'));
    expect(head).toMatch(/^HTTP\/1\.1 200 /);
    expect(head).toMatch(/^Connection: keep-alive$/im);
    // Node announces its keep-alive timeout in whole seconds: 1 s here, 5 s if the flag were ignored.
    expect(head).toMatch(/^Keep-Alive: timeout=1\b/im);
    // One answer, then the idle close: nothing was sent after the response.
    expect(text.match(/^HTTP\/1\.1 /gm)).toHaveLength(1);
  });
});

describe('--request-timeout-ms', () => {
  let emulator: RunningEmulator;
  beforeAll(async () => {
    emulator = await startTestEmulator(
      limitsFrom(['--headers-timeout-ms', '1000', '--request-timeout-ms', '2000']),
    );
  });
  afterAll(() => emulator.stop());

  it('When a client sends its headers and then stalls its body past --request-timeout-ms, then it gets 408 and the connection is closed', async () => {
    const socket = await open(emulator);
    // The headers are complete, so the headers timeout no longer applies: only the request timeout can act.
    socket.write(
      'POST /BookingService HTTP/1.1\r\nHost: localhost\r\nContent-Type: text/xml; charset=utf-8\r\n' +
        'SOAPAction: ""\r\nContent-Length: 400\r\n\r\n<?xml version="1.0"?><soap:Envelope',
    );
    const { by, text } = await ending(socket);
    expect(by).toBe('server');
    expect(text).toMatch(/^HTTP\/1\.1 408 /);
  });
});

describe('--max-connections', () => {
  let emulator: RunningEmulator;
  beforeAll(async () => {
    // Long timeouts, so that no timeout can be what ends the connection over the limit.
    emulator = await startTestEmulator(
      limitsFrom([
        '--max-connections',
        '1',
        '--headers-timeout-ms',
        '60000',
        '--request-timeout-ms',
        '60000',
      ]),
    );
  });
  afterAll(() => emulator.stop());

  it('When --max-connections are open, then one more is closed at once without an answer, until one closes', async () => {
    const first = await open(emulator);
    // Served once, so the server has finished the first connection's handshake too (with TLS 1.3 the
    // client finishes first): a connection still in its handshake would be displaced by the next one.
    first.write('GET /BookingService?wsdl HTTP/1.1\r\nHost: localhost\r\n\r\n');
    await new Promise<void>((resolve) => first.once('data', () => resolve()));
    const refused = await open(emulator).then(
      (socket) => ending(socket).then((e) => ({ ended: `after the handshake, ${e.by}`, answer: e.text })),
      (error: NodeJS.ErrnoException) => ({
        ended: `before the handshake, ${error.code ?? error.message}`,
        answer: '',
      }),
    );
    // A connection over the limit is dropped as it is accepted, when every open one has finished its
    // handshake, so its own handshake cannot finish. No answer, and no timeout can act yet.
    expect(refused.answer).toBe('');
    expect(refused.ended).toMatch(/^(before the handshake, ECONNRESET|after the handshake, server)$/);

    first.destroy();
    const again = await openOnceFree(emulator);
    again.write('GET /BookingService?wsdl HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n');
    const { text } = await ending(again);
    expect(text).toMatch(/^HTTP\/1\.1 200 /);
  });
});
