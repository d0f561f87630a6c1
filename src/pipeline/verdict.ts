import type { Decision } from '../domain/decision';
import type { Violation } from '../domain/errors';

/**
 * What a stage of the call returns: every rule it judged, in order (the journal's explanation), and
 * the violation that refuses the call, if one did. securityModelVerdict is the model.
 */
export interface Verdict {
  readonly decisions: readonly Decision[];
  readonly violation?: Violation | null;
}

/** A stage that had nothing to judge for this call (e.g. no headers bound: steps 3, 4 and 6). */
export const NOTHING_TO_JUDGE: Verdict = { decisions: [] };

export const passedWith = (...decisions: Decision[]): Verdict => ({ decisions });

export const refusedBy = (violation: Violation, ...decisions: Decision[]): Verdict => ({
  decisions,
  violation,
});
