import { passed } from '../../src/domain/decision';
import { violation, type DfdgFault, type Violation } from '../../src/domain/errors';
import type { Caller } from '../../src/domain/caller';
import type { Organisation } from '../../src/domain/organisation';
import type { RequestUserMetadata } from '../../src/domain/request-user-metadata';
import type { Call, NamedInBody } from '../../src/pipeline/call';
import type { Face } from '../../src/pipeline/face';
import { passedWith, refusedBy, type Verdict } from '../../src/pipeline/verdict';

/**
 * A face of no protocol, for the core's tests: it answers each of the core's questions as the
 * script says, and notes which it was asked and how the call was answered.
 */
export interface FaceScript {
  readonly caller?: Caller;
  /** Refuses in step 1 (identify) / 2 (read) / 5 (validate) with this violation. */
  readonly identify?: Violation;
  readonly read?: Violation;
  readonly validate?: Violation;
  readonly bindsMetadata?: boolean;
  /** Step 3: the metadata the request carries, or the violation reading it gives. */
  readonly metadata?:
    | { readonly activeOrganisation: Organisation; readonly requestUserMetadata: RequestUserMetadata }
    | Violation;
  readonly named?: NamedInBody;
  /** Step 7: what the operation does in its savepoint: its audited CPRs, or the error it throws. */
  readonly operation?: { readonly cprs: readonly string[] } | Error;
  /** Step 2 reads asynchronously, as a body arriving (true), or at once. */
  readonly readsAsync?: boolean;
}

export interface FakeAnswer {
  readonly kind: 'answered' | 'refused' | 'status' | 'dropped';
  readonly fault?: DfdgFault;
}

export const fakeFace = (script: FaceScript) => {
  const asked: string[] = [];
  const answers: FakeAnswer[] = [];
  const refuseOr = (v: Violation | undefined, ...decisions: ReturnType<typeof passed>[]): Verdict =>
    v ? refusedBy(v) : passedWith(...decisions);
  const face: Face<null, { readonly operation: string }> = {
    protocol: 'fake',
    service: 'FakeService',
    identify: (_request, call) => {
      asked.push('identify');
      if (!script.identify && script.caller) {
        call.caller = script.caller;
        call.certificate = script.caller.certificate;
      }
      return refuseOr(script.identify, passed('SEC-TLS', 'fake'), passed('SEC-CERT', 'fake'));
    },
    read: (_request, call) => {
      asked.push('read');
      call.request = Buffer.from('the request');
      if (!script.read) {
        call.message = { operation: 'FakeOperation' };
        call.operation = 'FakeOperation';
      }
      const verdict = refuseOr(script.read, passed('REQ-XML', 'fake'), passed('REQ-OP', 'fake'));
      return script.readsAsync ? new Promise((resolve) => setImmediate(() => resolve(verdict))) : verdict;
    },
    bindsMetadata: () => script.bindsMetadata ?? true,
    readMetadata: (call) => {
      asked.push('readMetadata');
      const m = script.metadata;
      if (!m) return refusedBy(violation('SEC-AO-MISSING', 'no metadata in the script'));
      if ('key' in m) return refusedBy(m);
      call.activeOrganisation = m.activeOrganisation;
      call.requestUserMetadata = m.requestUserMetadata;
      return passedWith(passed('SEC-AO-PRESENT', 'fake'), passed('SEC-RUM-PRESENT', 'fake'));
    },
    named: () => {
      asked.push('named');
      return script.named ?? { cprs: [], bookingIds: [] };
    },
    validate: () => {
      asked.push('validate');
      return refuseOr(script.validate, passed('REQ-SCHEMA', 'fake'));
    },
    operate: async (_request, call, commit) => {
      asked.push('operate');
      const operation = script.operation ?? { cprs: [] };
      await commit(() => {
        if (operation instanceof Error) throw operation;
        return operation;
      });
      call.decisions.push(passed('FakeOperation', 'answered'));
      call.status = 200;
      call.response = 'the answer';
      answers.push({ kind: 'answered' });
    },
    refuse: (_request, call: Call<{ readonly operation: string }>, fault) => {
      call.status = 500;
      call.response = `fault ${fault.spec.code}`;
      answers.push({ kind: 'refused', fault });
    },
    answerStatus: (_request, call, status) => {
      call.status = status;
      call.response = `HTTP ${status}`;
      answers.push({ kind: 'status' });
    },
    drop: (_request, call) => {
      call.status = 0;
      answers.push({ kind: 'dropped' });
    },
  };
  return { face, asked, answers };
};
