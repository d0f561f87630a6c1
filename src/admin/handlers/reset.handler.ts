import { z } from 'zod';
import { loadFixtures } from '../../store/fixtures';
import { registerFixtureCertificates } from '../../store/register-fixture-certificates';
import { adminEndpoint } from '../admin-endpoint';
import type { AdminContext } from '../admin-context';
import { ClockView, clockView } from '../views/clock.view';

const ResetQuery = z.strictObject({
  certificates: z
    .enum(['keep', 'forget'])
    .optional()
    .describe(
      'keep (the default): certificates registered through the API or the CLI stay registered; forget: they go too',
    ),
});

/**
 * POST /admin/reset: the world of a fresh installation. Every table is emptied, the clock goes back
 * to real time, then the fixtures are loaded relative to that time and the fixture certificates
 * registered again; the journal and the fault rules are cleared. Certificates issued or registered through the API or the
 * CLI are registered again as they were (a client set up with one goes on working after a test suite
 * resets), unless `?certificates=forget`.
 */
export const resetHandler = adminEndpoint({
  query: ResetQuery,
  response: z.object({
    clock: ClockView,
    loaded: z.object({
      organisations: z.number().int(),
      certificates: z.number().int(),
      citizens: z.number().int(),
      bookings: z.number().int(),
    }),
    kept: z.object({
      certificates: z
        .array(z.string())
        .describe('names of the certificates registered through the API or the CLI that stay registered'),
    }),
  }),
  handle: (ctx, { query }) => {
    const { loaded, kept } = resetEmulator(ctx, query.certificates ?? 'keep');
    return { clock: clockView(ctx.clock), loaded, kept: { certificates: kept } };
  },
});

const resetEmulator = (
  { store, clock, fixtures, certificates, journal, faults, logger, config }: AdminContext,
  certificateChoice: 'keep' | 'forget',
) => {
  clock.reset();
  const now = clock.now();
  const fixtureNames = new Set(fixtures.certificates.map((c) => c.name));
  // A registration under a fixture's name is a fixture's (perhaps of files issued anew since): the
  // fixtures register their own again.
  const keep =
    certificateChoice === 'keep'
      ? store.certificates.list().filter((c) => c.origin !== 'fixtures' && !fixtureNames.has(c.name))
      : [];
  // One transaction: a SOAP call during the reset sees the old world or the new one, never an empty one.
  const registered = store.transaction(() => {
    store.reset();
    loadFixtures(store, fixtures, now, config.starCvr);
    const count = registerFixtureCertificates(store, fixtures.certificates, certificates.clients, now);
    for (const { origin, registeredAt, ...registration } of keep)
      store.certificates.register(registration, registeredAt, origin);
    return count;
  });
  journal.clear();
  faults.clear();
  const loaded = {
    organisations: fixtures.organisations.length,
    certificates: registered,
    citizens: fixtures.citizens.length,
    bookings: fixtures.bookings.length,
  };
  const kept = [...new Set(keep.map((c) => c.name))];
  logger.info('emulator reset', { ...loaded, certificatesKept: kept.length });
  return { loaded, kept };
};
