// @ts-check
'use strict';
/**
 * Writes openapi/indkaldelse-v2.json, the OpenAPI 3.1 document of the REST service (REST.md §6), from
 * the route table (src/rest/openapi.ts), formatted as Prettier formats the repository. A unit test
 * (test/unit/rest/openapi.test.ts) fails while the committed file differs from what this writes.
 *
 * Usage: node scripts/write-rest-openapi.js           (write the file)
 *        node scripts/write-rest-openapi.js --check   (exit 1 when the file is not current)
 * It builds dist/ first if the sources changed (build-if-changed.js), since it runs the compiled code.
 */
const { existsSync, mkdirSync, readFileSync, writeFileSync } = require('node:fs');
const { dirname, join, relative } = require('node:path');
const { buildIfChanged } = require('./build-if-changed');

const ROOT = join(__dirname, '..');
const TARGET = join(ROOT, 'openapi', 'indkaldelse-v2.json');

const main = async () => {
  buildIfChanged(ROOT);
  const { restOpenApiDocument } = require('../dist/src/rest/openapi.js');
  const prettier = require('prettier');
  const options = (await prettier.resolveConfig(TARGET)) ?? {};
  const text = await prettier.format(JSON.stringify(restOpenApiDocument()), { ...options, filepath: TARGET });
  const current = existsSync(TARGET) ? readFileSync(TARGET, 'utf8') : null;
  const name = relative(ROOT, TARGET);
  if (process.argv.includes('--check')) {
    if (current === text) return;
    process.stderr.write(`${name} is not current: run node scripts/write-rest-openapi.js\n`);
    process.exitCode = 1;
    return;
  }
  mkdirSync(dirname(TARGET), { recursive: true });
  writeFileSync(TARGET, text);
  process.stdout.write(`${name} ${current === text ? 'was current' : 'written'}\n`);
};

main().catch((error) => {
  process.stderr.write(`dfdg-emulator: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
