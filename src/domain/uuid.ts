/**
 * Booking and WSRM identifiers are UUIDs (STAR's guid type, hexadecimal in either case). RFC 4122
 * reads them without regard to case, and so does the emulator (RULES.md BK-NOT-FOUND): each is
 * stored, compared and answered in one form, lower case, the form the emulator generates. Only
 * ASCII letters are folded, exactly as SQLite's lower() folds them (migration 0004).
 */
export const canonicalUuid = (id: string): string =>
  id.replace(/[A-Z]+/g, (letters) => letters.toLowerCase());
