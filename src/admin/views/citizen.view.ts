import { z } from 'zod';
import type { Citizen } from '../../domain/booking';
import { copenhagenIsoString } from '../../domain/copenhagen-time';
import { deadlineStatus } from '../../domain/deadline-status.rules';

/** A citizen as CONTRACT.md's PUT /admin/citizens/{cpr} takes and answers it (revision 2). */
export const CitizenView = z.object({
  cpr: z.string(),
  name: z.string(),
  kommune: z.string(),
  jobcenter: z.string(),
  akasse: z
    .string()
    .nullable()
    .describe('the a-kasse of the open-ended membership, if any (the revision 1 field, kept for scripts)'),
  memberships: z.array(
    z.object({
      akasse: z.string(),
      from: z.string().nullable().describe('YYYY-MM-DD, or null: from any time'),
      to: z.string().nullable().describe('YYYY-MM-DD, or null: open'),
    }),
  ),
  andenAktoer: z.array(z.string()).describe('CVR numbers of the anden aktører the citizen is assigned to'),
  guestAccess: z.array(
    z.object({
      organisation: z.string().describe('TYPE:CODE, e.g. 8:10100'),
      until: z.string().describe('ISO-8601 instant; the access is in force up to and including it'),
    }),
  ),
  deceased: z.string().nullable().describe('date of death YYYY-MM-DD, or null'),
  cvNumber: z.string().nullable(),
  selfBookingDeadlines: z.array(
    z.object({
      interviewType: z.number().int(),
      deadline: z.string().describe('YYYY-MM-DD'),
      status: z
        .enum(['open', 'fulfilled', 'closed'])
        .describe('BK-DEADLINE-STATUS now: a fulfilled deadline reads closed from its meeting date'),
    }),
  ),
});

export const citizenView = (c: Citizen, now: Date): z.input<typeof CitizenView> => ({
  cpr: c.cpr,
  name: c.name,
  kommune: c.kommune,
  jobcenter: c.jobcenter,
  akasse: c.memberships.find((m) => m.to === null)?.akasse ?? null,
  memberships: c.memberships.map((m) => ({ akasse: m.akasse, from: m.from, to: m.to })),
  andenAktoer: [...c.andenAktoer],
  guestAccess: c.guestAccess.map((g) => ({
    organisation: `${g.organisation.type}:${g.organisation.code}`,
    until: copenhagenIsoString(g.until),
  })),
  deceased: c.deceased,
  cvNumber: c.cvNumber,
  selfBookingDeadlines: c.selfBookingDeadlines.map((d) => ({
    interviewType: d.interviewType,
    deadline: d.deadline,
    status: deadlineStatus(d, now),
  })),
});
