import { z } from 'zod';
import type { ErrorKey } from '../domain/errors';
import { sourced, type DfdgSource } from './dfdg-source';
import {
  CreateIndkaldelseResponseDto,
  CreateMyndighedsdeltagerRequestDto,
  CreateMyndighedsdeltagerResponseDto,
  IndkaldelseDto,
  IndkaldelseReadDto,
  IndkaldelserDto,
  IndkaldelseshistorikListeDto,
  WriteResponseDto,
} from './indkaldelse.dto';
import { dateTimeText, uuidText } from './rest-field-types';

/** The service as the audit log and the journal name it (REST.md §3; operations by STAR's method names). */
export const INDKALDELSE_SERVICE = 'Kontaktforloeb.IndkaldelseService';

export type RestMethod = 'get' | 'post' | 'put' | 'delete';

/**
 * An error an operation may answer with besides those of the checks every call passes (REST.md §3,
 * "own codes"): an entry of the error table, or one of STAR's 900xx codes (rest-errors.ts), named by
 * its number where the table has no entry for its SOAP code yet.
 */
export type OwnError = ErrorKey | number;

export interface RestSuccess {
  readonly status: 200 | 201;
  readonly body: z.ZodType;
  readonly description: string;
  /** A 201 that names the created meeting in a Location header. */
  readonly location?: true;
}

/**
 * One endpoint of REST.md §3. The router (rest-router.ts), the validation of REQ-OPENAPI
 * (rest-request-validation.ts) and the OpenAPI document (openapi.ts) are all read from this table.
 */
export interface RestRoute {
  readonly method: RestMethod;
  /** OpenAPI's form, `{name}` for a path parameter. */
  readonly path: string;
  /** STAR's method name (REST.md §6), or ours where STAR has none or two operations share it. */
  readonly operationId: string;
  /** STAR's method name as the audit log and RULES.md name it; null for the emulator's own. */
  readonly starMethod: string | null;
  readonly summary: string;
  /** Where the path comes from (§3, "path source"). */
  readonly source: DfdgSource;
  readonly starScope?: string;
  /** Whether the call carries §2's DTO headers and the CPR header (every /v2 call but openapi.json). */
  readonly dtoHeaders: boolean;
  readonly params?: z.ZodObject;
  readonly query?: z.ZodObject;
  readonly body?: z.ZodType;
  readonly success: RestSuccess;
  readonly ownErrors: readonly OwnError[];
}

export const isWrite = (method: RestMethod): boolean => method !== 'get';

const indkaldelseIdParams = z.strictObject({
  indkaldelseId: sourced(uuidText, 'STAR P1', 'The meeting, chosen by the client on create; any case.'),
});
const myndighedsdeltagerIdParams = z.strictObject({
  myndighedsdeltagerid: sourced(
    uuidText,
    'STAR P3',
    'The authority participant, chosen by the client on create; any case.',
  ),
});
const periodQuery = z.strictObject({
  periodeStart: sourced(
    dateTimeText,
    'ours',
    'Meetings starting at or after this instant (RFC 3339).',
  ).optional(),
  periodeSlut: sourced(
    dateTimeText,
    'ours',
    'Meetings starting at or before this instant (RFC 3339).',
  ).optional(),
});

const writeAnswer = (description: string): RestSuccess => ({
  status: 200,
  body: WriteResponseDto,
  description,
});

/** BK-VALID's, BK-START's and BK-DEADLINES-CONSISTENT's 900xx codes that have no entry of their own yet. */
const STAR_BOOKING_CODES = [90000, 90002, 90005, 90009, 90010, 90014] as const;
/** The rules of a meeting's create and update (REQ-CODELIST: the body's code-list values in force). */
const WRITE_RULES: readonly OwnError[] = [
  'REQ-CODELIST',
  'BK-VALID-INTERVIEW-TYPE',
  'BK-VALID-END',
  'REST-FIELDS',
  ...STAR_BOOKING_CODES.filter((c) => c !== 90002),
];

export const INDKALDELSE_ROUTES: readonly RestRoute[] = [
  {
    method: 'post',
    path: '/v2/Indkaldelse/{indkaldelseId}',
    operationId: 'CreateIndkaldelse',
    starMethod: 'CreateIndkaldelse',
    summary: 'Create a meeting (indkaldelse) under the id the client chose',
    source: 'ours (inferred from STAR P1, P3)',
    dtoHeaders: true,
    params: indkaldelseIdParams,
    body: IndkaldelseDto,
    success: {
      status: 201,
      body: CreateIndkaldelseResponseDto,
      description: 'Created; Location names the meeting',
      location: true,
    },
    ownErrors: [
      ...WRITE_RULES,
      90002,
      'BK-VALID-ID-TAKEN',
      'ACC-OWN',
      'VIS-AKASSE',
      'BK-SELF-CITIZEN',
      'BK-SELF-ACCEPT',
      'BK-SELF-DEADLINE',
      'BK-STRAKS',
      'BK-ONE-FUTURE',
      'BK-DEADLINES-CREATE',
    ],
  },
  {
    method: 'put',
    path: '/v2/Indkaldelse/{indkaldelseId}',
    operationId: 'UpdateIndkaldelse',
    starMethod: 'UpdateIndkaldelse',
    summary: 'Replace a meeting with the one sent (the whole meeting)',
    source: 'ours (inferred; PUT as STAR P8’s UpdateEmailskabelon)',
    dtoHeaders: true,
    params: indkaldelseIdParams,
    body: IndkaldelseDto,
    success: writeAnswer('Updated'),
    ownErrors: [
      ...WRITE_RULES,
      'BK-NOT-FOUND',
      'BK-CPR-MATCH',
      'REST-STATE',
      'REST-KILDESYSTEM',
      'VIS-AKASSE',
      'ACC-OWN',
    ],
  },
  {
    method: 'delete',
    path: '/v2/Indkaldelse/{indkaldelseId}',
    operationId: 'DeleteIndkaldelse',
    starMethod: 'DeleteIndkaldelse',
    summary: 'Cancel a meeting: it is kept with status Aflyst, as SOAP DeleteBooking does',
    source: 'ours (inferred)',
    dtoHeaders: true,
    params: indkaldelseIdParams,
    success: writeAnswer('Cancelled'),
    ownErrors: ['BK-NOT-FOUND', 'BK-CPR-MATCH', 'REST-STATE', 'REST-KILDESYSTEM', 'ACC-OWN'],
  },
  {
    method: 'get',
    path: '/v2/Indkaldelse',
    operationId: 'GetIndkaldelser',
    starMethod: 'GetIndkaldelser',
    summary:
      "The citizen's meetings starting in the period (both bounds included), cancelled ones too, by start",
    source: 'ours (inferred)',
    dtoHeaders: true,
    query: periodQuery,
    success: { status: 200, body: IndkaldelserDto, description: 'The meetings the caller may see' },
    ownErrors: [],
  },
  {
    method: 'get',
    path: '/v2/Indkaldelse/openapi.json',
    operationId: 'GetIndkaldelseOpenApi',
    starMethod: null,
    summary: 'This OpenAPI document; needs only the client certificate',
    source: 'ours',
    dtoHeaders: false,
    success: {
      status: 200,
      body: sourced(z.looseObject({ openapi: z.string() }), 'ours', 'An OpenAPI 3.1 document.'),
      description: 'The OpenAPI document of REST.md §6',
    },
    ownErrors: [],
  },
  {
    method: 'get',
    path: '/v2/Indkaldelse/historik',
    operationId: 'GetIndkaldelseshistorikForBorger',
    starMethod: 'GetIndkaldelseshistorik',
    summary: 'The history of every meeting of the citizen the caller may see, oldest first',
    source: 'STAR P1, P20 (as /v1/…); v2 ours',
    dtoHeaders: true,
    success: { status: 200, body: IndkaldelseshistorikListeDto, description: 'The changes, oldest first' },
    ownErrors: [],
  },
  {
    method: 'get',
    path: '/v2/Indkaldelse/historik/{indkaldelseId}',
    operationId: 'GetIndkaldelseshistorik',
    starMethod: 'GetIndkaldelseshistorik',
    summary: "A meeting's history, oldest first, SOAP changes included",
    source: 'STAR P20 (as /v1/…); v2 ours',
    dtoHeaders: true,
    params: indkaldelseIdParams,
    success: { status: 200, body: IndkaldelseshistorikListeDto, description: 'The changes, oldest first' },
    ownErrors: ['BK-NOT-FOUND', 'BK-CPR-MATCH'],
  },
  {
    method: 'get',
    path: '/v2/Indkaldelse/{indkaldelseId}',
    operationId: 'GetIndkaldelse',
    starMethod: 'GetIndkaldelse',
    summary: 'A meeting in read form',
    source: 'ours (inferred)',
    dtoHeaders: true,
    params: indkaldelseIdParams,
    success: { status: 200, body: IndkaldelseReadDto, description: 'The meeting' },
    ownErrors: ['BK-NOT-FOUND', 'BK-CPR-MATCH'],
  },
  {
    method: 'post',
    path: '/v2/Indkaldelse/myndighedsdeltager/{myndighedsdeltagerid}',
    operationId: 'CreateMyndighedsdeltager',
    starMethod: 'CreateMyndighedsdeltager',
    summary: 'Add an authority participant to a meeting (the meeting gets a history entry and messages)',
    source: 'STAR P3',
    starScope: 'kontaktforloeb.samtale.write',
    dtoHeaders: true,
    params: myndighedsdeltagerIdParams,
    body: CreateMyndighedsdeltagerRequestDto,
    success: { status: 201, body: CreateMyndighedsdeltagerResponseDto, description: 'Created' },
    ownErrors: ['BK-NOT-FOUND', 'BK-CPR-MATCH', 'BK-VALID-ID-TAKEN', 'REST-STATE'],
  },
  {
    method: 'put',
    path: '/v2/Indkaldelse/myndighedsdeltager/{myndighedsdeltagerid}',
    operationId: 'UpdateMyndighedsdeltager',
    starMethod: 'UpdateMyndighedsdeltager',
    summary: 'Replace an authority participant; its indkaldelse may not change',
    source: 'ours (inferred)',
    dtoHeaders: true,
    params: myndighedsdeltagerIdParams,
    body: CreateMyndighedsdeltagerRequestDto,
    success: writeAnswer('Updated'),
    ownErrors: ['REST-MD-NOT-FOUND', 'BK-CPR-MATCH', 'REST-STATE'],
  },
  {
    method: 'delete',
    path: '/v2/Indkaldelse/myndighedsdeltager/{myndighedsdeltagerid}',
    operationId: 'DeleteMyndighedsdeltager',
    starMethod: 'DeleteMyndighedsdeltager',
    summary: 'Remove an authority participant from its meeting',
    source: 'ours (inferred)',
    dtoHeaders: true,
    params: myndighedsdeltagerIdParams,
    success: writeAnswer('Removed'),
    ownErrors: ['REST-MD-NOT-FOUND', 'BK-CPR-MATCH', 'REST-STATE'],
  },
];
