import type { Booking, Citizen } from './booking';
import { isVisibleTo } from './booking.rules';
import type { CodeLists } from './codelists';
import { OrganisationType, type Organisation } from './organisation';

/**
 * BK-WSRM: who receives a message about a booking: the organisations that follow the citizen (the
 * jobcenter, and the a-kasse subject to VIS-AKASSE). For a citizen the emulator does not know, the
 * meeting's jobcenter or a-kasse stands in as the follower, so vendors still see their confirmations.
 */
export const wsrmReceivers = (
  booking: Booking,
  citizen: Citizen | undefined,
  codeLists: CodeLists,
): Organisation[] => {
  const followers: Organisation[] = citizen
    ? [
        { type: OrganisationType.Jobcenter, code: citizen.jobcenter },
        ...(citizen.akasse ? [{ type: OrganisationType.Akasse, code: citizen.akasse }] : []),
      ]
    : [booking.meetingOrganisation].filter(
        (o) => o.type === OrganisationType.Jobcenter || o.type === OrganisationType.Akasse,
      );
  return followers.filter((receiver) => isVisibleTo(receiver, booking, codeLists));
};

/** At most this many messages are delivered in one pickup (CONTRACT.md). */
export const WSRM_PICKUP_LIMIT = 500;
