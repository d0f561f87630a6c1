import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/**
 * REST.md, the spec the REST tests compare the code with; it lives beside the project
 * (shared/spec/), or where DFDG_REST_MD points.
 */
const CANDIDATES = [
  process.env['DFDG_REST_MD'],
  resolve(__dirname, '../../../../shared/spec/REST.md'),
  '/work/shared/spec/REST.md',
].filter((p): p is string => typeof p === 'string' && p.length > 0);
const PATH = CANDIDATES.find((p) => existsSync(p));
if (!PATH) throw new Error(`REST.md not found; looked in ${CANDIDATES.join(', ')}`);

export const REST_MD = readFileSync(PATH, 'utf8');

/** The rows of the first Markdown table after `heading`, each as its trimmed cells. */
export const tableAfter = (heading: string): string[][] => {
  const at = REST_MD.indexOf(heading);
  if (at < 0) throw new Error(`REST.md has no "${heading}"`);
  const table = /((?:\|[^\n]*\n)+)/.exec(REST_MD.slice(at))?.[1] ?? '';
  return table
    .trim()
    .split('\n')
    .slice(2)
    .map((line) =>
      line
        .split('|')
        .slice(1, -1)
        .map((cell) => cell.trim()),
    );
};

/** The `backticked` names of a cell, in order. */
export const namesIn = (cell: string): string[] => [...cell.matchAll(/`([^`]+)`/g)].map((m) => m[1] ?? '');
