import type { Myndighedsdeltager } from '../rest/indkaldelse-mapping';
import { canonicalUuid } from '../domain/uuid';
import type { Db } from './db';

export interface MyndighedsdeltagerRow {
  id: string;
  booking_id: string;
  navn: string | null;
  kontaktdetaljer: string | null;
  telefonnummer: string | null;
  email: string | null;
  created_at: string;
  last_changed_at: string;
}

export const myndighedsdeltagerOfRow = (r: MyndighedsdeltagerRow): Myndighedsdeltager => ({
  id: r.id,
  indkaldelseId: r.booking_id,
  ...(r.navn === null ? {} : { navn: r.navn }),
  ...(r.kontaktdetaljer === null ? {} : { kontaktdetaljer: r.kontaktdetaljer }),
  ...(r.telefonnummer === null ? {} : { telefonnummer: r.telefonnummer }),
  ...(r.email === null ? {} : { email: r.email }),
  createdAt: new Date(r.created_at),
  lastChangedAt: new Date(r.last_changed_at),
});

export const myndighedsdeltagerRowOf = (d: Myndighedsdeltager): MyndighedsdeltagerRow => ({
  id: canonicalUuid(d.id),
  booking_id: canonicalUuid(d.indkaldelseId),
  navn: d.navn ?? null,
  kontaktdetaljer: d.kontaktdetaljer ?? null,
  telefonnummer: d.telefonnummer ?? null,
  email: d.email ?? null,
  created_at: d.createdAt.toISOString(),
  last_changed_at: d.lastChangedAt.toISOString(),
});

/** The authority participants of meetings (REST.md §4), ids in lower case as the bookings'. */
export class MyndighedsdeltagerRepository {
  private readonly findStmt;
  private readonly byBookingStmt;
  private readonly saveStmt;
  private readonly deleteStmt;

  constructor(db: Db) {
    this.findStmt = db.prepare<[string], MyndighedsdeltagerRow>(
      'SELECT * FROM myndighedsdeltagere WHERE id = ?',
    );
    this.byBookingStmt = db.prepare<[string], MyndighedsdeltagerRow>(
      'SELECT * FROM myndighedsdeltagere WHERE booking_id = ? ORDER BY created_at, id',
    );
    this.saveStmt = db.prepare<MyndighedsdeltagerRow>(
      `INSERT INTO myndighedsdeltagere (id, booking_id, navn, kontaktdetaljer, telefonnummer, email, created_at, last_changed_at)
       VALUES (@id, @booking_id, @navn, @kontaktdetaljer, @telefonnummer, @email, @created_at, @last_changed_at)
       ON CONFLICT (id) DO UPDATE SET navn = excluded.navn, kontaktdetaljer = excluded.kontaktdetaljer,
         telefonnummer = excluded.telefonnummer, email = excluded.email, last_changed_at = excluded.last_changed_at`,
    );
    this.deleteStmt = db.prepare<[string]>('DELETE FROM myndighedsdeltagere WHERE id = ?');
  }

  find(id: string): Myndighedsdeltager | undefined {
    const row = this.findStmt.get(canonicalUuid(id));
    return row ? myndighedsdeltagerOfRow(row) : undefined;
  }

  /** A meeting's participants, in the order they were added. */
  ofBooking(bookingId: string): Myndighedsdeltager[] {
    return this.byBookingStmt.all(canonicalUuid(bookingId)).map(myndighedsdeltagerOfRow);
  }

  /** Adds a participant, or replaces one's fields (its meeting and creation stay). */
  save(d: Myndighedsdeltager): void {
    this.saveStmt.run(myndighedsdeltagerRowOf(d));
  }

  remove(id: string): void {
    this.deleteStmt.run(canonicalUuid(id));
  }
}
