import type { Organisation } from '../domain/organisation';
import type { Db } from './db';

export interface CertificateRegistration {
  readonly fingerprint: string;
  readonly name: string;
  readonly subject: string;
  readonly organisations: readonly Organisation[];
}

/**
 * SEC-CERT: which certificates (by SHA-256 fingerprint) may act for which organisations.
 * Every SOAP call looks its certificate up, so registrations are kept in memory once read. The
 * memory is dropped when this process registers or resets, and when another connection (a second
 * emulator, the CLI) has committed anything since: SQLite's data_version tells.
 */
export class CertificateRepository {
  private readonly cache = new Map<string, CertificateRegistration>();
  private cachedDataVersion: unknown = null;
  private readonly dataVersionStmt;
  private readonly upsertStmt;
  private readonly clearOrgsStmt;
  private readonly addOrgStmt;
  private readonly findStmt;
  private readonly orgsStmt;

  constructor(private readonly db: Db) {
    this.upsertStmt = db.prepare(
      `INSERT INTO certificates (fingerprint, name, subject, registered_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (fingerprint) DO UPDATE SET name = excluded.name, subject = excluded.subject`,
    );
    this.clearOrgsStmt = db.prepare('DELETE FROM certificate_organisations WHERE fingerprint = ?');
    this.addOrgStmt = db.prepare(
      'INSERT INTO certificate_organisations (fingerprint, type, code) VALUES (?, ?, ?)',
    );
    this.findStmt = db.prepare<[string], { name: string; subject: string }>(
      'SELECT name, subject FROM certificates WHERE fingerprint = ?',
    );
    this.orgsStmt = db.prepare<[string], Organisation>(
      'SELECT type, code FROM certificate_organisations WHERE fingerprint = ? ORDER BY type, code',
    );
    this.dataVersionStmt = db.prepare('PRAGMA data_version').pluck();
  }

  /** Forgets what was read: the store was emptied or written around the repository. */
  forget(): void {
    this.cache.clear();
  }

  /** Registers a certificate, replacing the organisations of an earlier registration. */
  register(registration: CertificateRegistration, now: Date): void {
    this.forget();
    this.db.transaction(() => {
      this.upsertStmt.run(
        registration.fingerprint,
        registration.name,
        registration.subject,
        now.toISOString(),
      );
      this.clearOrgsStmt.run(registration.fingerprint);
      for (const o of registration.organisations)
        this.addOrgStmt.run(registration.fingerprint, o.type, o.code);
    })();
  }

  find(fingerprint: string): CertificateRegistration | undefined {
    const dataVersion = this.dataVersionStmt.get();
    if (dataVersion !== this.cachedDataVersion) {
      this.cache.clear();
      this.cachedDataVersion = dataVersion;
    }
    const cached = this.cache.get(fingerprint);
    if (cached) return cached;
    const row = this.findStmt.get(fingerprint);
    if (!row) return undefined;
    const registration = { fingerprint, ...row, organisations: this.orgsStmt.all(fingerprint) };
    this.cache.set(fingerprint, registration);
    return registration;
  }
}
