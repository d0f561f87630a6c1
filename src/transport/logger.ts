import pino from 'pino';
import type { LogLevel } from '../config';

/** Structured log lines (JSON), one per event, to stderr so stdout stays free for a CLI's output. */
export interface Logger {
  info(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

const guarded = new WeakSet<NodeJS.WritableStream>();

/**
 * Writes to stdout or stderr. A stream whose reader went away (a closed pipe: EPIPE) emits 'error',
 * which with no listener ended the process: what cannot be written is lost instead, and the
 * emulator serves on.
 */
export const writeToStream = (stream: NodeJS.WritableStream, text: string): void => {
  if (!guarded.has(stream)) {
    guarded.add(stream);
    stream.on('error', () => undefined);
  }
  stream.write(text);
};

const toStderr = (line: string): void => writeToStream(process.stderr, line);

/**
 * A pino logger behind the Logger interface: one JSON object per line with an ISO time and the
 * level by name. Info lines are gathered and written once per turn of the event loop: a write to
 * stderr is a synchronous system call, and one per SOAP call was a measurable share of its time.
 * An error is written at once, after whatever was pending, so the lines before a crash are there.
 */
export const jsonLogger = (write: (line: string) => void = toStderr, level: LogLevel = 'info'): Logger => {
  let pending = '';
  let scheduled = false;
  const flush = (): void => {
    scheduled = false;
    if (pending === '') return;
    const lines = pending;
    pending = '';
    try {
      write(lines);
    } catch {
      // Nowhere left to report it: the lines are lost, the call that logged them is not.
    }
  };
  const log = pino(
    {
      level,
      base: null,
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      // An error passed as a field keeps its message and stack, not "{}".
      serializers: { error: pino.stdSerializers.err },
    },
    {
      write: (line: string) => {
        pending += line;
        if (!scheduled) {
          scheduled = true;
          setImmediate(flush);
        }
      },
    },
  );
  return {
    info: (message, fields = {}) => log.info(fields, message),
    error: (message, fields = {}) => {
      log.error(fields, message);
      flush();
    },
  };
};

/**
 * A logger whose failures stay inside it. Logging happens inside callbacks of the HTTP server,
 * node-soap and the group commit, where an exception would leave a call unanswered or end the
 * process (RULES.md INTERNAL: the process keeps serving): a line that cannot be logged is lost.
 */
export const neverThrows = (logger: Logger): Logger => ({
  info: (message, fields) => {
    try {
      logger.info(message, fields);
    } catch {
      // see above
    }
  },
  error: (message, fields) => {
    try {
      logger.error(message, fields);
    } catch {
      // see above
    }
  },
});

export const silentLogger: Logger = { info: () => undefined, error: () => undefined };
