// @ts-check
'use strict';
/**
 * `npm start [-- options]`: builds dist/ only if the sources changed since the last build, then runs
 * the emulator in this same process, so npm's SIGINT/SIGTERM reach it directly (a shell between
 * `npm run build && node ...` could die and leave the server running).
 */
const { join } = require('node:path');
const { buildIfChanged } = require('./build-if-changed');

try {
  buildIfChanged(join(__dirname, '..'));
} catch (error) {
  process.stderr.write(`dfdg-emulator: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
// dist/src/main.js reads its options from process.argv.slice(2): the same here as under `node dist/src/main.js`.
require('../dist/src/main.js');
