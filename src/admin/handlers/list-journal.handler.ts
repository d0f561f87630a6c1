import { z } from 'zod';
import { adminEndpoint } from '../admin-endpoint';
import {
  afterQuery,
  beforeQuery,
  limitQuery,
  operationInput,
  outcomeInput,
  serviceInput,
} from '../admin-inputs';
import { Problem } from '../problem';
import {
  JournalEntryView,
  journalEntryView,
  JournalSummaryView,
  journalSummaryView,
} from '../views/journal-entry.view';
import { pageOf, paged } from '../views/page.view';

const JournalQuery = z.strictObject({
  outcome: outcomeInput.optional(),
  service: serviceInput.optional(),
  operation: operationInput.optional(),
  before: beforeQuery.optional(),
  after: afterQuery.optional(),
  fields: z
    .enum(['all', 'summary'])
    .optional()
    .describe('summary: each exchange without its head, bodies and decisions (default all)'),
  limit: limitQuery.optional().describe('at most this many exchanges (default: every one kept, up to 1000)'),
});

/** Most exchanges one answer holds; `next` pages on past it. */
const PAGE_MAX = 1000;

/**
 * GET /admin/journal: the last SOAP exchanges, raw, newest first, each with the rules that decided
 * it; filtered by outcome (a fault code too), service and operation; `next` pages on (`?before=`);
 * `?after=` gives only those newer than one already seen, `?fields=summary` leaves out the bodies.
 */
export const listJournalHandler = adminEndpoint({
  query: JournalQuery,
  response: pageOf(z.union([JournalEntryView, JournalSummaryView])),
  problems: {
    404: 'the `before` or `after` exchange is no longer in the journal (it keeps --journal-size exchanges)',
  },
  handle: ({ journal, config }, { query }) => {
    const { limit = PAGE_MAX, fields = 'all', ...filter } = query;
    for (const cursor of ['before', 'after'] as const) {
      const referenceId = filter[cursor];
      if (referenceId !== undefined && !journal.find(referenceId))
        throw new Problem(
          404,
          `no exchange ${referenceId} in the journal: it keeps the last ${config.journalSize} (--journal-size), or the emulator was reset`,
          [{ path: `query.${cursor}`, message: 'not in the journal' }],
        );
    }
    const page = paged(journal.list({ ...filter, limit: limit + 1 }), limit);
    const view = fields === 'summary' ? journalSummaryView : journalEntryView;
    return { items: page.items.map(view), next: page.next };
  },
});
