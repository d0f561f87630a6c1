/**
 * The call pipeline's one state per call, seen from outside: the audit row (SEC-AUDIT) and the
 * journal entry are made from the same record, and what step 6 (ACC-*) read about the citizen is
 * what the operation uses, over the real socket.
 */
import type { RunningEmulator } from '../../src/emulator';
import type { AuditEntry } from '../../src/store/audit.repository';
import { callSoap, getBookingsBody } from '../helpers/dfdg-calls';
import { startTestEmulator } from '../helpers/emulator';
import { dfdgScenario, jobcenterCaseworker, type DfdgScenario } from '../helpers/scenario-dfdg';
import type { RawResponse } from '../helpers/soap-request';

const ANNA = '0101575001';
const DAY_MS = 24 * 60 * 60 * 1000;

let emulator: RunningEmulator;
let dfdg: DfdgScenario;
beforeAll(async () => {
  emulator = await startTestEmulator();
  dfdg = dfdgScenario(emulator);
});
afterEach(() => jest.restoreAllMocks());
afterAll(async () => {
  dfdg.close();
  await emulator.stop();
});

const referenceIdOf = (res: RawResponse): string =>
  String(res.headers['x-servicerequestlogreferenceidentifier']);

/** The emulator's clock jumps a day right after each audit row is written: before the answer. */
const clockJumpsAfterEachAudit = (): void => {
  const record = emulator.store.audit.record.bind(emulator.store.audit);
  jest.spyOn(emulator.store.audit, 'record').mockImplementation((entry: AuditEntry) => {
    record(entry);
    emulator.clock.advance(DAY_MS);
  });
};

it.each([
  ['an answered call', () => dfdg.personStatus(jobcenterCaseworker, ANNA, EVERYTHING)],
  [
    'a refused call',
    () => callSoap(emulator.soapUrl, { operation: 'GetBookings', body: getBookingsBody(ANNA) }),
  ],
])(
  'When the clock moves while %s is answered, then its journal entry and its audit row tell the same time and outcome',
  async (_what, send) => {
    clockJumpsAfterEachAudit();
    const referenceId = referenceIdOf(await send());
    const audit = emulator.store.audit.find(referenceId);
    const entry = emulator.journal.find(referenceId);
    expect(audit).toBeDefined();
    expect({ time: entry?.time, outcome: entry?.outcome, cprs: entry?.cprs }).toEqual({
      time: audit?.time,
      outcome: audit?.outcome,
      cprs: audit?.cprs,
    });
  },
);

const EVERYTHING = { core: true, authority: true, booking: true, interviewDeadline: true };

it("When GetVariablePersonStatus names a citizen, then the citizen is read once, by the access check, and the operation's answer is built from that reading", async () => {
  const find = jest.spyOn(emulator.store.citizens, 'find');
  const res = await dfdg.personStatus(jobcenterCaseworker, ANNA, EVERYTHING);
  expect(res.status).toBe(200);
  expect(res.body).toContain('Anna Testesen');
  expect(find.mock.calls.filter(([cpr]) => cpr === ANNA)).toHaveLength(1);
});
