import { z } from 'zod';
import { UNKNOWN_CITIZENS } from '../../config';
import { CONFORMANCE_MODES } from '../../domain/decision';
import { adminEndpoint } from '../admin-endpoint';

/**
 * GET /admin/health: is the emulator up, where are its SOAP services, what time is it there, what
 * it does with an unknown CPR and whether it refuses commitments (--conformance). "degraded" (still
 * HTTP 200: the process serves) when the store cannot be written, or its file was found damaged
 * after start (every SOAP call is refused then), with why.
 */
export const healthHandler = adminEndpoint({
  response: z.object({
    status: z.enum(['ok', 'degraded']),
    reason: z
      .string()
      .optional()
      .describe('why it is degraded, e.g. the database is full, or its file is damaged'),
    degradedSince: z.string().optional().describe('ISO-8601 instant (UTC, real time) it became degraded'),
    soapUrl: z.string(),
    now: z.string().describe('ISO-8601 instant (UTC) of the emulator clock'),
    frozen: z.boolean(),
    unknownCitizens: z.enum(UNKNOWN_CITIZENS).describe('--unknown-citizens: refuse (1010) or create'),
    conformance: z
      .enum(CONFORMANCE_MODES)
      .describe('--conformance: strict refuses commitments (4413), dfdg notes them as journal warnings'),
  }),
  handle: (ctx) => {
    const store = ctx.store.health.report();
    return {
      status: store.status,
      ...(store.status === 'degraded' ? { reason: store.reason, degradedSince: store.since } : {}),
      soapUrl: ctx.soapUrl(),
      now: ctx.clock.now().toISOString(),
      frozen: ctx.clock.frozen,
      unknownCitizens: ctx.config.unknownCitizens,
      conformance: ctx.config.conformance,
    };
  },
});
