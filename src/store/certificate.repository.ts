import type { Organisation } from '../domain/organisation';
import type { Db } from './db';

export interface CertificateRegistration {
  readonly fingerprint: string;
  readonly name: string;
  readonly subject: string;
  readonly organisations: readonly Organisation[];
  /**
   * The system type (REST.md §4: 30 DFDG and 32 Jobnet are STAR's ids), what REST-KILDESYSTEM
   * compares a meeting's kildesystemType with; undefined when not set.
   */
  readonly systemType?: number | undefined;
}

/**
 * Who registered a certificate: the fixtures (registered again at every start and reset), the admin
 * API or the CLI. A reset keeps what the API and the CLI registered unless told to forget it.
 */
export const CERTIFICATE_ORIGINS = ['fixtures', 'api', 'cli'] as const;
export type CertificateOrigin = (typeof CERTIFICATE_ORIGINS)[number];

/** A registration as listed: with where it came from and when it was registered. */
export interface RegisteredCertificateRow extends CertificateRegistration {
  readonly origin: CertificateOrigin;
  readonly registeredAt: Date;
}

interface CertificateRow {
  fingerprint: string;
  name: string;
  subject: string;
  origin: CertificateOrigin;
  registered_at: string;
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
  private readonly listStmt;
  private readonly byNameStmt;
  private readonly deleteByNameStmt;

  constructor(private readonly db: Db) {
    this.upsertStmt = db.prepare(
      `INSERT INTO certificates (fingerprint, name, subject, registered_at, origin, system_type) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (fingerprint) DO UPDATE SET name = excluded.name, subject = excluded.subject,
         origin = excluded.origin, system_type = excluded.system_type`,
    );
    this.clearOrgsStmt = db.prepare('DELETE FROM certificate_organisations WHERE fingerprint = ?');
    this.addOrgStmt = db.prepare(
      'INSERT INTO certificate_organisations (fingerprint, type, code) VALUES (?, ?, ?)',
    );
    this.findStmt = db.prepare<[string], { name: string; subject: string; system_type: number | null }>(
      'SELECT name, subject, system_type FROM certificates WHERE fingerprint = ?',
    );
    this.orgsStmt = db.prepare<[string], Organisation>(
      'SELECT type, code FROM certificate_organisations WHERE fingerprint = ? ORDER BY type, code',
    );
    this.dataVersionStmt = db.prepare('PRAGMA data_version').pluck();
    this.listStmt = db.prepare<[], CertificateRow>(
      'SELECT fingerprint, name, subject, origin, registered_at FROM certificates ORDER BY name, registered_at',
    );
    this.byNameStmt = db.prepare<[string], CertificateRow>(
      'SELECT fingerprint, name, subject, origin, registered_at FROM certificates WHERE name = ? ORDER BY registered_at',
    );
    this.deleteByNameStmt = db.prepare('DELETE FROM certificates WHERE name = ?');
  }

  /** Forgets what was read: the store was emptied or written around the repository. */
  forget(): void {
    this.cache.clear();
  }

  /**
   * Registers a certificate, replacing the organisations of an earlier registration. `replaceName`:
   * every other registration under the same name is dropped in the same transaction, so a client
   * still holding the certificate issued before under that name is refused from then on.
   */
  register(
    registration: CertificateRegistration,
    now: Date,
    origin: CertificateOrigin,
    options: { readonly replaceName?: boolean } = {},
  ): void {
    this.forget();
    this.db.transaction(() => {
      if (options.replaceName) this.deleteByNameStmt.run(registration.name);
      this.upsertStmt.run(
        registration.fingerprint,
        registration.name,
        registration.subject,
        now.toISOString(),
        origin,
        registration.systemType ?? null,
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
    const registration: CertificateRegistration = {
      fingerprint,
      name: row.name,
      subject: row.subject,
      organisations: this.orgsStmt.all(fingerprint),
      ...(row.system_type === null ? {} : { systemType: row.system_type }),
    };
    this.cache.set(fingerprint, registration);
    return registration;
  }

  /** Every registration, by name, with its organisations and origin. */
  list(): RegisteredCertificateRow[] {
    return this.listStmt.all().map((row) => this.withOrganisations(row));
  }

  /** The registrations under a name (more than one where a certificate was issued anew under it). */
  findByName(name: string): RegisteredCertificateRow[] {
    return this.byNameStmt.all(name).map((row) => this.withOrganisations(row));
  }

  private withOrganisations(row: CertificateRow): RegisteredCertificateRow {
    return {
      fingerprint: row.fingerprint,
      name: row.name,
      subject: row.subject,
      organisations: this.orgsStmt.all(row.fingerprint),
      origin: row.origin,
      registeredAt: new Date(row.registered_at),
    };
  }
}
