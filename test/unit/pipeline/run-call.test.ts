import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fixedClock } from '../../../src/domain/clock';
import { DfdgFault } from '../../../src/domain/errors';
import { runCall, type CallDeps } from '../../../src/pipeline/run-call';
import { openStore, type Store } from '../../../src/store/store';
import { Journal } from '../../../src/transport/journal';
import {
  buildCaller,
  buildCitizen,
  buildCitizenMetadata,
  buildMetadata,
  CPR,
  ORG,
  OTHER_CPR,
} from '../../helpers/builders';
import { fakeFace, type FaceScript } from '../../helpers/fake-face';

let store: Store;
let journal: Journal;
let logged: Array<{ level: string; message: string }>;
let deps: CallDeps;
beforeEach(() => {
  store = openStore(join(mkdtempSync(join(tmpdir(), 'dfdg-run-call-')), 'dfdg.sqlite'));
  store.citizens.save(buildCitizen({ cpr: CPR }));
  journal = new Journal(10);
  logged = [];
  deps = {
    store,
    clock: fixedClock('2026-03-02T09:00:00Z'),
    journal,
    logger: {
      info: (message) => logged.push({ level: 'info', message }),
      error: (message) => logged.push({ level: 'error', message }),
    },
  };
});
afterEach(() => store.close());

const AARHUS_CASEWORKER: FaceScript = {
  caller: buildCaller([ORG.jobcenterAarhus]),
  metadata: { activeOrganisation: ORG.jobcenterAarhus, requestUserMetadata: buildMetadata() },
  named: { cprs: [CPR], bookingIds: [] },
};

const run = async (script: FaceScript) => {
  const fake = fakeFace(script);
  const call = await runCall(fake.face, null, deps);
  return { ...fake, call, audit: store.audit.find(call.referenceId), entry: journal.find(call.referenceId) };
};

describe('runCall', () => {
  it('When every stage passes, then the operation runs in its savepoint, the audit row is committed before the answer, and the journal files the same record with every decision', async () => {
    const { asked, answers, call, audit, entry } = await run({
      ...AARHUS_CASEWORKER,
      operation: { cprs: [CPR] },
    });
    expect(asked).toEqual(['identify', 'read', 'named', 'readMetadata', 'validate', 'operate']);
    expect(answers).toEqual([{ kind: 'answered' }]);
    expect(audit).toMatchObject({ outcome: 'ok', ruleId: null, service: 'FakeService', cprs: [CPR] });
    expect(entry).toMatchObject({ ...audit, status: 200, request: 'the request', response: 'the answer' });
    expect(entry?.decisions.map((d) => d.ruleId)).toEqual([
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
      'ACC-CPR',
      'ACC-OWN',
      'ACC-CPR',
      'FakeOperation',
    ]);
    expect(call.citizen).toEqual(store.citizens.find(CPR));
    expect(logged).toEqual([{ level: 'info', message: 'fake call' }]);
  });

  it('When step 4 refuses (an ActiveOrganisation the certificate is not registered for), then the face answers that fault, later stages and the operation never run, and the refusal is audited with the CPRs the body names', async () => {
    const { asked, answers, audit, entry } = await run({
      ...AARHUS_CASEWORKER,
      metadata: { activeOrganisation: ORG.jobcenterKobenhavn, requestUserMetadata: buildMetadata() },
      named: { cprs: [CPR, 'not-a-cpr'], bookingIds: [] },
    });
    expect(asked).toEqual(['identify', 'read', 'named', 'readMetadata']);
    expect(answers.map((a) => [a.kind, a.fault?.key])).toEqual([['refused', 'SEC-AO-CERT']]);
    expect(audit).toMatchObject({ outcome: '1013', ruleId: 'SEC-AO-CERT', cprs: [CPR] });
    expect(entry).toMatchObject({ outcome: '1013', status: 500, response: 'fault 1013' });
    expect(entry?.decisions.at(-1)).toMatchObject({ ruleId: 'SEC-AO-CERT', passed: false });
  });

  it("When a citizen's call names another CPR, then step 4 refuses it as SEC-CITIZEN before the schema, audited with both CPRs", async () => {
    const { asked, answers, audit } = await run({
      caller: buildCaller([ORG.jobcenterAarhus]),
      metadata: { activeOrganisation: ORG.jobcenterAarhus, requestUserMetadata: buildCitizenMetadata(CPR) },
      named: { cprs: [OTHER_CPR], bookingIds: [] },
    });
    expect(asked).not.toContain('validate');
    expect(answers.map((a) => a.fault?.key)).toEqual(['SEC-CITIZEN']);
    expect([...(audit?.cprs ?? [])].sort()).toEqual([CPR, OTHER_CPR].sort());
  });

  it('When the operation refuses, then its writes are undone, the fault is answered and audited once, with the CPRs the body named', async () => {
    const { answers, audit, entry } = await run({
      ...AARHUS_CASEWORKER,
      operation: new DfdgFault('BK-NOT-FOUND', 'no booking b-1'),
    });
    expect(answers.map((a) => a.fault?.key)).toEqual(['BK-NOT-FOUND']);
    expect(audit).toMatchObject({
      outcome: '4768',
      ruleId: 'BK-NOT-FOUND',
      detail: 'no booking b-1',
      cprs: [CPR],
    });
    expect(store.audit.list().length).toBe(1);
    expect(entry?.decisions.at(-1)).toMatchObject({ ruleId: 'BK-NOT-FOUND', passed: false });
  });

  it('When the operation fails unexpectedly, then the caller gets INTERNAL and the log has the error', async () => {
    const { answers, audit } = await run({ ...AARHUS_CASEWORKER, operation: new Error('a bug') });
    expect(answers.map((a) => a.fault?.key)).toEqual(['INTERNAL']);
    expect(audit).toMatchObject({ outcome: '1011', ruleId: 'INTERNAL' });
    expect(logged.map((l) => l.message)).toEqual(['internal error', 'fake call']);
  });

  it('When the body arrives later, then the call waits for it and is answered as any other', async () => {
    const { answers, audit } = await run({ ...AARHUS_CASEWORKER, readsAsync: true });
    expect(answers).toEqual([{ kind: 'answered' }]);
    expect(audit?.outcome).toBe('ok');
  });

  it('When the journal cannot file the call, then the call was answered all the same and the log says why', async () => {
    jest.spyOn(journal, 'add').mockImplementationOnce(() => {
      throw new Error('out of order');
    });
    const { answers, audit } = await run(AARHUS_CASEWORKER);
    expect(answers).toEqual([{ kind: 'answered' }]);
    expect(audit?.outcome).toBe('ok');
    expect(logged.map((l) => l.message)).toEqual(['the journal could not file a call']);
  });
});
