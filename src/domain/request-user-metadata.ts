import type { Organisation } from './organisation';

/** RequestUserType code list (RULES.md). */
export const RequestUserType = { Citizen: 1, Caseworker: 2, System: 3, Employee: 4 } as const;

const KNOWN_USER_TYPES: ReadonlySet<number> = new Set(Object.values(RequestUserType));
export const isKnownRequestUserType = (type: number): boolean => KNOWN_USER_TYPES.has(type);

/** The RequestUserMetadataHeader as sent, kept whole (BK-OWNER-META stores it with the booking). */
export interface RequestUserMetadata {
  readonly userFullName: string;
  readonly userType: number;
  readonly userIdentifier: string;
  readonly userEmail?: string | undefined;
  readonly organisation: Organisation;
  /** As sent (xs:dateTime lexical form), so it is returned exactly as the caller wrote it. */
  readonly registrationDateTime: string;
}
