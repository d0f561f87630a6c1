import { randomUUID } from 'node:crypto';
import {
  afterAnswering,
  ruleFor,
  type CallFacts,
  type FaultEffect,
  type FaultMatch,
  type FaultRule,
} from '../domain/fault-injection.rules';

/**
 * The fault rules in force (POST /admin/faults), newest first. Kept in memory, as the journal is:
 * they are test set-up, not data, and a reset or a restart clears them. The admin API and the calls
 * share one instance; both run on the one event loop, so a rule is taken by one call at a time.
 */
export class FaultRules {
  private rules: FaultRule[] = [];

  get isEmpty(): boolean {
    return this.rules.length === 0;
  }

  /** A new rule answering `times` calls, or every matching call until removed (times null). */
  add(match: FaultMatch, effect: FaultEffect, times: number | null): FaultRule {
    const rule: FaultRule = { id: randomUUID(), match, effect, remaining: times, answered: 0 };
    this.rules.unshift(rule);
    return rule;
  }

  list(): readonly FaultRule[] {
    return this.rules;
  }

  /** Removes one rule; false when there was none by that id. */
  remove(id: string): boolean {
    const before = this.rules.length;
    this.rules = this.rules.filter((rule) => rule.id !== id);
    return this.rules.length < before;
  }

  /** Removes every rule; answers how many there were. */
  clear(): number {
    const count = this.rules.length;
    this.rules = [];
    return count;
  }

  /**
   * The rule that answers this call, as it was when it matched, counted down (gone once its times
   * are used up); undefined when none matches.
   */
  take(facts: CallFacts): FaultRule | undefined {
    const rule = ruleFor(this.rules, facts);
    if (!rule) return undefined;
    const next = afterAnswering(rule);
    this.rules = next ? this.rules.map((r) => (r === rule ? next : r)) : this.rules.filter((r) => r !== rule);
    return rule;
  }
}
