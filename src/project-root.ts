import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The package's root (where wsdl/, fixtures/ and the migrations live), found from this file so it is
 * the same whether the code runs from src/ (tests) or dist/src/ (npm start).
 */
const findRoot = (start: string): string => {
  for (let dir = start; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'wsdl'))) return dir;
    if (dirname(dir) === dir) throw new Error(`dfdg-emulator: cannot find the package root above ${start}`);
  }
};

export const PROJECT_ROOT = findRoot(__dirname);
