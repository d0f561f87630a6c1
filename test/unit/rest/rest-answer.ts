import { restErrorAnswer, type RestViolation } from '../../../src/rest/rest-errors';

/** How a verdict answers over REST, as a client sees it: HTTP status, rule, code and text. */
export interface Answered {
  readonly status: number;
  readonly rule: string;
  readonly fejlkode: number;
  readonly fejltekst: string;
}

export const answered = (v: RestViolation | null): Answered | null => {
  if (!v) return null;
  const { status, headers, body } = restErrorAnswer(v, '00000000-0000-4000-8000-000000000000');
  return { status, rule: headers['X-DFDG-Rule'] ?? '', fejlkode: body.fejlkode, fejltekst: body.fejltekst };
};

const NOT_VALID = 'The submitted message is not valid';

/** The answers the REST rules give, spelt out as REST.md §5 gives them. */
export const ANSWER = {
  restFields: { status: 400, rule: 'REST-FIELDS', fejlkode: 1014, fejltekst: NOT_VALID },
  restState: { status: 409, rule: 'REST-STATE', fejlkode: 1014, fejltekst: NOT_VALID },
  restOrgType: {
    status: 403,
    rule: 'REST-ORG-TYPE',
    fejlkode: 1013,
    fejltekst: 'User has insufficient permissions to access this webservice',
  },
  restKildesystem: {
    status: 403,
    rule: 'REST-KILDESYSTEM',
    fejlkode: 4575,
    fejltekst: 'You are not authorized to execute the operation',
  },
  requestId: { status: 400, rule: 'REQ-REQUESTID', fejlkode: 1014, fejltekst: NOT_VALID },
  requestIdRepeat: {
    status: 412,
    rule: 'REQ-REQUESTID',
    fejlkode: 5300,
    fejltekst: 'The x-requestId has already been used',
  },
  requestJson: { status: 400, rule: 'REQ-JSON', fejlkode: 1014, fejltekst: NOT_VALID },
  aoMissing: {
    status: 400,
    rule: 'SEC-AO-PRESENT',
    fejlkode: 8232,
    fejltekst: 'The Soap request message is missing its required Soap header: ActiveOrganisationHeader',
  },
  aoInvalid: {
    status: 400,
    rule: 'SEC-AO-PRESENT',
    fejlkode: 8234,
    fejltekst: 'Could not deserialize the Soap header: ActiveOrganisationHeader',
  },
  rumMissing: {
    status: 400,
    rule: 'SEC-RUM-PRESENT',
    fejlkode: 8233,
    fejltekst: 'The Soap request message is missing its required Soap header: RequestUserMetadataHeader',
  },
  rumInvalid: {
    status: 400,
    rule: 'SEC-RUM-PRESENT',
    fejlkode: 8235,
    fejltekst: 'Could not deserialize the Soap header: RequestUserMetadataHeader',
  },
  aoOrgType: {
    status: 400,
    rule: 'SEC-AO-PRESENT',
    fejlkode: 8173,
    fejltekst: 'OrganisationType is invalid according to the organisationTypeIdentifierCodeList.',
  },
  rumOrgType: {
    status: 400,
    rule: 'SEC-RUM-PRESENT',
    fejlkode: 8173,
    fejltekst: 'OrganisationType is invalid according to the organisationTypeIdentifierCodeList.',
  },
  rumUserType: {
    status: 400,
    rule: 'SEC-RUM-PRESENT',
    fejlkode: 8174,
    fejltekst: 'UserType is invalid according to the requestUserTypeIdentifierCodeList.',
  },
  deadlinesCreate: {
    status: 400,
    rule: 'BK-DEADLINES-CREATE',
    fejlkode: 5105,
    fejltekst: 'Rebooking and cancellation deadlines must be in the future and not after the meeting start',
  },
} as const satisfies Record<string, Answered>;
