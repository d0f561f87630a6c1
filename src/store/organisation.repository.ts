import type { Organisation } from '../domain/organisation';
import type { Db } from './db';

export interface NamedOrganisation extends Organisation {
  readonly name: string;
}

export class OrganisationRepository {
  private readonly upsertStmt;
  private readonly countStmt;
  private readonly listStmt;

  constructor(db: Db) {
    this.upsertStmt = db.prepare<NamedOrganisation>(
      'INSERT INTO organisations (type, code, name) VALUES (@type, @code, @name) ON CONFLICT (type, code) DO UPDATE SET name = excluded.name',
    );
    this.countStmt = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM organisations');
    this.listStmt = db.prepare<[], NamedOrganisation>(
      'SELECT type, code, name FROM organisations ORDER BY type, code',
    );
  }

  /** Every organisation, by type then code. */
  list(): NamedOrganisation[] {
    return this.listStmt.all();
  }

  save(org: NamedOrganisation): void {
    this.upsertStmt.run({ type: org.type, code: org.code, name: org.name });
  }

  count(): number {
    return this.countStmt.get()?.n ?? 0;
  }
}
