import { z } from 'zod';
import { findCodeListItem } from '../../domain/codelists';
import { adminEndpoint } from '../admin-endpoint';
import { cprInput, dateInput } from '../admin-inputs';
import { Problem } from '../problem';
import { CitizenView, citizenView } from '../views/citizen.view';

const CitizenInput = z.strictObject({
  name: z.string().trim().min(1, 'the citizen needs a name').max(140),
  kommune: z.string().regex(/^\d{3}$/, 'a kommunekode: 3 digits, e.g. 751'),
  jobcenter: z.string().regex(/^\d{5}$/, 'a jobcenter code: 5 digits, e.g. 75100'),
  akasse: z
    .string()
    .regex(/^\d{1,10}$/, 'an a-kasse number (digits, e.g. 17), or null for none')
    .nullable()
    .default(null),
  selfBookingDeadlines: z
    .array(
      z.strictObject({
        interviewType: z
          .number()
          .int()
          .describe('an interview type of the code list (GET /admin/codelists/InterviewType)'),
        deadline: dateInput,
      }),
    )
    .default([])
    .refine(
      (ds) => new Set(ds.map((d) => d.interviewType)).size === ds.length,
      'at most one deadline per interview type',
    ),
});

/**
 * PUT /admin/citizens/{cpr}: stores the citizen whole (name, who follows them, self-booking
 * deadlines); the deadlines sent replace the earlier ones. Answers the citizen as stored.
 */
export const putCitizenHandler = adminEndpoint({
  params: z.object({ cpr: cprInput }),
  body: CitizenInput,
  response: CitizenView,
  handle: ({ store }, { params, body }) => {
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
    store.citizens.save({ cpr: params.cpr, ...body });
    const saved = store.citizens.find(params.cpr);
    if (!saved) throw new Error(`citizen ${params.cpr} was saved but cannot be read back`);
    return citizenView(saved);
  },
});
