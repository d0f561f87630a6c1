/**
 * Whether a rule is one DFDG itself checks ("dfdg"), or one STAR asks of its consumers but DFDG does
 * not check ("commitment", RULES.md revision 2): the second refuses only in --conformance strict.
 */
export type DecisionKind = 'dfdg' | 'commitment';

/** How the emulator treats commitments: refuse them (strict, the default) or warn, as DFDG does not check them (dfdg). */
export const CONFORMANCE_MODES = ['strict', 'dfdg'] as const;
export type ConformanceMode = (typeof CONFORMANCE_MODES)[number];

/** One rule's verdict on a call, for the journal: which rule, whether it passed, and why. */
export interface Decision {
  readonly ruleId: string;
  /** False only when the rule refused the call; a warning passes (the call goes on). */
  readonly passed: boolean;
  readonly why: string;
  readonly kind: DecisionKind;
  /** A commitment the call did not keep, in --conformance dfdg: noted, not refused. */
  readonly warning: boolean;
}

export const passed = (ruleId: string, why: string, kind: DecisionKind = 'dfdg'): Decision => ({
  ruleId,
  passed: true,
  why,
  kind,
  warning: false,
});
export const failed = (ruleId: string, why: string, kind: DecisionKind = 'dfdg'): Decision => ({
  ruleId,
  passed: false,
  why,
  kind,
  warning: false,
});
/** A commitment not kept, in --conformance dfdg: production would serve the call, so the emulator does. */
export const warned = (ruleId: string, why: string): Decision => ({
  ruleId,
  passed: true,
  why,
  kind: 'commitment',
  warning: true,
});

/**
 * A commitment's verdict in the given mode: kept, refused (strict) or a warning (dfdg). Returns the
 * decision and whether the call is refused.
 */
export const commitmentDecision = (
  ruleId: string,
  kept: boolean,
  why: string,
  mode: ConformanceMode,
): { decision: Decision; refuses: boolean } => {
  if (kept) return { decision: passed(ruleId, why, 'commitment'), refuses: false };
  return mode === 'strict'
    ? { decision: failed(ruleId, why, 'commitment'), refuses: true }
    : { decision: warned(ruleId, why), refuses: false };
};
