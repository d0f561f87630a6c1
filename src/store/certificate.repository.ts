import type { Organisation } from '../domain/organisation';
import type { Db } from './db';

export interface CertificateRegistration {
  readonly fingerprint: string;
  readonly name: string;
  readonly subject: string;
  readonly organisations: readonly Organisation[];
}

/** SEC-CERT: which certificates (by SHA-256 fingerprint) may act for which organisations. */
export class CertificateRepository {
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
  }

  /** Registers a certificate, replacing the organisations of an earlier registration. */
  register(registration: CertificateRegistration, now: Date): void {
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
    const row = this.findStmt.get(fingerprint);
    return row ? { fingerprint, ...row, organisations: this.orgsStmt.all(fingerprint) } : undefined;
  }
}
