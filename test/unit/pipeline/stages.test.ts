import { failed, passed } from '../../../src/domain/decision';
import { violation } from '../../../src/domain/errors';
import { newCall } from '../../../src/pipeline/call';
import { CALL_STAGES, runStages, type Stage, type StageDeps } from '../../../src/pipeline/stages';
import { fixedClock } from '../../../src/domain/clock';
import { openStore, type Store } from '../../../src/store/store';
import { buildCaller, buildMetadata, ORG } from '../../helpers/builders';
import { fakeFace } from '../../helpers/fake-face';

let store: Store;
let deps: StageDeps;
beforeAll(() => {
  store = openStore(':memory:');
  deps = { store, clock: fixedClock('2026-03-02T09:00:00Z') };
});
afterAll(() => store.close());

const stage = (step: number, ran: number[], verdict: () => ReturnType<Stage['run']>): Stage => ({
  step,
  rules: [`RULE-${step}`],
  run: () => {
    ran.push(step);
    return verdict();
  },
});

describe('CALL_STAGES', () => {
  it("When the core runs a call, then its stages are RULES.md's steps 1 to 6, in that order, each naming its rules", () => {
    expect(CALL_STAGES.map((s) => [s.step, s.rules[0]])).toEqual([
      [1, 'SEC-TLS'],
      [2, 'REQ-XML'],
      [3, 'SEC-AO-PRESENT'],
      [4, 'SEC-AO-CERT'],
      [5, 'REQ-SCHEMA'],
      [6, 'ACC-CPR'],
    ]);
  });

  it('When every step passes, then the face is asked in the order of the steps, and the operation is not run by the stages', async () => {
    const { face, asked } = fakeFace({
      caller: buildCaller([ORG.jobcenterAarhus]),
      metadata: { activeOrganisation: ORG.jobcenterAarhus, requestUserMetadata: buildMetadata() },
    });
    const call = newCall<{ readonly operation: string }>(face.service);
    expect(await runStages(CALL_STAGES, face, null, call, deps)).toBeNull();
    expect(asked).toEqual(['identify', 'read', 'named', 'readMetadata', 'validate']);
    expect(call.decisions.map((d) => d.ruleId)).toEqual([
      'SEC-TLS',
      'SEC-CERT',
      'REQ-XML',
      'REQ-OP',
      'SEC-AO-PRESENT',
      'SEC-RUM-PRESENT',
      'SEC-AO-CERT',
      'SEC-SAME-ORG',
      'SEC-SAME-ORG',
      'SEC-USERTYPE',
      'REQ-SCHEMA',
    ]);
  });

  it('When step 3 refuses, then no later step asks the face anything, and the refusing verdict is the last decision', async () => {
    const { face, asked } = fakeFace({
      caller: buildCaller([ORG.jobcenterAarhus]),
      metadata: violation('SEC-RUM-MISSING', 'no RequestUserMetadataHeader'),
    });
    const call = newCall<{ readonly operation: string }>(face.service);
    const refusal = await runStages(CALL_STAGES, face, null, call, deps);
    expect(refusal?.key).toBe('SEC-RUM-MISSING');
    expect(asked).toEqual(['identify', 'read', 'named', 'readMetadata']);
    expect(call.decisions.map((d) => d.ruleId)).toEqual(['SEC-TLS', 'SEC-CERT', 'REQ-XML', 'REQ-OP']);
  });

  it('When the service binds no metadata, then steps 3, 4 and 6 judge nothing and step 5 still runs', async () => {
    const { face, asked } = fakeFace({ caller: buildCaller([ORG.jobcenterAarhus]), bindsMetadata: false });
    const call = newCall<{ readonly operation: string }>(face.service);
    expect(await runStages(CALL_STAGES, face, null, call, deps)).toBeNull();
    expect(asked).toEqual(['identify', 'read', 'named', 'validate']);
    expect(call.decisions.map((d) => d.ruleId)).toEqual([
      'SEC-TLS',
      'SEC-CERT',
      'REQ-XML',
      'REQ-OP',
      'REQ-SCHEMA',
    ]);
  });
});

describe('runStages', () => {
  it('When a stage refuses, then the stages after it do not run and the decisions of those before it and its own are kept, in order', async () => {
    const ran: number[] = [];
    const refusal = violation('REQ-SCHEMA', 'not valid');
    const stages = [
      stage(1, ran, () => ({ decisions: [passed('RULE-1', 'first')] })),
      stage(2, ran, () => ({
        decisions: [passed('RULE-2a', 'second'), failed('RULE-2b', 'refused')],
        violation: refusal,
      })),
      stage(3, ran, () => ({ decisions: [passed('RULE-3', 'third')] })),
    ];
    const { face } = fakeFace({});
    const call = newCall<{ readonly operation: string }>(face.service);
    expect(await runStages(stages, face, null, call, deps)).toBe(refusal);
    expect(ran).toEqual([1, 2]);
    expect(call.decisions.map((d) => [d.ruleId, d.passed])).toEqual([
      ['RULE-1', true],
      ['RULE-2a', true],
      ['RULE-2b', false],
    ]);
  });

  it('When a stage answers later (a body still arriving), then the next stage waits for it and decisions keep their order', async () => {
    const ran: number[] = [];
    const stages = [
      stage(
        1,
        ran,
        () => new Promise((resolve) => setImmediate(() => resolve({ decisions: [passed('LATE', 'late')] }))),
      ),
      stage(2, ran, () => ({ decisions: [passed('NOW', 'now')] })),
    ];
    const { face } = fakeFace({});
    const call = newCall<{ readonly operation: string }>(face.service);
    expect(await runStages(stages, face, null, call, deps)).toBeNull();
    expect(ran).toEqual([1, 2]);
    expect(call.decisions.map((d) => d.ruleId)).toEqual(['LATE', 'NOW']);
  });
});
