import { z } from 'zod';
import { adminEndpoint } from '../admin-endpoint';
import { organisationQuery } from '../admin-inputs';
import { itemsOf } from '../views/items.view';
import { WsrmMessageView, wsrmMessageView } from '../views/wsrm-message.view';

/**
 * GET /admin/wsrm?organisation=TYPE:CODE: the receiver's WSRM queue in queue order, messages in an
 * open pickup included (they stay queued until the pickup is terminated).
 */
export const listWsrmHandler = adminEndpoint({
  query: z.strictObject({ organisation: organisationQuery }),
  response: itemsOf(WsrmMessageView),
  handle: ({ store, config }, { query }) => ({
    items: store.wsrm.queueOf(query.organisation).map((m) => wsrmMessageView(m, config.starCvr)),
  }),
});
