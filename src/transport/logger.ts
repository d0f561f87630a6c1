/** Structured log lines (JSON), one per event, to stderr so stdout stays free for a CLI's output. */
export interface Logger {
  info(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

const serialise = (fields: Record<string, unknown>): Record<string, unknown> =>
  Object.fromEntries(
    Object.entries(fields).map(([k, v]) => [
      k,
      v instanceof Error ? { message: v.message, stack: v.stack } : v,
    ]),
  );

export const jsonLogger = (
  write: (line: string) => void = (l) => process.stderr.write(`${l}\n`),
): Logger => ({
  info: (message, fields = {}) =>
    write(JSON.stringify({ level: 'info', time: new Date().toISOString(), message, ...serialise(fields) })),
  error: (message, fields = {}) =>
    write(JSON.stringify({ level: 'error', time: new Date().toISOString(), message, ...serialise(fields) })),
});

export const silentLogger: Logger = { info: () => undefined, error: () => undefined };
