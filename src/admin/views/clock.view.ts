import { z } from 'zod';
import type { ControllableClock } from '../../domain/clock';
import { copenhagenIsoString } from '../../domain/copenhagen-time';

/** The emulator's clock (CONTRACT.md): "now" in Copenhagen time with its offset, and whether it stands still. */
export const ClockView = z.object({
  now: z.string().describe('ISO-8601 with offset, Copenhagen time'),
  frozen: z.boolean(),
});

export const clockView = (clock: ControllableClock): z.input<typeof ClockView> => ({
  now: copenhagenIsoString(clock.now()),
  frozen: clock.frozen,
});
