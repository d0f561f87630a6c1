import type { Caller } from '../domain/caller';
import { isWellFormedCpr } from '../domain/cpr';
import { commitmentDecision, failed, passed, type ConformanceMode, type Decision } from '../domain/decision';
import { ERROR_TABLE, violation, type Violation } from '../domain/errors';
import {
  formatOrganisation,
  kommuneOfJobcenter,
  OrganisationType,
  sameOrganisation,
  type Organisation,
} from '../domain/organisation';
import { RequestUserType, type RequestUserMetadata } from '../domain/request-user-metadata';
import { isPersonName } from './person-name';

/**
 * Step 4 of RULES.md's order of checks (epic 950.8.1): the certificate, ActiveOrganisation and
 * RequestUserMetadata must tell one consistent story, and fit the service called. Pure: returns each
 * rule's verdict in order (the journal's explanation of a call) and the violation that refuses the
 * call, or null. DFDG's own checks refuse in either mode; the commitments (SEC-SAME-ORG's
 * organisation code, SEC-USERTYPE) refuse in `strict` and are warnings in `dfdg` (RULES.md, revision 2).
 */
export const securityModelVerdict = (
  caller: Caller,
  ao: Organisation,
  user: RequestUserMetadata,
  service: string,
  mode: ConformanceMode = 'strict',
): { decisions: Decision[]; violation: Violation | null } => {
  const decisions: Decision[] = [];
  const run = (ruleId: string, v: Violation | null, why: string): boolean => {
    decisions.push(v ? failed(ERROR_TABLE[v.key].ruleId, v.detail) : passed(ruleId, why));
    return v === null;
  };
  /** A commitment: refuses only in strict mode; true when the call goes on. */
  const commit = (ruleId: string, v: Violation | null, why: string): boolean => {
    const { decision, refuses } = commitmentDecision(
      v ? ERROR_TABLE[v.key].ruleId : ruleId,
      v === null,
      v ? v.detail : why,
      mode,
    );
    decisions.push(decision);
    return !refuses;
  };
  const done = (v: Violation | null) => ({ decisions, violation: v });

  const certificate = activeOrganisationMatchesCertificate(caller, ao);
  if (!run('SEC-AO-CERT', certificate, `the certificate may act for ${formatOrganisation(ao)}`))
    return done(certificate);
  if (ao.type === OrganisationType.Star) {
    decisions.push(passed('SEC-STAR', 'a STAR system: RequestUserMetadata is not validated further'));
    return done(null);
  }
  const organisation =
    userOrganisationRule(ao, user) ??
    (user.userType === RequestUserType.Citizen ? citizenServiceRule(service) : null);
  if (user.userType === RequestUserType.Citizen) {
    if (!run('SEC-CITIZEN', organisation, `a citizen's header, the CPR ${user.organisation.code} twice`))
      return done(organisation);
  } else if (user.organisation.type === ao.type) {
    // DFDG compares the OrganisationType; the same OrganisationCode is the consumer's commitment.
    decisions.push(
      passed('SEC-SAME-ORG', `the user's OrganisationType ${user.organisation.type} is ActiveOrganisation's`),
    );
    const code = `the user's OrganisationCode ${user.organisation.code} is ActiveOrganisation's`;
    if (!commit('SEC-SAME-ORG', organisation, code)) return done(organisation);
  } else if (
    !run(
      'SEC-JOBCENTER',
      organisation,
      `the user's organisation ${formatOrganisation(user.organisation)} may act for jobcenter ${formatOrganisation(ao)}`,
    )
  ) {
    return done(organisation);
  }
  if (user.userType !== RequestUserType.Caseworker) {
    decisions.push(passed('SEC-USERTYPE', `user type ${user.userType} has no name rule`, 'commitment'));
    return done(null);
  }
  const name = caseworkerNameRule(user);
  return done(commit('SEC-USERTYPE', name, `"${user.userFullName}" is a person's name`) ? null : name);
};

/** SEC-AO-CERT */
export const activeOrganisationMatchesCertificate = (caller: Caller, ao: Organisation): Violation | null =>
  caller.organisations.some((o) => sameOrganisation(o, ao))
    ? null
    : violation(
        'SEC-AO-CERT',
        `ActiveOrganisation ${formatOrganisation(ao)} is not one the certificate is registered for; ` +
          `allowed: ${caller.organisations.map(formatOrganisation).join(', ') || 'none'}`,
      );

/** SEC-CITIZEN, SEC-SAME-ORG, SEC-JOBCENTER */
export const userOrganisationRule = (ao: Organisation, user: RequestUserMetadata): Violation | null => {
  if (user.userType === RequestUserType.Citizen) return citizenHeaderRule(user);
  if (sameOrganisation(user.organisation, ao)) return null;
  if (ao.type !== OrganisationType.Jobcenter) {
    return violation(
      'SEC-SAME-ORG',
      `RequestUserMetadata organisation ${formatOrganisation(user.organisation)} differs from ActiveOrganisation ` +
        `${formatOrganisation(ao)}; allowed here: ${formatOrganisation(ao)}`,
    );
  }
  return jobcenterExceptionApplies(ao, user.organisation)
    ? null
    : violation(
        'SEC-JOBCENTER',
        `RequestUserMetadata organisation ${formatOrganisation(user.organisation)} differs from ActiveOrganisation ` +
          `${formatOrganisation(ao)}; allowed here: ${allowedForJobcenter(ao).join(', ')}`,
      );
};

/** A jobcenter's calls may carry its municipality's employees (7/kommunekode) and other actors (4/CVR). */
const jobcenterExceptionApplies = (jobcenter: Organisation, userOrg: Organisation): boolean =>
  (userOrg.type === OrganisationType.Kommune && userOrg.code === kommuneOfJobcenter(jobcenter.code)) ||
  (userOrg.type === OrganisationType.AndenAktoer && /^\d{8}$/.test(userOrg.code));

const allowedForJobcenter = (jobcenter: Organisation): string[] => {
  const kommune = kommuneOfJobcenter(jobcenter.code);
  return [
    formatOrganisation(jobcenter),
    ...(kommune ? [`${OrganisationType.Kommune}/${kommune}`] : []),
    `${OrganisationType.AndenAktoer}/<CVR>`,
  ];
};

/** SEC-CITIZEN, header part: a citizen's header carries the citizen's CPR twice. */
const citizenHeaderRule = (user: RequestUserMetadata): Violation | null => {
  const cpr = user.organisation.code;
  if (!isWellFormedCpr(cpr)) {
    return violation(
      'SEC-CITIZEN',
      `a citizen call needs the citizen's CPR as OrganisationCode, got "${cpr}"`,
    );
  }
  return user.userIdentifier === cpr
    ? null
    : violation(
        'SEC-CITIZEN',
        `a citizen call needs UserIdentifier equal to the CPR in OrganisationCode (${cpr})`,
      );
};

/**
 * SEC-CITIZEN, service part: a citizen-type call may not use BookingWsrmMessageService. A receiver's
 * queue belongs to the organisation, not to a citizen: a pickup hands over other citizens' bookings
 * in full, and its TerminateSequence deletes what the organisation has not yet read.
 */
export const citizenServiceRule = (service: string): Violation | null =>
  service === 'BookingWsrmMessageService'
    ? violation(
        'SEC-CITIZEN',
        "a citizen call may not use BookingWsrmMessageService: a receiver's queue belongs to the " +
          'organisation, not to a citizen; call it as the organisation (RequestUserType 2, 3 or 4)',
      )
    : null;

/** The two headers, as the SEC-CITIZEN rules read them. */
interface CallHeaders {
  readonly activeOrganisation: Organisation;
  readonly requestUserMetadata: RequestUserMetadata;
}

/**
 * Whether SEC-CITIZEN's data part applies: a citizen (user type 1) calling through anything but a
 * STAR system (SEC-STAR skips it).
 */
export const isCitizenCall = (headers: CallHeaders): boolean =>
  headers.activeOrganisation.type !== OrganisationType.Star &&
  headers.requestUserMetadata.userType === RequestUserType.Citizen;

/**
 * SEC-CITIZEN, data part: a citizen call may only touch that citizen's own data. Like the header
 * part, it is skipped for STAR's own systems (SEC-STAR).
 */
export const citizenMayTouch = (headers: CallHeaders, cpr: string): Violation | null =>
  !isCitizenCall(headers) || headers.requestUserMetadata.organisation.code === cpr
    ? null
    : violation(
        'SEC-CITIZEN',
        "a citizen call may only touch the citizen's own data (the CPR in the header)",
      );

/** A booking a request names by its BookingIdentifier, as it is stored. */
export interface NamedBooking {
  readonly id: string;
  readonly cpr: string;
}

/** A value from the body, short enough to quote in a fault (the body is not schema-checked yet). */
const quoted = (value: string): string =>
  JSON.stringify(value.length > 32 ? `${value.slice(0, 32)}…` : value);

/**
 * SEC-CITIZEN, data part, in step 4 of RULES.md's order of checks (before REQ-SCHEMA and the
 * operation's rules): every PersonCivilRegistrationIdentifier in the body, and the CPR of every
 * existing booking the body names, must be the citizen's own CPR from the header. Pure: the caller
 * gathers the facts (the CPRs as sent, trimmed; the named bookings that exist).
 */
export const citizenDataVerdict = (
  headers: CallHeaders,
  namedCprs: readonly string[],
  namedBookings: readonly NamedBooking[],
): Violation | null => {
  if (!isCitizenCall(headers)) return null;
  const own = headers.requestUserMetadata.organisation.code;
  // An empty PersonCivilRegistrationIdentifier names nobody: REQ-SCHEMA or BK-VALID answers it.
  const cpr = namedCprs.find((c) => c !== '' && citizenMayTouch(headers, c) !== null);
  if (cpr !== undefined) {
    return violation(
      'SEC-CITIZEN',
      `a citizen call may only touch the citizen's own data: the body names PersonCivilRegistrationIdentifier ` +
        `${quoted(cpr)}, the header's CPR is ${own}`,
    );
  }
  const booking = namedBookings.find((b) => citizenMayTouch(headers, b.cpr) !== null);
  return booking
    ? violation(
        'SEC-CITIZEN',
        `a citizen call may only touch the citizen's own data: booking ${booking.id} is not a booking of ` +
          `the header's CPR ${own}`,
      )
    : null;
};

/**
 * SEC-USERTYPE: a caseworker call names a concrete person (first and last name), never "Unknown"
 * or a system name; only batch jobs (type 3) may send a system name.
 */
export const caseworkerNameRule = (user: RequestUserMetadata): Violation | null => {
  if (user.userType !== RequestUserType.Caseworker) return null;
  return isPersonName(user.userFullName)
    ? null
    : violation(
        'SEC-USERTYPE',
        `a caseworker call must carry the caseworker's first and last name, got "${user.userFullName}"; ` +
          'use RequestUserType 3 (System) for batch jobs',
      );
};
