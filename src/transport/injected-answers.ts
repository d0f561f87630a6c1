import { STATUS_CODES, type IncomingMessage, type ServerResponse } from 'node:http';

/**
 * The answers of an injected fault that are no DFDG answer at all, the same for every face: a bare
 * HTTP status, as a gateway or load balancer in front of DFDG sends one, and a dropped connection.
 */

/** Answers `status` with a line of plain text (the status, and why); returns what was sent. */
export const answerBareStatus = (
  res: ServerResponse,
  status: number,
  referenceId: string,
  referenceHeader: string,
  why: string,
): string => {
  const body = `${status} ${STATUS_CODES[status] ?? 'Error'}: ${why}\n`;
  if (res.headersSent) {
    res.destroy();
    return '';
  }
  res.writeHead(status, {
    'Content-Type': 'text/plain; charset=utf-8',
    'Content-Length': Buffer.byteLength(body),
    // Not a DFDG answer, but the call is journaled and audited: the reference finds it there.
    [referenceHeader]: referenceId,
  });
  res.end(body);
  return `HTTP ${status}\n\n${body}`;
};

/** Destroys the connection under the request: no status line, no body; the client sees a hang-up. */
export const dropConnection = (req: IncomingMessage): void => {
  req.socket.destroy();
};
