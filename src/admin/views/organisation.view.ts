import { z } from 'zod';

/** An organisation in the admin API's JSON: OrganisationTypeIdentifier and OrganisationCode. */
export const OrganisationView = z.object({ type: z.number().int(), code: z.string() });
