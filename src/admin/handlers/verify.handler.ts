import { z } from 'zod';
import { adminEndpoint } from '../admin-endpoint';
import type { AdminContext } from '../admin-context';
import { instantInput } from '../admin-inputs';
import { auditFilterOf, callMatchFields, describeMatch, type CallMatch } from '../call-match';
import { Problem } from '../problem';
import { describeCount, isMet, type CountExpectation } from '../verification';

const times = z.number().int().min(0);

const CountInput = z
  .strictObject({ atLeast: times.optional(), atMost: times.optional(), exactly: times.optional() })
  .refine((c) => c.exactly === undefined || (c.atLeast === undefined && c.atMost === undefined), {
    message: 'exactly, or atLeast and/or atMost, not both',
  })
  .refine((c) => c.atLeast === undefined || c.atMost === undefined || c.atLeast <= c.atMost, {
    message: 'atLeast must not exceed atMost',
  })
  .refine((c) => Object.values(c).some((v) => v !== undefined), {
    message: 'give atLeast, atMost or exactly',
  });

const Expectation = z
  .strictObject({
    ...callMatchFields,
    count: CountInput.optional().describe('how many matching calls; default {"atLeast": 1}'),
  })
  .describe('which calls (every filter optional) and how many of them');

const VerifyInput = z.union([
  z.array(Expectation).min(1, 'at least one expectation'),
  z.strictObject({
    since: instantInput.optional().describe('the since of every expectation that gives none'),
    expectations: z.array(Expectation).min(1, 'at least one expectation'),
  }),
]);

const OutcomeCountView = z.object({
  outcome: z.string(),
  ruleId: z.string().nullable(),
  count: z.number().int(),
});

const ResultView = z.object({
  expectation: z.string().describe('the calls expected, in words'),
  expected: z.string().describe('"at least 1", "exactly 2", "at most 0", "between 1 and 3"'),
  seen: z.number().int().describe('how many calls matched'),
  met: z.boolean(),
  seenByOutcome: z
    .array(OutcomeCountView)
    .describe('the calls matching every filter but the outcome, by outcome and rule: what happened instead'),
});

type Result = z.input<typeof ResultView>;

const judge = (ctx: AdminContext, match: CallMatch, count: CountExpectation): Result => {
  const seen = ctx.store.audit.count(auditFilterOf(match));
  return {
    expectation: describeMatch(match),
    expected: describeCount(count),
    seen,
    met: isMet(count, seen),
    seenByOutcome: ctx.store.audit.countByOutcome(auditFilterOf({ ...match, outcome: undefined })),
  };
};

/** "expected at least 1 of CreateBooking, outcome ok; saw 0 (CreateBooking: 4413 SEC-SAME-ORG ×2)". */
const diffOf = (r: Result): string => {
  const instead = r.seenByOutcome.map((o) => `${o.outcome}${o.ruleId ? ` ${o.ruleId}` : ''} ×${o.count}`);
  return `expected ${r.expected} of ${r.expectation}; saw ${r.seen}${instead.length ? ` (by outcome: ${instead.join(', ')})` : ''}`;
};

/**
 * POST /admin/verify: a list of expectations about the calls made (WireMock's verify, for a CI job):
 * 200 when every one is met; 417 Expectation Failed otherwise, a problem whose `errors` say, per
 * unmet expectation, what was expected and what was seen instead, with every result in `results`.
 */
export const verifyHandler = adminEndpoint({
  body: VerifyInput,
  response: z.object({ met: z.literal(true), results: z.array(ResultView) }),
  problems: {
    417: 'an expectation is not met: `errors` says which and what was seen instead; `results` has every result',
  },
  handle: (ctx, { body }) => {
    const { since, expectations } = Array.isArray(body) ? { since: undefined, expectations: body } : body;
    const results = expectations.map(({ count, ...match }) =>
      judge(ctx, { ...match, since: match.since ?? since }, count ?? { atLeast: 1 }),
    );
    const unmet = results.flatMap((r, i) => (r.met ? [] : [{ i, r }]));
    if (unmet.length > 0)
      throw new Problem(
        417,
        `${unmet.length} of ${results.length} expectation(s) not met: ${unmet.map(({ r }) => diffOf(r)).join('; ')}`,
        unmet.map(({ i, r }) => ({
          path: Array.isArray(body) ? `body.${i}` : `body.expectations.${i}`,
          message: diffOf(r),
        })),
        { met: false, results },
      );
    return { met: true as const, results };
  },
});
