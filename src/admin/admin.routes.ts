import type { AdminEndpoint, AdminHandler, EndpointSchemas } from './admin-endpoint';
import { getBookingHandler } from './handlers/get-booking.handler';
import { getCitizenHandler } from './handlers/get-citizen.handler';
import { listCitizensHandler } from './handlers/list-citizens.handler';
import { getClockHandler } from './handlers/get-clock.handler';
import { getCodelistHandler, listCodelistsHandler, putCodelistHandler } from './handlers/codelists.handler';
import {
  addFaultHandler,
  clearFaultsHandler,
  deleteFaultHandler,
  listFaultsHandler,
} from './handlers/faults.handler';
import { getJournalEntryHandler } from './handlers/get-journal-entry.handler';
import { healthHandler } from './handlers/health.handler';
import { issueCertificateHandler } from './handlers/issue-certificate.handler';
import { listAuditHandler } from './handlers/list-audit.handler';
import { countCallsHandler } from './handlers/count-calls.handler';
import { listBookingsHandler } from './handlers/list-bookings.handler';
import { listCertificatesHandler } from './handlers/list-certificates.handler';
import { listOrganisationsHandler } from './handlers/list-organisations.handler';
import { listJournalHandler } from './handlers/list-journal.handler';
import { listRemindersHandler } from './handlers/list-reminders.handler';
import { listWsrmHandler } from './handlers/list-wsrm.handler';
import { indkaldelseOpenApiHandler, openApiHandler } from './handlers/openapi.handler';
import { putCitizenHandler } from './handlers/put-citizen.handler';
import { putClockHandler } from './handlers/put-clock.handler';
import {
  deleteSubscriptionHandler,
  getDeliveryHandler,
  getSubscriptionHandler,
  listDeliveriesHandler,
  listSubscriptionsHandler,
  putSubscriptionHandler,
  retryDeliveryHandler,
} from './handlers/push.handler';
import { resetHandler } from './handlers/reset.handler';
import { verifyHandler } from './handlers/verify.handler';
import { TRY_IT_ROUTES } from './handlers/try-it.routes';

export type { AdminHandler } from './admin-endpoint';

export interface AdminRoute {
  readonly method: 'get' | 'put' | 'post' | 'delete';
  readonly path: string;
  readonly summary: string;
  readonly handler: AdminHandler;
  /** The input and answer, validated and written into /admin/openapi.json. */
  readonly schemas?: EndpointSchemas;
}

const route = (
  method: AdminRoute['method'],
  path: string,
  summary: string,
  endpoint: AdminEndpoint,
): AdminRoute => ({ method, path, summary, ...endpoint });

/** The route table of the test-control API (CONTRACT.md, Test-control API): one small handler each. */
export const ADMIN_ROUTES: readonly AdminRoute[] = [
  route('get', '/admin/health', 'Is the emulator up, and where', healthHandler),
  route(
    'post',
    '/admin/reset',
    'Empty the store, reload the fixtures, clock back to real time, fault rules gone; API and CLI certificates stay',
    resetHandler,
  ),
  route('get', '/admin/clock', "The emulator's clock", getClockHandler),
  route('put', '/admin/clock', "Set, freeze, unfreeze or advance the emulator's clock", putClockHandler),
  route('get', '/admin/citizens', 'Every citizen, with who may see them now', listCitizensHandler),
  route('get', '/admin/citizens/:cpr', 'A citizen with their self-booking deadlines', getCitizenHandler),
  route('put', '/admin/citizens/:cpr', 'Create or replace a citizen', putCitizenHandler),
  route(
    'get',
    '/admin/organisations',
    'Every organisation, with the certificates that may act as it',
    listOrganisationsHandler,
  ),
  route('get', '/admin/codelists', 'The names of the code lists', listCodelistsHandler),
  route('get', '/admin/codelists/:name', 'A code list: its values with their validity', getCodelistHandler),
  route(
    'put',
    '/admin/codelists/:name',
    "Replace a code list's values (and so their validity), until the next reset",
    putCodelistHandler,
  ),
  route('get', '/admin/bookings', "A citizen's bookings (?cpr=)", listBookingsHandler),
  route('get', '/admin/bookings/:id', 'A booking with its reminder and history', getBookingHandler),
  route('get', '/admin/wsrm', "An organisation's WSRM queue (?organisation=TYPE:CODE)", listWsrmHandler),
  route('get', '/admin/reminders', 'Huskeservice reminders (?cpr=)', listRemindersHandler),
  route('get', '/admin/audit', 'The audit log, newest first, a page at a time', listAuditHandler),
  route(
    'get',
    '/admin/calls/count',
    'How many calls match (service, operation, outcome, organisation, cpr, since)',
    countCallsHandler,
  ),
  route(
    'post',
    '/admin/verify',
    'Check expectations about the calls made: 200, or 417 with what was seen instead',
    verifyHandler,
  ),
  route(
    'get',
    '/admin/faults',
    'The fault rules in force, newest (the one that wins) first, with how many calls each has left',
    listFaultsHandler,
  ),
  route(
    'post',
    '/admin/faults',
    'Answer matching calls with a DFDG fault, an HTTP status, a delay or a dropped connection',
    addFaultHandler,
  ),
  route('delete', '/admin/faults', 'Remove every fault rule', clearFaultsHandler),
  route('delete', '/admin/faults/:id', 'Remove one fault rule', deleteFaultHandler),
  route(
    'get',
    '/admin/journal',
    'The last SOAP exchanges, raw, newest first, a page at a time',
    listJournalHandler,
  ),
  route('get', '/admin/journal/:referenceId', 'One SOAP exchange', getJournalEntryHandler),
  ...TRY_IT_ROUTES,
  route(
    'get',
    '/admin/certificates',
    'Every registered client certificate: organisations, fingerprint, origin, files',
    listCertificatesHandler,
  ),
  route('post', '/admin/certificates', 'Issue and register a client certificate', issueCertificateHandler),
  route('get', '/admin/subscriptions', 'The push subscriptions (REST.md §7)', listSubscriptionsHandler),
  route('get', '/admin/subscriptions/:name', 'One push subscription', getSubscriptionHandler),
  route(
    'put',
    '/admin/subscriptions/:name',
    'Create or replace a push subscription: organisation, message types, https URL, server CA',
    putSubscriptionHandler,
  ),
  route('delete', '/admin/subscriptions/:name', 'Remove a push subscription', deleteSubscriptionHandler),
  route(
    'get',
    '/admin/deliveries',
    'Every push delivery attempt, newest first (?subscription=&messageType=&status=)',
    listDeliveriesHandler,
  ),
  route(
    'get',
    '/admin/deliveries/:messageId',
    'A push message as sent, with its attempts',
    getDeliveryHandler,
  ),
  route(
    'post',
    '/admin/deliveries/:messageId/retry',
    'Try a pending or abandoned push message now',
    retryDeliveryHandler,
  ),
  route(
    'get',
    '/admin/openapi.json',
    'This API as an OpenAPI 3.1 document',
    openApiHandler(() => ADMIN_ROUTES),
  ),
  route(
    'get',
    '/admin/openapi/indkaldelse.json',
    "Kontaktforloeb.IndkaldelseService's OpenAPI 3.1 document, as served at /v2/Indkaldelse/openapi.json, for tools without a certificate",
    indkaldelseOpenApiHandler,
  ),
];
