import { DfdgFault } from '../domain/errors';
import { isStoreFull } from '../store/store-health';

/**
 * What the caller is told for any error: a DfdgFault as itself, a full database as INTERNAL saying
 * so, anything else as INTERNAL (no stack).
 */
export const faultOf = (error: unknown, referenceId: string): DfdgFault => {
  if (error instanceof DfdgFault) return error;
  if (isStoreFull(error)) {
    return new DfdgFault(
      'INTERNAL-STORE-FULL',
      `the database could not grow (disk full, or its size limit reached): call again once space is freed; reference ${referenceId}`,
    );
  }
  return new DfdgFault('INTERNAL', `unexpected error; quote reference ${referenceId} when reporting it`);
};
