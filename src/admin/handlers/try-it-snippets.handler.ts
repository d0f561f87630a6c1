import { z } from 'zod';
import type { JournalEntry } from '../../transport/journal';
import type { AdminContext } from '../admin-context';
import { adminEndpoint } from '../admin-endpoint';
import { notFound, Problem } from '../problem';
import { registeredByFingerprint } from './try-it-certificate';
import { requestOfJournalEntry } from './try-it-journal-request';
import { snippetsOf, type Snippets } from './try-it-snippets';

/** A journalled call as curl, zeep and C# text; a Problem when it cannot be made again. */
export const snippetsOfEntry = (
  ctx: AdminContext,
  entry: JournalEntry,
): Snippets & { certificate: string } => {
  if (!entry.certificate)
    throw new Problem(409, `call ${entry.referenceId} was made without a client certificate`);
  const certificate = registeredByFingerprint(ctx, entry.certificate.fingerprint);
  const snippets = snippetsOf(requestOfJournalEntry(entry), {
    baseUrl: ctx.soapUrl(),
    service: entry.service,
    operation: entry.operation,
    caPath: ctx.certificates.caPath,
    certificate,
  });
  return { certificate: certificate.name, ...snippets };
};

/** GET /admin/try-it/snippets/{referenceId}: the call as a vendor would make it from curl, zeep or WCF. */
export const tryItSnippetsHandler = adminEndpoint({
  params: z.strictObject({ referenceId: z.string().min(1).max(64) }),
  response: z.object({
    certificate: z.string().describe('the certificate the call was made with (files in the cert folder)'),
    curl: z.string().describe('a shell command: curl with the certificate, key and CA files'),
    zeep: z.string().describe('Python: zeep over a requests session with session.cert'),
    csharp: z.string().describe('a WCF client configuration with the certificate, and the call in C#'),
  }),
  problems: {
    404: 'the call is not in the journal',
    409: 'the call was made without a certificate, its certificate or key is gone, or its body was cut',
  },
  handle: (ctx, { params }) => {
    const entry = ctx.journal.find(params.referenceId);
    if (!entry) throw notFound(`call ${params.referenceId} is not in the journal`);
    return snippetsOfEntry(ctx, entry);
  },
});
