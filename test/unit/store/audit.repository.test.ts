import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AuditEntry } from '../../../src/store/audit.repository';
import { openStore, type Store } from '../../../src/store/store';
import { buildCitizenMetadata, buildMetadata, CPR, ORG, OTHER_CPR } from '../../helpers/builders';

let dir: string;
let store: Store;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'dfdg-unit-audit-'));
  store = openStore(join(dir, 'dfdg.sqlite'));
});

afterEach(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

const buildEntry = (overrides: Partial<AuditEntry> = {}): AuditEntry => ({
  referenceId: 'r-default',
  time: new Date('2026-01-15T10:00:00.000Z'),
  service: 'BookingService',
  operation: 'CreateBooking',
  certificate: { subject: 'CN=8-75100', fingerprint: 'AB:CD' },
  activeOrganisation: ORG.jobcenterAarhus,
  requestUserMetadata: buildMetadata(),
  cprs: [CPR],
  outcome: 'ok',
  ruleId: null,
  detail: null,
  ...overrides,
});

/** Five calls over an hour, recorded out of time order. */
const seed = (): void => {
  const at = (minute: number): Date => new Date(Date.UTC(2026, 0, 15, 10, minute));
  store.audit.record(buildEntry({ referenceId: 'r3', time: at(30), cprs: [CPR, OTHER_CPR] }));
  store.audit.record(buildEntry({ referenceId: 'r1', time: at(10) }));
  store.audit.record(
    buildEntry({
      referenceId: 'r2',
      time: at(20),
      activeOrganisation: ORG.akasse17,
      requestUserMetadata: buildCitizenMetadata(CPR, 2),
      outcome: '4413',
      ruleId: 'SEC-CITIZEN',
      detail: 'a citizen call needs UserIdentifier equal to the CPR',
    }),
  );
  store.audit.record(buildEntry({ referenceId: 'r5', time: at(50), cprs: [OTHER_CPR] }));
  store.audit.record(
    buildEntry({ referenceId: 'r4', time: at(40), cprs: [], activeOrganisation: ORG.akasse17 }),
  );
};

describe('SEC-AUDIT', () => {
  it('When an accepted call is recorded, then it is read back whole', () => {
    const entry = buildEntry({ referenceId: 'r1', cprs: [CPR, OTHER_CPR] });
    store.audit.record(entry);
    const found = store.audit.find('r1');
    expect(found).toEqual({ ...entry, cprs: expect.arrayContaining([CPR, OTHER_CPR]) as unknown });
    expect(found?.cprs).toHaveLength(2);
  });

  it('When a call rejected before its headers were read is recorded, then the missing parts are null', () => {
    const entry = buildEntry({
      referenceId: 'r-tls',
      operation: null,
      certificate: null,
      activeOrganisation: null,
      requestUserMetadata: null,
      cprs: [],
      outcome: '1101',
      ruleId: 'SEC-TLS',
      detail: 'no client certificate',
    });
    store.audit.record(entry);
    expect(store.audit.find('r-tls')).toEqual(entry);
  });

  it('When a call names the same CPR twice, then it is recorded once', () => {
    store.audit.record(buildEntry({ referenceId: 'r1', cprs: [CPR, CPR] }));
    expect(store.audit.find('r1')?.cprs).toEqual([CPR]);
  });

  it('When an unknown reference is looked up, then undefined', () => {
    expect(store.audit.find('nope')).toBeUndefined();
  });

  it.each<[string, Parameters<Store['audit']['list']>[0], string[]]>([
    ['no filter', {}, ['r5', 'r4', 'r3', 'r2', 'r1']],
    ['the CPR 0101575001', { cpr: CPR }, ['r3', 'r2', 'r1']],
    ['the CPR 0202575002', { cpr: OTHER_CPR }, ['r5', 'r3']],
    ['a CPR nobody named', { cpr: '0303575003' }, []],
    ['a-kasse 2/17', { organisation: ORG.akasse17 }, ['r4', 'r2']],
    ['jobcenter 8/75100', { organisation: ORG.jobcenterAarhus }, ['r5', 'r3', 'r1']],
    ['type 8 with the a-kasse’s code', { organisation: { type: 8, code: '17' } }, []],
    ['a-kasse 2/17 and the CPR 0101575001', { organisation: ORG.akasse17, cpr: CPR }, ['r2']],
    ['a limit of 2', { limit: 2 }, ['r5', 'r4']],
    ['the CPR 0101575001 and a limit of 1', { cpr: CPR, limit: 1 }, ['r3']],
  ])(
    'When the audit log is listed by %s, then the matching calls come newest first',
    (_name, filter, expected) => {
      seed();
      expect(store.audit.list(filter).map((e) => e.referenceId)).toEqual(expected);
    },
  );

  it('When the audit log is listed, then each entry keeps its outcome, rule and CPRs', () => {
    seed();
    const r2 = store.audit.list({ organisation: ORG.akasse17, cpr: CPR })[0];
    expect(r2).toMatchObject({ outcome: '4413', ruleId: 'SEC-CITIZEN', cprs: [CPR] });
    expect(r2?.requestUserMetadata).toEqual(buildCitizenMetadata(CPR, 2));
  });

  it('When two calls have the same time, then the one recorded last comes first', () => {
    store.audit.record(buildEntry({ referenceId: 'first' }));
    store.audit.record(buildEntry({ referenceId: 'second' }));
    expect(store.audit.list().map((e) => e.referenceId)).toEqual(['second', 'first']);
  });

  it('When a reference id is recorded twice, then the second record fails', () => {
    store.audit.record(buildEntry({ referenceId: 'r1' }));
    expect(() => store.audit.record(buildEntry({ referenceId: 'r1' }))).toThrow();
  });
});
