import { z } from 'zod';
import type { DfdgSource } from './dfdg-source';
import { ActiveOrganisationDto, RequestUserMetadataDto } from './metadata.dto';
import { cprHeaderText } from './rest-field-types';

/** One request header of REST.md §2, as the rules name it and the OpenAPI document declares it. */
export interface RestHeader {
  readonly name: string;
  readonly schema: z.ZodType;
  /** A DTO sent as compact JSON (`content: application/json` in the document), or a plain string. */
  readonly json: boolean;
  readonly source: DfdgSource;
  readonly description: string;
}

export const ACTIVE_ORGANISATION_HEADER: RestHeader = {
  name: 'X-ActiveOrganisation',
  schema: ActiveOrganisationDto,
  json: true,
  source: 'STAR P8 (the DTO); the JSON text ours',
  description:
    'The authority the call is made for, ActiveOrganisationDto as one line of compact JSON; non-ASCII as \\u escapes such as \\u00f8 (raw UTF-8 accepted). Missing: 8232; not one JSON object of the DTO (a wrong type, an unknown field, the header twice): 8234.',
};

export const REQUEST_USER_METADATA_HEADER: RestHeader = {
  name: 'X-RequestUserMetadata',
  schema: RequestUserMetadataDto,
  json: true,
  source: 'STAR P8 (the DTO); the JSON text ours',
  description:
    'The calling authority and user, RequestUserMetadataDto as one line of compact JSON; non-ASCII as \\u escapes such as \\u00f8 (raw UTF-8 accepted). Missing: 8233; not one JSON object of the DTO: 8235.',
};

export const CPR_HEADER: RestHeader = {
  name: 'x-civilregistrationIdentifier',
  schema: cprHeaderText,
  json: false,
  source: 'STAR P3',
  description:
    "The citizen's CPR number (STAR's pattern; 0000000000 included); header names are case-insensitive. Missing: 1014; failing the pattern: 1001.",
};

/** REQ-REQUESTID's bound (STAR P3): 1..46 characters. */
export const REQUEST_ID_MAX_LENGTH = 46;

export const REQUEST_ID_HEADER: RestHeader = {
  name: 'x-requestId',
  schema: z.string().min(1).max(REQUEST_ID_MAX_LENGTH),
  json: false,
  source: 'STAR P3',
  description:
    'Unique per request, typically a GUID, 1..46 characters; missing or longer: 1014. Seen before within 7 days of emulator time: HTTP 412 (5300), and nothing changes.',
};
