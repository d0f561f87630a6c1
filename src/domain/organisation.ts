/** An organisation as DFDG names it: a type from the code list and a code (RULES.md, Organisations). */
export interface Organisation {
  readonly type: number;
  readonly code: string;
}

export const OrganisationType = {
  Akasse: 2,
  AndenAktoer: 4,
  Star: 5,
  Kommune: 7,
  Jobcenter: 8,
  Virksomhed: 24,
} as const;

/** STAR's CVR number: BookingOriginator of a Jobnet self-booking when the citizen has no CV number. */
export const STAR_CVR = '55568510';

const KNOWN_ORGANISATION_TYPES: ReadonlySet<number> = new Set(Object.values(OrganisationType));

export const isKnownOrganisationType = (type: number): boolean => KNOWN_ORGANISATION_TYPES.has(type);

export const sameOrganisation = (a: Organisation, b: Organisation): boolean =>
  a.type === b.type && a.code === b.code;

export const formatOrganisation = (o: Organisation): string => `${o.type}/${o.code}`;

/** A jobcenter code is the municipality's kommunekode followed by "00" (Aarhus: 751 -> 75100). */
export const kommuneOfJobcenter = (jobcenterCode: string): string | null =>
  /^\d{3}00$/.test(jobcenterCode) ? jobcenterCode.slice(0, 3) : null;
