import { spawn, type ChildProcess } from 'node:child_process';
import { dirname, join } from 'node:path';
import { ownCertDir } from '../../helpers/cli-run';
import { runCommand } from '../../helpers/project-copy';
import {
  builtServerMain,
  freePort,
  messageOf,
  startServerProcess,
  type LogLine,
} from '../../robustness/support/server-process';
import { tempDir } from '../../helpers/cli-run';

/**
 * The emulator as a person starts it in a terminal (a real pseudo-terminal, through util-linux's
 * `script`) and as a service manager stops it: the built server process, its real output.
 */

/** Waits until `probe` holds: output arrives a moment after the event that causes it. */
const eventually = async (probe: () => boolean, what: string, timeoutMs = 30_000): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (!probe()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
};

const exitOf = (child: ChildProcess): Promise<number | null> =>
  new Promise((resolve) => {
    if (child.exitCode !== null) resolve(child.exitCode);
    else child.once('exit', (code) => resolve(code));
  });

it.each(['SIGTERM', 'SIGINT'] as const)(
  'When the emulator gets %s, then it logs one line saying it stops, and exits 0',
  async (signal) => {
    const server = await startServerProcess({ dbPath: join(tempDir(), 'dfdg.sqlite') });
    const { code } = await server.kill(signal);
    expect(code).toBe(0);
    const stopping = (): LogLine[] => server.logs.filter((l) => messageOf(l) === 'dfdg-emulator stopping');
    await eventually(() => stopping().length > 0, 'the stopping line');
    expect(stopping()).toEqual([expect.objectContaining({ signal, soapUrl: server.soapUrl, level: 'info' })]);
  },
  60_000,
);

describe('The start banner', () => {
  let cwd: string;
  let certDir: string;
  let args: string[];
  beforeAll(async () => {
    certDir = ownCertDir();
    cwd = dirname(certDir);
    const main = builtServerMain();
    args = [
      main,
      '--port',
      '0',
      '--host',
      '127.0.0.1',
      '--admin-port',
      String(await freePort()),
      '--db',
      join(cwd, 'dfdg.sqlite'),
      '--cert-dir',
      certDir,
    ];
  }, 120_000);

  it('When the emulator starts in a terminal, then it prints where it serves and a first curl command that works as printed', async () => {
    const command = [process.execPath, ...args].map((a) => `'${a}'`).join(' ');
    // `script` runs the command on a pseudo-terminal, as a shell in a terminal window would.
    const child = spawn('script', ['-qfec', command, '/dev/null'], {
      cwd,
      detached: true,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk.replace(/\r\n/g, '\n')));
    try {
      await eventually(() => output.includes('Stop with Ctrl-C.'), 'the banner');
      const soapUrl = /SOAP services \(mutual TLS\) +(https:\/\/localhost:\d+)/.exec(output)?.[1];
      expect(soapUrl).toBeDefined();
      expect(output).toMatch(/admin API and dashboard +http:\/\/127\.0\.0\.1:\d+\//);
      expect(output).toMatch(/certificates +certs +\(CA ca\.pem/);
      expect(output).toMatch(/database +dfdg\.sqlite\n/);
      // The JSON log line is still written (to stderr, here the same terminal).
      expect(output).toMatch(/"msg":"dfdg-emulator listening"/);

      const curl = /^ {2}curl -sS [\s\S]*?\/CodelistService$/m.exec(output)?.[0] ?? '';
      expect(curl).toContain('--cert certs/clients/8-75100.pem --key certs/clients/8-75100.key');
      const result = await runCommand('bash', ['-c', curl], { cwd, timeoutMs: 30_000 });
      expect({ code: result.code, stderr: result.stderr }).toEqual({ code: 0, stderr: '' });
      expect(result.stdout).toMatch(/<(\w+:)?GetInterviewTypesResponse[ >]/);
    } finally {
      if (child.pid) process.kill(-child.pid, 'SIGTERM');
      await exitOf(child);
    }
  }, 60_000);

  it('When stdout is not a terminal, then nothing but the log lines is written', async () => {
    const child = spawn(process.execPath, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    try {
      await eventually(() => stderr.includes('"msg":"dfdg-emulator listening"'), 'the listening line');
    } finally {
      child.kill('SIGTERM');
      await exitOf(child);
    }
    expect(stdout).toBe('');
  }, 60_000);
});
