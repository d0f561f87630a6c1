import type { AkasseMembership, Citizen } from './booking';
import { addDays, copenhagenDate } from './copenhagen-time';
import { isWellFormedCpr } from './cpr';
import { failed, passed, type Decision } from './decision';
import { ERROR_TABLE, violation, type Violation } from './errors';
import { formatOrganisation, OrganisationType, sameOrganisation, type Organisation } from './organisation';
import { RequestUserType, type RequestUserMetadata } from './request-user-metadata';

/** An a-kasse sees a member from 120 days before the membership to 120 days after it (P16). */
export const AKASSE_MARGIN_DAYS = 120;

/** Who asks about a citizen, and when (RULES.md, "Access to citizens"). */
export interface AccessAsker {
  readonly activeOrganisation: Organisation;
  readonly user: RequestUserMetadata;
  readonly now: Date;
  /**
   * An a-kasse's CreateBooking or UpdateBooking: refused as BK-AKASSE-MEMBER (4856/4857) instead of
   * ACC-OWN's 4575, as DFDG answers an a-kasse's write (P4).
   */
  readonly akasseWrite: boolean;
}

/** ACC-CPR's first part: STAR's CPR pattern (1001). */
export const cprFormVerdict = (cpr: string): Violation | null =>
  isWellFormedCpr(cpr)
    ? null
    : violation('ACC-CPR-MALFORMED', `${cpr} is not a CPR number (DDMMYY and four digits)`);

/**
 * A membership with its margins covers `today` (Copenhagen dates, both ends included): a membership
 * that ended on 1 March is visible through 29 June. An open end is open for ever.
 */
export const membershipCovers = (m: AkasseMembership, today: string): boolean =>
  (m.from === null || addDays(m.from, -AKASSE_MARGIN_DAYS) <= today) &&
  (m.to === null || today <= addDays(m.to, AKASSE_MARGIN_DAYS));

/** The a-kasser whose membership (with its margins) covers now. */
export const akasserCovering = (citizen: Citizen, now: Date): string[] => {
  const today = copenhagenDate(now);
  return [...new Set(citizen.memberships.filter((m) => membershipCovers(m, today)).map((m) => m.akasse))];
};

/** The a-kasse the citizen is a member of today, without the margins (shown by PersonStatusService). */
export const currentAkasse = (citizen: Citizen, now: Date): string | null => {
  const today = copenhagenDate(now);
  return citizen.memberships.find((m) => membershipInForce(m, today))?.akasse ?? null;
};

/** A membership in force on `today` (Copenhagen dates, both ends included), without the margins. */
export const membershipInForce = (m: AkasseMembership, today: string): boolean =>
  (m.from === null || m.from <= today) && (m.to === null || today <= m.to);

/** ACC-OWN's matrix: may this organisation see or write this citizen now? */
export const organisationMayAccess = (org: Organisation, citizen: Citizen, now: Date): boolean => {
  switch (org.type) {
    case OrganisationType.Star:
      return true;
    case OrganisationType.Jobcenter:
      return (
        citizen.jobcenter === org.code ||
        citizen.guestAccess.some(
          (g) => sameOrganisation(g.organisation, org) && now.getTime() <= g.until.getTime(),
        )
      );
    case OrganisationType.Kommune:
      return citizen.kommune === org.code;
    case OrganisationType.Akasse:
      return akasserCovering(citizen, now).includes(org.code);
    case OrganisationType.AndenAktoer:
      return citizen.andenAktoer.includes(org.code);
    default:
      // Virksomhed (24) and any other type: no citizen is theirs.
      return false;
  }
};

const isOwnCitizenCall = (asker: AccessAsker, cpr: string): boolean =>
  asker.user.userType === RequestUserType.Citizen && asker.user.organisation.code === cpr;

/** ACC-OWN with its fault per organisation type (6005 / 4511 / 4575, or 4856 / 4857 for an a-kasse's write). */
export const ownershipVerdict = (citizen: Citizen, asker: AccessAsker): Violation | null => {
  const org = asker.activeOrganisation;
  if (isOwnCitizenCall(asker, citizen.cpr) || organisationMayAccess(org, citizen, asker.now)) return null;
  const who = formatOrganisation(org);
  switch (org.type) {
    case OrganisationType.Jobcenter:
      return violation(
        'ACC-OWN-JOBCENTER',
        `${citizen.cpr} belongs to jobcenter ${citizen.jobcenter}, and ${who} has no guest access in force`,
      );
    case OrganisationType.AndenAktoer:
      return violation('ACC-OWN-ANDEN-AKTOER', `${citizen.cpr} is not assigned to anden aktør ${org.code}`);
    case OrganisationType.Akasse: {
      if (!asker.akasseWrite)
        return violation('ACC-OWN', `${citizen.cpr} is not a member of ${who} (within 120 days)`);
      const others = akasserCovering(citizen, asker.now);
      return others.length > 0
        ? violation('BK-AKASSE-OTHER', `${citizen.cpr} is a member of a-kasse ${others.join(', ')}`)
        : violation(
            'BK-AKASSE-NOT-MEMBER',
            `${citizen.cpr} is not a member of any a-kasse (within 120 days)`,
          );
    }
    default:
      return violation('ACC-OWN', `${who} has no access to ${citizen.cpr}`);
  }
};

/** ACC-CPR's last part, after ACC-OWN so a non-owner learns only "no access". */
export const aliveVerdict = (citizen: Citizen, now: Date): Violation | null =>
  citizen.deceased !== null && citizen.deceased <= copenhagenDate(now)
    ? violation('ACC-CPR-DEAD', `${citizen.cpr} died on ${citizen.deceased}`)
    : null;

/** What step 6 concluded about one CPR: the decisions for the journal, and the fault if any. */
export interface AccessVerdict {
  readonly decisions: readonly Decision[];
  readonly violation: Violation | null;
}

/**
 * Step 6 of RULES.md for one CPR: ACC-CPR (well-formed, known), ACC-OWN, then ACC-CPR's death check.
 * `citizen` is what the store knows of the CPR (undefined: unknown).
 */
export const citizenAccessVerdict = (
  cpr: string,
  citizen: Citizen | undefined,
  asker: AccessAsker,
): AccessVerdict => {
  const refuse = (decisions: Decision[], v: Violation): AccessVerdict => ({
    decisions: [...decisions, failed(ERROR_TABLE[v.key].ruleId, v.detail)],
    violation: v,
  });
  const form = cprFormVerdict(cpr);
  if (form) return refuse([], form);
  if (!citizen) return refuse([], violation('ACC-CPR-UNKNOWN', `no citizen ${cpr} is known`));
  const decisions: Decision[] = [passed('ACC-CPR', `${cpr} is well-formed and known`)];
  const own = ownershipVerdict(citizen, asker);
  if (own) return refuse(decisions, own);
  decisions.push(
    passed(
      'ACC-OWN',
      isOwnCitizenCall(asker, cpr)
        ? `the citizen ${cpr} asks about themself`
        : `${formatOrganisation(asker.activeOrganisation)} may access ${cpr}`,
    ),
  );
  const dead = aliveVerdict(citizen, asker.now);
  if (dead) return refuse(decisions, dead);
  decisions.push(passed('ACC-CPR', `${cpr} is alive`));
  return { decisions, violation: null };
};
