import { randomUUID } from 'node:crypto';
import { INDKALDELSE_SERVICE } from '../../rest/indkaldelse.routes';
import { REQUEST_ID_HEADER } from '../../rest/rest-headers';
import { SERVICE_CONTRACTS } from '../../soap/contracts';
import { JOURNAL_BODY_LIMIT, type JournalEntry } from '../../transport/journal';
import { Problem } from '../problem';
import { TryItRequest } from './try-it-request';

/**
 * A journalled call as a request that can be sent again or copied into a client: a SOAP call is its
 * envelope posted to its service with its operation's SOAPAction; a REST call is the request line,
 * headers and body the REST face journals (rest-face.ts, journalText).
 */
export const requestOfJournalEntry = (entry: JournalEntry): TryItRequest => {
  if (entry.request.length > JOURNAL_BODY_LIMIT)
    throw new Problem(
      409,
      `call ${entry.referenceId} was larger than the journal keeps: it cannot be sent again`,
    );
  return entry.service === INDKALDELSE_SERVICE ? restRequest(entry) : soapRequest(entry);
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

const restRequest = (entry: JournalEntry): TryItRequest => {
  const [head = '', ...rest] = entry.request.split('\n\n');
  const [requestLine = '', ...headerLines] = head.split('\n');
  const [method = '', path = ''] = requestLine.split(' ');
  const headers: Record<string, string> = {};
  for (const line of headerLines) {
    const colon = line.indexOf(': ');
    if (colon > 0) headers[line.slice(0, colon)] = line.slice(colon + 2);
  }
  const parsed = TryItRequest.safeParse({ method, path, headers, body: rest.join('\n\n') });
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
