import { z } from 'zod';
import { OrganisationView } from './organisation.view';

/** RequestUserMetadataHeader as it was sent, in camelCase (registrationDateTime as written). */
export const RequestUserMetadataView = z.object({
  userFullName: z.string(),
  userType: z.number().int().describe('1 Citizen, 2 Caseworker, 3 System, 4 Employee'),
  userIdentifier: z.string(),
  userEmail: z.string().optional(),
  organisation: OrganisationView,
  registrationDateTime: z.string(),
});
