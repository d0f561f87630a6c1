import { DfdgFault } from '../domain/errors';
import { isStoreFull } from '../store/store-health';

/**
 * What the caller is told for any error: a DfdgFault as itself, anything while the database file is
 * known damaged as INTERNAL saying so, a full database as INTERNAL saying so, anything else as
 * INTERNAL (no stack).
 */
export const faultOf = (error: unknown, referenceId: string, damage: string | null = null): DfdgFault => {
  if (error instanceof DfdgFault) return error;
  if (damage !== null) return new DfdgFault('INTERNAL', damage);
  if (isStoreFull(error)) {
    return new DfdgFault(
      'INTERNAL-STORE-FULL',
      `the database could not grow (disk full, or its size limit reached): call again once space is freed; reference ${referenceId}`,
    );
  }
  return new DfdgFault('INTERNAL', `unexpected error; quote reference ${referenceId} when reporting it`);
};

/**
 * A thrown value passed on as thrown (to reject a promise with): wrapping what is not an Error would
 * hide what faultOf reads (a DfdgFault, SQLite's code), and instanceof Error fails for an error made
 * in another realm (a worker, jest's module sandbox).
 */
export const asThrown = (thrown: unknown): Error => thrown as Error;
