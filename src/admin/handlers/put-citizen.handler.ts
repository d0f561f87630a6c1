import { z } from 'zod';
import { findCodeListItem } from '../../domain/codelists';
import { changedDeadlines, queueDeadlineMessages } from '../../push/push-queue';
import { adminEndpoint } from '../admin-endpoint';
import { copenhagenDate } from '../../domain/copenhagen-time';
import { resolveDate, resolveInstant } from '../../store/fixtures';
import { cprInput, dateOrRelativeInput, instantOrRelativeInput, organisationQuery } from '../admin-inputs';
import type { FieldError } from '../problem';
import { Problem } from '../problem';
import { CitizenView, citizenView } from '../views/citizen.view';

const akasseCode = z.string().regex(/^\d{1,10}$/, 'an a-kasse number (digits, e.g. 17)');

const CitizenInput = z
  .strictObject({
    name: z.string().trim().min(1, 'the citizen needs a name').max(140),
    kommune: z.string().regex(/^\d{3}$/, 'a kommunekode: 3 digits, e.g. 751'),
    jobcenter: z.string().regex(/^\d{5}$/, 'a jobcenter code: 5 digits, e.g. 75100'),
    akasse: z
      .string()
      .regex(/^\d{1,10}$/, 'an a-kasse number (digits, e.g. 17), or null for none')
      .nullable()
      .optional()
      .describe('shorthand for one open membership of this a-kasse with no start'),
    memberships: z
      .array(
        z.strictObject({
          akasse: akasseCode,
          from: dateOrRelativeInput.nullable().default(null),
          to: dateOrRelativeInput.nullable().default(null),
        }),
      )
      .optional(),
    andenAktoer: z
      .array(z.string().regex(/^\d{8}$/, 'a CVR number: 8 digits'))
      .default([])
      .describe('CVR numbers of the anden aktører the jobcenter has assigned the citizen to'),
    guestAccess: z
      .array(z.strictObject({ organisation: organisationQuery, until: instantOrRelativeInput }))
      .default([])
      .describe('accesses for other organisations (TYPE:CODE), in force up to and including until'),
    deceased: dateOrRelativeInput.nullable().default(null),
    cvNumber: z
      .string()
      .regex(/^\d{8}$/, 'a CV number: 8 digits')
      .nullable()
      .default(null),
    selfBookingDeadlines: z
      .array(
        z.strictObject({
          interviewType: z
            .number()
            .int()
            .describe('an interview type of the code list (GET /admin/codelists/InterviewType)'),
          deadline: dateOrRelativeInput,
          status: z
            .enum(['open', 'fulfilled', 'closed'])
            .default('open')
            .describe('BK-DEADLINE-STATUS; a deadline set fulfilled here has no booking and stays fulfilled'),
        }),
      )
      .default([])
      .refine(
        (ds) => new Set(ds.map((d) => d.interviewType)).size === ds.length,
        'at most one deadline per interview type',
      ),
  })
  .superRefine((body, ctx) => {
    if (body.akasse !== undefined && body.memberships !== undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['memberships'],
        message: 'give either akasse (one open membership) or memberships, not both',
      });
  });

type CitizenBody = z.output<typeof CitizenInput>;

/**
 * The body's dates with the relative ones ("+14d", "+30d 23:59") resolved against the emulator's
 * today, as fixture files are when loaded; and the memberships checked once their dates are known.
 */
const withDatesResolved = (body: CitizenBody, now: Date) => {
  const today = copenhagenDate(now);
  const memberships = body.memberships?.map((m) => ({
    akasse: m.akasse,
    from: m.from === null ? null : resolveDate(m.from, today),
    to: m.to === null ? null : resolveDate(m.to, today),
  }));
  const backwards: FieldError[] = (memberships ?? []).flatMap((m, i) =>
    m.from !== null && m.to !== null && m.from > m.to
      ? [{ path: `body.memberships.${i}`, message: `from (${m.from}) must not be after to (${m.to})` }]
      : [],
  );
  if (backwards.length > 0) throw new Problem(400, `${backwards.length} invalid field(s)`, backwards);
  return {
    ...body,
    memberships,
    guestAccess: body.guestAccess.map((g) => ({ ...g, until: resolveInstant(g.until, today) })),
    deceased: body.deceased === null ? null : resolveDate(body.deceased, today),
    selfBookingDeadlines: body.selfBookingDeadlines.map((d) => ({
      ...d,
      deadline: resolveDate(d.deadline, today),
    })),
  };
};

/**
 * PUT /admin/citizens/{cpr}: stores the citizen whole (name, who follows them and who may see
 * them, self-booking deadlines); what is sent replaces what was stored. Dates may be relative to the
 * emulator's today ("+14d"; "+30d 23:59" for a guest access's until), as in fixture files. Answers
 * the citizen as stored.
 */
export const putCitizenHandler = adminEndpoint({
  params: z.object({ cpr: cprInput }),
  body: CitizenInput,
  response: CitizenView,
  handle: ({ store, clock }, { params, body }) => {
    const now = clock.now();
    const codeLists = store.codelists.current();
    const unknown = body.selfBookingDeadlines.flatMap((d, i) =>
      findCodeListItem(codeLists, 'InterviewType', d.interviewType)
        ? []
        : [
            {
              path: `body.selfBookingDeadlines.${i}.interviewType`,
              message: 'an interview type of the code list',
            },
          ],
    );
    if (unknown.length > 0) throw new Problem(400, `${unknown.length} invalid field(s)`, unknown);
    const { akasse, memberships, ...rest } = withDatesResolved(body, now);
    // One transaction: the citizen and the Frist messages its changed deadlines send (P21).
    const saved = store.transaction(() => {
      const before = store.citizens.find(params.cpr);
      store.citizens.save({
        cpr: params.cpr,
        ...rest,
        memberships: memberships ?? (akasse ? [{ akasse, from: null, to: null }] : []),
      });
      const after = store.citizens.find(params.cpr);
      if (!after) throw new Error(`citizen ${params.cpr} was saved but cannot be read back`);
      for (const { deadline, created } of changedDeadlines(
        before?.selfBookingDeadlines ?? [],
        after.selfBookingDeadlines,
      ))
        queueDeadlineMessages(store.push, { citizen: after, deadline, created, now });
      return after;
    });
    return citizenView(saved, now);
  },
});
