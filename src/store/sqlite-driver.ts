import Database from 'better-sqlite3';

/** How the `bindings` package, which better-sqlite3 loads its addon with, says it found none. */
const BINDINGS_NOT_FOUND = 'Could not locate the bindings file';

/** The cause in one line: `bindings` lists every path it tried, Node's loader says why it refused the file. */
const whatFailed = (cause: Error): string =>
  cause.message.startsWith(BINDINGS_NOT_FOUND)
    ? 'its compiled addon (build/Release/better_sqlite3.node) is missing'
    : cause.message.replace(/\s+/g, ' ').trim();

/**
 * better-sqlite3 is JavaScript around a native addon that `npm ci` downloads prebuilt or compiles
 * from source. When that did not happen (install scripts skipped or failed) or happened for another
 * Node.js (switched since the install), the addon fails to load only when the first database is
 * opened, with a message about bindings files or NODE_MODULE_VERSION. This names the cause and the
 * fix instead; the README's "Install" section says what the build needs.
 */
export class SqliteDriverNotBuiltError extends Error {
  /** A string code: the CLI prints the message alone, without a stack, as for other user-fixable failures. */
  readonly code = 'SQLITE_DRIVER_NOT_BUILT';

  constructor(cause: Error) {
    super(
      `the SQLite driver better-sqlite3 is not built for this Node.js ` +
        `(${process.version}, module ABI ${process.versions.modules}): ${whatFailed(cause)}\n` +
        '  Build it with `npm rebuild better-sqlite3` (or `npm ci`). Where no prebuilt binary can be ' +
        "downloaded it compiles from source, which needs python3, make, g++ and Node's headers " +
        '(offline: npm_config_nodedir=/usr).\n' +
        '  See README.md, "Install".',
      { cause },
    );
    this.name = 'SqliteDriverNotBuiltError';
  }
}

/** The ways loading the addon fails: not found (the `bindings` package), or not loadable by this Node. */
export const isDriverLoadFailure = (error: unknown): error is Error => {
  if (!(error instanceof Error)) return false;
  if (error.message.startsWith(BINDINGS_NOT_FOUND)) return true;
  // Node's loader names the file; a version mismatch is ERR_DLOPEN_FAILED too, and says NODE_MODULE_VERSION.
  const code = (error as { code?: unknown }).code;
  return (
    error.message.includes('better_sqlite3.node') &&
    (code === 'ERR_DLOPEN_FAILED' || error.message.includes('NODE_MODULE_VERSION'))
  );
};

/** `new Database(path)`, with a failure to load the driver itself told as such. */
export const openSqliteFile = (path: string): Database.Database => {
  try {
    return new Database(path);
  } catch (error) {
    if (isDriverLoadFailure(error)) throw new SqliteDriverNotBuiltError(error);
    throw error;
  }
};
