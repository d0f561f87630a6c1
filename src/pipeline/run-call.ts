import { DfdgFault } from '../domain/errors';
import { clip, type Journal, type JournalEntry } from '../transport/journal';
import { newCall, recordOf, type Call } from './call';
import { commitCall, commitRefusal, type CommitDeps } from './commit-call';
import type { Face } from './face';
import { faultOf } from './fault-of';
import { injectFault, type InjectionDeps } from './inject-fault';
import { CALL_STAGES, runStages, type Stage, type StageDeps } from './stages';

export interface CallDeps extends StageDeps, InjectionDeps {
  readonly journal: Journal;
}

/** Faults on demand come after this step: the call identified, its operation and metadata read. */
const INJECTED_AFTER_STEP = 3;

/**
 * One call, whichever face it came through: RULES.md's stages in order (the first violation
 * answers), a fault rule's effect after step 3 (inject-fault.ts), then the operation in its savepoint, then the answer; the audit row is written before
 * the answer, and the journal entry and log line are filed from the call once it has been answered.
 * Never rejects: whatever goes wrong is answered as a fault.
 */
export const runCall = async <Request, Message>(
  face: Face<Request, Message>,
  request: Request,
  deps: CallDeps,
  stages: readonly Stage[] = CALL_STAGES,
): Promise<Call<Message>> => {
  const call = newCall<Message>(face.service);
  try {
    const identifying = stages.filter((s) => s.step <= INJECTED_AFTER_STEP);
    const violation = await runStages(identifying, face, request, call, deps);
    if (violation) await refuse(face, request, call, DfdgFault.of(violation), deps);
    else if (!(await injectFault(face, request, call, deps)))
      await judgeAndOperate(face, request, call, deps, stages);
  } catch (error) {
    const fault = faultOf(error, call.referenceId, deps.store.health.damagedBecause);
    await refuse(face, request, call, fault, deps, error).catch((answerError: unknown) =>
      deps.logger.error('a call could not be answered', { error: answerError }),
    );
  }
  fileInJournal(face.protocol, call, deps);
  return call;
};

/** Steps 4 to 6, then the operation in its savepoint: the first violation answers instead. */
const judgeAndOperate = async <Request, Message>(
  face: Face<Request, Message>,
  request: Request,
  call: Call<Message>,
  deps: CallDeps,
  stages: readonly Stage[],
): Promise<void> => {
  const judging = stages.filter((s) => s.step > INJECTED_AFTER_STEP);
  const violation = await runStages(judging, face, request, call, deps);
  if (violation) await refuse(face, request, call, DfdgFault.of(violation), deps);
  else await face.operate(request, call, (work) => commitCall(call, deps, work));
};

/** Answers with a fault once the call's audit row is written (SEC-AUDIT: refused calls too). */
export const refuse = <Request, Message>(
  face: Pick<Face<Request, Message>, 'refuse' | 'answeredCode'>,
  request: Request,
  call: Call<Message>,
  fault: DfdgFault,
  deps: CommitDeps,
  cause?: unknown,
): Promise<void> => {
  // A damaged file was logged once, when found: the calls it fails are not logged one by one.
  if (fault.key === 'INTERNAL' && !deps.store.health.damagedBecause)
    deps.logger.error('internal error', { referenceId: call.referenceId, error: cause });
  return commitRefusal(
    call,
    fault,
    deps,
    () => face.refuse(request, call, fault),
    face.answeredCode?.(fault),
  );
};

/**
 * Answers a request that reached no call's stages (an error outside the faces, a request that
 * bypassed them) with a fault, audited and journaled as a call of its own.
 */
export const refuseRequest = async <Request, Message>(
  face: Pick<Face<Request, Message>, 'protocol' | 'service' | 'refuse' | 'answeredCode'>,
  request: Request,
  fault: DfdgFault,
  deps: CallDeps,
  cause?: unknown,
): Promise<void> => {
  const call = newCall<Message>(face.service);
  await refuse(face, request, call, fault, deps, cause);
  fileInJournal(face.protocol, call, deps);
};

/**
 * Files the answered call in the journal with the rules that decided it, and logs it. The answer is
 * out: a journal that fails is logged and must not reach the code that sent it.
 */
const fileInJournal = (protocol: string, call: Call, deps: CallDeps): void => {
  const record = call.record ?? recordOf(call, deps.clock.now(), String(call.status), null, null);
  const entry: JournalEntry = {
    ...record,
    durationMs: Number(process.hrtime.bigint() - call.arrivedAt) / 1e6,
    status: call.status,
    decisions: call.decisions,
    head: call.head,
    request: call.request ? clip(call.request.toString('utf8')) : '',
    response: clip(call.response),
  };
  try {
    deps.journal.add(entry);
    const { referenceId, service, operation, outcome, ruleId, durationMs } = entry;
    deps.logger.info(`${protocol} call`, { referenceId, service, operation, outcome, ruleId, durationMs });
  } catch (error) {
    deps.logger.error('the journal could not file a call', { referenceId: call.referenceId, error });
  }
};
