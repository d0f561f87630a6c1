import type { Response } from 'express';
import { STATUS_CODES } from 'node:http';
import { z } from 'zod';

/** One bad field of a request: where it is (e.g. "body.selfBookingDeadlines.0.deadline") and what is wrong. */
export interface FieldError {
  readonly path: string;
  readonly message: string;
}

/**
 * An RFC 9457 problem the admin API answers with. The type is about:blank, so the title is the
 * HTTP status phrase and the detail says what happened; `errors` lists each bad field.
 */
export class Problem extends Error {
  constructor(
    readonly status: number,
    readonly detail: string,
    readonly errors: readonly FieldError[] = [],
    /** RFC 9457 extension members, e.g. the results of a failed verification. */
    readonly extensions: Readonly<Record<string, unknown>> = {},
  ) {
    super(detail);
    this.name = 'Problem';
  }
}

export const notFound = (detail: string): Problem => new Problem(404, detail);

export const ProblemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    errors: z.array(z.object({ path: z.string(), message: z.string() })),
  })
  .describe('RFC 9457 problem details (application/problem+json)');

export const sendProblem = (res: Response, problem: Problem): void => {
  res
    .status(problem.status)
    .type('application/problem+json')
    .json({
      ...problem.extensions,
      type: 'about:blank',
      title: STATUS_CODES[problem.status] ?? 'Error',
      status: problem.status,
      detail: problem.detail,
      errors: [...problem.errors],
    } satisfies z.input<typeof ProblemSchema>);
};
