import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { Booking } from '../domain/booking';
import { bookingOriginator } from '../domain/booking-originator.rules';
import { addDays, copenhagenDate, fromCopenhagenWallClock } from '../domain/copenhagen-time';
import { OrganisationType, STAR_CVR } from '../domain/organisation';
import { canonicalUuid } from '../domain/uuid';
import type { Store } from './store';

/**
 * The world a new installation starts with (fixtures/*.json). Dates may be relative to the day the
 * fixtures are loaded ("+14d", or "+7d 10:00" for a meeting), so a fresh database always holds
 * deadlines that lie ahead and behind, whatever the date.
 */
const organisation = z.object({ type: z.number().int(), code: z.string().min(1) });
const relativeOrIsoDate = z
  .string()
  .regex(/^([+-]\d+d|\d{4}-\d{2}-\d{2})$/, 'a date YYYY-MM-DD or a relative "+Nd"');
const relativeOrIsoInstant = z
  .string()
  .regex(
    /^([+-]\d+d \d{2}:\d{2}|\d{4}-\d{2}-\d{2}T.+)$/,
    'an ISO instant or a relative "+Nd HH:MM" (Copenhagen time)',
  );

const metadata = z.object({
  userFullName: z.string().min(1),
  userType: z.number().int(),
  userIdentifier: z.string().min(1),
  userEmail: z.string().optional(),
  organisation,
  registrationDateTime: z.string(),
});

export const FixtureFiles = {
  organisations: z.array(organisation.extend({ name: z.string().min(1) })),
  certificates: z.array(
    z.object({ name: z.string().regex(/^[\w.-]+$/), organisations: z.array(organisation).min(1) }),
  ),
  citizens: z.array(
    z
      .object({
        cpr: z.string().regex(/^\d{10}$/),
        name: z.string().min(1),
        kommune: z.string().regex(/^\d{3}$/),
        jobcenter: z.string().regex(/^\d{5}$/),
        /** Shorthand for one open membership without a start, as in the admin API. */
        akasse: z.string().nullable().optional(),
        memberships: z
          .array(
            z.object({
              akasse: z.string().min(1),
              from: relativeOrIsoDate.nullable(),
              to: relativeOrIsoDate.nullable(),
            }),
          )
          .optional(),
        andenAktoer: z.array(z.string().regex(/^\d{8}$/)).default([]),
        guestAccess: z
          .array(z.object({ organisation: z.string().regex(/^\d+:\w+$/), until: relativeOrIsoInstant }))
          .default([]),
        deceased: relativeOrIsoDate.nullable().default(null),
        cvNumber: z
          .string()
          .regex(/^\d{8}$/)
          .nullable()
          .default(null),
        selfBookingDeadlines: z.array(
          z.object({
            interviewType: z.number().int(),
            deadline: relativeOrIsoDate,
            status: z.enum(['open', 'fulfilled', 'closed']).default('open'),
          }),
        ),
      })
      .refine((c) => c.akasse === undefined || c.memberships === undefined, {
        message: 'give either akasse or memberships, not both',
      }),
  ),
  bookings: z.array(
    z.object({
      id: z.uuid(),
      cpr: z.string().regex(/^\d{10}$/),
      interviewType: z.number().int().min(1),
      /** The meeting form and group type (CONTRACT.md); 1, 1 (in person, individual) when not given. */
      contactType: z.number().int().default(1),
      formType: z.number().int().default(1),
      start: relativeOrIsoInstant,
      durationMinutes: z.number().int().positive(),
      meetingOrganisation: organisation,
      meetingLocation: z.string().optional(),
      digitalMeetingLink: z.url().optional(),
      caseworkerName: z.string().optional(),
      compulsoryAttendance: z.boolean().default(true),
      selfBooked: z.boolean(),
      /** A fixture booking has no deadlines: nothing to rebook or cancel by, unless it says so. */
      rebookingPossible: z.boolean().default(false),
      cancellationPossible: z.boolean().default(true),
      createdBy: z.object({ organisation, metadata, system: z.string() }),
    }),
  ),
  /** Push subscriptions (REST.md §7), as PUT /admin/subscriptions/{name} takes them; none by default. */
  subscriptions: z.array(
    z.strictObject({
      name: z.string().regex(/^[\w.-]{1,64}$/),
      organisation: z
        .string()
        .regex(/^(2|7|8):\w+$/, 'TYPE:CODE of a jobcenter (8), kommune (7) or a-kasse (2)'),
      messageTypes: z.array(z.enum(['Indkaldelse', 'Frist'])).min(1),
      url: z.url().refine((u) => u.startsWith('https://'), 'an https:// URL'),
      serverCa: z.string().optional(),
    }),
  ),
} as const;

export type Fixtures = { [K in keyof typeof FixtureFiles]: z.infer<(typeof FixtureFiles)[K]> };

export class FixtureError extends Error {}

export const readFixtures = (dir: string): Fixtures => {
  const read = <K extends keyof Fixtures>(name: K, whenAbsent?: Fixtures[K]): Fixtures[K] => {
    const file = join(dir, `${name}.json`);
    // A fixtures folder made before a file existed keeps working without it.
    if (whenAbsent !== undefined && !existsSync(file)) return whenAbsent;
    let json: unknown;
    try {
      json = JSON.parse(readFileSync(file, 'utf8'));
    } catch (e) {
      throw new FixtureError(`fixtures: cannot read ${file}: ${(e as Error).message}`);
    }
    const parsed = FixtureFiles[name].safeParse(json);
    if (!parsed.success)
      throw new FixtureError(`fixtures: ${file} is invalid:\n${z.prettifyError(parsed.error)}`);
    return parsed.data as Fixtures[K];
  };
  return {
    organisations: read('organisations'),
    certificates: read('certificates'),
    citizens: read('citizens'),
    bookings: read('bookings'),
    subscriptions: read('subscriptions', []),
  };
};

/** A date as written ("2026-03-10", or "+14d" / "-3d" from `today`, a Copenhagen date) as YYYY-MM-DD. */
export const resolveDate = (value: string, today: string): string =>
  value.endsWith('d') ? addDays(today, Number(value.slice(0, -1))) : value;

/** An instant as written (ISO, or "+7d 10:00": days from `today` at a Copenhagen wall-clock time). */
export const resolveInstant = (value: string, today: string): Date => {
  const relative = /^([+-]\d+)d (\d{2}):(\d{2})$/.exec(value);
  if (!relative) return new Date(value);
  const [y, m, d] = addDays(today, Number(relative[1])).split('-').map(Number);
  return fromCopenhagenWallClock(
    Date.UTC(y ?? 0, (m ?? 1) - 1, d ?? 1, Number(relative[2]), Number(relative[3])),
  );
};

/**
 * Loads the fixtures when the store holds no organisation yet: checked and loaded in one write
 * transaction, so two processes starting on a new database file load them once.
 */
export const loadFixturesIntoEmptyStore = (
  store: Store,
  fixtures: Fixtures,
  now: Date,
  starCvr: string = STAR_CVR,
): boolean =>
  store.transaction(() => {
    if (store.organisations.count() > 0) return false;
    loadFixtures(store, fixtures, now, starCvr);
    return true;
  });

/**
 * Loads organisations, citizens and bookings into the store, in one transaction. `starCvr` is the
 * configured STAR CVR number, the BookingOriginator of a Jobnet self-booking without a CV number.
 */
export const loadFixtures = (
  store: Store,
  fixtures: Fixtures,
  now: Date,
  starCvr: string = STAR_CVR,
): void => {
  const today = copenhagenDate(now);
  store.transaction(() => {
    for (const o of fixtures.organisations) store.organisations.save(o);
    for (const { akasse, memberships, guestAccess, deceased, ...c } of fixtures.citizens) {
      store.citizens.save({
        ...c,
        memberships:
          memberships?.map((m) => ({
            akasse: m.akasse,
            from: m.from === null ? null : resolveDate(m.from, today),
            to: m.to === null ? null : resolveDate(m.to, today),
          })) ?? (akasse ? [{ akasse, from: null, to: null }] : []),
        guestAccess: guestAccess.map((g) => {
          const [type, code] = g.organisation.split(':');
          return {
            organisation: { type: Number(type), code: code ?? '' },
            until: resolveInstant(g.until, today),
          };
        }),
        deceased: deceased === null ? null : resolveDate(deceased, today),
        selfBookingDeadlines: c.selfBookingDeadlines.map((d) => ({
          ...d,
          deadline: resolveDate(d.deadline, today),
        })),
      });
    }
    for (const b of fixtures.bookings) {
      const start = resolveInstant(b.start, today);
      const { createdBy, durationMinutes, ...rest } = b;
      const booking: Booking = {
        ...rest,
        id: canonicalUuid(rest.id),
        start,
        end: new Date(start.getTime() + durationMinutes * 60_000),
        status: 'Active',
        createdAt: now,
        lastChangedAt: now,
        creator: createdBy,
        originator: bookingOriginator(
          createdBy.organisation,
          b.selfBooked,
          store.citizens.find(b.cpr)?.cvNumber ?? null,
          starCvr,
        ),
        createdSelfBookedOutsideStar: b.selfBooked && createdBy.organisation.type !== OrganisationType.Star,
      };
      store.bookings.insert(booking);
      store.bookings.appendHistory(
        booking.id,
        {
          time: now,
          change: 'Created',
          activeOrganisation: createdBy.organisation,
          requestUserMetadata: createdBy.metadata,
          referenceId: 'fixture',
        },
        booking,
      );
      store.reminders.syncWith(booking);
    }
    for (const sub of fixtures.subscriptions) {
      const [type, code] = sub.organisation.split(':');
      store.push.saveSubscription({
        name: sub.name,
        organisation: { type: Number(type), code: code ?? '' },
        messageTypes: sub.messageTypes,
        url: sub.url,
        serverCaPem: sub.serverCa ?? null,
        createdAt: now,
      });
    }
  });
};
