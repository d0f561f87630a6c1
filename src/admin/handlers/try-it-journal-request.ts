import { randomUUID } from 'node:crypto';
import { INDKALDELSE_SERVICE } from '../../rest/indkaldelse.routes';
import { REQUEST_ID_HEADER } from '../../rest/rest-headers';
import { SERVICE_CONTRACTS } from '../../soap/contracts';
import { JOURNAL_BODY_LIMIT, type JournalEntry } from '../../transport/journal';
import type { RequestHead } from '../../transport/request-head';
import { Problem } from '../problem';
import { TryItRequest } from './try-it-request';

/**
 * Headers the sending side sets for itself: the host and the framing are the new connection's, not
 * the journalled one's.
 */
const CONNECTION_HEADERS = new Set([
  'host',
  'content-length',
  'connection',
  'transfer-encoding',
  'keep-alive',
]);

/**
 * A journalled call as a request that can be sent again or copied into a client: its request line,
 * the headers it was sent with (the journal's `head`) and its body. An entry without a head (a call
 * refused before its head was read) is rebuilt: a SOAP call as its envelope posted to its service
 * with its operation's SOAPAction.
 */
export const requestOfJournalEntry = (entry: JournalEntry): TryItRequest => {
  if (entry.request.length > JOURNAL_BODY_LIMIT)
    throw new Problem(
      409,
      `call ${entry.referenceId} was larger than the journal keeps: it cannot be sent again`,
    );
  if (entry.head) return asSent(entry, entry.head);
  if (entry.service === INDKALDELSE_SERVICE)
    throw new Problem(409, `call ${entry.referenceId} was not a request that can be sent again`);
  return soapRequest(entry);
};

const soapRequest = (entry: JournalEntry): TryItRequest => {
  const contract = SERVICE_CONTRACTS.find((c) => c.name === entry.service);
  return {
    method: 'POST',
    path: `/${entry.service}`,
    headers: {
      'Content-Type': 'text/xml; charset=utf-8',
      ...(contract && entry.operation
        ? { SOAPAction: `"${contract.wsdlNamespace}#${entry.operation}"` }
        : {}),
    },
    body: entry.request,
  };
};

const asSent = (entry: JournalEntry, head: RequestHead): TryItRequest => {
  const [method = '', path = ''] = head.requestLine.split(' ');
  const headers: Record<string, string> = {};
  for (const { name, value } of head.headers) {
    // A header sent twice is sent once: the first value, as most clients would send it.
    if (CONNECTION_HEADERS.has(name.toLowerCase()) || name in headers) continue;
    headers[name] = value;
  }
  const parsed = TryItRequest.safeParse({ method, path, headers, body: entry.request });
  if (!parsed.success)
    throw new Problem(409, `call ${entry.referenceId} was not a request that can be sent again`);
  return parsed.data;
};

/**
 * The request to send again: a REST write gets a fresh x-requestId, or REQ-REQUESTID would answer it
 * as the one already seen (5300); a SOAP request is sent as it was.
 */
export const replayOf = (entry: JournalEntry): TryItRequest => {
  const request = requestOfJournalEntry(entry);
  const idHeader = Object.keys(request.headers).find(
    (h) => h.toLowerCase() === REQUEST_ID_HEADER.name.toLowerCase(),
  );
  if (idHeader === undefined || request.method === 'GET') return request;
  return { ...request, headers: { ...request.headers, [idHeader]: randomUUID() } };
};
