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
 * level by name. Written synchronously, so the last lines before a crash or a CLI's exit are not lost.
 */
export const jsonLogger = (write: (line: string) => void = toStderr, level: LogLevel = 'info'): Logger => {
  const log = pino(
    {
      level,
      base: null,
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      // An error passed as a field keeps its message and stack, not "{}".
      serializers: { error: pino.stdSerializers.err },
    },
    { write },
  );
  return {
    info: (message, fields = {}) => log.info(fields, message),
    error: (message, fields = {}) => log.error(fields, message),
  };
};

export const silentLogger: Logger = { info: () => undefined, error: () => undefined };
