import { z } from 'zod';
import { parseXsDateTime } from '../domain/copenhagen-time';

/**
 * The value types of the REST contract (REST.md §2, §4), as zod schemas the validation and the
 * OpenAPI document share. They carry no transforms: what a client sends is what the document shows.
 */

/**
 * RFC 3339 with the emulator's two allowances (REST.md §2, CONTRACT.md): up to 7 fraction digits, as
 * .NET writes, and no offset at all, read as Copenhagen time (a .NET DateTime of kind Unspecified).
 */
const DATE_TIME =
  /^\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])T(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d(?:\.\d{1,7})?(?:Z|[+-](?:[01]\d|2[0-3]):[0-5]\d)?$/;

export const dateTimeText = z
  .string()
  .regex(DATE_TIME, {
    error: 'an RFC 3339 date-time such as 2026-03-02T10:00:00+01:00 (without an offset: Copenhagen time)',
    abort: true,
  })
  .refine((text) => parseXsDateTime(text) !== null, 'a date that exists in the calendar');

/** A Copenhagen calendar date, YYYY-MM-DD (REST.md §2). */
export const dateText = z.iso.date({ error: 'a calendar date YYYY-MM-DD that exists' });

/** Identifiers are UUIDs in either case (STAR's guid type), compared without regard to case. */
export const uuidText = z.guid({ error: 'a UUID (8-4-4-4-12 hexadecimal digits)' });

/**
 * STAR's CPR pattern (the OIO CPRPersonCivilRegistrationIdentifierType), as src/domain/cpr.ts reads
 * it, written out here because the OpenAPI document must carry it as a pattern (a unit test compares
 * the two for every day and month).
 */
export const CPR_PATTERN =
  /^(?:(?:(?:0[1-9]|[12]\d|3[01])(?:01|03|05|07|08|10|12))|(?:(?:0[1-9]|[12]\d|30)(?:04|06|09|11))|(?:(?:0[1-9]|[12]\d)02))\d{6}$/;

export const cprText = z.string().regex(CPR_PATTERN, {
  error: 'a CPR number: 10 digits whose first six are a day and month that exist (DDMMYY)',
});

/** The x-civilregistrationIdentifier header's pattern: STAR's CPR pattern with 0000000000 (REST.md §2, STAR P3). */
export const CPR_HEADER_PATTERN = new RegExp(`^(?:0000000000|${CPR_PATTERN.source.slice(1, -1)})$`);

export const cprHeaderText = z.string().regex(CPR_HEADER_PATTERN, {
  error: 'a CPR number: 10 digits whose first six are a day and month that exist (DDMMYY), or 0000000000',
});

/**
 * Integers are .NET's int. Code-list fields are plain integers (REST.md §6): a value outside the list
 * is the business rule's answer (BK-VALID's 900xx), not the schema's.
 */
export const int32 = z.int32({ error: 'a whole number' });
