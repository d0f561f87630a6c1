import { adminEndpoint } from '../admin-endpoint';
import { ClockView, clockView } from '../views/clock.view';

/** GET /admin/clock: the emulator's "now", by which every deadline rule judges. */
export const getClockHandler = adminEndpoint({
  response: ClockView,
  handle: (ctx) => clockView(ctx.clock),
});
