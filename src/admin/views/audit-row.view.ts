import { z } from 'zod';
import type { AuditEntry } from '../../store/audit.repository';
import { OrganisationView } from './organisation.view';
import { RequestUserMetadataView } from './request-user-metadata.view';

/** An audit row (SEC-AUDIT) with CONTRACT.md's fixed names; `detail` says what a refusal was about. */
export const AuditRowView = z.object({
  time: z.string(),
  service: z.string(),
  operation: z.string().nullable(),
  certificate: z.object({ subject: z.string(), fingerprint: z.string() }).nullable(),
  activeOrganisation: OrganisationView.nullable(),
  requestUserMetadata: RequestUserMetadataView.nullable(),
  cprs: z.array(z.string()),
  outcome: z.string().describe('"ok" or the fault code'),
  ruleId: z.string().nullable(),
  referenceId: z.string(),
  detail: z.string().nullable(),
});

export const auditRowView = (e: AuditEntry): z.input<typeof AuditRowView> => ({
  time: e.time.toISOString(),
  service: e.service,
  operation: e.operation,
  certificate: e.certificate,
  activeOrganisation: e.activeOrganisation,
  requestUserMetadata: e.requestUserMetadata,
  cprs: [...e.cprs],
  outcome: e.outcome,
  ruleId: e.ruleId,
  referenceId: e.referenceId,
  detail: e.detail,
});
