import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensureDevCertificates, loadCertificateAuthority } from '../pki/dev-certificates';
import { issueServerCertificate } from '../pki/issue-certificate';
import { startPushReceiver, type RunningPushReceiver } from '../push/push-receiver';
import { cliArgs } from './cli-args';
import { UsageError, type CliIo } from './cli-io';
import { commandConfig } from './command-config';

export interface ReceiveArgs {
  readonly port: number;
  readonly host: string;
  readonly status: number;
  readonly certDir?: string | undefined;
}

const DEFAULT_PORT = 9443;

const wholeNumber = (flag: string, raw: string, min: number, max: number): number => {
  const n = Number(raw);
  if (!/^\d+$/.test(raw) || n < min || n > max)
    throw new UsageError(`${flag} must be a whole number ${min}..${max}`);
  return n;
};

export const parseReceiveArgs = (args: readonly string[]): ReceiveArgs => {
  const { values } = cliArgs(
    args,
    {
      port: { type: 'string' },
      host: { type: 'string' },
      status: { type: 'string' },
      'cert-dir': { type: 'string' },
    },
    false,
  );
  return {
    port: values.port === undefined ? DEFAULT_PORT : wholeNumber('--port', values.port, 0, 65535),
    host: values.host ?? '127.0.0.1',
    status: values.status === undefined ? 200 : wholeNumber('--status', values.status, 200, 599),
    certDir: values['cert-dir'],
  };
};

/**
 * `dfdg-emulator receive`: a push-message endpoint for trying subscriptions (REST.md §7). Its server
 * certificate comes from the dev CA (which the emulator trusts for subscribers by default), and it
 * accepts the client certificates the dev CA issued, STAR's push certificate among them.
 */
export const receiveCommand = async (args: readonly string[], io: CliIo): Promise<RunningPushReceiver> => {
  const parsed = parseReceiveArgs(args);
  const config = commandConfig({ 'cert-dir': parsed.certDir }, io);
  const certs = ensureDevCertificates(config.certDir, []);
  const ca = loadCertificateAuthority(config.certDir);
  const server = issueServerCertificate(ca, { hosts: ['localhost', '127.0.0.1', '::1'] });
  const receiver = await startPushReceiver({
    port: parsed.port,
    host: parsed.host,
    serverCertificatePem: server.certificatePem,
    serverKeyPem: server.privateKeyPem,
    clientCaPem: readFileSync(certs.caPath, 'utf8'),
    print: io.out,
    answerStatus: parsed.status,
  });
  io.err(
    [
      `receiving push messages at ${receiver.url} (answering ${parsed.status}; Ctrl-C stops)`,
      `  client certificates must chain to ${join(config.certDir, 'ca.pem')}; the emulator sends with ${certs.star.certPath}`,
      '  subscribe a jobcenter to it:',
      `  curl -X PUT http://127.0.0.1:${config.adminPort}/admin/subscriptions/try-it -H 'Content-Type: application/json' \\`,
      `    -d '{"organisation": "8:75100", "messageTypes": ["Indkaldelse", "Frist"], "url": "${receiver.url}"}'`,
      '',
    ].join('\n'),
  );
  return receiver;
};
