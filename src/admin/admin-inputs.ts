import { INDKALDELSE_ROUTES, INDKALDELSE_SERVICE } from '../rest/indkaldelse.routes';
import { z } from 'zod';
import { isWellFormedCpr } from '../domain/cpr';
import { isKnownOrganisationType } from '../domain/organisation';
import { parseXsDateTime } from '../domain/copenhagen-time';
import { SERVICE_CONTRACTS } from '../soap/contracts';

/**
 * The pieces of admin API input shared by several endpoints, each with the message a script's
 * author needs to fix the call.
 */
export const cprInput = z
  .string()
  .regex(/^\d{10}$/, { error: 'a CPR number: 10 digits', abort: true })
  .refine(isWellFormedCpr, 'a CPR number whose first six digits are a real day and month (DDMMYY)')
  .describe('CPR number, 10 digits');

export const organisationInput = z.object({
  type: z
    .number()
    .int()
    .refine(isKnownOrganisationType, 'an organisation type of the code list: 2, 4, 5, 7, 8 or 24')
    .describe('2 a-kasse, 4 anden aktør, 5 STAR, 7 kommune, 8 jobcenter, 24 virksomhed'),
  code: z.string().regex(/^[0-9A-Za-z-]{1,20}$/, 'an organisation code: 1 to 20 letters or digits'),
});

/** An organisation in a query string, TYPE:CODE (e.g. 8:75100), as the README and dashboard write it. */
export const organisationQuery = z
  .string()
  .regex(/^\d{1,3}:[0-9A-Za-z-]{1,20}$/, { error: 'an organisation as TYPE:CODE, e.g. 8:75100', abort: true })
  .transform((raw) => {
    const [type, code] = raw.split(':');
    return { type: Number(type), code: code ?? '' };
  })
  .refine(
    (o) => isKnownOrganisationType(o.type),
    'an organisation type of the code list: 2, 4, 5, 7, 8 or 24',
  );

/** An instant with its offset (Z or ±hh:mm): a time without one would be ambiguous. */
export const instantInput = z
  .string()
  .regex(/(Z|[+-]\d{2}:\d{2})$/, {
    error: 'an ISO-8601 date-time with an offset, e.g. 2026-03-02T10:00:00+01:00',
    abort: true,
  })
  .transform((raw, ctx) => {
    const instant = parseXsDateTime(raw);
    if (!instant) {
      ctx.addIssue({ code: 'custom', message: `not a real date and time: ${raw}` });
      return z.NEVER;
    }
    return instant;
  });

/** A calendar date that exists (YYYY-MM-DD). */
export const dateInput = z.iso.date({ error: 'a calendar date YYYY-MM-DD' });

/** Days from the emulator's today, as the fixture files write dates: "+14d", "-3d". */
const RELATIVE_DATE = /^[+-]\d{1,4}d$/;
/** Days from the emulator's today at a Copenhagen wall-clock time: "+30d 23:59". */
const RELATIVE_INSTANT = /^[+-]\d{1,4}d ([01]\d|2[0-3]):[0-5]\d$/;

/**
 * A date (YYYY-MM-DD) or one relative to the emulator's today ("+14d", "-3d"), as fixture files
 * accept: a script sets up "a deadline in two weeks" without computing it. Resolved by the handler
 * against the emulator's clock (resolveDate).
 */
export const dateOrRelativeInput = z
  .string()
  .refine((v) => RELATIVE_DATE.test(v) || dateInput.safeParse(v).success, {
    message: 'a calendar date YYYY-MM-DD, or days from today: "+14d", "-3d"',
  })
  .describe('YYYY-MM-DD, or days from the emulator\'s today: "+14d", "-3d"');

/** An instant with its offset, or days from the emulator's today at a Copenhagen time ("+30d 23:59"). */
export const instantOrRelativeInput = z
  .string()
  .refine((v) => RELATIVE_INSTANT.test(v) || instantInput.safeParse(v).success, {
    message: 'an ISO-8601 date-time with an offset, or days from today at a Copenhagen time: "+30d 23:59"',
  })
  .describe('ISO-8601 with an offset, or days from the emulator\'s today at a Copenhagen time: "+30d 23:59"');

/** How many rows a list answers at most. */
export const limitQuery = z
  .string()
  .regex(/^\d+$/, { error: 'a whole number 1..1000', abort: true })
  .transform(Number)
  .refine((n) => n >= 1 && n <= 1000, 'a whole number 1..1000');

export const uuidInput = z.guid({ error: 'a UUID (8-4-4-4-12 hexadecimal digits)' });

// The SOAP services and the REST one (REST.md §3), whose calls the journal and the audit log keep too.
const SERVICE_NAMES: readonly string[] = [...SERVICE_CONTRACTS.map((s) => s.name), INDKALDELSE_SERVICE];
const OPERATION_NAMES: readonly string[] = [
  ...new Set([
    ...SERVICE_CONTRACTS.flatMap((s) => s.operations),
    ...INDKALDELSE_ROUTES.map((r) => r.starMethod ?? r.operationId),
  ]),
].sort();

/** A service by its name, as the journal and the audit log record it. */
export const serviceInput = z
  .string()
  .refine((s) => SERVICE_NAMES.includes(s), { message: `one of ${SERVICE_NAMES.join(', ')}` })
  .describe('a service, e.g. BookingService');

/**
 * An operation by its name. An unknown one is refused rather than matching nothing, so a misspelt
 * expectation ("CreateBookng") fails loudly instead of counting 0.
 */
export const operationInput = z
  .string()
  .refine((o) => OPERATION_NAMES.includes(o), { message: `one of ${OPERATION_NAMES.join(', ')}` })
  .describe('an operation, e.g. CreateBooking');

/**
 * A call's outcome as the audit log and journal record it, or any fault. A call a fault rule
 * answered with an HTTP status has that status as its outcome (503), one it dropped `dropped`.
 */
export const outcomeInput = z
  .string()
  // REST answers STAR's five-digit codes (90000-90036, REST.md §5) and records them as answered; a fault
  // rule answers an HTTP status or drops the connection.
  .regex(
    /^(ok|fault|dropped|\d{3,5})$/,
    'ok, fault (any fault), a fault code such as 5102 or 90001, or what a fault rule answered: an HTTP status such as 503, or dropped',
  )
  .describe(
    'ok, fault (any fault), a fault code such as 5102 or 90001, or what a fault rule answered: an HTTP status such as 503, or dropped',
  );

/** A poller's cursor: the reference id of the newest call it has. */
export const afterQuery = uuidInput.describe(
  'the referenceId of the newest call already seen: only the calls newer than it',
);

/** A page's cursor: the reference id of the last call of the page before. */
export const beforeQuery = uuidInput.describe(
  'the referenceId of the last call of the page before (the `next` of its answer): the calls after it',
);
