import { spawnSync } from 'node:child_process';
import { PROJECT_ROOT } from '../../src/project-root';

/**
 * Compiles files as a vendor's strict TypeScript project would (ES modules, node types, no project
 * config): what a client generated from the served OpenAPI document must pass. Returns tsc's output,
 * empty when they compile.
 */
export const compileStrict = (files: readonly string[], options: { readonly emit: boolean }): string =>
  spawnSync(
    process.execPath,
    [
      require.resolve('typescript/bin/tsc'),
      '--ignoreConfig',
      ...(options.emit ? [] : ['--noEmit']),
      '--strict',
      '--exactOptionalPropertyTypes',
      '--target',
      'es2022',
      '--module',
      'nodenext',
      '--moduleResolution',
      'nodenext',
      '--types',
      'node',
      '--skipLibCheck',
      ...files,
    ],
    { encoding: 'utf8', cwd: PROJECT_ROOT },
  ).stdout;
