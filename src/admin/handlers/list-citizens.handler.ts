import { adminEndpoint } from '../admin-endpoint';
import { CitizenView, citizenView } from '../views/citizen.view';
import { itemsOf } from '../views/items.view';

/** GET /admin/citizens: every citizen, by CPR, with who may see them (the world a user can call about). */
export const listCitizensHandler = adminEndpoint({
  response: itemsOf(CitizenView),
  handle: ({ store, clock }) => {
    const now = clock.now();
    return { items: store.citizens.list().map((c) => citizenView(c, now)) };
  },
});
