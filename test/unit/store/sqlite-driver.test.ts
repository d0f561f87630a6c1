import { isDriverLoadFailure, SqliteDriverNotBuiltError } from '../../../src/store/sqlite-driver';

/** The failures of loading better-sqlite3's addon, in the words Node.js 20 and `bindings` use. */
const dlopen = (message: string): Error => Object.assign(new Error(message), { code: 'ERR_DLOPEN_FAILED' });

const OTHER_NODE = dlopen(
  "The module '/app/node_modules/better-sqlite3/build/Release/better_sqlite3.node'\n" +
    'was compiled against a different Node.js version using\n' +
    'NODE_MODULE_VERSION 127. This version of Node.js requires\n' +
    'NODE_MODULE_VERSION 115. Please try re-compiling or re-installing\n' +
    'the module (for instance, using `npm rebuild` or `npm install`).',
);

describe('Loading the SQLite driver', () => {
  it.each([
    ['not built', new Error('Could not locate the bindings file. Tried:\n → /app/build/better_sqlite3.node')],
    ['built for another Node.js', OTHER_NODE],
    [
      'not a loadable file',
      dlopen('/app/node_modules/better-sqlite3/build/Release/better_sqlite3.node: invalid ELF header'),
    ],
  ])('When the addon is %s, then it is a driver load failure', (_case, error) => {
    expect(isDriverLoadFailure(error)).toBe(true);
  });

  it.each([
    [
      'a database error',
      Object.assign(new Error('unable to open database file'), { code: 'SQLITE_CANTOPEN' }),
    ],
    ['another addon failing', dlopen('/app/node_modules/other/build/other.node: invalid ELF header')],
    ['no Error', 'Could not locate the bindings file'],
  ])('When the failure is %s, then it is not', (_case, error) => {
    expect(isDriverLoadFailure(error)).toBe(false);
  });

  it('When the addon was built for another Node.js, then the message says so on one line, with the fix', () => {
    const lines = new SqliteDriverNotBuiltError(OTHER_NODE).message.split('\n');
    expect(lines[0]).toContain(
      'was compiled against a different Node.js version using NODE_MODULE_VERSION 127.',
    );
    expect(lines[1]).toContain('`npm rebuild better-sqlite3`');
    expect(lines[2]).toBe('  See README.md, "Install".');
  });
});
