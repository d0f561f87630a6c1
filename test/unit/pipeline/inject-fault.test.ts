import { fixedClock } from '../../../src/domain/clock';
import { violation } from '../../../src/domain/errors';
import { FaultRules } from '../../../src/pipeline/fault-rules';
import { runCall, type CallDeps } from '../../../src/pipeline/run-call';
import { openStore, type Store } from '../../../src/store/store';
import { Journal } from '../../../src/transport/journal';
import { silentLogger } from '../../../src/transport/logger';
import { buildCaller, buildCitizen, buildMetadata, CPR, ORG } from '../../helpers/builders';
import { fakeFace, type FaceScript } from '../../helpers/fake-face';

/** The core's side of faults on demand: where in the order of checks a rule applies, and what it leaves. */
let store: Store;
let journal: Journal;
let faults: FaultRules;
let deps: CallDeps;
beforeEach(() => {
  store = openStore(':memory:');
  store.citizens.save(buildCitizen({ cpr: CPR }));
  journal = new Journal(10);
  faults = new FaultRules();
  deps = { store, clock: fixedClock('2026-03-02T09:00:00Z'), journal, logger: silentLogger, faults };
});
afterEach(() => store.close());

const AARHUS_CASEWORKER: FaceScript = {
  caller: buildCaller([ORG.jobcenterAarhus]),
  metadata: { activeOrganisation: ORG.jobcenterAarhus, requestUserMetadata: buildMetadata() },
  named: { cprs: [CPR], bookingIds: [] },
  operation: { cprs: [CPR] },
};

const run = async (script: FaceScript) => {
  const fake = fakeFace(script);
  const call = await runCall(fake.face, null, deps);
  return { ...fake, audit: store.audit.find(call.referenceId), entry: journal.find(call.referenceId) };
};

it('When a rule drops the call, then the face drops it after step 3, the operation never runs, and the audit row and journal say so', async () => {
  const rule = faults.add({ cpr: CPR }, { drop: true }, 1);
  const { asked, answers, audit, entry } = await run(AARHUS_CASEWORKER);
  expect(asked).toEqual(['identify', 'read', 'named', 'readMetadata']);
  expect(answers).toEqual([{ kind: 'dropped' }]);
  expect(audit).toMatchObject({ outcome: 'dropped', ruleId: 'INJECTED-FAULT', cprs: [CPR] });
  expect(audit?.detail).toContain(rule.id);
  expect(entry?.status).toBe(0);
  expect(faults.list()).toEqual([]);
});

it('When a rule answers with a fault, then the face refuses with its code under INJECTED-FAULT', async () => {
  faults.add({}, { fault: { code: 1100 } }, null);
  const { answers, audit } = await run(AARHUS_CASEWORKER);
  expect(answers.map((a) => [a.kind, a.fault?.spec.code, a.fault?.spec.ruleId])).toEqual([
    ['refused', 1100, 'INJECTED-FAULT'],
  ]);
  expect(audit).toMatchObject({ outcome: '1100', ruleId: 'INJECTED-FAULT' });
  expect(faults.list()).toMatchObject([{ remaining: null, answered: 1 }]);
});

it('When a call is refused before its metadata is read, then it is refused as before and the rule keeps its times', async () => {
  faults.add({}, { httpStatus: 503 }, 1);
  const { answers } = await run({
    ...AARHUS_CASEWORKER,
    metadata: violation('SEC-AO-MISSING', 'no ActiveOrganisationHeader'),
  });
  expect(answers.map((a) => [a.kind, a.fault?.key])).toEqual([['refused', 'SEC-AO-MISSING']]);
  expect(faults.list()).toMatchObject([{ remaining: 1, answered: 0 }]);
});

it('When a rule delays the call, then the call goes on through steps 4 to 6 and its operation, the delay noted after step 3', async () => {
  faults.add({ operation: 'FakeOperation' }, { delayMs: 1 }, 1);
  const { answers, audit, entry } = await run(AARHUS_CASEWORKER);
  expect(answers).toEqual([{ kind: 'answered' }]);
  expect(audit).toMatchObject({ outcome: 'ok', ruleId: null });
  const rules = entry?.decisions.map((d) => d.ruleId) ?? [];
  expect(rules.slice(rules.indexOf('SEC-RUM-PRESENT'), rules.indexOf('SEC-RUM-PRESENT') + 3)).toEqual([
    'SEC-RUM-PRESENT',
    'INJECTED-FAULT',
    'SEC-AO-CERT',
  ]);
  expect(rules.at(-1)).toBe('FakeOperation');
});

it('When no rule matches, then the call is untouched and every rule keeps its times', async () => {
  faults.add({ organisation: ORG.jobcenterKobenhavn }, { drop: true }, 2);
  const { answers, entry } = await run(AARHUS_CASEWORKER);
  expect(answers).toEqual([{ kind: 'answered' }]);
  expect(entry?.decisions.some((d) => d.ruleId === 'INJECTED-FAULT')).toBe(false);
  expect(faults.list()).toMatchObject([{ remaining: 2, answered: 0 }]);
});
