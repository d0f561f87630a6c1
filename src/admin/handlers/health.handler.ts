import { z } from 'zod';
import { UNKNOWN_CITIZENS } from '../../config';
import { adminEndpoint } from '../admin-endpoint';

/**
 * GET /admin/health: is the emulator up, where are its SOAP services, what time is it there, and
 * what it does with an unknown CPR.
 */
export const healthHandler = adminEndpoint({
  response: z.object({
    status: z.literal('ok'),
    soapUrl: z.string(),
    now: z.string().describe('ISO-8601 instant (UTC) of the emulator clock'),
    frozen: z.boolean(),
    unknownCitizens: z.enum(UNKNOWN_CITIZENS).describe('--unknown-citizens: refuse (1010) or create'),
  }),
  handle: (ctx) => ({
    status: 'ok' as const,
    soapUrl: ctx.soapUrl(),
    now: ctx.clock.now().toISOString(),
    frozen: ctx.clock.frozen,
    unknownCitizens: ctx.config.unknownCitizens,
  }),
});
