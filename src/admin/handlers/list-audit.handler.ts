import { z } from 'zod';
import { adminEndpoint } from '../admin-endpoint';
import {
  beforeQuery,
  cprInput,
  instantInput,
  limitQuery,
  operationInput,
  organisationQuery,
  outcomeInput,
  serviceInput,
} from '../admin-inputs';
import { Problem } from '../problem';
import { AuditRowView, auditRowView } from '../views/audit-row.view';
import { pageOf, paged } from '../views/page.view';

const AuditQuery = z.strictObject({
  cpr: cprInput.optional(),
  organisation: organisationQuery.optional().describe('the ActiveOrganisation, TYPE:CODE'),
  service: serviceInput.optional(),
  operation: operationInput.optional(),
  outcome: outcomeInput.optional(),
  from: instantInput.optional().describe('calls at or after this instant'),
  to: instantInput.optional().describe('calls at or before this instant'),
  before: beforeQuery.optional(),
  limit: limitQuery.optional().describe('at most this many rows (default 100)'),
});

/**
 * GET /admin/audit: the audit log (SEC-AUDIT), newest first, filtered by CPR, organisation, service,
 * operation, outcome and time; `next` pages on past the limit (`?before=`), so a long run reads whole.
 */
export const listAuditHandler = adminEndpoint({
  query: AuditQuery,
  response: pageOf(AuditRowView),
  problems: { 404: 'the `before` call is not in the audit log (pruned, or the emulator was reset)' },
  handle: ({ store }, { query }) => {
    const { before: beforeId, limit = 100, ...filter } = query;
    const before = beforeId === undefined ? undefined : store.audit.cursorOf(beforeId);
    if (beforeId !== undefined && !before)
      throw new Problem(404, `no call ${beforeId} in the audit log (pruned, or the emulator was reset)`, [
        { path: 'query.before', message: 'not in the audit log' },
      ]);
    const page = paged(store.audit.list({ ...filter, before, limit: limit + 1 }), limit);
    return { items: page.items.map(auditRowView), next: page.next };
  },
});
