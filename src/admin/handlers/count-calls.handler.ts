import { z } from 'zod';
import { adminEndpoint } from '../admin-endpoint';
import { auditFilterOf, callMatchFields } from '../call-match';

/**
 * GET /admin/calls/count: how many calls match, counted in the audit log (every call, accepted or
 * refused, however many): one number for a script instead of the audit piped through jq.
 */
export const countCallsHandler = adminEndpoint({
  query: z.strictObject(callMatchFields),
  response: z.object({ count: z.number().int().describe('the calls that match every filter given') }),
  handle: ({ store }, { query }) => ({ count: store.audit.count(auditFilterOf(query)) }),
});
