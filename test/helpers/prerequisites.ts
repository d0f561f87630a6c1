import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, readdirSync } from 'node:fs';
import { delimiter, join, relative, sep } from 'node:path';

/**
 * What the tests need besides node_modules: Debian packages (`.ci/run` installs them). Checked
 * before any test runs (test/helpers/prerequisites-setup.ts), so a machine without them fails at
 * once with the one line that installs them, rather than minutes later with Python tracebacks.
 * README.md ("Tests") shows the same install line; test/unit/readme.test.ts keeps them equal.
 */

/** How to tell that a package is installed. */
export type Check =
  /** Importable by Debian's Python, the one the interop scripts run with. */
  | { readonly kind: 'python-module'; readonly module: string }
  /** A command on PATH, or an executable file at an absolute path. */
  | { readonly kind: 'executable'; readonly name: string }
  | { readonly kind: 'file'; readonly path: string }
  /** Loaded by the PHP command-line interpreter (`php -m`). */
  | { readonly kind: 'php-extension'; readonly extension: string };

export interface Prerequisite {
  readonly debianPackage: string;
  readonly checks: readonly Check[];
  /** The tests that need it: test files, or folders ending in `/`, relative to the project. */
  readonly neededBy: readonly string[];
}

/** Debian's Python, where python3-zeep and python3-xmlsec install their modules. */
export const DEBIAN_PYTHON = '/usr/bin/python3';

const INTEROP = 'test/interop/';
const README_SNIPPETS = 'test/integration/readme-snippets.test.ts';
const DASHBOARD = 'test/integration/dashboard.browser.test.ts';

const python = (debianPackage: string, module: string): Prerequisite => ({
  debianPackage,
  checks: [{ kind: 'python-module', module }],
  neededBy: [INTEROP, README_SNIPPETS],
});
const commands = (debianPackage: string, names: readonly string[], neededBy = [INTEROP]): Prerequisite => ({
  debianPackage,
  checks: names.map((name) => ({ kind: 'executable', name })),
  neededBy,
});

const header = (debianPackage: string, path: string): Prerequisite => ({
  debianPackage,
  checks: [{ kind: 'file', path }],
  neededBy: [INTEROP],
});

/** In the order of `.ci/run`, which installs them (curl and jq: for the README's snippets). */
export const TEST_PREREQUISITES: readonly Prerequisite[] = [
  python('python3-zeep', 'zeep'),
  python('python3-xmlsec', 'xmlsec'),
  python('python3-requests', 'requests'),
  commands('chromium', ['/usr/bin/chromium'], [DASHBOARD]),
  // gSOAP: wsdl2h and soapcpp2 generate the client, g++ builds it against stdsoap2 and OpenSSL.
  commands('gsoap', ['wsdl2h', 'soapcpp2']),
  header('libgsoap-dev', '/usr/include/stdsoap2.h'),
  header('libssl-dev', '/usr/include/openssl/ssl.h'),
  commands('g++', ['g++']),
  commands('jaxws', ['wsimport']),
  commands('default-jdk-headless', ['javac']),
  commands('php-cli', ['php']),
  { debianPackage: 'php-soap', checks: [{ kind: 'php-extension', extension: 'soap' }], neededBy: [INTEROP] },
  commands('curl', ['curl'], [README_SNIPPETS]),
  commands('jq', ['jq'], [README_SNIPPETS]),
];

/** The one line that installs the given prerequisites (all of them: the README's line). */
export const installLine = (prerequisites: readonly Prerequisite[] = TEST_PREREQUISITES): string =>
  `sudo apt-get install -y ${[...new Set(prerequisites.map((p) => p.debianPackage))].join(' ')}`;

/** What the checks ask of the machine; the unit test gives a made-up one. */
export interface System {
  /** Which of the modules Debian's Python finds (none when it is not there). */
  pythonModules(modules: readonly string[]): ReadonlySet<string>;
  isExecutable(nameOrPath: string): boolean;
  fileExists(path: string): boolean;
  /** Extensions of the PHP command-line interpreter, lower case (none without PHP). */
  phpExtensions(): ReadonlySet<string>;
}

/** The prerequisites whose checks do not all pass, in the order of the list. */
export const missingPrerequisites = (
  prerequisites: readonly Prerequisite[],
  system: System,
): Prerequisite[] => {
  const checks = prerequisites.flatMap((p) => p.checks);
  const modules = checks.flatMap((c) => (c.kind === 'python-module' ? [c.module] : []));
  const foundModules = modules.length > 0 ? system.pythonModules(modules) : new Set<string>();
  let extensions: ReadonlySet<string> | undefined;
  const passes = (check: Check): boolean => {
    switch (check.kind) {
      case 'python-module':
        return foundModules.has(check.module);
      case 'executable':
        return system.isExecutable(check.name);
      case 'file':
        return system.fileExists(check.path);
      case 'php-extension':
        extensions ??= system.phpExtensions();
        return extensions.has(check.extension.toLowerCase());
    }
  };
  return prerequisites.filter((p) => !p.checks.every(passes));
};

/**
 * The prerequisites of the tests a run will execute: `testFiles` (relative paths of every test
 * file of the project) narrowed by jest's testPathPattern (a regular expression over absolute paths,
 * case-insensitive, empty for all), as jest narrows them.
 */
export const neededPrerequisites = (
  prerequisites: readonly Prerequisite[],
  testFiles: readonly string[],
  selection: { readonly rootDir: string; readonly testPathPattern: string },
): Prerequisite[] => {
  const pattern = selection.testPathPattern ? new RegExp(selection.testPathPattern, 'i') : undefined;
  const selected = testFiles.filter((file) => !pattern || pattern.test(join(selection.rootDir, file)));
  const needs = (p: Prerequisite): boolean =>
    selected.some((file) =>
      p.neededBy.some((need) => (need.endsWith('/') ? file.startsWith(need) : file === need)),
    );
  return prerequisites.filter(needs);
};

/** The message a run without them fails with: what is missing, for which tests, and the install line. */
export const missingMessage = (missing: readonly Prerequisite[]): string =>
  [
    'The tests about to run need Debian packages that are not installed:',
    ...missing.map(
      (p) => `  ${p.debianPackage.padEnd(22)} ${describeChecks(p)}; needed by ${p.neededBy.join(', ')}`,
    ),
    'Install them with:',
    `  ${installLine(missing)}`,
    'README.md, "Tests", lists everything the tests need.',
  ].join('\n');

const describeChecks = (p: Prerequisite): string =>
  p.checks
    .map((c) => {
      switch (c.kind) {
        case 'python-module':
          return `Python module ${c.module} for ${DEBIAN_PYTHON}`;
        case 'executable':
          return c.name.includes('/') ? c.name : `${c.name} on PATH`;
        case 'file':
          return c.path;
        case 'php-extension':
          return `PHP extension ${c.extension}`;
      }
    })
    .join(', ');

/** Every *.test.ts under test/, relative to the project, with forward slashes. */
export const testFilesOf = (rootDir: string): string[] => {
  const walk = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
      const path = join(dir, e.name);
      if (e.isDirectory()) return walk(path);
      return e.name.endsWith('.test.ts') ? [relative(rootDir, path).split(sep).join('/')] : [];
    });
  return walk(join(rootDir, 'test')).sort();
};

const run = (command: string, args: readonly string[]): string | undefined => {
  const result = spawnSync(command, args, { encoding: 'utf8', timeout: 30_000 });
  return result.status === 0 ? result.stdout : undefined;
};

const isExecutableFile = (path: string): boolean => {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
};

/** This machine. One Python and at most one PHP process, so the check takes well under a second. */
export const thisSystem: System = {
  pythonModules: (modules) => {
    const script =
      'import importlib.util, json, sys\n' +
      'print(json.dumps([m for m in sys.argv[1:] if importlib.util.find_spec(m) is not None]))';
    const out = existsSync(DEBIAN_PYTHON) ? run(DEBIAN_PYTHON, ['-c', script, ...modules]) : undefined;
    return new Set(out ? (JSON.parse(out) as string[]) : []);
  },
  isExecutable: (name) =>
    name.includes('/')
      ? isExecutableFile(name)
      : (process.env['PATH'] ?? '')
          .split(delimiter)
          .some((dir) => dir !== '' && isExecutableFile(join(dir, name))),
  fileExists: (path) => existsSync(path),
  phpExtensions: () => {
    const out = thisSystem.isExecutable('php') ? run('php', ['-m']) : undefined;
    return new Set((out ?? '').split('\n').map((line) => line.trim().toLowerCase()));
  },
};
