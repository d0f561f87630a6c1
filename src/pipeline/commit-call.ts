import type { CallRecord } from '../domain/call-record';
import type { Clock } from '../domain/clock';
import { failed, passed } from '../domain/decision';
import { DfdgFault } from '../domain/errors';
import type { Store } from '../store/store';
import { isStoreFull } from '../store/store-health';
import type { Logger } from '../transport/logger';
import { auditedCprs, callingCitizenCpr, recordOf, type Call } from './call';
import { asThrown } from './fault-of';

export interface CommitDeps {
  readonly store: Store;
  readonly clock: Clock;
  readonly logger: Logger;
}

const unique = (cprs: readonly string[]): string[] => [...new Set(cprs)];

/**
 * The one transaction of a call that passed its checks: the operation's work and the call's audit
 * row (SEC-AUDIT) in one savepoint of the group's transaction (GroupCommit), all or nothing.
 * Resolves with the work's value once the group has committed, so an answered call is a durable
 * one; rejects with the work's error (its writes undone), or the commit's.
 */
export const commitCall = <T extends { readonly cprs: readonly string[] }>(
  call: Call,
  deps: CommitDeps,
  work: () => T,
): Promise<T> =>
  new Promise<T>((resolve, reject) => {
    deps.store.group.run(
      () => {
        // What a damaged file answers cannot be trusted: refused, never served silently.
        const damaged = deps.store.health.damagedBecause;
        if (damaged) throw new DfdgFault('INTERNAL', damaged);
        const out = work();
        call.cprs = unique([...out.cprs, ...callingCitizenCpr(call)]);
        call.record = recordOf(call, deps.clock.now(), 'ok', null, null);
        deps.store.audit.record(call.record);
        return out;
      },
      resolve,
      (error) => {
        // Audited as a refusal, with the CPRs the request named: the operation's writes are undone.
        call.record = null;
        call.cprs = unique([...(call.named ? auditedCprs(call.named) : []), ...callingCitizenCpr(call)]);
        // As thrown: faultOf reads what it is (a DfdgFault, SQLite's code), whatever realm made it.
        reject(asThrown(error));
      },
    );
  });

/**
 * Writes a refused call's audit row (SEC-AUDIT: refused calls too) in the group's transaction and
 * then lets the face answer with the fault. An audit that cannot be written is logged, and the call
 * is answered all the same.
 */
export const commitRefusal = (
  call: Call,
  fault: DfdgFault,
  deps: CommitDeps,
  answer: () => void,
  answeredCode: number = fault.spec.code,
): Promise<void> => {
  // Checks that refuse without judging first (XML, schema, business rules) still name their rule;
  // the detail is cut, as a hostile request can make it megabytes long.
  // The operation's rules that passed before it refused are listed first, in their order.
  if (!call.decisions.some((d) => !d.passed))
    call.decisions.push(
      ...fault.passedBefore.map((p) => passed(p.ruleId, p.why)),
      failed(fault.spec.ruleId, fault.detail.slice(0, 2000)),
    );
  // The code the caller got (a REST 900xx, not the SOAP code it stands for); the rule id is the table's.
  const record = recordOf(call, deps.clock.now(), String(answeredCode), fault.spec.ruleId, fault.detail);
  return commitAnswer(call, record, deps, answer);
};

/**
 * Writes the audit row of a call its operation does not answer (a refusal, an injected fault) in the
 * group's transaction, then lets the face answer. An audit that cannot be written is logged, and the
 * call is answered all the same.
 */
export const commitAnswer = (
  call: Call,
  record: CallRecord,
  deps: CommitDeps,
  answer: () => void,
): Promise<void> =>
  new Promise<void>((resolve) => {
    call.record = record;
    const answered = (): void => {
      try {
        answer();
      } finally {
        resolve();
      }
    };
    deps.store.group.run(
      () => deps.store.audit.record(record),
      answered,
      (auditError) => {
        // A full store is logged by StoreHealth, once a minute, not once per call.
        if (!isStoreFull(auditError))
          deps.logger.error('audit write failed', { referenceId: call.referenceId, error: auditError });
        answered();
      },
    );
  });
