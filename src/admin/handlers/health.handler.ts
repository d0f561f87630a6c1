import { z } from 'zod';
import { adminEndpoint } from '../admin-endpoint';

/** GET /admin/health: is the emulator up, where are its SOAP services, and what time is it there. */
export const healthHandler = adminEndpoint({
  response: z.object({
    status: z.literal('ok'),
    soapUrl: z.string(),
    now: z.string().describe('ISO-8601 instant (UTC) of the emulator clock'),
    frozen: z.boolean(),
  }),
  handle: (ctx) => ({
    status: 'ok' as const,
    soapUrl: ctx.soapUrl(),
    now: ctx.clock.now().toISOString(),
    frozen: ctx.clock.frozen,
  }),
});
