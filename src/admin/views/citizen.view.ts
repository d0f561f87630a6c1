import { z } from 'zod';
import type { Citizen } from '../../domain/booking';

/** A citizen as CONTRACT.md's PUT /admin/citizens/{cpr} takes and answers it. */
export const CitizenView = z.object({
  cpr: z.string(),
  name: z.string(),
  kommune: z.string(),
  jobcenter: z.string(),
  akasse: z.string().nullable(),
  selfBookingDeadlines: z.array(
    z.object({ interviewType: z.number().int(), deadline: z.string().describe('YYYY-MM-DD') }),
  ),
});

export const citizenView = (c: Citizen): z.input<typeof CitizenView> => ({
  cpr: c.cpr,
  name: c.name,
  kommune: c.kommune,
  jobcenter: c.jobcenter,
  akasse: c.akasse,
  selfBookingDeadlines: c.selfBookingDeadlines.map((d) => ({
    interviewType: d.interviewType,
    deadline: d.deadline,
  })),
});
