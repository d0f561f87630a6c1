import { isAbsolute, join, relative } from 'node:path';
import { startBanner } from '../../src/cli/start-banner';
import { z } from 'zod';
import { DEFAULTS, OPTIONS, type Config } from '../../src/config';
import { ERROR_TABLE, sourceLabel } from '../../src/domain/errors';
import { PACKAGE_VERSION } from '../../src/package-version';
import { PROJECT_ROOT } from '../../src/project-root';
import { FixtureFiles } from '../../src/store/fixtures';
import { installLine } from '../helpers/prerequisites';
import { markedSection, readDocumentation, snippet } from '../helpers/readme-snippets';

/** The README and docs/*.md are the user's manual: their tables must say what the code does. */
const tableBetween = (marker: string): string[][] =>
  markedSection(marker)
    .split('\n')
    .filter((line) => line.startsWith('|') && !/^\|[\s|:-]+\|$/.test(line))
    .slice(1)
    .map((line) =>
      line
        .split('|')
        .slice(1, -1)
        .map((cell) => cell.trim().replace(/`/g, '')),
    );

it('When the README lists the configuration, then it has exactly the options the code reads', () => {
  const rows = tableBetween('config-table').map(([flag, env]) => `${flag} ${env}`);
  expect(rows).toEqual(OPTIONS.map((o) => `${o.flag} ${o.env}`));
});

/** A default as the README writes it: a path relative to the project, anything else as text. */
const written = (value: Config[keyof Config]): string | null =>
  value === null
    ? null
    : value instanceof Date
      ? value.toISOString()
      : typeof value === 'string' && isAbsolute(value)
        ? relative(PROJECT_ROOT, value)
        : String(value);

it('When the README lists the configuration, then each option has the default the code gives it', () => {
  const rows = tableBetween('config-table').map(([flag, , readmeDefault]) => `${flag} ${readmeDefault}`);
  // An option without a default (null) is described in words: "none", "real time" for the clock,
  // "in --fixtures" for the code lists (codelists.json in the fixtures folder).
  const inWords: Partial<Record<keyof Config, string>> = {
    clockStart: 'real time',
    codelistsPath: 'in --fixtures',
  };
  const expected = OPTIONS.map((o) => {
    const value = written(DEFAULTS[o.key]);
    return `${o.flag} ${value ?? inWords[o.key] ?? 'none'}`;
  });
  expect(rows).toEqual(expected);
});

it('When the README lists the fault codes, then each entry of the error table is there with its rule id', () => {
  const rows = new Set(tableBetween('error-table').map(([code, rule]) => `${code} ${rule}`));
  const entries = new Set(Object.values(ERROR_TABLE).map((e) => `${e.code} ${e.ruleId}`));
  expect([...rows].sort()).toEqual([...entries].sort());
});

it('When the README lists the fault codes, then each row says the source the code table gives that code and rule (STAR with its page, SOAP 1.1, or emulator)', () => {
  const rows = tableBetween('error-table').map(([code, rule, source]) => `${code} ${rule}: ${source}`);
  // Entries sharing a code and rule (INTERNAL's two texts) must share a source to make one row.
  const entries = new Set(Object.values(ERROR_TABLE).map((e) => `${e.code} ${e.ruleId}: ${sourceLabel(e)}`));
  expect([...rows].sort()).toEqual([...entries].sort());
  expect(rows.filter((row) => row.endsWith(': emulator'))).toEqual(
    expect.arrayContaining(['5100 BK-SELF-CITIZEN: emulator', '5201 WSRM-UNKNOWN: emulator']),
  );
});

it('When the README’s error table has a source column, then no description repeats it with an (emulator) mark', () => {
  const descriptions = tableBetween('error-table').map((cells) => cells[cells.length - 1] ?? '');
  expect(descriptions.filter((d) => /_emulator_|\(emulator\)/.test(d))).toEqual([]);
});

it('When the README lists what the tests need, then it is the one install line of test/helpers/prerequisites.ts', () => {
  expect(snippet('test-prerequisites').code).toBe(`${installLine()}\n`);
});

/** Every field of a fixture record's schema, nested objects as "parent.child", with whether it is required. */
const fieldsOf = (schema: z.ZodType, prefix = ''): string[] => {
  const shape = (schema as z.ZodObject).shape as Record<string, z.ZodType>;
  return Object.entries(shape).flatMap(([name, field]) => {
    const inner = field instanceof z.ZodOptional ? (field.unwrap() as z.ZodType) : field;
    const path = `${prefix}${name}`;
    return inner instanceof z.ZodObject && name !== 'organisation' && name !== 'meetingOrganisation'
      ? fieldsOf(inner, `${path}.`)
      : [`${path} ${field.safeParse(undefined).success ? 'no' : 'yes'}`];
  });
};

it('When the README lists the fields of a fixture booking, then they are exactly the fields fixture files take, each as required as the code makes it', () => {
  const rows = tableBetween('fixture-booking-fields').map(([field, required]) => `${field} ${required}`);
  expect(rows.sort()).toEqual(fieldsOf(FixtureFiles.bookings.element).sort());
});

it('When the README shows what `npm start` prints in a terminal, then it is the banner of a start with the defaults, from the project folder', () => {
  const printed = startBanner({
    version: PACKAGE_VERSION,
    soapUrl: `https://${DEFAULTS.publicHost}:${DEFAULTS.port}`,
    adminUrl: `http://${DEFAULTS.adminHost}:${DEFAULTS.adminPort}`,
    certDir: DEFAULTS.certDir,
    dbPath: DEFAULTS.dbPath,
    clients: {
      '8-75100': {
        certPath: join(DEFAULTS.certDir, 'clients', '8-75100.pem'),
        keyPath: join(DEFAULTS.certDir, 'clients', '8-75100.key'),
        p12Path: join(DEFAULTS.certDir, 'clients', '8-75100.p12'),
        fingerprint: '',
      },
    },
    caPath: join(DEFAULTS.certDir, 'ca.pem'),
    cwd: PROJECT_ROOT,
    adminTokenRequired: false,
  });
  expect(snippet('start-banner').code.trim()).toBe(printed.trim());
});

describe('The README, read by a newcomer', () => {
  const readme = readDocumentation('README.md');

  it('When a newcomer opens the README, then it is about 300 lines: what it is, install, start and the first calls', () => {
    expect(readme.split('\n').length).toBeLessThanOrEqual(320);
  });

  it('When a newcomer looks for the first call of a stack, then the README has it, and what `npm start` prints', () => {
    const inReadme = [
      'quick-start',
      'start-banner',
      'curl-get-bookings',
      'request-xml',
      'zeep-first-call',
      'node-soap-first-call',
      'rest-create-read',
    ].map((name) => `${name} ${snippet(name).file}`);
    expect(inReadme).toEqual(inReadme.map((line) => line.replace(/ .*$/, ' README.md')));
    expect(readme).toMatch(/^### \.NET \(WCF\)$/m);
    expect(readme).toMatch(/^### Java$/m);
  });

  it('When the reference tables are looked for, then each is in docs/, not in the README', () => {
    const markers = ['config-table', 'admin-routes', 'error-table', 'fixture-booking-fields'];
    expect(markers.filter((marker) => readme.includes(`<!-- ${marker} -->`))).toEqual([]);
    expect(markers.map((marker) => markedSection(marker).length > 0)).toEqual(markers.map(() => true));
  });
});
