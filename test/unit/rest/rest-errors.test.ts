import { ERROR_TABLE, type ErrorKey } from '../../../src/domain/errors';
import {
  REST_STATUS,
  restAnswerOf,
  restErrorAnswer,
  restViolation,
  STAR_REST_CODES,
} from '../../../src/rest/rest-errors';
import { tableAfter } from './rest-spec';

const KEYS = Object.keys(ERROR_TABLE) as ErrorKey[];
const REFERENCE = '6a1f0c9e-2b7d-4e11-9c3a-5d8e7f6a4b21';

/** "8232-8235, 8173" -> every code it names. */
const codesIn = (cell: string): number[] =>
  [...cell.matchAll(/\b(\d{4,5})(?:-(\d{4,5}))?\b/g)].flatMap(([, from = '', to]) => {
    const first = Number(from);
    const last = to === undefined ? first : Number(to);
    return Array.from({ length: last - first + 1 }, (_, i) => first + i);
  });

/** REST.md §5's classes: the rule ids a row names (BK-SELF-* as a prefix), its status and its codes. */
const CLASSES = tableAfter('| class (rules) | HTTP | codes | source |').map(
  ([rules = '', status = '', codes = '']) => ({
    rules: rules.match(/\b[A-Z]+(?:-[A-Z0-9]+)*(?:-\*)?/g) ?? [],
    status: Number(status),
    codes: codesIn(codes),
  }),
);
const names = (pattern: string, ruleId: string): boolean =>
  pattern.endsWith('*') ? ruleId.startsWith(pattern.slice(0, -1)) : pattern === ruleId;

/**
 * Entries no §5 row names: SOAP's own (REST never raises them), and the two whose status §5 gives in
 * words (a wrong method is 405; a malformed CPR header is REQ-OPENAPI's 1001, so ACC-CPR's never is).
 */
const OUTSIDE_THE_CLASSES: Partial<Record<ErrorKey, number>> = {
  'SEC-WSS': 401,
  'REQ-XML': 400,
  'REQ-OP': 400,
  'REQ-SCHEMA': 400,
  'REQ-MUSTUNDERSTAND': 400,
  'CL-UNKNOWN-LIST': 400,
  'WSRM-ONE-OPEN': 409,
  'WSRM-UNKNOWN': 404,
  'ACC-CPR-MALFORMED': 400,
  'REQ-ROUTE-METHOD': 405,
};

describe('REST_STATUS', () => {
  it('When REST.md §5 is read, then its nine classes are found (the parser of this test works)', () => {
    expect(CLASSES.map((c) => c.status)).toEqual([401, 400, 403, 403, 404, 400, 409, 412, 500]);
    expect(CLASSES[5]?.rules).toEqual(
      expect.arrayContaining(['REQ-JSON', 'BK-SELF-*', 'BK-DEADLINES-CREATE']),
    );
    expect(CLASSES[1]?.codes).toEqual([8232, 8233, 8234, 8235, 8173, 8174]);
  });

  it.each(KEYS.filter((k) => !(k in OUTSIDE_THE_CLASSES)))(
    'When %s answers over REST, then its status is that of a §5 class naming its rule and its code',
    (key) => {
      const { fejlkode, ruleId } = restAnswerOf(key);
      const statuses = CLASSES.filter(
        (c) => c.rules.some((p) => names(p, ruleId)) && c.codes.includes(fejlkode),
      ).map((c) => c.status);
      expect(statuses).toContain(REST_STATUS[key]);
    },
  );

  it.each(Object.entries(OUTSIDE_THE_CLASSES))(
    'When %s answers over REST, where no §5 class names it, then its status is %i',
    (key, status) => {
      expect(REST_STATUS[key as ErrorKey]).toBe(status);
    },
  );

  it.each<[ErrorKey, number]>([
    ['BK-VALID', 400],
    ['BK-VALID-ID-TAKEN', 409],
    ['REST-STATE', 409],
    ['REQ-ROUTE', 404],
    ['REQ-REQUESTID', 400],
    ['REQ-REQUESTID-REPEAT', 412],
  ])('When %s (code 1014 or 5300, in more than one class) answers, then its status is %i', (key, status) => {
    expect(REST_STATUS[key]).toBe(status);
  });
});

describe('STAR_REST_CODES', () => {
  const specRows = tableAfter("**STAR's REST codes**").map(
    ([rest = '', soap = '', rule = '', , text = '']) => ({
      restCode: Number(rest),
      soapCode: Number(soap),
      ruleId: rule,
      text,
    }),
  );

  it('When REST.md §5 lists STAR’s REST codes, then the table has exactly them, with their SOAP codes, rules and texts', () => {
    expect(specRows.length).toBe(11);
    expect(
      STAR_REST_CODES.map(({ restCode, soapCode, ruleId, text }) => ({ restCode, soapCode, ruleId, text })),
    ).toEqual(specRows);
  });

  it.each(
    STAR_REST_CODES.filter((c) => KEYS.some((k) => ERROR_TABLE[k].code === c.soapCode)).map(
      (c) => [c.restCode, c] as const,
    ),
  )(
    'When %i stands for a SOAP code the error table has, then its rule, text and status are that entry’s',
    (_, c) => {
      const key = KEYS.find((k) => ERROR_TABLE[k].code === c.soapCode) as ErrorKey;
      expect({ ruleId: c.ruleId, text: c.text, status: c.status }).toEqual({
        ruleId: ERROR_TABLE[key].ruleId,
        text: ERROR_TABLE[key].text,
        status: REST_STATUS[key],
      });
      expect(restAnswerOf(key).fejlkode).toBe(c.restCode);
    },
  );
});

describe('restErrorAnswer', () => {
  it('When a meeting is unknown, then the answer is 404 with STAR’s 90036 and the old SOAP text, and the rule in X-DFDG-Rule', () => {
    const answer = restErrorAnswer(
      restViolation('BK-NOT-FOUND', 'no indkaldelse 3f2b6c1e-8d4a-4b7e-9a51-0c2d9e8f7a10'),
      REFERENCE,
    );
    expect(answer).toEqual({
      status: 404,
      headers: {
        'Content-Type': 'application/json; charset=utf-8',
        'X-DFDG-Rule': 'BK-NOT-FOUND',
        'X-ServiceRequestLogReferenceIdentifier': REFERENCE,
      },
      body: {
        fejlkode: 90036,
        fejltekst: 'The submitted BookingIdentifier is unknown to the system',
        beskrivelse: 'no indkaldelse 3f2b6c1e-8d4a-4b7e-9a51-0c2d9e8f7a10',
        serviceRequestLogReferenceIdentifier: REFERENCE,
      },
    });
  });

  it('When fields are at fault, then the body lists them in felter', () => {
    const felter = [{ felt: '/gruppemoedeId', besked: 'required when moedeGruppeType is 2' }];
    const answer = restErrorAnswer(
      restViolation('REST-FIELDS', 'a group meeting needs its id', felter),
      REFERENCE,
    );
    expect([answer.status, answer.headers['X-DFDG-Rule'], answer.body]).toEqual([
      400,
      'REST-FIELDS',
      {
        fejlkode: 1014,
        fejltekst: 'The submitted message is not valid',
        beskrivelse: 'a group meeting needs its id',
        serviceRequestLogReferenceIdentifier: REFERENCE,
        felter,
      },
    ]);
  });

  it.each<[ErrorKey, number, number, string]>([
    ['REQ-REQUESTID-REPEAT', 412, 5300, 'The x-requestId has already been used'],
    ['REST-MD-NOT-FOUND', 404, 5301, 'The submitted myndighedsdeltagerId is unknown to the system'],
    [
      'SEC-AO-MISSING',
      400,
      8232,
      'The Soap request message is missing its required Soap header: ActiveOrganisationHeader',
    ],
    ['BK-AKASSE-OTHER', 403, 90007, 'Citizen belongs to different unemployment fund'],
    ['BK-VALID-END', 400, 90004, 'The BookingEndTime cannot be before BookingStartTime'],
    ['REST-KILDESYSTEM', 403, 4575, 'You are not authorized to execute the operation'],
    ['VIS-AKASSE', 403, 4575, 'You are not authorized to execute the operation'],
    ['REST-ORG-TYPE', 403, 1013, 'User has insufficient permissions to access this webservice'],
    [
      'REQ-OPENAPI-CPR',
      400,
      1001,
      'The submitted cpr is either to long or short or contains data not interpretable as a date',
    ],
    ['INTERNAL', 500, 1011, 'Internal error on server'],
  ])(
    'When %s answers, then it is HTTP %i with fejlkode %i and fejltekst "%s"',
    (key, status, fejlkode, fejltekst) => {
      const answer = restErrorAnswer(restViolation(key, 'what was wrong'), REFERENCE);
      expect([answer.status, answer.body.fejlkode, answer.body.fejltekst, 'felter' in answer.body]).toEqual([
        status,
        fejlkode,
        fejltekst,
        false,
      ]);
    },
  );
});
