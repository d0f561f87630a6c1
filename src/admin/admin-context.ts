import type { Config } from '../config';
import type { ControllableClock } from '../domain/clock';
import type { DevCertificates } from '../pki/dev-certificates';
import type { Fixtures } from '../store/fixtures';
import type { FaultRules } from '../pipeline/fault-rules';
import type { PushWorker } from '../push/push-worker';
import type { Store } from '../store/store';
import type { Journal } from '../transport/journal';
import type { Logger } from '../transport/logger';

/** What the test-control API works on: the same store, clock and journal the SOAP services use. */
export interface AdminContext {
  readonly config: Config;
  readonly store: Store;
  readonly clock: ControllableClock;
  readonly journal: Journal;
  readonly fixtures: Fixtures;
  readonly certificates: DevCertificates;
  readonly logger: Logger;
  /** Delivers push messages; the admin API asks it to run when it changed what is due. */
  readonly push: PushWorker;
  /** The fault rules the calls are answered by (POST /admin/faults). */
  readonly faults: FaultRules;
  /** https://host:port of the SOAP services, for links and health. */
  readonly soapUrl: () => string;
}
