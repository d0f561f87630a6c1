import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../src/project-root';
import {
  installLine,
  missingMessage,
  missingPrerequisites,
  neededPrerequisites,
  TEST_PREREQUISITES,
  testFilesOf,
  type Prerequisite,
  type System,
} from '../helpers/prerequisites';

/** A machine with exactly these Python modules, commands, files and PHP extensions. */
const machine = (has: {
  modules?: string[];
  executables?: string[];
  files?: string[];
  php?: string[];
}): System & { pythonRuns: () => number } => {
  let pythonRuns = 0;
  return {
    pythonModules: (modules) => {
      pythonRuns += 1;
      return new Set(modules.filter((m) => has.modules?.includes(m)));
    },
    isExecutable: (name) => has.executables?.includes(name) ?? false,
    fileExists: (path) => has.files?.includes(path) ?? false,
    phpExtensions: () => new Set(has.php ?? []),
    pythonRuns: () => pythonRuns,
  };
};

const COMPLETE = {
  modules: ['zeep', 'xmlsec', 'requests'],
  executables: ['/usr/bin/chromium', 'wsdl2h', 'soapcpp2', 'g++', 'php', 'wsimport', 'javac', 'curl', 'jq'],
  files: ['/usr/include/stdsoap2.h', '/usr/include/openssl/ssl.h'],
  php: ['soap'],
};
const packages = (list: readonly Prerequisite[]): string[] => list.map((p) => p.debianPackage);
const without = <T>(list: readonly T[], ...gone: T[]): T[] => list.filter((x) => !gone.includes(x));

describe('Test prerequisites: what is missing', () => {
  it('When everything is installed, then nothing is missing, and Python is asked once for all its modules', () => {
    const system = machine(COMPLETE);
    expect(missingPrerequisites(TEST_PREREQUISITES, system)).toEqual([]);
    expect(system.pythonRuns()).toBe(1);
  });

  it.each([
    ['python3-xmlsec', { ...COMPLETE, modules: without(COMPLETE.modules, 'xmlsec') }],
    ['chromium', { ...COMPLETE, executables: without(COMPLETE.executables, '/usr/bin/chromium') }],
    ['gsoap', { ...COMPLETE, executables: without(COMPLETE.executables, 'soapcpp2') }],
    ['libgsoap-dev', { ...COMPLETE, files: without(COMPLETE.files, '/usr/include/stdsoap2.h') }],
    ['libssl-dev', { ...COMPLETE, files: without(COMPLETE.files, '/usr/include/openssl/ssl.h') }],
    ['g++', { ...COMPLETE, executables: without(COMPLETE.executables, 'g++') }],
    ['php-soap', { ...COMPLETE, php: ['json'] }],
    ['jaxws', { ...COMPLETE, executables: without(COMPLETE.executables, 'wsimport') }],
    ['default-jdk-headless', { ...COMPLETE, executables: without(COMPLETE.executables, 'javac') }],
  ])('When %s is missing, then it alone is listed', (debianPackage, has) => {
    expect(packages(missingPrerequisites(TEST_PREREQUISITES, machine(has)))).toEqual([debianPackage]);
  });

  it('When PHP is not installed, then php-cli and php-soap are both missing', () => {
    const has = { ...COMPLETE, executables: without(COMPLETE.executables, 'php'), php: [] };
    expect(packages(missingPrerequisites(TEST_PREREQUISITES, machine(has)))).toEqual(['php-cli', 'php-soap']);
  });

  it('When nothing is installed, then the install line names every package once, in the list order', () => {
    const missing = missingPrerequisites(TEST_PREREQUISITES, machine({}));
    expect(installLine(missing)).toBe(
      'sudo apt-get install -y python3-zeep python3-xmlsec python3-requests chromium gsoap libgsoap-dev ' +
        'libssl-dev g++ jaxws default-jdk-headless php-cli php-soap curl jq',
    );
  });

  it('When two packages are missing, then the message lists each with what was looked for, and installs just those', () => {
    const has = {
      ...COMPLETE,
      modules: ['zeep', 'requests'],
      executables: without(COMPLETE.executables, 'curl'),
    };
    expect(missingMessage(missingPrerequisites(TEST_PREREQUISITES, machine(has))).split('\n')).toEqual([
      'The tests about to run need Debian packages that are not installed:',
      '  python3-xmlsec         Python module xmlsec for /usr/bin/python3; needed by test/interop/, ' +
        'test/integration/readme-snippets.test.ts',
      '  curl                   curl on PATH; needed by test/integration/readme-snippets.test.ts',
      'Install them with:',
      '  sudo apt-get install -y python3-xmlsec curl',
      'README.md, "Tests", lists everything the tests need.',
    ]);
  });
});

describe('Test prerequisites: which the selected tests need', () => {
  const FILES = [
    'test/integration/dashboard.browser.test.ts',
    'test/integration/readme-snippets.test.ts',
    'test/integration/smoke.test.ts',
    'test/interop/gsoap/gsoap.test.ts',
    'test/interop/zeep.test.ts',
    'test/unit/config.test.ts',
  ];
  const needed = (testPathPattern: string): string[] =>
    packages(neededPrerequisites(TEST_PREREQUISITES, FILES, { rootDir: '/p', testPathPattern }));

  it('When the whole suite runs, then it needs everything', () => {
    expect(needed('')).toEqual(packages(TEST_PREREQUISITES));
  });

  it.each([
    ['test/integration/smoke.test.ts', []],
    ['test/unit', []],
    ['dashboard', ['chromium']],
    ['TEST/INTEROP/ZEEP', without(packages(TEST_PREREQUISITES), 'chromium', 'curl', 'jq')],
    ['readme-snippets', ['python3-zeep', 'python3-xmlsec', 'python3-requests', 'curl', 'jq']],
    ['smoke|dashboard', ['chromium']],
  ])('When jest runs %s, then it needs %j', (pattern, expected) => {
    expect(needed(pattern)).toEqual(expected);
  });

  it('When the list names the tests that need a package, then each of them is a test file or folder of the project', () => {
    const files = testFilesOf(PROJECT_ROOT);
    for (const need of new Set(TEST_PREREQUISITES.flatMap((p) => p.neededBy))) {
      expect({
        need,
        found: need.endsWith('/')
          ? files.some((f) => f.startsWith(need))
          : existsSync(join(PROJECT_ROOT, need)),
      }).toEqual({ need, found: true });
    }
  });
});
