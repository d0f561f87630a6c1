import type { Citizen } from '../domain/booking';
import { citizenAccessVerdict, ownershipVerdict, type AccessAsker } from '../domain/citizen-access.rules';
import { isWellFormedCpr } from '../domain/cpr';
import { passed, type Decision } from '../domain/decision';
import type { Violation } from '../domain/errors';
import { formatOrganisation, kommuneOfJobcenter, OrganisationType } from '../domain/organisation';
import type { DfdgHeaders } from '../security/headers';
import type { NamedBooking } from '../security/security-model';
import type { Store } from '../store/store';
import type { Verdict } from './verdict';

/** What --unknown-citizens does with a well-formed CPR the emulator does not know. */
export type UnknownCitizensMode = 'refuse' | 'create';

/** The operations by which an a-kasse writes a booking: refused as BK-AKASSE-MEMBER (RULES.md). */
const AKASSE_WRITES: ReadonlySet<string> = new Set([
  'CreateBooking',
  'UpdateBooking',
  // REST's Create/UpdateIndkaldelse are Create/UpdateBooking for RULES.md (REST.md §3).
  'CreateIndkaldelse',
  'UpdateIndkaldelse',
]);

export interface CitizenAccessFacts {
  readonly operation: string;
  readonly headers: DfdgHeaders;
  /** Every PersonCivilRegistrationIdentifier of the body, as sent. */
  readonly cprs: readonly string[];
  /** The bookings the body names by BookingIdentifier that exist. */
  readonly bookings: readonly NamedBooking[];
  readonly now: Date;
}

export interface CitizenAccessVerdict extends Verdict {
  readonly violation: Violation | null;
  /** Every citizen read to judge the call, by CPR (none for an unknown CPR or booking). */
  readonly citizens: ReadonlyMap<string, Citizen>;
}

/**
 * A new citizen for --unknown-citizens create, of the caller's organisation: a jobcenter's or a
 * kommune's citizen (the other one derived from it), an a-kasse's member, an anden aktør's
 * assignment. Other callers (STAR sees everyone; a virksomhed no one) get a citizen of no
 * jobcenter ("00000") and no kommune ("000").
 */
export const newCitizenOf = (cpr: string, headers: DfdgHeaders): Citizen => {
  const org = headers.activeOrganisation;
  const jobcenter =
    org.type === OrganisationType.Jobcenter
      ? org.code
      : org.type === OrganisationType.Kommune
        ? `${org.code}00`
        : '00000';
  return {
    cpr,
    name: `Borger ${cpr}`,
    kommune: org.type === OrganisationType.Kommune ? org.code : (kommuneOfJobcenter(jobcenter) ?? '000'),
    jobcenter,
    memberships: org.type === OrganisationType.Akasse ? [{ akasse: org.code, from: null, to: null }] : [],
    andenAktoer: org.type === OrganisationType.AndenAktoer ? [org.code] : [],
    guestAccess: [],
    deceased: null,
    cvNumber: null,
    selfBookingDeadlines: [],
  };
};

/**
 * Step 6 of RULES.md (ACC-CPR, ACC-OWN, then the death check) for every citizen a call names: each
 * CPR of the body, and the citizen of each booking it names. A booking whose citizen the caller may
 * not see is not refused here: to the caller it is not there, and the operation answers for it as
 * for an unknown id (BK-NOT-FOUND, in its place among the operation's rules), so a refusal never
 * tells a booking that exists from one that does not.
 */
export const namedCitizensVerdict = (
  facts: CitizenAccessFacts,
  store: Store,
  unknownCitizens: UnknownCitizensMode,
): CitizenAccessVerdict => {
  const { activeOrganisation, requestUserMetadata } = facts.headers;
  const asker: AccessAsker = {
    activeOrganisation,
    user: requestUserMetadata,
    now: facts.now,
    akasseWrite: activeOrganisation.type === OrganisationType.Akasse && AKASSE_WRITES.has(facts.operation),
  };
  const decisions: Decision[] = [];
  const citizens = new Map<string, Citizen>();
  const cprs = [...new Set(facts.cprs)];
  for (const cpr of cprs) {
    let citizen = store.citizens.find(cpr);
    if (!citizen && unknownCitizens === 'create' && isWellFormedCpr(cpr)) {
      citizen = newCitizenOf(cpr, facts.headers);
      store.citizens.save(citizen);
      decisions.push(
        passed(
          'ACC-CPR',
          `--unknown-citizens create: ${cpr} was unknown and is now a citizen of ${formatOrganisation(activeOrganisation)}`,
        ),
      );
    }
    if (citizen) citizens.set(cpr, citizen);
    const verdict = citizenAccessVerdict(cpr, citizen, asker);
    decisions.push(...verdict.decisions);
    if (verdict.violation) return { decisions, violation: verdict.violation, citizens };
  }
  const readAsker: AccessAsker = { ...asker, akasseWrite: false };
  for (const booking of facts.bookings) {
    if (cprs.includes(booking.cpr)) continue; // judged above, as the body's CPR
    const citizen = store.citizens.find(booking.cpr);
    if (citizen) citizens.set(booking.cpr, citizen);
    if (!citizen || ownershipVerdict(citizen, readAsker)) {
      decisions.push(
        passed(
          'ACC-OWN',
          `booking ${booking.id} is of a citizen ${formatOrganisation(activeOrganisation)} may not see: to it the booking is not there`,
        ),
      );
      continue;
    }
    const verdict = citizenAccessVerdict(booking.cpr, citizen, readAsker);
    decisions.push(...verdict.decisions);
    if (verdict.violation) return { decisions, violation: verdict.violation, citizens };
  }
  return { decisions, violation: null, citizens };
};
