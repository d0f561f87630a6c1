/**
 * Issue 5, item 6: dependencies without known advisories. The installed production tree
 * (`npm ls --omit=dev`) is checked against a table of minimum versions, each with the advisories
 * it is past; the bundled SQLite and libxml2 are checked too; no package of the whole tree may be
 * one of the versions hijacked in the September 2025 npm compromise; package-lock.json pins every
 * package with a sha512 hash and node_modules is exactly what it pins. All of this runs offline.
 *
 * `npm audit` is not part of `npm test`: it needs the registry's bulk advisory endpoint, which CI's
 * registry does not offer (it answers 405), and a check that cannot run must not pass. It runs as
 * `npm run audit:deps`, which fails with npm's own message when the registry cannot answer.
 * docs/robustness.md, "Dependencies", says why.
 */
import { existsSync, readFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { report } from './support/mode';

const PROJECT = join(__dirname, '..', '..');

interface Minimum {
  readonly min: string;
  readonly why: string;
}

/** Production packages (direct and transitive) with the first version past their known advisories. */
const KNOWN_SAFE_MINIMUMS: Readonly<Record<string, Minimum>> = {
  soap: { min: '1.0.0', why: 'no advisory against soap itself; its XML/HTTP dependencies are checked below' },
  'xml-crypto': {
    min: '6.0.1',
    why: 'CVE-2025-29774, CVE-2025-29775 (signature bypass), CVE-2024-32962 (trusted KeyInfo key)',
  },
  '@xmldom/xmldom': {
    min: '0.8.4',
    why: 'CVE-2022-39353 (multiple roots), CVE-2022-37616 (prototype pollution)',
  },
  'node-forge': {
    min: '1.3.2',
    why: 'CVE-2025-12816, CVE-2025-66030, CVE-2025-66031 (ASN.1), CVE-2022-24771/24772 (RSA signature forgery)',
  },
  express: { min: '5.0.0', why: 'CVE-2024-29041 (open redirect), CVE-2024-43796 (XSS in redirect)' },
  'body-parser': { min: '2.0.0', why: 'CVE-2024-45590 (URL-encoded DoS)' },
  'path-to-regexp': { min: '8.0.0', why: 'CVE-2024-45296, CVE-2024-52798 (ReDoS)' },
  send: { min: '1.1.0', why: 'CVE-2024-43799 (template injection)' },
  'serve-static': { min: '2.1.0', why: 'CVE-2024-43800 (template injection)' },
  cookie: { min: '0.7.0', why: 'CVE-2024-47764 (cookie name/path injection)' },
  qs: { min: '6.14.1', why: 'CVE-2022-24999 (prototype pollution), CVE-2025-15284 (arrayLimit bypass DoS)' },
  axios: {
    min: '1.12.0',
    why: 'CVE-2025-58754 (data: URL DoS), CVE-2025-27152 (SSRF), CVE-2024-39338 (SSRF), CVE-2023-45857',
  },
  'follow-redirects': { min: '1.15.6', why: 'CVE-2024-28849, CVE-2023-26159' },
  'form-data': { min: '4.0.4', why: 'CVE-2025-7783 (predictable multipart boundary)' },
  formidable: { min: '3.5.3', why: 'CVE-2025-46653 (guessable file names)' },
  'tar-fs': {
    min: '2.1.4',
    why: 'CVE-2024-12905, CVE-2025-48387, CVE-2025-59343 (path traversal; install time only)',
  },
  'libxml2-wasm': {
    min: '0.7.0',
    why: 'bundles libxml2 2.15 (past CVE-2024-56171, CVE-2025-24928, CVE-2025-32414/32415, CVE-2025-6021, CVE-2025-49794/49796)',
  },
  'better-sqlite3': {
    min: '12.0.0',
    why: 'no advisory against better-sqlite3; the SQLite it bundles is checked below',
  },
  minimist: { min: '1.2.6', why: 'CVE-2021-44906 (prototype pollution)' },
  semver: { min: '7.5.2', why: 'CVE-2022-25883 (ReDoS)' },
  zod: { min: '3.22.3', why: 'CVE-2023-4316 (email ReDoS)' },
};

/** Versions published by the attacker in the September 2025 npm account compromise. */
const HIJACKED: Readonly<Record<string, readonly string[]>> = {
  debug: ['4.4.2'],
  chalk: ['5.6.1'],
  'ansi-styles': ['6.2.2'],
  'supports-color': ['10.2.1'],
  'strip-ansi': ['7.1.1'],
  'ansi-regex': ['6.2.1'],
  'wrap-ansi': ['9.0.1'],
  'color-convert': ['3.1.1'],
  'color-name': ['2.0.1'],
  'is-arrayish': ['0.3.3'],
  'slice-ansi': ['7.1.1'],
  'error-ex': ['1.3.3'],
  'simple-swizzle': ['0.2.3'],
  'has-ansi': ['6.0.1'],
  'color-string': ['2.1.1'],
  color: ['5.0.1'],
  'chalk-template': ['1.1.1'],
  backslash: ['0.2.1'],
  'supports-hyperlinks': ['4.1.1'],
};

/** SQLite 3.50.2 fixed CVE-2025-6965 (memory corruption via aggregate terms); 3.49.1 CVE-2025-29087/29088. */
const SQLITE_MIN = '3.50.2';

const compare = (a: string, b: string): number => {
  const parts = (v: string): number[] => (v.split('-')[0] ?? '').split('.').map((n) => Number(n) || 0);
  const [x, y] = [parts(a), parts(b)];
  for (let i = 0; i < 3; i++) if ((x[i] ?? 0) !== (y[i] ?? 0)) return (x[i] ?? 0) - (y[i] ?? 0);
  return 0;
};

interface LsNode {
  readonly version?: string;
  readonly dependencies?: Record<string, LsNode>;
}

const npm = (...args: string[]) => {
  const execPath = process.env['npm_execpath'];
  return execPath && execPath.endsWith('.js')
    ? spawnSync(process.execPath, [execPath, ...args], { cwd: PROJECT, encoding: 'utf8', timeout: 60_000 })
    : spawnSync('npm', args, { cwd: PROJECT, encoding: 'utf8', timeout: 60_000 });
};

/** Every name@version in `npm ls` (which reads node_modules and needs no network). */
const installed = (...flags: string[]): Map<string, Set<string>> => {
  const ls = npm('ls', '--all', '--json', ...flags);
  const tree = JSON.parse(ls.stdout) as LsNode;
  const found = new Map<string, Set<string>>();
  const walk = (deps: Record<string, LsNode> | undefined): void => {
    for (const [name, node] of Object.entries(deps ?? {})) {
      if (node.version) found.set(name, (found.get(name) ?? new Set()).add(node.version));
      walk(node.dependencies);
    }
  };
  walk(tree.dependencies);
  return found;
};

it('When the production dependency tree is listed, then every package of the table is at or past its known-safe minimum', () => {
  const production = installed('--omit=dev');
  const versions = Object.fromEntries(
    Object.keys(KNOWN_SAFE_MINIMUMS).map((name) => [
      name,
      [...(production.get(name) ?? [])].join(', ') || 'not installed',
    ]),
  );
  report('dependency versions', versions);
  for (const direct of [
    'soap',
    'xml-crypto',
    'node-forge',
    'better-sqlite3',
    'express',
    'libxml2-wasm',
    'sax',
  ]) {
    expect({ direct, installed: production.has(direct) }).toEqual({ direct, installed: true });
  }
  const tooOld = [...production].flatMap(([name, vs]) => {
    const rule = KNOWN_SAFE_MINIMUMS[name];
    return rule
      ? [...vs].filter((v) => compare(v, rule.min) < 0).map((v) => `${name}@${v} < ${rule.min}: ${rule.why}`)
      : [];
  });
  expect(tooOld).toEqual([]);
});

it('When the whole tree (dev included) is listed, then no package is a version hijacked in the September 2025 npm compromise', () => {
  const all = installed();
  const hijacked = Object.entries(HIJACKED).flatMap(([name, bad]) =>
    bad.filter((v) => all.get(name)?.has(v)).map((v) => `${name}@${v}`),
  );
  expect(hijacked).toEqual([]);
});

it(`When better-sqlite3 opens a database, then its bundled SQLite is ${SQLITE_MIN} or later`, () => {
  const db = new Database(':memory:');
  const { v } = db.prepare('SELECT sqlite_version() AS v').get() as { v: string };
  db.close();
  report('bundled SQLite', { version: v });
  expect(compare(v, SQLITE_MIN)).toBeGreaterThanOrEqual(0);
});

interface LockedPackage {
  readonly version?: string;
  readonly resolved?: string;
  readonly integrity?: string;
  readonly link?: boolean;
}

it('When package-lock.json is read, then every package is pinned to a registry version with a sha512 hash', () => {
  const lock = JSON.parse(readFileSync(join(PROJECT, 'package-lock.json'), 'utf8')) as {
    lockfileVersion: number;
    packages: Record<string, LockedPackage>;
  };
  const entries = Object.entries(lock.packages).filter(([path]) => path !== '');
  report('package-lock.json', { lockfileVersion: lock.lockfileVersion, packages: entries.length });
  expect(lock.lockfileVersion).toBeGreaterThanOrEqual(2);
  // npm ci checks every tarball against its hash; a package without one, or from git, a URL or a local
  // path, is not checked and could change under the same lockfile.
  const unpinned = entries
    .filter(([, p]) => p.link || !/^\d+\.\d+\.\d+/.test(p.version ?? ''))
    .map(([path, p]) => `${path}: ${p.version ?? 'no version'}${p.link ? ' (link)' : ''}`);
  const unhashed = entries.filter(([, p]) => !p.integrity?.startsWith('sha512-')).map(([path]) => path);
  const offRegistry = entries
    .filter(([, p]) => p.resolved !== undefined && !p.resolved.startsWith('https://registry.npmjs.org/'))
    .map(([path, p]) => `${path}: ${p.resolved ?? ''}`);
  expect({ unpinned, unhashed, offRegistry }).toEqual({ unpinned: [], unhashed: [], offRegistry: [] });
});

it('When node_modules is read, then it holds exactly the versions package-lock.json pins', () => {
  const lock = JSON.parse(readFileSync(join(PROJECT, 'package-lock.json'), 'utf8')) as {
    packages: Record<string, LockedPackage & { optional?: boolean }>;
  };
  const differing = Object.entries(lock.packages)
    .filter(([path]) => path !== '')
    .flatMap(([path, locked]) => {
      const manifest = join(PROJECT, path, 'package.json');
      if (!existsSync(manifest)) return locked.optional ? [] : [`${path}: locked ${locked.version}, missing`];
      const { version } = JSON.parse(readFileSync(manifest, 'utf8')) as { version?: string };
      return version === locked.version ? [] : [`${path}: locked ${locked.version}, installed ${version}`];
    });
  expect(differing).toEqual([]);
  // npm ls reports what the lockfile does not explain (extraneous packages) and broken ranges (invalid).
  const tree = JSON.parse(npm('ls', '--all', '--json').stdout) as { problems?: string[] };
  expect(tree.problems ?? []).toEqual([]);
});
