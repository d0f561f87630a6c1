import { z } from 'zod';
import type { JournalEntry } from '../../transport/journal';
import { OrganisationView } from './organisation.view';
import { RequestUserMetadataView } from './request-user-metadata.view';

/** One SOAP exchange of the request journal, raw, with every rule that decided it. */
export const JournalEntryView = z.object({
  referenceId: z.string(),
  time: z.string(),
  durationMs: z.number(),
  service: z.string(),
  operation: z.string().nullable(),
  status: z.number().int().describe('HTTP status of the response'),
  outcome: z.string().describe('"ok" or the fault code'),
  ruleId: z.string().nullable().describe('the rule that refused the call'),
  certificate: z.object({ subject: z.string(), fingerprint: z.string() }).nullable(),
  activeOrganisation: OrganisationView.nullable(),
  requestUserMetadata: RequestUserMetadataView.nullable(),
  cprs: z.array(z.string()).describe('the CPR numbers the call read or wrote (or named, when refused)'),
  decisions: z.array(
    z.object({
      ruleId: z.string(),
      passed: z.boolean().describe('false only for the rule that refused the call'),
      why: z.string(),
      kind: z
        .enum(['dfdg', 'commitment'])
        .describe(
          'a check DFDG makes, or a commitment STAR asks of consumers (refused only in --conformance strict)',
        ),
      warning: z.boolean().describe('a commitment not kept, noted in --conformance dfdg; the call went on'),
    }),
  ),
  http: z
    .object({
      requestLine: z.string().describe('e.g. "POST /BookingService HTTP/1.1"'),
      headers: z
        .array(z.object({ name: z.string(), value: z.string() }))
        .describe(
          'every header in the order sent (SOAPAction, Content-Type, Content-Length, the REST DTO headers…)',
        ),
      clientCertificateSubject: z
        .string()
        .nullable()
        .describe("the TLS client certificate's subject, CN first; null when none was presented"),
    })
    .nullable()
    .describe('the HTTP request line and headers as received; null for a request no protocol face read'),
  request: z.string().describe('the request body as received (cut at 256 KiB)'),
  response: z.string().describe('the response body as sent (cut at 256 KiB)'),
});

export const journalEntryView = (e: JournalEntry): z.input<typeof JournalEntryView> => ({
  ...journalSummaryView(e),
  http: e.head && { ...e.head, headers: [...e.head.headers] },
  request: e.request,
  response: e.response,
  decisions: e.decisions.map((d) => ({
    ruleId: d.ruleId,
    passed: d.passed,
    why: d.why,
    kind: d.kind,
    warning: d.warning,
  })),
});

/**
 * An exchange as the journal's list shows it (?fields=summary): who, what and how it ended, without
 * the head, the bodies and the decisions, which the dashboard's poll would otherwise fetch again and
 * again (each body up to 256 KiB) only to show a row.
 */
export const JournalSummaryView = JournalEntryView.omit({
  http: true,
  request: true,
  response: true,
  decisions: true,
});

export const journalSummaryView = (e: JournalEntry): z.input<typeof JournalSummaryView> => ({
  referenceId: e.referenceId,
  time: e.time.toISOString(),
  durationMs: e.durationMs,
  service: e.service,
  operation: e.operation,
  status: e.status,
  outcome: e.outcome,
  ruleId: e.ruleId,
  certificate: e.certificate,
  activeOrganisation: e.activeOrganisation,
  requestUserMetadata: e.requestUserMetadata,
  cprs: [...e.cprs],
});
