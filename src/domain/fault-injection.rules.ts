import { DfdgFault, ERROR_TABLE, type ErrorKey, type ErrorSpec } from './errors';
import { sameOrganisation, type Organisation } from './organisation';

/**
 * Faults and delays on demand (POST /admin/faults): a rule says which calls it answers (every field
 * of its match optional) and how. Real DFDG cannot be asked to fail on cue; a vendor's retry and
 * error handling is tested against these. The rules here are pure: the registry that holds them and
 * counts them down is pipeline/fault-rules.ts.
 */

/** The rule id the journal, the audit log and the answer name an injected fault by. */
export const INJECTED_FAULT = 'INJECTED-FAULT';

/** Which calls a rule answers: each field given must match, none given matches every call. */
export interface FaultMatch {
  readonly service?: string | undefined;
  readonly operation?: string | undefined;
  /** The call's ActiveOrganisation. */
  readonly organisation?: Organisation | undefined;
  /** A CPR number the call is about. */
  readonly cpr?: string | undefined;
}

/**
 * What the rule does to a matching call: answer a DFDG fault with the code, answer a bare HTTP status
 * (a gateway's 503), wait and then run the call as usual, or close the connection without an answer.
 */
export type FaultEffect =
  | { readonly fault: { readonly code: number } }
  | { readonly httpStatus: number }
  | { readonly delayMs: number }
  | { readonly drop: true };

export interface FaultRule {
  readonly id: string;
  readonly match: FaultMatch;
  readonly effect: FaultEffect;
  /** How many more calls it answers; null until it is removed. */
  readonly remaining: number | null;
  /** How many calls it has answered so far. */
  readonly answered: number;
}

/** What a rule is matched against: the call once identified and its metadata read (after step 3). */
export interface CallFacts {
  readonly service: string;
  readonly operation: string | null;
  readonly activeOrganisation: Organisation | null;
  /** Every CPR the call is about: named in its body, the calling citizen's, those of its bookings. */
  readonly cprs: readonly string[];
}

export const matchesCall = (match: FaultMatch, facts: CallFacts): boolean =>
  (match.service === undefined || match.service === facts.service) &&
  (match.operation === undefined || match.operation === facts.operation) &&
  (match.organisation === undefined ||
    (facts.activeOrganisation !== null && sameOrganisation(match.organisation, facts.activeOrganisation))) &&
  (match.cpr === undefined || facts.cprs.includes(match.cpr));

/**
 * The rule that answers a call: the newest matching one (as WireMock's newest stub wins), so a
 * specific rule added for one test step overrides a broad one already in place.
 */
export const ruleFor = (newestFirst: readonly FaultRule[], facts: CallFacts): FaultRule | undefined =>
  newestFirst.find((rule) => matchesCall(rule.match, facts));

/** The rule once it has answered a call: one time fewer, or gone (null) when that was its last. */
export const afterAnswering = (rule: FaultRule): FaultRule | null =>
  rule.remaining === 1
    ? null
    : {
        ...rule,
        remaining: rule.remaining === null ? null : rule.remaining - 1,
        answered: rule.answered + 1,
      };

/**
 * 1100 is in STAR's generic list (P11) but no rule of the emulator raises it: known here only so a
 * test can inject it. It is answered as the emulator's own failure, like 1011.
 */
const UNSPECIFIED_ERROR: ErrorSpec = {
  ruleId: INJECTED_FAULT,
  code: 1100,
  text: 'An error has occurred',
  source: 'P11',
};

/** Each code of the error table once, with the first entry that has it (entries sharing a code share its text). */
const TABLE_BY_CODE: ReadonlyMap<number, ErrorKey> = new Map(
  (Object.entries(ERROR_TABLE) as [ErrorKey, ErrorSpec][]).reverse().map(([key, spec]) => [spec.code, key]),
);

/** Every DFDG code a fault rule may answer with: those of the error table, and 1100. */
export const INJECTABLE_CODES: readonly number[] = [...new Set([...TABLE_BY_CODE.keys(), 1100])].sort(
  (a, b) => a - b,
);

export const isInjectableCode = (code: number): boolean => INJECTABLE_CODES.includes(code);

/**
 * The fault a rule answers with: the code and STAR's text for it, rendered as the entry of the table
 * it belongs to (its SOAP faultcode, its REST status), with INJECTED-FAULT as its rule so the caller
 * and the audit log both see it was asked for. Undefined for a code no table has.
 */
export const injectedFault = (code: number, detail: string): DfdgFault | undefined => {
  if (code === UNSPECIFIED_ERROR.code) return new DfdgFault('INTERNAL', detail, undefined, UNSPECIFIED_ERROR);
  const key = TABLE_BY_CODE.get(code);
  if (key === undefined) return undefined;
  const { text, source } = ERROR_TABLE[key];
  return new DfdgFault(key, detail, undefined, { ruleId: INJECTED_FAULT, code, text, source });
};

/** The effect in words, for the journal's decision and the audit row's detail. */
export const describeEffect = (effect: FaultEffect): string => {
  if ('fault' in effect) return `answered with DFDG fault ${effect.fault.code}`;
  if ('httpStatus' in effect) return `answered with HTTP ${effect.httpStatus} and no DFDG answer`;
  if ('delayMs' in effect) return `delayed ${effect.delayMs} ms, then run as usual`;
  return 'the connection closed without an answer';
};
