import { readFileSync } from 'node:fs';

/**
 * What a reference server is started with (a JSON file named on its command line): the server's
 * TLS material and, per SOAPAction, the emulator's own answer to the bench's request, captured once,
 * so the references send the same bytes back without doing the work.
 */
export interface ReferenceConfig {
  readonly tls: { readonly key: string; readonly cert: string; readonly ca: string };
  /** SOAPAction (without quotes) -> the full response envelope. */
  readonly canned: Readonly<Record<string, string>>;
}

export const readReferenceConfig = (argv: readonly string[]): { port: number; config: ReferenceConfig } => {
  const [port, file] = argv;
  if (!port || !file) throw new Error('usage: <reference-server>.js <port> <config.json>');
  return { port: Number(port), config: JSON.parse(readFileSync(file, 'utf8')) as ReferenceConfig };
};

/** The same TLS options as the emulator's server (transport/tls-server.ts). */
export const serverTlsOptions = (tls: ReferenceConfig['tls']) => ({
  key: tls.key,
  cert: tls.cert,
  ca: tls.ca,
  requestCert: true,
  rejectUnauthorized: false,
  minVersion: 'TLSv1.2' as const,
});
