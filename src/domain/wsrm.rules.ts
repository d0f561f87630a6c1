import type { Booking, Citizen } from './booking';
import { isVisibleTo } from './booking.rules';
import { organisationMayAccess } from './citizen-access.rules';
import type { CodeLists } from './codelists';
import { OrganisationType, type Organisation } from './organisation';

/**
 * BK-WSRM: who receives a message about a booking: the organisations that follow the citizen (the
 * jobcenter, and each a-kasse the citizen is or was a member of), each only if it may see the
 * citizen when the message is queued (ACC-OWN, so an a-kasse's 120 days count) and the booking
 * (VIS-AKASSE). A citizen the emulator does not know is no organisation's: nobody receives it.
 */
export const wsrmReceivers = (
  booking: Booking,
  citizen: Citizen | undefined,
  now: Date,
  codeLists: CodeLists,
): Organisation[] => {
  if (!citizen) return [];
  const akasser = [...new Set(citizen.memberships.map((m) => m.akasse))];
  const followers: Organisation[] = [
    { type: OrganisationType.Jobcenter, code: citizen.jobcenter },
    ...akasser.map((code) => ({ type: OrganisationType.Akasse, code })),
  ];
  return followers.filter(
    (receiver) => organisationMayAccess(receiver, citizen, now) && isVisibleTo(receiver, booking, codeLists),
  );
};

/** At most this many messages are delivered in one pickup (CONTRACT.md). */
export const WSRM_PICKUP_LIMIT = 500;
