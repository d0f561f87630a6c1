import { z } from 'zod';
import { sameOrganisation } from '../../domain/organisation';
import { adminEndpoint } from '../admin-endpoint';
import { itemsOf } from '../views/items.view';

const OrganisationListView = z.object({
  type: z
    .number()
    .int()
    .describe('OrganisationTypeIdentifier: 2 a-kasse, 4 anden aktør, 5 STAR, 7 kommune, 8 jobcenter'),
  code: z.string().describe('OrganisationCode'),
  name: z.string(),
  certificates: z
    .array(z.string())
    .describe(
      'names of the registered certificates that may act as this organisation (GET /admin/certificates)',
    ),
});

/**
 * GET /admin/organisations: the organisations of the world, each with the certificates that may act
 * as it, so a user sees at once which certificate to call with for which ActiveOrganisation.
 */
export const listOrganisationsHandler = adminEndpoint({
  response: itemsOf(OrganisationListView),
  handle: ({ store }) => {
    const certificates = store.certificates.list();
    return {
      items: store.organisations.list().map((o) => ({
        type: o.type,
        code: o.code,
        name: o.name,
        certificates: [
          ...new Set(
            certificates
              .filter((c) => c.organisations.some((acting) => sameOrganisation(acting, o)))
              .map((c) => c.name),
          ),
        ],
      })),
    };
  },
});
