import { AuditRepository } from './audit.repository';
import { BookingRepository } from './booking.repository';
import { CertificateRepository } from './certificate.repository';
import { CitizenRepository } from './citizen.repository';
import { CodelistRepository } from './codelist.repository';
import { DEFAULT_CODELISTS_PATH, readCodeListsFile } from './codelists-file';
import { GroupCommit } from './group-commit';
import { BUSY_TIMEOUT_MS, checkedAtOpen, openDatabase, type Db, type SyncMode } from './db';
import { OrganisationRepository } from './organisation.repository';
import { PushRepository } from './push.repository';
import { ReminderRepository } from './reminder.repository';
import { resetStore } from './reset';
import { RestRequestIdRepository } from './rest-request-id.repository';
import { MyndighedsdeltagerRepository } from './myndighedsdeltager.repository';
import { StoreHealth, type StoreLog } from './store-health';
import { WsrmRepository } from './wsrm.repository';
import type { CodeLists } from '../domain/codelists';

/** The repositories over one database, and the transaction that makes a call all-or-nothing. */
export interface Store {
  readonly db: Db;
  readonly bookings: BookingRepository;
  readonly certificates: CertificateRepository;
  readonly citizens: CitizenRepository;
  /** The code lists in force: the code-list file's, with those the admin API replaced. */
  readonly codelists: CodelistRepository;
  readonly organisations: OrganisationRepository;
  readonly audit: AuditRepository;
  readonly reminders: ReminderRepository;
  readonly wsrm: WsrmRepository;
  /** Push subscriptions, the outbox and its delivery attempts (REST.md §7). */
  readonly push: PushRepository;
  /** The x-requestIds the REST service has seen (REQ-REQUESTID). */
  readonly restRequestIds: RestRequestIdRepository;
  /** The authority participants of meetings (REST.md §4). */
  readonly myndighedsdeltagere: MyndighedsdeltagerRepository;
  /** The SOAP calls' shared transaction (group commit). */
  readonly group: GroupCommit;
  /** Whether writes succeed (a full disk makes every call fail): for /admin/health and the faults. */
  readonly health: StoreHealth;
  /** Whether the file was checked for damage when it was opened; if not, it is too large (db.ts). */
  readonly checkedAtOpen: boolean;
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
  codeLists: CodeLists = readCodeListsFile(DEFAULT_CODELISTS_PATH),
  log: StoreLog = SILENT,
): Store => {
  const checked = checkedAtOpen(path);
  const db = openDatabase(path, sync);
  const certificates = new CertificateRepository(db);
  const health = new StoreHealth(log);
  const group = new GroupCommit(db, report, BUSY_TIMEOUT_MS, health);
  const codelists = new CodelistRepository(db, codeLists);
  const myndighedsdeltagere = new MyndighedsdeltagerRepository(db);
  const push = new PushRepository(db);
  return {
    db,
    bookings: new BookingRepository(db, myndighedsdeltagere),
    certificates,
    citizens: new CitizenRepository(db),
    codelists,
    organisations: new OrganisationRepository(db),
    audit: new AuditRepository(db),
    reminders: new ReminderRepository(db),
    wsrm: new WsrmRepository(db),
    push,
    restRequestIds: new RestRequestIdRepository(db),
    myndighedsdeltagere,
    group,
    health,
    checkedAtOpen: checked,
    transaction: <T>(work: () => T): T => group.transaction(work),
    reset: () => {
      group.flush();
      resetStore(db);
      certificates.forget();
      codelists.forget();
      push.forget();
    },
    close: () => {
      group.flush();
      db.close();
    },
  };
};
