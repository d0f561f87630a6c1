import { z } from 'zod';
import { adminEndpoint } from '../admin-endpoint';
import { beforeQuery, limitQuery, operationInput, outcomeInput, serviceInput } from '../admin-inputs';
import { Problem } from '../problem';
import { JournalEntryView, journalEntryView } from '../views/journal-entry.view';
import { pageOf, paged } from '../views/page.view';

const JournalQuery = z.strictObject({
  outcome: outcomeInput.optional(),
  service: serviceInput.optional(),
  operation: operationInput.optional(),
  before: beforeQuery.optional(),
  limit: limitQuery.optional().describe('at most this many exchanges (default: every one kept, up to 1000)'),
});

/** Most exchanges one answer holds; `next` pages on past it. */
const PAGE_MAX = 1000;

/**
 * GET /admin/journal: the last SOAP exchanges, raw, newest first, each with the rules that decided
 * it; filtered by outcome (a fault code too), service and operation; `next` pages on (`?before=`).
 */
export const listJournalHandler = adminEndpoint({
  query: JournalQuery,
  response: pageOf(JournalEntryView),
  problems: { 404: 'the `before` exchange is no longer in the journal (it keeps --journal-size exchanges)' },
  handle: ({ journal, config }, { query }) => {
    const { limit = PAGE_MAX, ...filter } = query;
    if (filter.before !== undefined && !journal.find(filter.before))
      throw new Problem(
        404,
        `no exchange ${filter.before} in the journal: it keeps the last ${config.journalSize} (--journal-size), or the emulator was reset`,
        [{ path: 'query.before', message: 'not in the journal' }],
      );
    const page = paged(journal.list({ ...filter, limit: limit + 1 }), limit);
    return { items: page.items.map(journalEntryView), next: page.next };
  },
});
