import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../src/project-root';
import { ensureDevCertificates } from '../../src/pki/dev-certificates';
import { FixtureFiles } from '../../src/store/fixtures';
import { PICKUP_CERTIFICATE, PICKUP_RECEIVERS } from './world';

/**
 * One temporary installation for a whole bench run: the dev CA, server and client certificates
 * (issued once, shared by the emulator and both reference servers), and the project's fixtures plus
 * one certificate registered for the pickup receivers — given to the emulator with --fixtures, so it
 * registers that certificate itself, as it does the fixture ones, at every start.
 */
export interface Installation {
  readonly dir: string;
  readonly certDir: string;
  readonly fixturesDir: string;
  readonly tls: { readonly ca: string; readonly serverCert: string; readonly serverKey: string };
  /** PEM certificate and key of a client, by its registered name. */
  client(name: string): { readonly cert: string; readonly key: string; readonly ca: string };
  dbPath(label: string): string;
  remove(): void;
}

export const prepareInstallation = (dir: string): Installation => {
  const certDir = join(dir, 'certs');
  const fixturesDir = join(dir, 'fixtures');
  cpSync(join(PROJECT_ROOT, 'fixtures'), fixturesDir, { recursive: true });
  const certificates = FixtureFiles.certificates.parse(
    JSON.parse(readFileSync(join(fixturesDir, 'certificates.json'), 'utf8')),
  );
  certificates.push({ name: PICKUP_CERTIFICATE, organisations: [...PICKUP_RECEIVERS] });
  writeFileSync(join(fixturesDir, 'certificates.json'), JSON.stringify(certificates, null, 2));
  const files = ensureDevCertificates(
    certDir,
    certificates.map((c) => c.name),
  );
  const read = (path: string): string => readFileSync(path, 'utf8');
  const ca = read(files.caPath);
  mkdirSync(join(dir, 'db'), { recursive: true });
  return {
    dir,
    certDir,
    fixturesDir,
    tls: { ca, serverCert: read(files.serverCertPath), serverKey: read(files.serverKeyPath) },
    client: (name) => {
      const c = files.clients[name];
      if (!c) throw new Error(`no client certificate ${name}`);
      return { cert: read(c.certPath), key: read(c.keyPath), ca };
    },
    dbPath: (label) => join(dir, 'db', `${label}.sqlite`),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
};
