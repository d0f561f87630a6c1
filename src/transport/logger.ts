import pino from 'pino';
import type { LogLevel } from '../config';

/** Structured log lines (JSON), one per event, to stderr so stdout stays free for a CLI's output. */
export interface Logger {
  info(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

const toStderr = (line: string): void => {
  process.stderr.write(line);
};

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
    write(lines);
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

export const silentLogger: Logger = { info: () => undefined, error: () => undefined };
