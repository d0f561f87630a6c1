import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { OPTIONS } from '../../src/config';
import { ERROR_TABLE } from '../../src/domain/errors';
import { PROJECT_ROOT } from '../../src/project-root';
import { installLine } from '../helpers/prerequisites';
import { snippet, snippetsOf } from '../helpers/readme-snippets';

/** The README is the user's manual: its tables must say what the code does. */
const readme = readFileSync(join(PROJECT_ROOT, 'README.md'), 'utf8');

const tableBetween = (marker: string): string[][] => {
  const start = readme.indexOf(`<!-- ${marker} -->`);
  const end = readme.indexOf(`<!-- /${marker} -->`);
  if (start < 0 || end < 0) throw new Error(`README has no ${marker} section`);
  return readme
    .slice(start, end)
    .split('\n')
    .filter((line) => line.startsWith('|') && !/^\|[\s|:-]+\|$/.test(line))
    .slice(1)
    .map((line) =>
      line
        .split('|')
        .slice(1, -1)
        .map((cell) => cell.trim().replace(/`/g, '')),
    );
};

it('When the README lists the configuration, then it has exactly the options the code reads', () => {
  const rows = tableBetween('config-table').map(([flag, env]) => `${flag} ${env}`);
  expect(rows).toEqual(OPTIONS.map((o) => `${o.flag} ${o.env}`));
});

it('When the README lists the fault codes, then each entry of the error table is there with its rule id', () => {
  const rows = new Set(tableBetween('error-table').map(([code, rule]) => `${code} ${rule}`));
  const entries = new Set(Object.values(ERROR_TABLE).map((e) => `${e.code} ${e.ruleId}`));
  expect([...rows].sort()).toEqual([...entries].sort());
});

it('When the README lists what the tests need, then it is the one install line of test/helpers/prerequisites.ts', () => {
  expect(snippet('test-prerequisites', snippetsOf(readme)).code).toBe(`${installLine()}\n`);
});
