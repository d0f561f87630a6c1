import { X509Certificate } from 'node:crypto';
import { z } from 'zod';
import { copenhagenIsoString } from '../../domain/copenhagen-time';
import { OrganisationType, type Organisation } from '../../domain/organisation';
import { PUSH_MESSAGE_TYPES, type PushMessageType } from '../../domain/push.rules';
import type { PushAttempt, StoredSubscription } from '../../store/push.repository';
import { adminEndpoint } from '../admin-endpoint';
import { limitQuery, organisationQuery, uuidInput } from '../admin-inputs';
import type { AdminContext } from '../admin-context';
import { notFound, Problem } from '../problem';

/**
 * Push messages (WSB, REST.md §7): the subscriptions the emulator delivers to, and every delivery
 * attempt. STAR configures its subscribers' URLs itself (P22); the emulator lets a test do it.
 */

const MESSAGE_TYPES = Object.keys(PUSH_MESSAGE_TYPES) as [PushMessageType, ...PushMessageType[]];
const RECEIVING = [OrganisationType.Jobcenter, OrganisationType.Kommune, OrganisationType.Akasse] as const;

const nameParam = z.object({
  name: z.string().regex(/^[\w.-]{1,64}$/, 'a subscription name: 1 to 64 letters, digits, ".", "-" or "_"'),
});

const httpsUrl = z
  .url({ error: 'an absolute URL, e.g. https://localhost:9443/wsb' })
  .refine((u) => new URL(u).protocol === 'https:', 'an https:// URL: push messages go over mutual TLS only');

const pemCertificate = z
  .string()
  .refine((pem) => {
    try {
      return new X509Certificate(pem).ca;
    } catch {
      return false;
    }
  }, "a CA certificate in PEM (-----BEGIN CERTIFICATE-----), to check the subscriber's server certificate against")
  .describe("PEM of the CA the subscriber's server certificate chains to; default the dev CA, certs/ca.pem");

const SubscriptionBody = z.strictObject({
  organisation: organisationQuery
    .refine((o) => (RECEIVING as readonly number[]).includes(o.type), {
      message: 'a jobcenter (8), kommune (7) or a-kasse (2): only these receive push messages (REST.md §9)',
    })
    .describe('TYPE:CODE, e.g. 8:75100'),
  messageTypes: z
    .array(z.enum(MESSAGE_TYPES))
    .min(1, 'at least one of Indkaldelse, Frist')
    .refine((types) => new Set(types).size === types.length, 'each message type once'),
  url: httpsUrl,
  serverCa: pemCertificate.optional(),
});

const SubscriptionView = z.object({
  name: z.string(),
  organisation: z.string().describe('TYPE:CODE'),
  messageTypes: z.array(z.enum(MESSAGE_TYPES)),
  url: z.string(),
  serverCa: z.string().nullable().describe('PEM, or null for the dev CA'),
  createdAt: z.string(),
});

const typeCode = (o: Organisation): string => `${o.type}:${o.code}`;

const subscriptionView = (s: StoredSubscription): z.input<typeof SubscriptionView> => ({
  name: s.name,
  organisation: typeCode(s.organisation),
  messageTypes: [...s.messageTypes],
  url: s.url,
  serverCa: s.serverCaPem,
  createdAt: copenhagenIsoString(s.createdAt),
});

/** PUT /admin/subscriptions/{name}: creates or replaces a subscription; answers it as stored. */
export const putSubscriptionHandler = adminEndpoint({
  params: nameParam,
  body: SubscriptionBody,
  response: SubscriptionView,
  handle: ({ store, clock, logger, push }, { params, body }) => {
    const existing = store.push.subscription(params.name);
    const subscription: StoredSubscription = {
      name: params.name,
      organisation: body.organisation,
      messageTypes: body.messageTypes,
      url: body.url,
      serverCaPem: body.serverCa ?? null,
      createdAt: existing?.createdAt ?? clock.now(),
    };
    store.transaction(() => store.push.saveSubscription(subscription));
    logger.info('push subscription saved', { name: params.name, url: body.url });
    // A URL fixed after failures is tried at the next retry, as STAR's would be; nothing is skipped.
    void push.runDue();
    return subscriptionView(subscription);
  },
});

export const listSubscriptionsHandler = adminEndpoint({
  response: z.object({ items: z.array(SubscriptionView) }),
  handle: ({ store }) => ({ items: store.push.subscriptions().map(subscriptionView) }),
});

export const getSubscriptionHandler = adminEndpoint({
  params: nameParam,
  response: SubscriptionView,
  problems: { 404: 'no such subscription' },
  handle: ({ store }, { params }) => {
    const s = store.push.subscription(params.name);
    if (!s) throw notFound(`no subscription "${params.name}"`);
    return subscriptionView(s);
  },
});

/** DELETE /admin/subscriptions/{name}: no more messages are queued for it; those queued stay on record. */
export const deleteSubscriptionHandler = adminEndpoint({
  params: nameParam,
  response: SubscriptionView,
  problems: { 404: 'no such subscription' },
  handle: ({ store, logger }, { params }) => {
    const s = store.push.subscription(params.name);
    if (!s) throw notFound(`no subscription "${params.name}"`);
    store.transaction(() => store.push.deleteSubscription(params.name));
    logger.info('push subscription deleted', { name: params.name });
    return subscriptionView(s);
  },
});

const STATUSES = ['pending', 'delivered', 'abandoned'] as const;

const AttemptView = z.object({
  time: z.string(),
  subscription: z.string(),
  messageId: z.string(),
  messageType: z.enum(MESSAGE_TYPES),
  aendringstype: z.number().int().describe("P20's Aendringstype: 1 Create, 2 Update, 3 Delete"),
  attempt: z.number().int(),
  outcome: z.string().describe('delivered, http <status>, timeout, tls: <reason> or connect: <reason>'),
  status: z.enum(STATUSES).describe("the message's status right after this attempt"),
  nextAttempt: z.string().nullable(),
});

const attemptView = (a: PushAttempt): z.input<typeof AttemptView> => ({
  time: copenhagenIsoString(a.time),
  subscription: a.subscription,
  messageId: a.messageId,
  messageType: a.messageType,
  aendringstype: a.aendringstype,
  attempt: a.attempt,
  outcome: a.outcome,
  status: a.status,
  nextAttempt: a.nextAttemptAt && copenhagenIsoString(a.nextAttemptAt),
});

/** GET /admin/deliveries: every attempt, newest first. */
export const listDeliveriesHandler = adminEndpoint({
  query: z.object({
    subscription: z.string().optional(),
    messageType: z.enum(MESSAGE_TYPES).optional(),
    status: z.enum(STATUSES).optional(),
    limit: limitQuery.optional(),
  }),
  response: z.object({ items: z.array(AttemptView) }),
  handle: ({ store }, { query }) => ({
    items: store.push
      .attempts({
        subscription: query.subscription,
        messageType: query.messageType,
        status: query.status,
        limit: query.limit ?? 1000,
      })
      .map(attemptView),
  }),
});

const MessageView = z.object({
  messageId: z.string(),
  subscription: z.string(),
  messageType: z.enum(MESSAGE_TYPES),
  aendringstype: z.number().int(),
  queuedAt: z.string(),
  status: z.enum(STATUSES),
  nextAttempt: z.string().nullable(),
  body: z.unknown().describe('the JSON as sent (or to be sent)'),
  attempts: z.array(AttemptView),
});

const messageView = ({ store }: AdminContext, messageId: string): z.input<typeof MessageView> => {
  const m = store.push.message(messageId.toLowerCase());
  if (!m) throw notFound(`no push message ${messageId}`);
  return {
    messageId: m.messageId,
    subscription: m.subscription,
    messageType: m.messageType,
    aendringstype: m.aendringstype,
    queuedAt: copenhagenIsoString(m.queuedAt),
    status: m.status,
    nextAttempt: m.nextAttemptAt && copenhagenIsoString(m.nextAttemptAt),
    body: JSON.parse(m.body) as unknown,
    attempts: m.attemptList.map(attemptView),
  };
};

/** GET /admin/deliveries/{messageId}: the message as sent, and its attempts, oldest first. */
export const getDeliveryHandler = adminEndpoint({
  params: z.object({ messageId: uuidInput }),
  response: MessageView,
  problems: { 404: 'no such message' },
  handle: (ctx, { params }) => messageView(ctx, params.messageId),
});

/**
 * POST /admin/deliveries/{messageId}/retry: tries a pending or abandoned message now (an abandoned one
 * gets another 24 hours) and answers after that attempt. A delivered message is not sent again.
 */
export const retryDeliveryHandler = adminEndpoint({
  params: z.object({ messageId: uuidInput }),
  response: MessageView,
  problems: { 404: 'no such message', 409: 'the message was delivered already' },
  handle: async (ctx, { params }) => {
    const { store, clock, push } = ctx;
    const before = messageView(ctx, params.messageId);
    if (before.status === 'delivered') {
      throw new Problem(409, `push message ${params.messageId} was delivered already; it is not sent twice`);
    }
    store.transaction(() => store.push.retry(before.messageId, clock.now()));
    await push.runDue();
    return messageView(ctx, params.messageId);
  },
});
