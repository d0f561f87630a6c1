import { z } from 'zod';
import {
  isInjectableCode,
  type FaultEffect,
  type FaultMatch,
  type FaultRule,
} from '../../domain/fault-injection.rules';
import { adminEndpoint } from '../admin-endpoint';
import { cprInput, operationInput, organisationQuery, serviceInput, uuidInput } from '../admin-inputs';
import { notFound } from '../problem';
import { itemsOf } from '../views/items.view';

/**
 * Faults and delays on demand (POST|GET|DELETE /admin/faults): rules that answer matching calls with
 * a DFDG fault, a bare HTTP status, a delay or a dropped connection, so a vendor tests its retries
 * and error handling on cue. The rules themselves are domain/fault-injection.rules.ts.
 */

/** Long enough for any client timeout a vendor would test; short enough not to hold a connection for ever. */
const MAX_DELAY_MS = 120_000;

const MatchInput = z
  .strictObject({
    service: serviceInput.optional(),
    operation: operationInput.optional(),
    organisation: organisationQuery.optional().describe('the ActiveOrganisation, TYPE:CODE, e.g. 8:75100'),
    cpr: cprInput
      .optional()
      .describe('a CPR number the call is about (in its body, or of a booking it names)'),
  })
  .describe('which calls: each field given must match; none given matches every call');

const faultCode = z
  .number()
  .int()
  .refine(isInjectableCode, 'a DFDG code of the error table (e.g. 1011 Internal error) or 1100');

const EffectInput = z
  .strictObject({
    fault: z
      .strictObject({ code: faultCode })
      .optional()
      .describe("answer a DFDG fault with this code and STAR's text for it"),
    httpStatus: z
      .number()
      .int()
      .min(400, 'an HTTP error status, 400 to 599')
      .max(599, 'an HTTP error status, 400 to 599')
      .optional()
      .describe('answer this HTTP status with a line of text, no DFDG answer (e.g. 503)'),
    delayMs: z
      .number()
      .int()
      .min(1, 'at least 1 ms')
      .max(MAX_DELAY_MS, `at most ${MAX_DELAY_MS} ms`)
      .optional()
      .describe('wait this long, then run the call as usual'),
    drop: z.literal(true).optional().describe('close the connection without an answer'),
  })
  .refine((e) => Object.values(e).filter((v) => v !== undefined).length === 1, {
    message: 'exactly one of fault, httpStatus, delayMs, drop',
  })
  .transform((e): FaultEffect => {
    if (e.fault) return { fault: { code: e.fault.code } };
    if (e.httpStatus !== undefined) return { httpStatus: e.httpStatus };
    if (e.delayMs !== undefined) return { delayMs: e.delayMs };
    return { drop: true };
  });

const FaultInput = z.strictObject({
  match: MatchInput.optional().describe('which calls; every call when left out'),
  effect: EffectInput,
  times: z
    .number()
    .int()
    .min(1, 'at least 1')
    .optional()
    .describe('how many calls the rule answers before it is gone; until removed when left out'),
});

const FaultRuleView = z.object({
  id: z.string(),
  match: z.object({
    service: z.string().optional(),
    operation: z.string().optional(),
    organisation: z.string().optional().describe('TYPE:CODE'),
    cpr: z.string().optional(),
  }),
  effect: z.object({
    fault: z.object({ code: z.number().int() }).optional(),
    httpStatus: z.number().int().optional(),
    delayMs: z.number().int().optional(),
    drop: z.literal(true).optional(),
  }),
  remaining: z.number().int().nullable().describe('how many more calls it answers; null until removed'),
  answered: z.number().int().describe('how many calls it has answered'),
});

const matchView = (m: FaultMatch): z.input<typeof FaultRuleView>['match'] => ({
  ...(m.service === undefined ? {} : { service: m.service }),
  ...(m.operation === undefined ? {} : { operation: m.operation }),
  ...(m.organisation === undefined ? {} : { organisation: `${m.organisation.type}:${m.organisation.code}` }),
  ...(m.cpr === undefined ? {} : { cpr: m.cpr }),
});

const ruleView = (r: FaultRule): z.input<typeof FaultRuleView> => ({
  id: r.id,
  match: matchView(r.match),
  effect: r.effect,
  remaining: r.remaining,
  answered: r.answered,
});

const idParam = z.object({ id: uuidInput });

/** POST /admin/faults: a new rule, in force at once; answers it with its id. */
export const addFaultHandler = adminEndpoint({
  body: FaultInput,
  response: FaultRuleView,
  status: 201,
  handle: ({ faults, logger }, { body }) => {
    const rule = faults.add(body.match ?? {}, body.effect, body.times ?? null);
    logger.info('fault rule added', { id: rule.id });
    return ruleView(rule);
  },
});

/** GET /admin/faults: the rules in force, newest (the one that wins when several match) first. */
export const listFaultsHandler = adminEndpoint({
  response: itemsOf(FaultRuleView),
  handle: ({ faults }) => ({ items: faults.list().map(ruleView) }),
});

/** DELETE /admin/faults/{id}: the rule no longer answers; answers it as it was. */
export const deleteFaultHandler = adminEndpoint({
  params: idParam,
  response: FaultRuleView,
  problems: { 404: 'no such rule (removed, used up, or cleared by a reset)' },
  handle: ({ faults }, { params }) => {
    const rule = faults.list().find((r) => r.id === params.id);
    if (!rule || !faults.remove(rule.id))
      throw notFound(`no fault rule ${params.id}: removed, used up, or cleared by a reset`);
    return ruleView(rule);
  },
});

/** DELETE /admin/faults: every rule goes; answers how many there were. */
export const clearFaultsHandler = adminEndpoint({
  response: z.object({ removed: z.number().int() }),
  handle: ({ faults }) => ({ removed: faults.clear() }),
});
