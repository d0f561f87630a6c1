/**
 * How many calls an expectation asks for (POST /admin/verify), WireMock-style: at least, at most,
 * between (both), or exactly. Pure: the admin handler counts, this judges and says it in words.
 */
export interface CountExpectation {
  readonly atLeast?: number | undefined;
  readonly atMost?: number | undefined;
  readonly exactly?: number | undefined;
}

export const isMet = (expected: CountExpectation, seen: number): boolean =>
  (expected.exactly === undefined || seen === expected.exactly) &&
  (expected.atLeast === undefined || seen >= expected.atLeast) &&
  (expected.atMost === undefined || seen <= expected.atMost);

/** "exactly 2", "at least 1", "at most 0", "between 1 and 3". */
export const describeCount = (expected: CountExpectation): string => {
  if (expected.exactly !== undefined) return `exactly ${expected.exactly}`;
  if (expected.atLeast !== undefined && expected.atMost !== undefined)
    return `between ${expected.atLeast} and ${expected.atMost}`;
  if (expected.atMost !== undefined) return `at most ${expected.atMost}`;
  return `at least ${expected.atLeast ?? 1}`;
};
