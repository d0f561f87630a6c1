import { z } from 'zod';
import { adminEndpoint } from '../admin-endpoint';
import { cprInput } from '../admin-inputs';
import { itemsOf } from '../views/items.view';
import { ReminderView, reminderView } from '../views/reminder.view';

/** GET /admin/reminders(?cpr=): the reminders the Huskeservice would send, soonest first. */
export const listRemindersHandler = adminEndpoint({
  query: z.strictObject({ cpr: cprInput.optional() }),
  response: itemsOf(ReminderView),
  handle: ({ store, clock }, { query }) => {
    const now = clock.now();
    return { items: store.reminders.list(query.cpr ?? '').map((r) => reminderView(r, now)) };
  },
});
