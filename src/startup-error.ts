import { OPTIONS } from './config';

/**
 * A start-up failure whose message says all the user needs to fix it (a port in use, a damaged
 * database): the CLI prints it as one line, without a stack, and exits 1.
 */
export class StartupError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StartupError';
  }
}

type PortKey = 'port' | 'adminPort' | 'httpPort';

const PURPOSE: Readonly<Record<PortKey, string>> = {
  port: "the SOAP services' port",
  adminPort: "the admin API's port",
  httpPort: 'the plain-HTTP port for a proxy',
};

/**
 * What a failed listen means for the user: which port, what it is for, and the flag and
 * environment variable that change it (config.ts's names). Other errors are returned as they are.
 */
export const listenFailure = (error: unknown, key: PortKey, port: number, host: string): unknown => {
  const code = (error as { code?: unknown } | null)?.code;
  const option = OPTIONS.find((o) => o.key === key);
  const change = option ? `${option.flag} <port> or ${option.env}=<port>` : 'another port';
  if (code === 'EADDRINUSE') {
    return new StartupError(
      `${PURPOSE[key]} ${port} is already in use on ${host}: stop what holds it, or choose another with ${change}`,
      { cause: error },
    );
  }
  if (code === 'EACCES') {
    return new StartupError(
      `${PURPOSE[key]} ${port} needs privileges this user lacks (ports below 1024): choose another with ${change}`,
      { cause: error },
    );
  }
  return error;
};
