import type { ErrorKey } from '../domain/errors';
import { isWrite, type OwnError, type RestRoute } from './indkaldelse.routes';

/** Step 1: the certificate, on every call (openapi.json included). */
const CERTIFICATE: readonly ErrorKey[] = ['SEC-TLS-MISSING', 'SEC-TLS', 'SEC-CERT'];

/** Steps 3, 4 and 6 and REQ-OPENAPI, for every call with the DTO headers and the CPR header. */
const HEADERS_AND_ACCESS: readonly ErrorKey[] = [
  'SEC-AO-MISSING',
  'SEC-AO-INVALID',
  'SEC-AO-ORGTYPE',
  'SEC-RUM-MISSING',
  'SEC-RUM-INVALID',
  'SEC-RUM-USERTYPE',
  'SEC-RUM-ORGTYPE',
  'SEC-AO-CERT',
  'SEC-CITIZEN',
  'SEC-SAME-ORG',
  'SEC-JOBCENTER',
  'SEC-USERTYPE',
  'REST-ORG-TYPE',
  'REQ-OPENAPI',
  'REQ-OPENAPI-CPR',
  'ACC-CPR-UNKNOWN',
  'ACC-OWN-JOBCENTER',
  'ACC-OWN',
  'ACC-CPR-DEAD',
];

/** REQ-REQUESTID on every write; ACC-OWN answers an a-kasse's write as BK-AKASSE-MEMBER. */
const WRITES: readonly ErrorKey[] = [
  'REQ-REQUESTID',
  'REQ-REQUESTID-REPEAT',
  'BK-AKASSE-NOT-MEMBER',
  'BK-AKASSE-OTHER',
];

/**
 * Every error a call of the route may answer with: those of the checks every such call passes
 * (REST.md §5, steps 1-6), then its own (§3), each once. The OpenAPI document lists them per status.
 */
export const routeErrors = (route: RestRoute): readonly OwnError[] => [
  ...new Set<OwnError>([
    ...CERTIFICATE,
    ...(route.path.includes('{') ? (['REQ-ROUTE'] as const) : []),
    ...(isWrite(route.method) ? WRITES.slice(0, 2) : []),
    ...(route.body ? (['REQ-JSON'] as const) : []),
    ...(route.dtoHeaders ? HEADERS_AND_ACCESS : []),
    ...(isWrite(route.method) && route.dtoHeaders ? WRITES.slice(2) : []),
    ...route.ownErrors,
    'INTERNAL',
  ]),
];
