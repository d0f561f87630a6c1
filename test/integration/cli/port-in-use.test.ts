/**
 * Issue 12, item 3: a port already taken. The real CLI (`node dist/src/main.js`, as `npm start`
 * runs it) with a database file, not :memory: (with a file, a checkpointer thread runs, and
 * stopping it let the process end with code 0 before the error was printed).
 */
import { createServer, type Server } from 'node:net';
import {
  builtServerMain,
  freePort,
  runFailingStart,
  tempDbPath,
} from '../../robustness/support/server-process';
import { testCertDir } from '../../helpers/test-certificates';

jest.setTimeout(60_000);

beforeAll(() => {
  builtServerMain();
});

/** Holds a port on 127.0.0.1 the way another program would. */
const holdPort = async (): Promise<{ port: number; server: Server }> => {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const address = server.address();
  if (typeof address !== 'object' || !address) throw new Error('no port');
  return { port: address.port, server };
};

it.each<[string, string, string, 'soap' | 'admin']>([
  ['SOAP services', '--port', 'DFDG_PORT', 'soap'],
  ['admin API', '--admin-port', 'DFDG_ADMIN_PORT', 'admin'],
])(
  'When the %s port is already taken, then start exits non-zero with one line naming the port, %s and %s',
  async (_name, flag, env, taken) => {
    const held = await holdPort();
    try {
      const free = await freePort();
      const { code, stderr, listened } = await runFailingStart([
        '--host',
        '127.0.0.1',
        '--port',
        String(taken === 'soap' ? held.port : free),
        '--admin-port',
        String(taken === 'admin' ? held.port : free),
        '--db',
        tempDbPath('port-in-use'),
        '--cert-dir',
        testCertDir(),
      ]);
      expect(listened).toBe(false);
      expect(code).toBe(1);
      const lines = stderr.trim().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toContain(`port ${held.port}`);
      expect(lines[0]).toContain('already in use');
      expect(lines[0]).toContain(flag);
      expect(lines[0]).toContain(env);
    } finally {
      held.server.close();
    }
  },
);
