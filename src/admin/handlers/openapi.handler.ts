import { z } from 'zod';
import { PACKAGE_VERSION } from '../../package-version';
import { adminEndpoint } from '../admin-endpoint';
import { openApiDocument, type DocumentedRoute } from '../openapi';
import { restOpenApiDocument } from '../../rest/openapi';

/**
 * GET /admin/openapi.json: the OpenAPI 3.1 document of this API. The routes are passed lazily
 * because this endpoint is itself one of them.
 */
export const openApiHandler = (routes: () => readonly DocumentedRoute[]) =>
  adminEndpoint({
    response: z.record(z.string(), z.unknown()).describe('an OpenAPI 3.1 document'),
    handle: ({ config }) =>
      openApiDocument(routes(), { version: PACKAGE_VERSION, tokenRequired: config.adminToken !== null }),
  });

/** GET /admin/openapi/indkaldelse.json: the REST service's document (REST.md §6), written from its route table. */
export const indkaldelseOpenApiHandler = adminEndpoint({
  response: z.record(z.string(), z.unknown()).describe('an OpenAPI 3.1 document'),
  handle: () => restOpenApiDocument() as Record<string, unknown>,
});
