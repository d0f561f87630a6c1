/** One rule's verdict on a call, for the journal: which rule, whether it passed, and why. */
export interface Decision {
  readonly ruleId: string;
  readonly passed: boolean;
  readonly why: string;
}

export const passed = (ruleId: string, why: string): Decision => ({ ruleId, passed: true, why });
export const failed = (ruleId: string, why: string): Decision => ({ ruleId, passed: false, why });
