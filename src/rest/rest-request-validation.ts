import { z } from 'zod';
import { validateDto, type SchemaValidation } from './dto-validation';
import type { RestRoute } from './indkaldelse.routes';
import { CPR_HEADER } from './rest-headers';
import { restViolation, type RestViolation } from './rest-errors';
import type { FeltDto } from './rest-error.dto';
import { CPR_HEADER_PATTERN } from './rest-field-types';

/** What REQ-OPENAPI reads of a request that has found its route (REQ-ROUTE) and passed steps 2-4. */
export interface RestRequestParts {
  /** The query as parsed, a parameter given twice as its values. */
  readonly query: Readonly<Record<string, string | readonly string[] | undefined>>;
  /** Every value of the CPR header as sent (node's headersDistinct); undefined when absent. */
  readonly cpr: readonly string[] | undefined;
  /** The parsed JSON body (REQ-JSON), undefined for a route without one. */
  readonly body: unknown;
}

export interface ValidRestRequest {
  readonly query: Readonly<Record<string, unknown>>;
  /** The CPR header, for the routes that have it. */
  readonly cpr: string | undefined;
  readonly body: unknown;
  /** In lenient mode, the fields left out (the journal notes them). */
  readonly ignored: readonly string[];
}

export type RestRequestVerdict =
  | { readonly ok: true; readonly value: ValidRestRequest }
  | { readonly ok: false; readonly violation: RestViolation };

/**
 * REQ-OPENAPI (REST.md §5, step 5): the query, the CPR header and the body against the route's
 * schemas, the ones the OpenAPI document is written from. A CPR header failing STAR's pattern is 1001
 * (checked first, as the code differs); every other fault is 1014, naming each field.
 */
export const validateRestRequest = (
  route: RestRoute,
  parts: RestRequestParts,
  mode: SchemaValidation,
): RestRequestVerdict => {
  const cpr = route.dtoHeaders ? cprVerdict(parts.cpr) : { ok: true as const, value: undefined };
  if (!cpr.ok) return cpr;
  const felter: FeltDto[] = [];
  const ignored: string[] = [];
  const query = route.query
    ? validateDto(route.query, singleValues(parts.query, felter), mode, ([name]) => String(name))
    : validateDto(noQuery, parts.query, mode, ([name]) => String(name));
  if (query.ok) ignored.push(...query.ignored);
  else felter.push(...query.felter);
  const body = route.body ? validateDto(route.body, parts.body, mode) : undefined;
  if (body?.ok) ignored.push(...body.ignored);
  if (body && !body.ok) felter.push(...body.felter);
  if (felter.length > 0) {
    return {
      ok: false,
      violation: restViolation(
        'REQ-OPENAPI',
        `not valid against ${route.operationId} in /v2/Indkaldelse/openapi.json: ${felter
          .map((f) => `${f.felt}: ${f.besked}`)
          .join('; ')}`,
        felter,
      ),
    };
  }
  return {
    ok: true,
    value: {
      query: query.ok ? query.value : {},
      cpr: cpr.value,
      body: body?.ok ? body.value : undefined,
      ignored,
    },
  };
};

/** A route without a query takes none: an unknown parameter is refused (strict) or ignored (lenient). */
const noQuery = z.strictObject({});

const singleValues = (
  query: RestRequestParts['query'],
  felter: FeltDto[],
): Record<string, string | undefined> => {
  const single: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(query)) {
    if (typeof value === 'string' || value === undefined) single[name] = value;
    else felter.push({ felt: name, besked: 'given more than once' });
  }
  return single;
};

const cprVerdict = (
  values: readonly string[] | undefined,
): { ok: true; value: string } | { ok: false; violation: RestViolation } => {
  const felt = CPR_HEADER.name;
  const refuse = (besked: string): { ok: false; violation: RestViolation } => ({
    ok: false,
    violation: restViolation('REQ-OPENAPI', `${felt}: ${besked}`, [{ felt, besked }]),
  });
  const [only, ...more] = values ?? [];
  if (only === undefined) return refuse('missing: every call names the citizen');
  if (more.length > 0) return refuse('given more than once');
  if (!CPR_HEADER_PATTERN.test(only)) {
    const besked = `"${only}" is not a CPR number: 10 digits whose first six are a day and month (DDMMYY)`;
    return {
      ok: false,
      violation: restViolation('REQ-OPENAPI-CPR', `${felt}: ${besked}`, [{ felt, besked }]),
    };
  }
  return { ok: true, value: only };
};
