import {
  addDays,
  copenhagenDate,
  copenhagenIsoString,
  fromCopenhagenWallClock,
} from '../../domain/copenhagen-time';
import type { Organisation } from '../../domain/organisation';
import { RequestUserType, type RequestUserMetadata } from '../../domain/request-user-metadata';
import type { TryItUser } from './try-it-request';

/**
 * What a try-it template is made of: the organisation acting, the user, the citizen the call is
 * about (one the organisation may see), a booking of theirs when one exists, and the time.
 */
export interface TryItWorld {
  readonly organisation: Organisation;
  readonly user: TryItUser;
  readonly citizen: { readonly cpr: string; readonly name: string };
  /** An active booking of the citizen the organisation may see, for the operations naming one. */
  readonly bookingId: string | null;
  readonly now: Date;
  /** A fresh UUID for ids the client chooses (a new booking, a WSRM placeholder, x-requestId). */
  readonly newId: () => string;
}

/**
 * The RequestUserMetadata a well-behaved client sends for the chosen user: a caseworker with a real
 * name (SEC-USERTYPE), the citizen themself (SEC-CITIZEN: the CPR as identifier and organisation
 * code), or a batch job; caseworker and system for the acting organisation (SEC-SAME-ORG).
 */
export const requestUserOf = (world: TryItWorld): RequestUserMetadata => {
  const registrationDateTime = copenhagenIsoString(world.now);
  switch (world.user) {
    case 'citizen':
      return {
        userFullName: world.citizen.name,
        userType: RequestUserType.Citizen,
        userIdentifier: world.citizen.cpr,
        organisation: { type: world.organisation.type, code: world.citizen.cpr },
        registrationDateTime,
      };
    case 'system':
      return {
        userFullName: 'KSS nightly sync',
        userType: RequestUserType.System,
        userIdentifier: 'CVR:12345678-FID:42',
        organisation: world.organisation,
        registrationDateTime,
      };
    case 'caseworker':
      return {
        userFullName: 'Mette Hansen',
        userType: RequestUserType.Caseworker,
        userIdentifier: 'CVR:12345678-RID:1234',
        organisation: world.organisation,
        registrationDateTime,
      };
  }
};

/** A meeting at 10:00 Copenhagen time a week ahead, 30 minutes long: past BK-START, as a caseworker books. */
export const meetingTimes = (now: Date): { start: Date; end: Date } => {
  const day = addDays(copenhagenDate(now), 7);
  const start = fromCopenhagenWallClock(Date.parse(`${day}T10:00:00Z`));
  return { start, end: new Date(start.getTime() + 30 * 60_000) };
};
