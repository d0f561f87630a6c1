import type { Request, Response } from 'express';
import type { z } from 'zod';
import type { AdminContext } from './admin-context';
import { Problem, type FieldError } from './problem';

export type AdminHandler = (ctx: AdminContext, req: Request, res: Response) => void | Promise<void>;

/** What an endpoint takes and answers: checked on every request, and written into the OpenAPI document. */
export interface EndpointSchemas {
  readonly params?: z.ZodType | undefined;
  readonly query?: z.ZodType | undefined;
  readonly body?: z.ZodType | undefined;
  readonly response: z.ZodType;
  /** The status of a success (200 unless said otherwise). */
  readonly status: number;
  /** The problems besides a 400 it may answer, e.g. 404 for an unknown booking, and when. */
  readonly problems: Readonly<Record<number, string>>;
}

export interface AdminEndpoint {
  readonly schemas: EndpointSchemas;
  readonly handler: AdminHandler;
}

type Parsed<S> = S extends z.ZodType ? z.output<S> : Record<string, never>;

export interface EndpointInput<P, Q, B> {
  readonly params: Parsed<P>;
  readonly query: Parsed<Q>;
  readonly body: Parsed<B>;
}

export interface EndpointSpec<P, Q, B, R extends z.ZodType> {
  readonly params?: P;
  readonly query?: Q;
  readonly body?: B;
  readonly response: R;
  readonly status?: number;
  readonly problems?: Readonly<Record<number, string>>;
  /** Answers the JSON of the response schema; throws a Problem for a 4xx. */
  readonly handle: (ctx: AdminContext, input: EndpointInput<P, Q, B>) => z.input<R> | Promise<z.input<R>>;
}

/**
 * An admin endpoint whose input is validated before its handler runs: whatever a script sends,
 * a bad field is a 400 problem naming it, never an exception deeper down.
 */
export const adminEndpoint = <
  R extends z.ZodType,
  P extends z.ZodType | undefined = undefined,
  Q extends z.ZodType | undefined = undefined,
  B extends z.ZodType | undefined = undefined,
>(
  spec: EndpointSpec<P, Q, B, R>,
): AdminEndpoint => ({
  schemas: {
    params: spec.params,
    query: spec.query,
    body: spec.body,
    response: spec.response,
    status: spec.status ?? 200,
    problems: spec.problems ?? {},
  },
  handler: async (ctx, req, res) => {
    const errors: FieldError[] = [];
    const input = {
      params: validate('params', spec.params, req.params, errors),
      query: validate('query', spec.query, req.query, errors),
      body: validate('body', spec.body, req.body, errors),
    } as EndpointInput<P, Q, B>;
    if (errors.length > 0) {
      throw new Problem(
        400,
        `${errors.length} invalid field(s): ${errors.map((e) => e.path).join(', ')}`,
        errors,
      );
    }
    const answer = await spec.handle(ctx, input);
    res.status(spec.status ?? 200).json(answer);
  },
});

const validate = (
  where: 'params' | 'query' | 'body',
  schema: z.ZodType | undefined,
  value: unknown,
  errors: FieldError[],
): unknown => {
  if (!schema) return {};
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  for (const issue of parsed.error.issues) report([where], issue, errors);
  return undefined;
};

const report = (base: readonly string[], issue: z.core.$ZodIssue, errors: FieldError[]): void => {
  const path = [...base, ...issue.path.map(String)];
  // A misspelt field is named itself, so the script's author sees which one.
  if (issue.code === 'unrecognized_keys') {
    for (const key of issue.keys) errors.push({ path: [...path, key].join('.'), message: 'unknown field' });
    return;
  }
  // One of several shapes (e.g. a list, or an object holding it): the problems of the shape that was
  // sent, rather than zod's "Invalid input" for the whole.
  if (issue.code === 'invalid_union') {
    const sent = issue.errors.filter((branch) => !branch.every(isWrongShapeAtRoot));
    if (sent.length === 1) {
      for (const inner of sent[0] ?? []) report(path, inner, errors);
      return;
    }
  }
  errors.push({ path: path.join('.'), message: issue.message });
};

const isWrongShapeAtRoot = (issue: z.core.$ZodIssue): boolean =>
  issue.code === 'invalid_type' && issue.path.length === 0;
