import { z } from 'zod';
import { loadFixtures } from '../../store/fixtures';
import { registerFixtureCertificates } from '../../store/register-fixture-certificates';
import { adminEndpoint } from '../admin-endpoint';
import type { AdminContext } from '../admin-context';
import { ClockView, clockView } from '../views/clock.view';

/**
 * POST /admin/reset: the world of a fresh installation. Every table is emptied (certificates issued
 * through the API included), the clock goes back to real time, then the fixtures are loaded relative
 * to that time and the fixture certificates registered again; the journal is cleared.
 */
export const resetHandler = adminEndpoint({
  response: z.object({
    clock: ClockView,
    loaded: z.object({
      organisations: z.number().int(),
      certificates: z.number().int(),
      citizens: z.number().int(),
      bookings: z.number().int(),
    }),
  }),
  handle: (ctx) => {
    const loaded = resetEmulator(ctx);
    return { clock: clockView(ctx.clock), loaded };
  },
});

const resetEmulator = ({ store, clock, fixtures, certificates, journal, logger, config }: AdminContext) => {
  clock.reset();
  const now = clock.now();
  // One transaction: a SOAP call during the reset sees the old world or the new one, never an empty one.
  const registered = store.transaction(() => {
    store.reset();
    loadFixtures(store, fixtures, now, config.starCvr);
    return registerFixtureCertificates(store, fixtures.certificates, certificates.clients, now);
  });
  journal.clear();
  const loaded = {
    organisations: fixtures.organisations.length,
    certificates: registered,
    citizens: fixtures.citizens.length,
    bookings: fixtures.bookings.length,
  };
  logger.info('emulator reset', loaded);
  return loaded;
};
