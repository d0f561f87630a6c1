import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import {
  DfdgFault,
  ERROR_TABLE,
  sourceLabel,
  violation,
  type ErrorKey,
  type ErrorSpec,
} from '../../../src/domain/errors';

/** The spec lives beside the project (shared/spec/RULES.md); DFDG_RULES_MD points elsewhere. */
const RULES_MD_CANDIDATES = [
  process.env['DFDG_RULES_MD'],
  resolve(__dirname, '../../../../shared/spec/RULES.md'),
  '/work/shared/spec/RULES.md',
].filter((p): p is string => typeof p === 'string' && p.length > 0);
const RULES_MD_PATH = RULES_MD_CANDIDATES.find((p) => existsSync(p));
if (!RULES_MD_PATH) throw new Error(`RULES.md not found; looked in ${RULES_MD_CANDIDATES.join(', ')}`);
const RULES_MD = readFileSync(RULES_MD_PATH, 'utf8');
/** REST.md, beside RULES.md: the REST service's own rules (its §5) are rows of the same table. */
const REST_MD = readFileSync(resolve(dirname(RULES_MD_PATH), 'REST.md'), 'utf8');

interface RuleRow {
  readonly id: string;
  readonly row: string;
  /** The last cell, when the table has a "fault" column. */
  readonly fault: string | null;
}

/**
 * A rule of a table without a fault column whose text still gives it one, in a sentence ending in
 * the code ("An a-kasse may not create or update a booking of a type it cannot see: 4575."). Other
 * codes the text names in passing (VIS-AKASSE's "as if it did not exist (4768 ...)") are other rules'.
 */
const faultInText = (row: string): string | null => /[^.(|]*: \d{4}\./.exec(row)?.[0]?.trim() ?? null;

/** The rows of RULES.md's rule tables (`| id | ... |`), with their fault cell where there is one. */
const ruleRows = (markdown: string): RuleRow[] => {
  const rows: RuleRow[] = [];
  let hasFaultColumn = false;
  for (const line of markdown.split('\n')) {
    const cells = line.split('|').map((c) => c.trim());
    if (!line.startsWith('|')) continue;
    if (cells[1] === 'id') {
      hasFaultColumn = cells[cells.length - 2] === 'fault';
      continue;
    }
    const id = cells[1] ?? '';
    if (/^[A-Z]+(-[A-Z0-9]+)*$/.test(id)) {
      rows.push({
        id,
        row: line,
        fault: hasFaultColumn ? (cells[cells.length - 2] ?? '') : faultInText(line),
      });
    }
  }
  return rows;
};

/**
 * Rules the emulator adds beyond RULES.md, each with the issue that asks for it. SEC-WSS is issue
 * 7's second identity channel (WS-Security); RULES.md names only SEC-TLS for identity so far.
 */
const EXTENSIONS: ReadonlyMap<string, RuleRow> = new Map([
  [
    'SEC-WSS',
    {
      id: 'SEC-WSS',
      fault: '1012',
      row: 'issue 7: a signed request identifies its caller; a bad signature or certificate is 1012 (DFDG: Logon failed, P11)',
    },
  ],
  [
    'CL-UNKNOWN-LIST',
    {
      id: 'CL-UNKNOWN-LIST',
      fault: '2001 *(DFDG: "Invalid CodeList name", P11)*',
      row: 'CONTRACT.md CodelistService: GetCodeList with an unknown CodeListName is 2001 (Invalid CodeList name, STAR P11)',
    },
  ],
]);

interface Marking {
  readonly emulator: boolean;
  readonly dfdg: boolean;
  /** The STAR page (P-id) the fault cell names for the code, if any. */
  readonly page: string | null;
}

/**
 * How a fault cell marks one of its codes: the mark that follows the code, or the one the cell ends
 * with when its codes share one ("8232 / 8234 / 8173 *(DFDG)*"); a cell with a mark per code
 * ("jobcenter: 6005 *(DFDG: ..., P13)*; anden aktør: 4511 ...") is read up to the next code's mark.
 */
const markingOf = (cell: string, code: number): Marking => {
  const at = cell.search(new RegExp(`\\b${code}\\b`));
  if (at < 0) return { emulator: false, dfdg: false, page: null };
  const rest = cell.slice(at);
  const nextMarked = rest.slice(4).search(/\b\d{4}\b[^/]*\*\(/);
  const ownMark = rest.indexOf('*(');
  const segment =
    nextMarked >= 0 && ownMark >= 0 && ownMark < nextMarked + 4 ? rest.slice(0, nextMarked + 4) : rest;
  const page = /\bP\d+\b/.exec(segment)?.[0] ?? null;
  return { emulator: /\(emulator\)/.test(segment), dfdg: /DFDG/.test(segment), page };
};

const RULES = ruleRows(RULES_MD);

/**
 * How RULES.md marks a code a rule names bare, with no mark of its own: as the row that gives the
 * code with its text marks it (VIS-AKASSE's 4575 is ACC-OWN's "You are not authorized to execute
 * the operation", DFDG, P11).
 */
const markingElsewhere = (code: number): Marking | undefined =>
  RULES.map((r) => markingOf(r.fault ?? '', code)).find((m) => m.dfdg || m.emulator);
/** The table under REST.md's "REST's own rules" (its other tables are not rules). */
const REST_OWN_RULES = /\*\*REST's own rules\*\*[^\n]*\n((?:\|[^\n]*\n)+)/.exec(REST_MD)?.[1] ?? '';
const REST_RULES = ruleRows(REST_OWN_RULES);
const REST_RULE_IDS: ReadonlySet<string> = new Set(REST_RULES.map((r) => r.id));
const RULE_BY_ID = new Map<string, RuleRow>([
  ...RULES.map((r) => [r.id, r] as const),
  ...REST_RULES.map((r) => [r.id, r] as const),
  ...EXTENSIONS,
]);
const KEYS = Object.keys(ERROR_TABLE) as ErrorKey[];

// The codes RULES.md assigns: DFDG's real codes and the emulator's stand-ins.
const EXPECTED_CODES: Record<ErrorKey, number> = {
  'SEC-TLS-MISSING': 1101,
  'SEC-TLS': 1012,
  'SEC-CERT': 1012,
  'SEC-WSS': 1012,
  'SEC-AO-MISSING': 8232,
  'SEC-AO-INVALID': 8234,
  'SEC-AO-ORGTYPE': 8173,
  'SEC-RUM-MISSING': 8233,
  'SEC-RUM-INVALID': 8235,
  'SEC-RUM-USERTYPE': 8174,
  'SEC-RUM-ORGTYPE': 8173,
  'SEC-AO-CERT': 1013,
  'SEC-CITIZEN': 4413,
  'SEC-SAME-ORG': 4413,
  'SEC-JOBCENTER': 4413,
  'SEC-USERTYPE': 4413,
  'REQ-XML': 1014,
  'REQ-OP': 1014,
  'REQ-SCHEMA': 1014,
  'REQ-MUSTUNDERSTAND': 1014,
  'BK-VALID': 1014,
  'BK-VALID-ID-TAKEN': 1014,
  'BK-VALID-INTERVIEW-TYPE': 4709,
  'BK-VALID-CONTACT-TYPE': 4708,
  'BK-VALID-FORM-TYPE': 4805,
  'BK-VALID-END': 4792,
  'BK-START': 4783,
  'BK-DEADLINES-REBOOKING-FORBIDDEN': 8125,
  'BK-DEADLINES-REBOOKING-MISSING': 8126,
  'BK-DEADLINES-CANCELLATION-FORBIDDEN': 8127,
  'REQ-CODELIST': 2003,
  'CL-UNKNOWN-LIST': 2001,
  'BK-NOT-FOUND': 4768,
  'BK-CPR-MATCH': 8107,
  'BK-SELF-CITIZEN': 5100,
  'BK-SELF-ACCEPT': 5101,
  'BK-SELF-DEADLINE': 5102,
  'BK-STRAKS': 5103,
  'BK-ONE-FUTURE': 5104,
  'BK-DEADLINES-CREATE': 5105,
  'WSRM-ONE-OPEN': 5200,
  'WSRM-UNKNOWN': 5201,
  'ACC-CPR-MALFORMED': 1001,
  'ACC-CPR-UNKNOWN': 1010,
  'ACC-CPR-DEAD': 4405,
  'ACC-OWN-JOBCENTER': 6005,
  'ACC-OWN-ANDEN-AKTOER': 4511,
  'ACC-OWN': 4575,
  'VIS-AKASSE': 4575,
  'BK-AKASSE-NOT-MEMBER': 4856,
  'BK-AKASSE-OTHER': 4857,
  'REQ-ROUTE': 1014,
  'REQ-ROUTE-METHOD': 1014,
  'REQ-JSON': 1014,
  'REQ-REQUESTID': 1014,
  'REQ-REQUESTID-REPEAT': 5300,
  'REQ-OPENAPI': 1014,
  'REQ-OPENAPI-CPR': 1001,
  'REST-ORG-TYPE': 1013,
  'REST-FIELDS': 1014,
  'REST-STATE': 1014,
  'REST-KILDESYSTEM': 4575,
  'REST-MD-NOT-FOUND': 5301,
  INTERNAL: 1011,
  'INTERNAL-STORE-FULL': 1011,
};

/**
 * Codes of RULES.md that the emulator does not raise yet, by rule id. Each entry must go when its
 * code lands (the test below fails on a code both raised and listed here).
 */
const NOT_YET_RAISED: Readonly<Record<string, readonly string[]>> = {};

describe('ERROR_TABLE', () => {
  it('When RULES.md is read, then its rule tables are found (the parser of this test works)', () => {
    expect(RULES.map((r) => r.id)).toEqual(
      expect.arrayContaining([
        'SEC-TLS',
        'SEC-AO-CERT',
        'VIS-AKASSE',
        'BK-STRAKS',
        'WSRM-UNKNOWN',
        'INTERNAL',
      ]),
    );
    expect(RULE_BY_ID.get('BK-STRAKS')?.fault).toContain('5103');
    // VIS-AKASSE's table has no fault column: its write fault is the sentence that ends in the code.
    expect(RULE_BY_ID.get('VIS-AKASSE')?.fault).toBe(
      'An a-kasse may not create or update a booking of a type it cannot see: 4575.',
    );
    expect(markingElsewhere(4575)).toEqual({ emulator: false, dfdg: true, page: 'P11' });
  });

  it.each(KEYS)('When the table has the entry %s, then its ruleId is a rule of RULES.md', (key) => {
    expect(RULE_BY_ID.has(ERROR_TABLE[key].ruleId)).toBe(true);
  });

  it.each(KEYS)('When the table has the entry %s, then its code is the one RULES.md gives', (key) => {
    expect(ERROR_TABLE[key].code).toBe(EXPECTED_CODES[key]);
    expect(RULE_BY_ID.get(ERROR_TABLE[key].ruleId)?.row).toContain(String(ERROR_TABLE[key].code));
  });

  it('When the expected codes are listed, then they name exactly the table’s keys', () => {
    expect(Object.keys(EXPECTED_CODES).sort()).toEqual([...KEYS].sort());
  });

  it.each(
    RULES.filter((r) => r.fault !== null && /\d{4}/.test(r.fault)).map((r) => [r.id, r.fault] as const),
  )(
    'When RULES.md gives rule %s a fault (%s), then the table has an entry for it with each of its codes, or the code is listed as not yet raised',
    (id, fault) => {
      const codes = KEYS.filter((k) => ERROR_TABLE[k].ruleId === id).map((k) => String(ERROR_TABLE[k].code));
      const pending = NOT_YET_RAISED[id] ?? [];
      const documented = (fault ?? '').match(/\b\d{4}\b/g) ?? [];
      // A code both raised and listed as pending means the list was not updated when it landed.
      expect(codes.filter((c) => pending.includes(c))).toEqual([]);
      expect([...new Set([...codes, ...pending])].sort()).toEqual([...new Set(documented)].sort());
    },
  );

  it.each(KEYS.filter((k) => !REST_RULE_IDS.has(ERROR_TABLE[k].ruleId)))(
    'When the table has the entry %s, then its source is the emulator exactly where RULES.md marks its code (emulator), and the STAR page RULES.md names for it',
    (key) => {
      const { ruleId, code, source } = ERROR_TABLE[key];
      const rule = RULE_BY_ID.get(ruleId);
      const own = markingOf(rule?.fault ?? '', code);
      const bare = !own.dfdg && !own.emulator && !/DFDG/.test(rule?.row ?? '');
      const marking = bare ? (markingElsewhere(code) ?? own) : own;
      // A row without a mark beside the code says DFDG in its rule text (SEC-TLS, SEC-WSS).
      const dfdg = marking.dfdg || (!marking.emulator && /DFDG/.test(rule?.row ?? ''));
      const marked = marking.emulator ? 'emulator' : dfdg ? 'DFDG' : 'unmarked';
      expect({ key, marked }).toEqual({ key, marked: source === 'emulator' ? 'emulator' : 'DFDG' });
      if (marking.page !== null) expect(source).toBe(marking.page);
    },
  );

  it.each<[string, number, Marking]>([
    ['5100 *(emulator)*', 5100, { emulator: true, dfdg: false, page: null }],
    ['8232 / 8234 / 8173 *(DFDG)*', 8234, { emulator: false, dfdg: true, page: null }],
    [
      'jobcenter: 6005 *(DFDG: "x", P13)*; anden aktør: 4511 *(DFDG: "y", P12)*',
      4511,
      { emulator: false, dfdg: true, page: 'P12' },
    ],
    ['1014 *(DFDG)*, HTTP 500', 1014, { emulator: false, dfdg: true, page: null }],
    ['1101 / 1012', 1101, { emulator: false, dfdg: false, page: null }],
  ])(
    'When a fault cell reads %s, then code %i is marked %o (the parser of this test works)',
    (cell, code, expected) => {
      expect(markingOf(cell, code)).toEqual(expected);
    },
  );

  it.each<[ErrorKey, string]>([
    ['SEC-SAME-ORG', 'The authoritytype of the requestheader is invalid'],
    ['SEC-CITIZEN', 'The authoritytype of the requestheader is invalid'],
    ['SEC-JOBCENTER', 'The authoritytype of the requestheader is invalid'],
    ['SEC-USERTYPE', 'The authoritytype of the requestheader is invalid'],
    ['SEC-TLS-MISSING', 'Client certificate missing from request'],
    ['SEC-TLS', 'Logon failed'],
    ['SEC-CERT', 'Logon failed'],
    ['SEC-WSS', 'Logon failed'],
    [
      'SEC-AO-MISSING',
      'The Soap request message is missing its required Soap header: ActiveOrganisationHeader',
    ],
    ['SEC-AO-CERT', 'User has insufficient permissions to access this webservice'],
    ['BK-VALID', 'The submitted message is not valid'],
    ['REQ-XML', 'The submitted message is not valid'],
    ['REQ-MUSTUNDERSTAND', 'The submitted message is not valid'],
    ['INTERNAL', 'Internal error on server'],
    ['WSRM-ONE-OPEN', 'A sequence is already open for this receiver: close or terminate it first'],
    ['BK-VALID-INTERVIEW-TYPE', 'The submitted InterviewTypeIdentifier is invalid'],
    ['BK-VALID-CONTACT-TYPE', 'The submitted InterviewContactTypeIdentifier is invalid'],
    ['BK-VALID-FORM-TYPE', 'The submitted InterviewFormTypeIdentifier is invalid.'],
    ['BK-VALID-END', 'The BookingEndTime cannot be before BookingStartTime'],
    ['BK-START', 'The BookingTime cannot be before todays date'],
    [
      'BK-DEADLINES-REBOOKING-FORBIDDEN',
      'Rebooking deadline cannot be specified if rebooking is not possible',
    ],
    ['BK-DEADLINES-REBOOKING-MISSING', 'Rebooking deadline must be specified if rebooking is possible'],
    ['REQ-CODELIST', 'Use of expired CodeList value not allowed'],
    ['CL-UNKNOWN-LIST', 'Invalid CodeList name'],
    [
      'ACC-CPR-MALFORMED',
      'The submitted cpr is either to long or short or contains data not interpretable as a date',
    ],
    ['ACC-CPR-UNKNOWN', 'Unknown cpr'],
    ['ACC-CPR-DEAD', 'The person with specified cpr is dead'],
    [
      'ACC-OWN-JOBCENTER',
      'The person with specified cpr does not belong to the jobcenter specified in ActiveOrganisationHeader',
    ],
    ['ACC-OWN-ANDEN-AKTOER', 'The External operator is not allowed to view data for the person'],
    ['ACC-OWN', 'You are not authorized to execute the operation'],
    ['VIS-AKASSE', 'You are not authorized to execute the operation'],
    ['BK-AKASSE-NOT-MEMBER', 'Citizen not member of unemployment fund'],
    ['BK-AKASSE-OTHER', 'Citizen belongs to different unemployment fund'],
  ])('When the fault is %s, then its text is STAR’s: "%s"', (key, text) => {
    expect(ERROR_TABLE[key].text).toBe(text);
  });

  it.each(KEYS)(
    'When the fault is %s, then its text is marked as the emulator’s only where STAR’s text is not public (8127: P4’s copy stops before it)',
    (key) => {
      const spec: ErrorSpec = ERROR_TABLE[key];
      expect({ key, textSource: spec.textSource }).toEqual({
        key,
        textSource: key === 'BK-DEADLINES-CANCELLATION-FORBIDDEN' ? 'emulator' : undefined,
      });
    },
  );

  it.each<[Pick<ErrorSpec, 'source' | 'textSource'>, string]>([
    [{ source: 'P4' }, 'STAR P4'],
    [{ source: 'P4', textSource: 'emulator' }, 'STAR P4, text: emulator'],
    [{ source: 'emulator' }, 'emulator'],
    [{ source: 'SOAP 1.1' }, 'SOAP 1.1'],
  ])('When a source is %o, then the README names it "%s"', (spec, label) => {
    expect(sourceLabel(spec)).toBe(label);
  });

  it('When the database is full, then the Message starts with STAR’s INTERNAL text and says so', () => {
    expect(ERROR_TABLE['INTERNAL-STORE-FULL'].text).toMatch(
      /^Internal error on server: the emulator database is full \(SQLITE_FULL\)/,
    );
  });
});

describe('ERROR_TABLE, the REST service’s own rules (REST.md §5)', () => {
  const restKeys = KEYS.filter((k) => REST_RULE_IDS.has(ERROR_TABLE[k].ruleId));
  /** REST.md's "Emulator codes (ours)" sentence: each code with its text. */
  const emulatorCodes = new Map(
    [...(/Emulator codes[^\n]*(?:\n[^\n]+)*/.exec(REST_MD)?.[0] ?? '').matchAll(/(\d{4}) `([^`]+)`/g)].map(
      (m) => [Number(m[1]), m[2]] as const,
    ),
  );

  it('When REST.md is read, then its own rules and its emulator codes are found (the parser of this test works)', () => {
    expect([...REST_RULE_IDS].sort()).toEqual(
      [
        'REQ-JSON',
        'REQ-OPENAPI',
        'REQ-REQUESTID',
        'REQ-ROUTE',
        'REST-FIELDS',
        'REST-KILDESYSTEM',
        'REST-MD-NOT-FOUND',
        'REST-ORG-TYPE',
        'REST-STATE',
      ].sort(),
    );
    expect([...emulatorCodes.keys()].sort()).toEqual([5300, 5301]);
  });

  it.each(REST_RULES.map((r) => [r.id, (r.row.split('|')[3] ?? '').trim()] as const))(
    'When REST.md gives rule %s the codes "%s", then the table has exactly those codes for it',
    (id, codeCell) => {
      const documented = new Set(codeCell.match(/\b\d{4}\b/g) ?? []);
      const codes = new Set(
        KEYS.filter((k) => ERROR_TABLE[k].ruleId === id).map((k) => String(ERROR_TABLE[k].code)),
      );
      expect([...codes].sort()).toEqual([...documented].sort());
    },
  );

  it.each(restKeys)(
    'When the table has the REST entry %s, then an emulator code has REST.md’s text and the source emulator, and a code shared with SOAP keeps RULES.md’s text and source',
    (key) => {
      const { code, text, source } = ERROR_TABLE[key];
      const ownText = emulatorCodes.get(code);
      if (ownText !== undefined) {
        expect({ text, source }).toEqual({ text: ownText, source: 'emulator' });
        return;
      }
      const soap = KEYS.filter(
        (k) => !REST_RULE_IDS.has(ERROR_TABLE[k].ruleId) && ERROR_TABLE[k].code === code,
      );
      expect(soap.map((k) => ({ text: ERROR_TABLE[k].text, source: ERROR_TABLE[k].source }))).toContainEqual({
        text,
        source,
      });
    },
  );
});

describe('DfdgFault', () => {
  it.each<[ErrorKey, number, string]>([
    ['BK-SELF-DEADLINE', 5102, 'BK-SELF-DEADLINE'],
    ['SEC-AO-MISSING', 8232, 'SEC-AO-PRESENT'],
    ['BK-VALID-INTERVIEW-TYPE', 4709, 'BK-VALID'],
    ['BK-VALID-CONTACT-TYPE', 4708, 'BK-VALID'],
    ['BK-VALID-FORM-TYPE', 4805, 'BK-VALID'],
    ['BK-START', 4783, 'BK-START'],
    ['BK-DEADLINES-REBOOKING-FORBIDDEN', 8125, 'BK-DEADLINES-CONSISTENT'],
    ['BK-DEADLINES-REBOOKING-MISSING', 8126, 'BK-DEADLINES-CONSISTENT'],
    ['BK-DEADLINES-CANCELLATION-FORBIDDEN', 8127, 'BK-DEADLINES-CONSISTENT'],
    ['REQ-CODELIST', 2003, 'REQ-CODELIST'],
    ['CL-UNKNOWN-LIST', 2001, 'CL-UNKNOWN-LIST'],
  ])(
    'When a violation of %s is raised as a fault, then it carries code %i and rule %s',
    (key, code, ruleId) => {
      const fault = DfdgFault.of(violation(key, 'the detail'));
      expect(fault).toBeInstanceOf(Error);
      expect(fault.name).toBe('DfdgFault');
      expect(fault.key).toBe(key);
      expect(fault.detail).toBe('the detail');
      expect(fault.spec.code).toBe(code);
      expect(fault.spec.ruleId).toBe(ruleId);
      expect(fault.message).toBe(`${key}: the detail`);
      expect(fault.faultMessage).toBe(ERROR_TABLE[key].text);
    },
  );

  it('When a violation names what is wrong for Message, then Message is STAR’s text followed by it, and the detail is kept whole', () => {
    const fault = DfdgFault.of(violation('REQ-SCHEMA', 'line 36: Sneaky; line 40: Other', 'line 36: Sneaky'));
    expect(fault.faultMessage).toBe('The submitted message is not valid: line 36: Sneaky');
    expect(fault.detail).toBe('line 36: Sneaky; line 40: Other');
  });
});
