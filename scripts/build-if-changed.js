// @ts-check
'use strict';
/**
 * Builds dist/ (`tsc -p tsconfig.build.json`, type-checked as `npm run build` is) only when what the
 * build reads changed since the last build this script made: `npm start` runs it before every start,
 * and `npm ci` (prepare) right after the install, so starts serve in about a second instead of
 * waiting 7-13 s for tsc. `tsc --incremental` would still spend seconds loading and checking.
 *
 * The stamp records a SHA-256 of the inputs (src/**\/*.ts, the tsconfigs, package.json and the
 * lockfile: what tsc reads and which compiler and types it runs with) and the mtime of
 * dist/src/main.js after the build. Contents rather than mtimes, because a checkout, a copy or a
 * clock skew moves mtimes both ways; the main.js mtime, because anything else that writes dist/
 * (`npm run build`, the bench's compile, a build of other sources) leaves the stamp no longer true.
 *
 * Plain CommonJS without dependencies: it runs before there is anything compiled to run.
 * Usage: node scripts/build-if-changed.js   (exit 0 when dist/ is current or was built)
 */
const { spawnSync } = require('node:child_process');
const { createHash } = require('node:crypto');
const { existsSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } = require('node:fs');
const { join, relative, sep } = require('node:path');

const INPUT_FILES = ['tsconfig.json', 'tsconfig.build.json', 'package.json', 'package-lock.json'];
const SOURCE_DIR = 'src';
const STAMP = join('dist', '.build-stamp.json');
const MAIN = join('dist', 'src', 'main.js');

/** @param {string} dir @returns {string[]} */
const typeScriptFilesUnder = (dir) =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return typeScriptFilesUnder(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });

/**
 * SHA-256 over the path and content of every build input, in a fixed order.
 * @param {string} root the project folder
 * @returns {string}
 */
const digestOfInputs = (root) => {
  const files = [
    ...typeScriptFilesUnder(join(root, SOURCE_DIR)),
    ...INPUT_FILES.map((name) => join(root, name)).filter((path) => existsSync(path)),
  ]
    .map((path) => relative(root, path).split(sep).join('/'))
    .sort();
  const hash = createHash('sha256');
  for (const file of files)
    hash
      .update(file)
      .update('\0')
      .update(readFileSync(join(root, file)))
      .update('\0');
  return hash.digest('hex');
};

/** @param {string} root @returns {number | undefined} */
const mainMtime = (root) => {
  try {
    return statSync(join(root, MAIN)).mtimeMs;
  } catch {
    return undefined;
  }
};

/**
 * Why dist/ must be built, or undefined when it is current.
 * @param {string} root
 * @param {string} digest
 * @returns {string | undefined}
 */
const staleReason = (root, digest) => {
  const mtime = mainMtime(root);
  if (mtime === undefined) return `${MAIN} does not exist`;
  /** @type {unknown} */
  let stamp;
  try {
    stamp = JSON.parse(readFileSync(join(root, STAMP), 'utf8'));
  } catch {
    return 'it was not built by this script';
  }
  if (typeof stamp !== 'object' || stamp === null) return 'its build stamp is unreadable';
  const { inputs, mainMtimeMs } = /** @type {{ inputs?: unknown, mainMtimeMs?: unknown }} */ (stamp);
  if (inputs !== digest) return 'src/, a tsconfig or the dependencies changed since the last build';
  if (mainMtimeMs !== mtime) return 'dist/ was written by another build since';
  return undefined;
};

/**
 * Builds dist/ unless it is current. Returns 'current' or 'built'; throws when tsc fails (its
 * output has gone to the terminal), leaving no stamp, so the next start tries again.
 * @param {string} root
 * @param {{ log?: (line: string) => void }} [options]
 * @returns {'current' | 'built'}
 */
const buildIfChanged = (root, options = {}) => {
  const log = options.log ?? ((line) => void process.stderr.write(`${line}\n`));
  const digest = digestOfInputs(root);
  const reason = staleReason(root, digest);
  if (reason === undefined) return 'current';
  let tsc;
  try {
    tsc = require.resolve('typescript/bin/tsc', { paths: [root] });
  } catch {
    throw new Error(
      `dist/ must be built (${reason}), but typescript is not installed: run \`npm ci\` ` +
        '(with the dev dependencies; README.md, "Install", says what it needs)',
    );
  }
  log(`dfdg-emulator: building dist/ with tsc (${reason}) ...`);
  // No stamp while the build runs: one killed half-way must not look current.
  rmSync(join(root, STAMP), { force: true });
  const build = spawnSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json')], {
    cwd: root,
    stdio: 'inherit',
  });
  if (build.status !== 0)
    throw new Error(`tsc failed (exit ${build.status ?? build.signal}): dist/ not built`);
  const mtime = mainMtime(root);
  if (mtime === undefined) throw new Error(`tsc left no ${MAIN}`);
  writeFileSync(join(root, STAMP), `${JSON.stringify({ inputs: digest, mainMtimeMs: mtime })}\n`);
  return 'built';
};

module.exports = { buildIfChanged, digestOfInputs, staleReason, STAMP, MAIN };

if (require.main === module) {
  try {
    buildIfChanged(join(__dirname, '..'));
  } catch (error) {
    process.stderr.write(`dfdg-emulator: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  }
}
