import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { ensureDevCertificates } from '../pki/dev-certificates';
import { FixtureFiles, loadFixtures, readFixtures, type Fixtures } from '../store/fixtures';
import { registerFixtureCertificates } from '../store/register-fixture-certificates';
import { openStore } from '../store/store';
import { cliArgs } from './cli-args';
import { UsageError, type CliIo } from './cli-io';
import { commandConfig } from './command-config';

/** A fixture file of the CLI: any of the four fixture kinds, in the form of the files in fixtures/. */
const FixtureFile = z.strictObject({
  organisations: FixtureFiles.organisations.optional(),
  certificates: FixtureFiles.certificates.optional(),
  citizens: FixtureFiles.citizens.optional(),
  bookings: FixtureFiles.bookings.optional(),
  subscriptions: FixtureFiles.subscriptions.optional(),
});

/** Thrown for a file that cannot be read or is not a fixture file: exit code 1, with what is wrong. */
export class FixtureFileError extends Error {}

/** Reads and checks a fixture file; the message lists every problem with its path in the file. */
export const readFixtureFile = (file: string): Fixtures => {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new FixtureFileError(
      `cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  const parsed = FixtureFile.safeParse(json);
  if (!parsed.success)
    throw new FixtureFileError(`${file} is not a fixture file:\n${z.prettifyError(parsed.error)}`);
  const {
    organisations = [],
    certificates = [],
    citizens = [],
    bookings = [],
    subscriptions = [],
  } = parsed.data;
  return { organisations, certificates, citizens, bookings, subscriptions };
};

export interface FixturesLoaded {
  readonly organisations: number;
  readonly certificates: number;
  readonly citizens: number;
  readonly bookings: number;
  /** Whether the database was new, and got the default fixtures first. */
  readonly defaultsLoaded: boolean;
}

/** `dfdg-emulator fixtures load FILE`: adds the file's world to the database, all or nothing. */
export const fixturesLoadCommand = (args: readonly string[], io: CliIo): FixturesLoaded => {
  const { values, positionals } = cliArgs(
    args,
    { db: { type: 'string' }, 'cert-dir': { type: 'string' }, fixtures: { type: 'string' } },
    true,
  );
  const [file, ...extra] = positionals;
  if (file === undefined || extra.length > 0) throw new UsageError('give exactly one FILE to load');
  const fixtures = readFixtureFile(file);
  const config = commandConfig(
    { db: values.db, 'cert-dir': values['cert-dir'], fixtures: values.fixtures },
    io,
  );
  const files = ensureDevCertificates(
    config.certDir,
    fixtures.certificates.map((c) => c.name),
  );
  const store = openStore(config.dbPath, config.sync);
  try {
    const now = new Date();
    const defaultsLoaded = store.transaction(() => {
      // A new database gets what a first start would give it, so the file adds to that world.
      const isNew = store.organisations.count() === 0;
      if (isNew) loadFixtures(store, readFixtures(config.fixturesDir), now, config.starCvr);
      loadFixtures(store, fixtures, now, config.starCvr);
      registerFixtureCertificates(store, fixtures.certificates, files.clients, now, 'cli');
      return isNew;
    });
    const loaded = {
      organisations: fixtures.organisations.length,
      certificates: fixtures.certificates.length,
      citizens: fixtures.citizens.length,
      bookings: fixtures.bookings.length,
      defaultsLoaded,
    };
    io.out(
      `loaded into ${config.dbPath}${defaultsLoaded ? ' (new: the default fixtures first)' : ''}: ` +
        `${loaded.organisations} organisations, ${loaded.certificates} certificates, ` +
        `${loaded.citizens} citizens, ${loaded.bookings} bookings\n`,
    );
    return loaded;
  } finally {
    store.close();
  }
};
