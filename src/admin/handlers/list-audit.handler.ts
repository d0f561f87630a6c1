import { z } from 'zod';
import { adminEndpoint } from '../admin-endpoint';
import { cprInput, instantInput, limitQuery, organisationQuery } from '../admin-inputs';
import { AuditRowView, auditRowView } from '../views/audit-row.view';
import { itemsOf } from '../views/items.view';

const AuditQuery = z.strictObject({
  cpr: cprInput.optional(),
  organisation: organisationQuery.optional().describe('the ActiveOrganisation, TYPE:CODE'),
  outcome: z
    .string()
    .regex(/^(ok|fault|\d{4})$/, 'ok, fault (any fault) or a fault code such as 5102')
    .optional(),
  from: instantInput.optional().describe('calls at or after this instant'),
  to: instantInput.optional().describe('calls at or before this instant'),
  limit: limitQuery.optional().describe('at most this many rows (default 100)'),
});

/** GET /admin/audit: the audit log (SEC-AUDIT), newest first, filtered by CPR, organisation, outcome and time. */
export const listAuditHandler = adminEndpoint({
  query: AuditQuery,
  response: itemsOf(AuditRowView),
  handle: ({ store }, { query }) => ({
    items: store.audit.list({ ...query, limit: query.limit ?? 100 }).map(auditRowView),
  }),
});
