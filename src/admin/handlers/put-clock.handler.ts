import { z } from 'zod';
import { CLOCK_RANGE, isWithinClockRange } from '../../domain/clock';
import { parseIsoDuration } from '../../domain/iso-duration';
import { adminEndpoint } from '../admin-endpoint';
import { instantInput } from '../admin-inputs';
import { Problem } from '../problem';
import { ClockView, clockView } from '../views/clock.view';

const durationInput = z
  .string()
  .describe('ISO-8601 duration, e.g. P7DT1S; days are 24 hours; a leading "-" goes back')
  .transform((raw, ctx) => {
    const ms = parseIsoDuration(raw);
    if (ms instanceof Error) {
      ctx.addIssue({ code: 'custom', message: ms.message });
      return z.NEVER;
    }
    return ms;
  });

const OUT_OF_RANGE = `the emulator's clock stays within ${CLOCK_RANGE.text}`;

const clockInstantInput = instantInput.refine((instant) => isWithinClockRange(instant.getTime()), {
  error: OUT_OF_RANGE,
});

const ClockChange = z
  .strictObject({
    now: clockInstantInput.optional(),
    frozen: z.boolean().optional(),
    advance: durationInput.optional(),
  })
  .refine(
    (c) => c.now !== undefined || c.frozen !== undefined || c.advance !== undefined,
    'give at least one of now, frozen and advance',
  );

/**
 * PUT /admin/clock: set, freeze or unfreeze, and advance, in that order, so {"now": t,
 * "frozen": true} stands still at exactly t and {"now": t, "advance": "P7D"} ends at t + 7 days.
 */
export const putClockHandler = adminEndpoint({
  body: ClockChange,
  response: ClockView,
  handle: async ({ clock, logger, push }, { body }) => {
    // Checked before anything changes: a refused PUT leaves the clock as it was.
    const target = (body.now ?? clock.now()).getTime() + (body.advance ?? 0);
    if (!isWithinClockRange(target)) {
      const message = `${OUT_OF_RANGE}: advancing it that far would leave it`;
      throw new Problem(400, '1 invalid field(s): body.advance', [{ path: 'body.advance', message }]);
    }
    if (body.frozen === true) clock.freeze();
    if (body.now !== undefined) clock.set(body.now);
    if (body.advance !== undefined) clock.advance(body.advance);
    if (body.frozen === false) clock.unfreeze();
    logger.info('clock changed', clockView(clock));
    // Push retries fall due on the emulator's clock (REST.md §9): the answer comes after the attempts
    // that fell due, so a script that advances the clock sees their outcome in /admin/deliveries.
    await push.runDue();
    return clockView(clock);
  },
});
