import { z } from 'zod';
import { sourced } from './dfdg-source';
import { dateTimeText, int32 } from './rest-field-types';

/**
 * The two metadata DTOs of STAR's REST services (REST.md §4, STAR P8), sent as the headers
 * X-ActiveOrganisation and X-RequestUserMetadata in compact JSON (REST.md §2; the encoding is ours).
 * Their objects are strict: a field STAR's DTO does not have is refused (8234/8235), as SOAP's header
 * schemas refuse a foreign element.
 */

export const ActiveOrganisationDto = sourced(
  z.strictObject({
    organisationType: sourced(
      int32,
      'STAR P8',
      'The organisation type (OrganisationType code list: 2 a-kasse, 4 anden aktør, 5 STAR, 7 kommune, 8 jobcenter, 24 virksomhed); another value is 8173.',
    ),
    organisationCode: sourced(
      z.string().regex(/^\d{1,8}$/, { error: 'an organisation code of 1 to 8 digits' }),
      'STAR P8',
      'The organisation code: jobcenterkode, kommunekode, CVR number, a-kasse number or STAR system code.',
    ),
  }),
  'STAR P8',
  'An organisation: in the X-ActiveOrganisation header the authority the call is made for (the impersonated authority, SOAP ActiveOrganisationHeader).',
);

export const RequestUserMetadataDto = sourced(
  z.strictObject({
    requestUserStructure: sourced(
      z.strictObject({
        userFullName: sourced(
          z.string().min(1).max(140),
          'STAR P8',
          "The user's full name (a caseworker: a first and a last name, SEC-USERTYPE), or the system or job name.",
        ),
        requestUserType: sourced(
          int32,
          'STAR P8',
          'RequestUserType code list: 1 Citizen, 2 Caseworker, 3 System, 4 Employee; another value is 8174.',
        ),
        userIdentifier: sourced(
          z.string().min(1).max(255),
          'STAR P8',
          "The user's identifier: a citizen's CPR, otherwise e.g. CVR:x-UUID:y or CVR:x-FID:y.",
        ),
        userEmail: sourced(z.string(), 'STAR P8', "The user's e-mail address.").optional(),
      }),
      'STAR P8',
      'The user acting.',
    ),
    requestOrganisationStructure: sourced(
      z.strictObject({
        organisationType: sourced(
          int32,
          'STAR P8',
          "The user's organisation type (OrganisationType code list); another value is 8173.",
        ),
        organisationCode: sourced(
          z.string().regex(/^(?:-1|\d{1,8}|\d{10})$/, {
            error: 'an organisation code of 1 to 8 digits, -1, or a CPR number of 10 digits',
          }),
          'STAR P8 (1 to 8 digits); -1 and a 10-digit CPR ours',
          "The user's organisation code; a citizen's is their CPR (SEC-CITIZEN), as over SOAP (CONTRACT.md).",
        ),
      }),
      'STAR P8',
      "The user's organisation.",
    ),
    registrationDateTime: sourced(dateTimeText, 'STAR P8', 'When the user acted (RFC 3339).'),
  }),
  'STAR P8',
  'The calling authority and user (SOAP RequestUserMetadataHeader): the X-RequestUserMetadata header.',
);

export type ActiveOrganisationDto = z.infer<typeof ActiveOrganisationDto>;
export type RequestUserMetadataDto = z.infer<typeof RequestUserMetadataDto>;
