import { organisationQuery } from '../admin/admin-inputs';
import type { Organisation } from '../domain/organisation';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ensureDevCertificates, loadCertificateAuthority, writeAtomically } from '../pki/dev-certificates';
import { issueServerCertificate } from '../pki/issue-certificate';
import {
  CertificateNameTaken,
  issueRegisteredCertificate,
  type RegisteredCertificate,
} from '../pki/issue-registered-certificate';
import { readFixtures } from '../store/fixtures';
import { openStore } from '../store/store';
import { cliArgs } from './cli-args';
import { UsageError, type CliIo } from './cli-io';
import { commandConfig } from './command-config';

export type CertsIssueRequest = CertsIssueArgs | ServerCertificateArgs;

/**
 * `certs issue --server HOST [--server HOST ...]`: a server certificate from the dev CA, for a
 * vendor's push-message endpoint (REST.md §7): the emulator trusts the dev CA for subscribers.
 */
export interface ServerCertificateArgs {
  readonly kind: 'server';
  readonly hosts: readonly string[];
  readonly certDir?: string | undefined;
  readonly json: boolean;
}

export interface CertsIssueArgs {
  readonly kind: 'client';
  readonly name: string;
  readonly organisations: readonly Organisation[];
  readonly certDir?: string | undefined;
  readonly db?: string | undefined;
  readonly json: boolean;
  /** Issue anew under a name in use (the old certificate is no longer let in). */
  readonly replace: boolean;
}

/** A name in use without --replace: exit 1 with the message alone (the user chooses, not a usage slip). */
export class CertificateNameInUse extends Error {}

/** Reads `certs issue`'s arguments; every mistake is named at once. */
export const parseCertsIssueArgs = (args: readonly string[]): CertsIssueRequest => {
  const { values } = cliArgs(
    args,
    {
      org: { type: 'string', multiple: true },
      name: { type: 'string' },
      'cert-dir': { type: 'string' },
      db: { type: 'string' },
      json: { type: 'boolean' },
      replace: { type: 'boolean' },
      server: { type: 'string', multiple: true },
    },
    false,
  );
  if (values.server?.length) {
    if (values.org?.length || values.name)
      throw new UsageError('--server issues a server certificate: give it without --org and --name');
    return { kind: 'server', hosts: values.server, certDir: values['cert-dir'], json: values.json ?? false };
  }
  const problems: string[] = [];
  const organisations = (values.org ?? []).flatMap((raw) => {
    const parsed = organisationQuery.safeParse(raw);
    if (parsed.success) return [parsed.data];
    problems.push(`--org ${raw}: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
    return [];
  });
  if (!values.org?.length) problems.push('--org TYPE:CODE is required (at least one)');
  if (!values.name) problems.push('--name NAME is required');
  if (problems.length || !values.name) throw new UsageError(problems.join('\n'));
  return {
    kind: 'client',
    name: values.name,
    organisations,
    certDir: values['cert-dir'],
    db: values.db,
    json: values.json ?? false,
    replace: values.replace ?? false,
  };
};

/** `dfdg-emulator certs issue`: issue from the dev CA, write the files, register in the database. */
export const certsIssueCommand = (args: readonly string[], io: CliIo): void => {
  const request = parseCertsIssueArgs(args);
  if (request.kind === 'server') issueServerFiles(request, io);
  else issueClient(request, io);
};

const SERVER_HOST = /^[A-Za-z0-9.:-]{1,253}$/;

const issueServerFiles = (request: ServerCertificateArgs, io: CliIo): void => {
  const bad = request.hosts.filter((h) => !SERVER_HOST.test(h));
  if (bad.length) throw new UsageError(`--server ${bad.join(', ')}: a host name or IP address`);
  const config = commandConfig({ 'cert-dir': request.certDir }, io);
  ensureDevCertificates(config.certDir, []);
  const issued = issueServerCertificate(loadCertificateAuthority(config.certDir), { hosts: request.hosts });
  const dir = join(config.certDir, 'servers');
  mkdirSync(dir, { recursive: true });
  const base = (request.hosts[0] ?? 'server').replace(/:/g, '_');
  const files = { certificate: join(dir, `${base}.pem`), privateKey: join(dir, `${base}.key`) };
  writeAtomically(files.privateKey, issued.privateKeyPem, 0o600);
  writeAtomically(files.certificate, issued.certificatePem, 0o644);
  const ca = join(config.certDir, 'ca.pem');
  io.out(
    request.json
      ? `${JSON.stringify({ hosts: request.hosts, files: { ...files, ca } }, null, 2)}\n`
      : [
          `issued a server certificate for ${request.hosts.join(', ')} from the dev CA`,
          `  certificate   ${files.certificate}`,
          `  private key   ${files.privateKey}`,
          `  trust for client certificates: ${ca} (the emulator sends push messages with certs/star/sys-org-star-test.pem)`,
          '',
        ].join('\n'),
  );
};

const issueClient = (parsed: CertsIssueArgs, io: CliIo): RegisteredCertificate => {
  const config = commandConfig({ 'cert-dir': parsed.certDir, db: parsed.db }, io);
  if (readFixtures(config.fixturesDir).certificates.some((c) => c.name === parsed.name)) {
    throw new UsageError(`--name ${parsed.name} is a fixture certificate's name; choose another`);
  }
  ensureDevCertificates(config.certDir, []);
  const store = openStore(config.dbPath, config.sync);
  let issued: RegisteredCertificate;
  try {
    issued = issueRegisteredCertificate(config.certDir, store.certificates, parsed, new Date(), 'cli');
  } catch (error) {
    if (error instanceof CertificateNameTaken)
      throw new CertificateNameInUse(`${error.message}: add --replace`);
    throw error;
  } finally {
    store.close();
  }
  io.out(parsed.json ? `${JSON.stringify(summary(issued), null, 2)}\n` : text(issued, config.dbPath));
  return issued;
};

const summary = (c: RegisteredCertificate) => ({
  name: c.name,
  fingerprint: c.fingerprint,
  subject: c.subject,
  organisations: c.organisations,
  password: c.password,
  files: c.files,
});

const text = (c: RegisteredCertificate, db: string): string =>
  [
    `issued ${c.subject}`,
    `  fingerprint   ${c.fingerprint}`,
    `  registered in ${db} for ${c.organisations.map((o) => `${o.type}:${o.code}`).join(', ')}`,
    `  certificate   ${c.files.certificate}`,
    `  private key   ${c.files.privateKey}`,
    `  PKCS#12       ${c.files.pkcs12} (password ${c.password})`,
    '',
  ].join('\n');
