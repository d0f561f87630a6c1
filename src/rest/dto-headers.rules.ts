import type { ErrorKey } from '../domain/errors';
import { isKnownOrganisationType, type Organisation } from '../domain/organisation';
import { isKnownRequestUserType, type RequestUserMetadata } from '../domain/request-user-metadata';
import type { DfdgHeaders } from '../security/headers';
import type { z } from 'zod';
import { validateDto } from './dto-validation';
import {
  ActiveOrganisationDto,
  RequestUserMetadataDto,
  type ActiveOrganisationDto as AoDto,
  type RequestUserMetadataDto as RumDto,
} from './metadata.dto';
import { restViolation, type RestViolation } from './rest-errors';
import { ACTIVE_ORGANISATION_HEADER, REQUEST_USER_METADATA_HEADER } from './rest-headers';

/**
 * SEC-AO-PRESENT and SEC-RUM-PRESENT over REST (REST.md §2, step 3): the two DTO headers, read into
 * the types the SOAP headers are read into (security/headers.ts), so the shared SEC-* rules run on
 * them unchanged. A type code outside its code list is 8173/8174 here, in step 3, as the SOAP
 * headers' readers answer it (RULES.md: "present, valid against their schema, code-list values
 * known"): ActiveOrganisation's before RequestUserMetadata is read.
 */
export type RestHeaderResult<T> = { ok: true; value: T } | { ok: false; violation: RestViolation };

/** Every value of one header as sent (node's `req.headersDistinct`): undefined when absent. */
export type HeaderValues = readonly string[] | undefined;

interface HeaderFaults {
  readonly missing: ErrorKey;
  readonly invalid: ErrorKey;
}

export const readActiveOrganisationHeader = (values: HeaderValues): RestHeaderResult<Organisation> => {
  const dto = readDtoHeader(ACTIVE_ORGANISATION_HEADER.name, ActiveOrganisationDto, values, {
    missing: 'SEC-AO-MISSING',
    invalid: 'SEC-AO-INVALID',
  });
  if (!dto.ok) return dto;
  const type = dto.value.organisationType;
  if (!isKnownOrganisationType(type))
    return codeListRefusal(
      'SEC-AO-ORGTYPE',
      ACTIVE_ORGANISATION_HEADER.name,
      '/organisationType',
      `${type} is not one of ${ORGANISATION_TYPES}`,
    );
  return { ok: true, value: organisationOf(dto.value) };
};

export const readRequestUserMetadataHeader = (
  values: HeaderValues,
): RestHeaderResult<RequestUserMetadata> => {
  const dto = readDtoHeader(REQUEST_USER_METADATA_HEADER.name, RequestUserMetadataDto, values, {
    missing: 'SEC-RUM-MISSING',
    invalid: 'SEC-RUM-INVALID',
  });
  if (!dto.ok) return dto;
  const userType = dto.value.requestUserStructure.requestUserType;
  if (!isKnownRequestUserType(userType))
    return codeListRefusal(
      'SEC-RUM-USERTYPE',
      REQUEST_USER_METADATA_HEADER.name,
      '/requestUserStructure/requestUserType',
      `${userType} is not one of 1, 2, 3, 4`,
    );
  const orgType = dto.value.requestOrganisationStructure.organisationType;
  if (!isKnownOrganisationType(orgType))
    return codeListRefusal(
      'SEC-RUM-ORGTYPE',
      REQUEST_USER_METADATA_HEADER.name,
      '/requestOrganisationStructure/organisationType',
      `${orgType} is not one of ${ORGANISATION_TYPES}`,
    );
  return { ok: true, value: requestUserMetadataOf(dto.value) };
};

/** RULES.md's OrganisationTypeIdentifier code list, as the refusal names it. */
const ORGANISATION_TYPES = '2, 4, 5, 7, 8, 24';

/** 8173 / 8174: a header that reads, with a type code outside its code list (felter: the header). */
const codeListRefusal = (
  key: ErrorKey,
  header: string,
  pointer: string,
  besked: string,
): { ok: false; violation: RestViolation } => ({
  ok: false,
  violation: restViolation(key, `${header}: ${pointer}: ${besked}`, [
    { felt: header, besked: `${pointer}: ${besked}` },
  ]),
});

/** Both headers, ActiveOrganisation first, as RULES.md reads the SOAP ones. */
export const readRestDfdgHeaders = (
  activeOrganisation: HeaderValues,
  requestUserMetadata: HeaderValues,
): RestHeaderResult<DfdgHeaders> => {
  const ao = readActiveOrganisationHeader(activeOrganisation);
  if (!ao.ok) return ao;
  const rum = readRequestUserMetadataHeader(requestUserMetadata);
  if (!rum.ok) return rum;
  return { ok: true, value: { activeOrganisation: ao.value, requestUserMetadata: rum.value } };
};

export const organisationOf = (dto: AoDto): Organisation => ({
  type: dto.organisationType,
  code: dto.organisationCode,
});

export const requestUserMetadataOf = (dto: RumDto): RequestUserMetadata => ({
  userFullName: dto.requestUserStructure.userFullName,
  userType: dto.requestUserStructure.requestUserType,
  userIdentifier: dto.requestUserStructure.userIdentifier,
  ...(dto.requestUserStructure.userEmail === undefined
    ? {}
    : { userEmail: dto.requestUserStructure.userEmail }),
  organisation: {
    type: dto.requestOrganisationStructure.organisationType,
    code: dto.requestOrganisationStructure.organisationCode,
  },
  registrationDateTime: dto.registrationDateTime,
});

const readDtoHeader = <S extends z.ZodType>(
  name: string,
  schema: S,
  values: HeaderValues,
  faults: HeaderFaults,
): RestHeaderResult<z.output<S>> => {
  const refuse = (key: ErrorKey, besked: readonly string[]): { ok: false; violation: RestViolation } => ({
    ok: false,
    violation: restViolation(
      key,
      `${name}: ${besked.join('; ')}`,
      besked.map((b) => ({ felt: name, besked: b })),
    ),
  });
  const [only, ...more] = values ?? [];
  if (only === undefined) return refuse(faults.missing, ['missing']);
  if (more.length > 0) return refuse(faults.invalid, [`given ${more.length + 1} times; send it once`]);
  const text = utf8Text(only);
  if (text === null)
    return refuse(faults.invalid, [
      'not UTF-8 (send non-ASCII characters as \\u escapes, e.g. \\u00f8 for ø)',
    ]);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return refuse(faults.invalid, [`not JSON: ${error instanceof Error ? error.message : String(error)}`]);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    return refuse(faults.invalid, ['not one JSON object']);
  }
  const dto = validateDto(schema, parsed, 'strict');
  if (!dto.ok)
    return refuse(
      faults.invalid,
      dto.felter.map((f) => `${f.felt}: ${f.besked}`),
    );
  return { ok: true, value: dto.value };
};

/**
 * A header value as its bytes read as UTF-8. HTTP gives header bytes as Latin-1 characters (node
 * does), so raw UTF-8 arrives as two or three of them; a value with a character beyond Latin-1 was
 * decoded already and is taken as it is. Bytes that are not UTF-8 give null.
 */
const utf8Text = (value: string): string | null => {
  // eslint-disable-next-line no-control-regex
  if (/^[\u0000-\u007f]*$/.test(value) || /[^\u0000-\u00ff]/.test(value)) return value;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(Buffer.from(value, 'latin1'));
  } catch {
    return null;
  }
};
