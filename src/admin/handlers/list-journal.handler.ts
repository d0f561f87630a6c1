import { z } from 'zod';
import { SERVICE_CONTRACTS } from '../../soap/contracts';
import { adminEndpoint } from '../admin-endpoint';
import { limitQuery } from '../admin-inputs';
import { itemsOf } from '../views/items.view';
import { JournalEntryView, journalEntryView } from '../views/journal-entry.view';

const SERVICE_NAMES = SERVICE_CONTRACTS.map((s) => s.name);

const JournalQuery = z.strictObject({
  outcome: z.enum(['ok', 'fault']).optional(),
  service: z
    .string()
    .refine((s) => SERVICE_NAMES.includes(s as (typeof SERVICE_NAMES)[number]), {
      message: `one of ${SERVICE_NAMES.join(', ')}`,
    })
    .optional(),
  limit: limitQuery.optional(),
});

/** GET /admin/journal: the last SOAP exchanges, raw, newest first, each with the rules that decided it. */
export const listJournalHandler = adminEndpoint({
  query: JournalQuery,
  response: itemsOf(JournalEntryView),
  handle: ({ journal }, { query }) => ({ items: journal.list(query).map(journalEntryView) }),
});
