import { appendFileSync, mkdirSync, mkdtempSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { digestOfInputs, MAIN, STAMP, staleReason } from '../../../scripts/build-if-changed';

/**
 * When `npm start` may skip tsc: only when dist/ was built by the start script from exactly the
 * sources there are now, and nothing wrote dist/ since. A small project tree stands in for ours.
 */
const project = (): string => {
  const root = mkdtempSync(join(tmpdir(), 'dfdg-build-stamp-'));
  mkdirSync(join(root, 'src', 'store'), { recursive: true });
  writeFileSync(join(root, 'src', 'main.ts'), 'export const main = 1;\n');
  writeFileSync(join(root, 'src', 'store', 'db.ts'), 'export const db = 2;\n');
  writeFileSync(join(root, 'src', 'store', '0001.sql'), 'CREATE TABLE t (x);\n');
  writeFileSync(join(root, 'tsconfig.json'), '{}\n');
  writeFileSync(join(root, 'package-lock.json'), '{"lockfileVersion":3}\n');
  return root;
};

/** What a successful build leaves: dist/src/main.js and the stamp of the inputs it was built from. */
const built = (root: string): void => {
  mkdirSync(join(root, 'dist', 'src'), { recursive: true });
  writeFileSync(join(root, MAIN), '"use strict";\n');
  utimesSync(join(root, MAIN), new Date(1_700_000_000_000), new Date(1_700_000_000_000));
  const mainMtimeMs = statSync(join(root, MAIN)).mtimeMs;
  writeFileSync(join(root, STAMP), JSON.stringify({ inputs: digestOfInputs(root), mainMtimeMs }));
};

const reason = (root: string): string | undefined => staleReason(root, digestOfInputs(root));

describe('npm start: build only when the sources changed', () => {
  it('When dist/ was built from the current sources, then it is current', () => {
    const root = project();
    built(root);
    expect(reason(root)).toBeUndefined();
  });

  it('When there is no dist/, then it must be built', () => {
    expect(reason(project())).toBe('dist/src/main.js does not exist');
  });

  it('When dist/ has no stamp (built by `npm run build` or an older start), then it must be built', () => {
    const root = project();
    built(root);
    rmSync(join(root, STAMP));
    expect(reason(root)).toBe('it was not built by this script');
  });

  it.each([
    [
      'a source file changed',
      (root: string) => appendFileSync(join(root, 'src', 'store', 'db.ts'), '// x\n'),
    ],
    ['a source file was added', (root: string) => writeFileSync(join(root, 'src', 'new.ts'), 'export {};\n')],
    ['a source file was removed', (root: string) => rmSync(join(root, 'src', 'store', 'db.ts'))],
    ['a tsconfig changed', (root: string) => writeFileSync(join(root, 'tsconfig.json'), '{"x":1}\n')],
    ['the lockfile changed', (root: string) => appendFileSync(join(root, 'package-lock.json'), ' ')],
    [
      'a tsconfig.build.json appeared',
      (root: string) => writeFileSync(join(root, 'tsconfig.build.json'), '{}'),
    ],
  ])('When %s since the build, then it must be built', (_case, change) => {
    const root = project();
    built(root);
    change(root);
    expect(reason(root)).toBe('src/, a tsconfig or the dependencies changed since the last build');
  });

  it('When a file tsc does not read changed (a migration), then it stays current', () => {
    const root = project();
    built(root);
    appendFileSync(join(root, 'src', 'store', '0001.sql'), '-- x\n');
    expect(reason(root)).toBeUndefined();
  });

  it('When another build wrote dist/ since (the sources unchanged), then it must be built', () => {
    const root = project();
    built(root);
    utimesSync(join(root, MAIN), new Date(), new Date());
    expect(reason(root)).toBe('dist/ was written by another build since');
  });
});
