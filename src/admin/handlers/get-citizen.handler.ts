import { z } from 'zod';
import { adminEndpoint } from '../admin-endpoint';
import { cprInput } from '../admin-inputs';
import { notFound } from '../problem';
import { CitizenView, citizenView } from '../views/citizen.view';

/** GET /admin/citizens/{cpr}: the citizen as stored, or 404. */
export const getCitizenHandler = adminEndpoint({
  params: z.object({ cpr: cprInput }),
  response: CitizenView,
  problems: { 404: 'no such citizen' },
  handle: ({ store, clock }, { params }) => {
    const citizen = store.citizens.find(params.cpr);
    if (!citizen)
      throw notFound(`no citizen ${params.cpr}; create one with PUT /admin/citizens/${params.cpr}`);
    return citizenView(citizen, clock.now());
  },
});
