import { setTimeout as sleep } from 'node:timers/promises';
import { failed, passed } from '../domain/decision';
import { DfdgFault } from '../domain/errors';
import {
  describeEffect,
  injectedFault,
  INJECTED_FAULT,
  type CallFacts,
  type FaultRule,
} from '../domain/fault-injection.rules';
import type { Store } from '../store/store';
import { callingCitizenCpr, recordOf, type Call } from './call';
import { commitAnswer, commitRefusal, type CommitDeps } from './commit-call';
import type { Face } from './face';
import type { FaultRules } from './fault-rules';

export interface InjectionDeps extends CommitDeps {
  /** The rules of POST /admin/faults; none when not given. */
  readonly faults?: FaultRules | undefined;
}

/**
 * What a rule is matched against. The bookings the body names are looked up here, not through the
 * call's cache: a delay comes next, and steps 4 and 6 must read them after it, as the operation will.
 */
const factsOf = (call: Call, store: Store): CallFacts => ({
  service: call.service,
  operation: call.operation,
  activeOrganisation: call.activeOrganisation,
  cprs: [
    ...call.cprs,
    ...callingCitizenCpr(call),
    ...(call.named?.bookingIds ?? []).flatMap((id) => store.bookings.citizenOf(id)?.cpr ?? []),
  ],
});

/** The decision's text: which rule, what it did, how many more calls it answers. */
const whyOf = (rule: FaultRule): string => {
  const after = rule.remaining === null ? null : rule.remaining - 1;
  const left =
    after === null
      ? 'in force until removed'
      : after === 0
        ? 'its last call: the rule is gone'
        : `${after} more ${after === 1 ? 'call' : 'calls'} to answer`;
  return `fault rule ${rule.id} (POST /admin/faults): ${describeEffect(rule.effect)}; ${left}`;
};

/**
 * Faults on demand, once the call is identified and its metadata read (after step 3), before the
 * security model judges it: the newest matching rule answers with its fault, a bare HTTP status or a
 * dropped connection (its audit row written first, nothing else stored), or delays the call, which
 * then goes on. Resolves true when the call has been answered (or dropped) here.
 */
export const injectFault = async <Request, Message>(
  face: Face<Request, Message>,
  request: Request,
  call: Call<Message>,
  deps: InjectionDeps,
): Promise<boolean> => {
  if (!deps.faults || deps.faults.isEmpty) return false;
  const rule = deps.faults.take(factsOf(call, deps.store));
  if (!rule) return false;
  const why = whyOf(rule);
  const { effect } = rule;
  if ('delayMs' in effect) {
    // Unreferenced: a delayed call does not keep a stopped emulator's process alive.
    await sleep(effect.delayMs, undefined, { ref: false });
    call.decisions.push(passed(INJECTED_FAULT, why));
    return false;
  }
  call.decisions.push(failed(INJECTED_FAULT, why));
  if ('fault' in effect) {
    // The code was checked when the rule was made: only a table changed since falls back to 1011.
    const fault = injectedFault(effect.fault.code, why) ?? new DfdgFault('INTERNAL', why);
    await commitRefusal(call, fault, deps, () => face.refuse(request, call, fault));
    return true;
  }
  const outcome = 'httpStatus' in effect ? String(effect.httpStatus) : 'dropped';
  await commitAnswer(call, recordOf(call, deps.clock.now(), outcome, INJECTED_FAULT, why), deps, () =>
    'httpStatus' in effect
      ? face.answerStatus(request, call, effect.httpStatus, why)
      : face.drop(request, call),
  );
  return true;
};
