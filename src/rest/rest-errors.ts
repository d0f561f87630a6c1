import {
  ERROR_TABLE,
  type ErrorKey,
  type ErrorSource,
  type ErrorSpec,
  type Violation,
} from '../domain/errors';
import type { FejlDto, FeltDto } from './rest-error.dto';

/**
 * The REST face of the one error table (REST.md §5): the HTTP status of each entry, STAR's REST code
 * where STAR gives one, and the JSON error body. The codes, texts and rule ids stay the table's.
 */

export type RestStatus = 400 | 401 | 403 | 404 | 405 | 409 | 412 | 500;

/**
 * The status of each entry, by §5's classes. Typed against every key of the error table, so a rule
 * added there does not compile until it has its status here. Entries only SOAP raises (REQ-XML,
 * SEC-WSS, WSRM-*, ...) have the status of the class they would fall in, should one ever reach REST.
 */
export const REST_STATUS: Readonly<Record<ErrorKey, RestStatus>> = {
  // Certificate missing, untrusted, unregistered.
  'SEC-TLS-MISSING': 401,
  'SEC-TLS': 401,
  'SEC-CERT': 401,
  'SEC-WSS': 401,
  // DTO header missing, unreadable, unknown code.
  'SEC-AO-MISSING': 400,
  'SEC-AO-INVALID': 400,
  'SEC-AO-ORGTYPE': 400,
  'SEC-RUM-MISSING': 400,
  'SEC-RUM-INVALID': 400,
  'SEC-RUM-USERTYPE': 400,
  'SEC-RUM-ORGTYPE': 400,
  // Organisation not allowed; metadata incoherent.
  'SEC-AO-CERT': 403,
  'REST-ORG-TYPE': 403,
  'SEC-CITIZEN': 403,
  'SEC-SAME-ORG': 403,
  'SEC-JOBCENTER': 403,
  'SEC-USERTYPE': 403,
  // No access.
  'ACC-OWN': 403,
  'ACC-OWN-JOBCENTER': 403,
  'ACC-OWN-ANDEN-AKTOER': 403,
  'ACC-CPR-DEAD': 403,
  'VIS-AKASSE': 403,
  'BK-AKASSE-NOT-MEMBER': 403,
  'BK-AKASSE-OTHER': 403,
  'REST-KILDESYSTEM': 403,
  // Unknown citizen, id or path.
  'ACC-CPR-UNKNOWN': 404,
  'BK-NOT-FOUND': 404,
  'REST-MD-NOT-FOUND': 404,
  'REQ-ROUTE': 404,
  'REQ-ROUTE-METHOD': 405,
  'WSRM-UNKNOWN': 404,
  // Request invalid.
  'REQ-JSON': 400,
  'REQ-REQUESTID': 400,
  'REQ-OPENAPI': 400,
  'REQ-OPENAPI-CPR': 400,
  'ACC-CPR-MALFORMED': 400,
  'REQ-CODELIST': 400,
  'BK-VALID': 400,
  'BK-VALID-END': 400,
  'BK-VALID-INTERVIEW-TYPE': 400,
  'BK-VALID-CONTACT-TYPE': 400,
  'BK-VALID-FORM-TYPE': 400,
  'BK-START': 400,
  'BK-DEADLINES-REBOOKING-FORBIDDEN': 400,
  'BK-DEADLINES-REBOOKING-MISSING': 400,
  'BK-DEADLINES-CANCELLATION-FORBIDDEN': 400,
  'REST-FIELDS': 400,
  'BK-CPR-MATCH': 400,
  'BK-SELF-CITIZEN': 400,
  'BK-SELF-ACCEPT': 400,
  'BK-SELF-DEADLINE': 400,
  'BK-STRAKS': 400,
  'BK-ONE-FUTURE': 400,
  'BK-DEADLINES-CREATE': 400,
  'REQ-XML': 400,
  'REQ-OP': 400,
  'REQ-SCHEMA': 400,
  'REQ-MUSTUNDERSTAND': 400,
  'CL-UNKNOWN-LIST': 400,
  // The id exists on create; a write to a cancelled meeting; (SOAP) a sequence already open.
  'BK-VALID-ID-TAKEN': 409,
  'REST-STATE': 409,
  'WSRM-ONE-OPEN': 409,
  // x-requestId seen before.
  'REQ-REQUESTID-REPEAT': 412,
  INTERNAL: 500,
  'INTERNAL-STORE-FULL': 500,
};

/** One of STAR's REST codes and the old SOAP code of the same rule it replaces (REST.md §5, STAR P4). */
export interface StarRestCode {
  readonly restCode: number;
  readonly soapCode: number;
  readonly ruleId: string;
  /** P4's old SOAP text (90014's is ours: STAR's is not known). */
  readonly text: string;
  readonly source: ErrorSource;
  readonly status: RestStatus;
}

const star = (
  restCode: number,
  soapCode: number,
  ruleId: string,
  text: string,
  status: RestStatus = 400,
  source: ErrorSource = 'P4',
): StarRestCode => ({ restCode, soapCode, ruleId, text, source, status });

/**
 * Keyed by the SOAP code, so the codes whose SOAP entries the error table does not have yet (4708,
 * 4805, 4783, 8125-8127: RULES.md's "not yet raised") are answered rightly as soon as they land.
 */
export const STAR_REST_CODES: readonly StarRestCode[] = [
  star(90000, 4708, 'BK-VALID', 'The submitted InterviewContactTypeIdentifier is invalid'),
  star(90001, 4709, 'BK-VALID', 'The submitted InterviewTypeIdentifier is invalid'),
  star(90002, 4783, 'BK-START', 'The BookingTime cannot be before todays date'),
  star(90004, 4792, 'BK-VALID', 'The BookingEndTime cannot be before BookingStartTime'),
  star(90005, 4805, 'BK-VALID', 'The submitted InterviewFormTypeIdentifier is invalid.'),
  star(90006, 4856, 'BK-AKASSE-MEMBER', 'Citizen not member of unemployment fund', 403),
  star(90007, 4857, 'BK-AKASSE-MEMBER', 'Citizen belongs to different unemployment fund', 403),
  star(
    90009,
    8125,
    'BK-DEADLINES-CONSISTENT',
    'Rebooking deadline cannot be specified if rebooking is not possible',
  ),
  star(
    90010,
    8126,
    'BK-DEADLINES-CONSISTENT',
    'Rebooking deadline must be specified if rebooking is possible',
  ),
  star(
    90014,
    8127,
    'BK-DEADLINES-CONSISTENT',
    // The code is P4's; the text is ours, in the words of 8125's (STAR's is not known).
    'Cancellation deadline cannot be specified if cancellation is not possible',
  ),
  star(90036, 4768, 'BK-NOT-FOUND', 'The submitted BookingIdentifier is unknown to the system', 404),
];

const BY_SOAP_CODE: ReadonlyMap<number, StarRestCode> = new Map(STAR_REST_CODES.map((c) => [c.soapCode, c]));

/** What the REST face answers for an entry of the error table: status, code, text and rule. */
export interface RestAnswer {
  readonly status: RestStatus;
  readonly fejlkode: number;
  readonly fejltekst: string;
  readonly ruleId: string;
}

/** `spec` is the code and text answered, when not the key's own entry (an injected fault). */
export const restAnswerOf = (key: ErrorKey, spec: ErrorSpec = ERROR_TABLE[key]): RestAnswer => {
  const starCode = BY_SOAP_CODE.get(spec.code);
  return {
    status: REST_STATUS[key],
    fejlkode: starCode?.restCode ?? spec.code,
    fejltekst: starCode?.text ?? spec.text,
    ruleId: spec.ruleId,
  };
};

/** A rule's verdict over REST: the table's violation, with the fields at fault where there are some. */
export interface RestViolation extends Violation {
  readonly felter?: readonly FeltDto[] | undefined;
}

export const restViolation = (key: ErrorKey, detail: string, felter?: readonly FeltDto[]): RestViolation =>
  felter && felter.length > 0 ? { key, detail, felter } : { key, detail };

/** A whole refusal: status, the headers of REST.md §2 and §5, and the JSON error body. */
export interface RestErrorAnswer {
  readonly status: RestStatus;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: FejlDto;
}

export const REST_ERROR_CONTENT_TYPE = 'application/json; charset=utf-8';

export const restErrorAnswer = (
  v: RestViolation,
  referenceId: string,
  spec: ErrorSpec = ERROR_TABLE[v.key],
): RestErrorAnswer => {
  const answer = restAnswerOf(v.key, spec);
  return {
    status: answer.status,
    headers: {
      'Content-Type': REST_ERROR_CONTENT_TYPE,
      'X-DFDG-Rule': answer.ruleId,
      'X-ServiceRequestLogReferenceIdentifier': referenceId,
    },
    body: {
      fejlkode: answer.fejlkode,
      fejltekst: answer.fejltekst,
      beskrivelse: v.detail,
      serviceRequestLogReferenceIdentifier: referenceId,
      ...(v.felter && v.felter.length > 0 ? { felter: [...v.felter] } : {}),
    },
  };
};
