import { z } from 'zod';
import { adminEndpoint } from '../admin-endpoint';
import { uuidInput } from '../admin-inputs';
import { notFound } from '../problem';
import { JournalEntryView, journalEntryView } from '../views/journal-entry.view';

/** GET /admin/journal/{referenceId}: one exchange by its ServiceRequestLogReferenceIdentifier, or 404. */
export const getJournalEntryHandler = adminEndpoint({
  params: z.object({ referenceId: uuidInput }),
  response: JournalEntryView,
  problems: { 404: 'the exchange is not (or no longer) in the journal' },
  handle: ({ journal }, { params }) => {
    const entry = journal.find(params.referenceId);
    if (!entry) {
      throw notFound(
        `no exchange ${params.referenceId} in the journal (it keeps the last --journal-size calls)`,
      );
    }
    return journalEntryView(entry);
  },
});
