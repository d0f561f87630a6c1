import { z } from 'zod';

/**
 * A page of a list that may be longer than one answer (audit, journal): the items, and the cursor of
 * the next page (`?before=<next>`), null on the last page.
 */
export const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({
    items: z.array(item),
    next: z
      .string()
      .nullable()
      .describe(
        'the cursor of the next page: pass it as ?before= (with the same filters); null on the last page',
      ),
  });

/**
 * The page of `limit` items out of `fetched` (asked for one more than the limit, to know whether a
 * next page exists) and its cursor: the reference id of its last item.
 */
export const paged = <T extends { readonly referenceId: string }>(
  fetched: readonly T[],
  limit: number,
): { items: T[]; next: string | null } => {
  const items = fetched.slice(0, limit);
  return { items, next: fetched.length > limit ? (items[items.length - 1]?.referenceId ?? null) : null };
};
