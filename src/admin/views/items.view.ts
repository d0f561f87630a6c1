import { z } from 'zod';

/** Every list the admin API answers is `{"items": [...]}` (CONTRACT.md), so it can grow fields later. */
export const itemsOf = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item) });
