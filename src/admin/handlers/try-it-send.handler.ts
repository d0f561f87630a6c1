import { z } from 'zod';
import { adminEndpoint } from '../admin-endpoint';
import { notFound, Problem } from '../problem';
import { JournalEntryView, journalEntryView } from '../views/journal-entry.view';
import { registeredByFingerprint, registeredWithFiles } from './try-it-certificate';
import { replayOf } from './try-it-journal-request';
import { TryItRequest } from './try-it-request';
import { sendThroughSoapPort, type TryItExchange } from './try-it-send';

const SentAnswer = z.object({
  certificate: z.string().describe('the certificate the request was sent with'),
  request: TryItRequest.describe('the request as sent'),
  response: z.object({
    status: z.number().int(),
    headers: z.record(z.string(), z.string()),
    body: z.string(),
  }),
  referenceId: z
    .string()
    .nullable()
    .describe("the call's X-ServiceRequestLogReferenceIdentifier: its key in the journal and audit"),
  call: JournalEntryView.nullable().describe('the call as the journal filed it, with its decisions'),
});

const answer = (
  certificate: string,
  request: TryItRequest,
  sent: TryItExchange,
): z.input<typeof SentAnswer> => ({
  certificate,
  request,
  response: { status: sent.status, headers: sent.headers, body: sent.body },
  referenceId: sent.referenceId,
  call: sent.call ? journalEntryView(sent.call) : null,
});

const PROBLEMS = {
  404: 'no such certificate, or its key is not in the certificate folder',
  502: 'the SOAP port did not answer',
};

/**
 * POST /admin/try-it/send: sends a request from the server through the mutual-TLS port with the
 * named certificate's key, so it is judged, journalled and audited like any call; answers the
 * response, the reference id and the call's decisions.
 */
export const tryItSendHandler = adminEndpoint({
  body: z.strictObject({
    certificate: z.string().min(1).max(64).describe('the name of a registered certificate'),
    request: TryItRequest,
  }),
  response: SentAnswer,
  problems: PROBLEMS,
  handle: async (ctx, { body }) => {
    const certificate = registeredWithFiles(ctx, body.certificate);
    return answer(certificate.name, body.request, await sendThroughSoapPort(ctx, certificate, body.request));
  },
});

/**
 * POST /admin/try-it/replay/{referenceId}: the journalled call sent again with the same certificate
 * (a REST write with a fresh x-requestId): a new call with a new reference id.
 */
export const tryItReplayHandler = adminEndpoint({
  params: z.strictObject({ referenceId: z.string().min(1).max(64) }),
  response: SentAnswer,
  problems: {
    ...PROBLEMS,
    409: 'the call was made without a certificate, its certificate is gone, or its body was cut',
  },
  handle: async (ctx, { params }) => {
    const entry = ctx.journal.find(params.referenceId);
    if (!entry) throw notFound(`call ${params.referenceId} is not in the journal`);
    if (!entry.certificate)
      throw new Problem(409, `call ${params.referenceId} was made without a client certificate`);
    const certificate = registeredByFingerprint(ctx, entry.certificate.fingerprint);
    const request = replayOf(entry);
    return answer(certificate.name, request, await sendThroughSoapPort(ctx, certificate, request));
  },
});
