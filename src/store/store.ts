import { AuditRepository } from './audit.repository';
import { BookingRepository } from './booking.repository';
import { CertificateRepository } from './certificate.repository';
import { CitizenRepository } from './citizen.repository';
import { GroupCommit } from './group-commit';
import { BUSY_TIMEOUT_MS, openDatabase, type Db, type SyncMode } from './db';
import { OrganisationRepository } from './organisation.repository';
import { ReminderRepository } from './reminder.repository';
import { resetStore } from './reset';
import { StoreHealth, type StoreLog } from './store-health';
import { WsrmRepository } from './wsrm.repository';

/** The repositories over one database, and the transaction that makes a call all-or-nothing. */
export interface Store {
  readonly db: Db;
  readonly bookings: BookingRepository;
  readonly certificates: CertificateRepository;
  readonly citizens: CitizenRepository;
  readonly organisations: OrganisationRepository;
  readonly audit: AuditRepository;
  readonly reminders: ReminderRepository;
  readonly wsrm: WsrmRepository;
  /** The SOAP calls' shared transaction (group commit). */
  readonly group: GroupCommit;
  /** Whether writes succeed (a full disk makes every call fail): for /admin/health and the faults. */
  readonly health: StoreHealth;
  /** One transaction of its own, after the open group (if any) has committed. */
  transaction<T>(work: () => T): T;
  /** Empties every table (the schema and its migrations stay), in one transaction. */
  reset(): void;
  close(): void;
}

const SILENT: StoreLog = { info: () => undefined, error: () => undefined };

export const openStore = (
  path: string,
  sync: SyncMode = 'normal',
  report: (error: unknown) => void = (error) => console.error(error),
  log: StoreLog = SILENT,
): Store => {
  const db = openDatabase(path, sync);
  const certificates = new CertificateRepository(db);
  const health = new StoreHealth(log);
  const group = new GroupCommit(db, report, BUSY_TIMEOUT_MS, health);
  return {
    db,
    bookings: new BookingRepository(db),
    certificates,
    citizens: new CitizenRepository(db),
    organisations: new OrganisationRepository(db),
    audit: new AuditRepository(db),
    reminders: new ReminderRepository(db),
    wsrm: new WsrmRepository(db),
    group,
    health,
    transaction: <T>(work: () => T): T => group.transaction(work),
    reset: () => {
      group.flush();
      resetStore(db);
      certificates.forget();
    },
    close: () => {
      group.flush();
      db.close();
    },
  };
};
