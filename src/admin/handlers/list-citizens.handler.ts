import { z } from 'zod';
import { organisationMayAccess } from '../../domain/citizen-access.rules';
import { adminEndpoint } from '../admin-endpoint';
import { organisationQuery } from '../admin-inputs';
import { CitizenView, citizenView } from '../views/citizen.view';
import { itemsOf } from '../views/items.view';
import { OrganisationView } from '../views/organisation.view';

const ListedCitizenView = CitizenView.extend({
  visibleTo: z
    .array(OrganisationView)
    .describe(
      'the organisations of GET /admin/organisations that may see the citizen now (ACC-OWN: jobcenter, kommune, a-kasse within its margins, anden aktør, guest access, STAR)',
    ),
});

/**
 * GET /admin/citizens: every citizen, by CPR, with who may see them now (the world a user can call
 * about); `?organisation=TYPE:CODE` keeps the citizens that organisation may see.
 */
export const listCitizensHandler = adminEndpoint({
  query: z.strictObject({
    organisation: organisationQuery.optional().describe('only the citizens this organisation may see now'),
  }),
  response: itemsOf(ListedCitizenView),
  handle: ({ store, clock }, { query }) => {
    const now = clock.now();
    const organisations = store.organisations.list().map(({ type, code }) => ({ type, code }));
    const asker = query.organisation;
    return {
      items: store.citizens
        .list()
        .filter((c) => !asker || organisationMayAccess(asker, c, now))
        .map((c) => ({
          ...citizenView(c, now),
          visibleTo: organisations.filter((o) => organisationMayAccess(o, c, now)),
        })),
    };
  },
});
