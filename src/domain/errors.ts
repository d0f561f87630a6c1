/**
 * The one table of errors, for every protocol face. Each key names the rule of RULES.md that raises
 * it (a rule with several codes has one key per code); `ruleId` is what goes into the answer's
 * source (SOAP's FaultDetails/Source) and the audit log. How a face renders an entry is the face's
 * own table, typed against these keys (SOAP's fault kind: soap/soap-fault-kinds.ts). Codes marked
 * (emulator) in RULES.md stand in for codes STAR has not assigned yet: change them here.
 */

/** A page of STAR's wiki as STAR-SOURCES.md numbers it (P1..P40). */
export type StarPage = `P${number}`;

/**
 * Where an entry's code and text come from: the STAR page that publishes them, the epic that asks
 * for the rule, SOAP 1.1 itself, or the emulator (a code STAR has not assigned, or a rule of its own).
 */
export type ErrorSource = StarPage | 'epic 950.8' | 'epic 905.3' | 'SOAP 1.1' | 'emulator';

export interface ErrorSpec {
  readonly ruleId: string;
  readonly code: number;
  readonly text: string;
  readonly source: ErrorSource;
  /** Set where the code is STAR's but its text is not public: the text is then the emulator's. */
  readonly textSource?: 'emulator';
}

/**
 * How the error table (docs/rules-and-faults.md) names a source: "STAR P11", "emulator", "epic 950.8", "SOAP 1.1",
 * and "STAR P4, text: emulator" for a STAR code whose text is not public.
 */
export const sourceLabel = (spec: Pick<ErrorSpec, 'source' | 'textSource'>): string =>
  (/^P\d+$/.test(spec.source) ? `STAR ${spec.source}` : spec.source) +
  (spec.textSource ? `, text: ${spec.textSource}` : '');

const entry = (ruleId: string, code: number, text: string, source: ErrorSource): ErrorSpec => ({
  ruleId,
  code,
  text,
  source,
});

const AUTHORITY_TYPE_INVALID = 'The authoritytype of the requestheader is invalid';
const NOT_VALID = 'The submitted message is not valid';

export const ERROR_TABLE = {
  // P11 is STAR's generic DFDG fault list: the codes and texts every service answers with.
  'SEC-TLS-MISSING': entry('SEC-TLS', 1101, 'Client certificate missing from request', 'P11'),
  'SEC-TLS': entry('SEC-TLS', 1012, 'Logon failed', 'P11'),
  'SEC-CERT': entry('SEC-CERT', 1012, 'Logon failed', 'P11'),
  // The rule is the emulator's second identity channel; its answer is STAR's logon failure.
  'SEC-WSS': entry('SEC-WSS', 1012, 'Logon failed', 'P11'),
  'SEC-AO-MISSING': entry(
    'SEC-AO-PRESENT',
    8232,
    'The Soap request message is missing its required Soap header: ActiveOrganisationHeader',
    'P11',
  ),
  'SEC-AO-INVALID': entry(
    'SEC-AO-PRESENT',
    8234,
    'Could not deserialize the Soap header: ActiveOrganisationHeader',
    'P11',
  ),
  'SEC-AO-ORGTYPE': entry(
    'SEC-AO-PRESENT',
    8173,
    'OrganisationType is invalid according to the organisationTypeIdentifierCodeList.',
    'P11',
  ),
  'SEC-RUM-MISSING': entry(
    'SEC-RUM-PRESENT',
    8233,
    'The Soap request message is missing its required Soap header: RequestUserMetadataHeader',
    'P11',
  ),
  'SEC-RUM-INVALID': entry(
    'SEC-RUM-PRESENT',
    8235,
    // P11's copy stops at "Could n…": the rest is 8234's text with this header's name.
    'Could not deserialize the Soap header: RequestUserMetadataHeader',
    'P11',
  ),
  'SEC-RUM-USERTYPE': entry(
    'SEC-RUM-PRESENT',
    8174,
    'UserType is invalid according to the requestUserTypeIdentifierCodeList.',
    'P11',
  ),
  'SEC-RUM-ORGTYPE': entry(
    'SEC-RUM-PRESENT',
    8173,
    'OrganisationType is invalid according to the organisationTypeIdentifierCodeList.',
    'P11',
  ),
  'SEC-AO-CERT': entry(
    'SEC-AO-CERT',
    1013,
    'User has insufficient permissions to access this webservice',
    'P11',
  ),
  // 4413 and its text are P11's; the checks behind it are epic 950.8's (SEC-SAME-ORG, SEC-USERTYPE).
  'SEC-CITIZEN': entry('SEC-CITIZEN', 4413, AUTHORITY_TYPE_INVALID, 'P11'),
  'SEC-SAME-ORG': entry('SEC-SAME-ORG', 4413, AUTHORITY_TYPE_INVALID, 'P11'),
  'SEC-JOBCENTER': entry('SEC-JOBCENTER', 4413, AUTHORITY_TYPE_INVALID, 'P11'),
  'SEC-USERTYPE': entry('SEC-USERTYPE', 4413, AUTHORITY_TYPE_INVALID, 'P11'),
  'REQ-XML': entry('REQ-XML', 1014, NOT_VALID, 'P11'),
  'REQ-OP': entry('REQ-OP', 1014, NOT_VALID, 'P11'),
  'REQ-SCHEMA': entry('REQ-SCHEMA', 1014, NOT_VALID, 'P11'),
  // SOAP 1.1, section 4.4: a header the receiver must understand but does not is its own faultcode;
  // FaultDetails keeps P11's 1014 and its text.
  'REQ-MUSTUNDERSTAND': entry('REQ-MUSTUNDERSTAND', 1014, NOT_VALID, 'SOAP 1.1'),
  'BK-VALID': entry('BK-VALID', 1014, NOT_VALID, 'P11'),
  // P4 is STAR's error table of the old BookingService (old code, new code, texts).
  'BK-VALID-END': entry('BK-VALID', 4792, 'The BookingEndTime cannot be before BookingStartTime', 'P4'),
  'BK-VALID-INTERVIEW-TYPE': entry(
    'BK-VALID',
    4709,
    'The submitted InterviewTypeIdentifier is invalid',
    'P4',
  ),
  'BK-VALID-CONTACT-TYPE': entry(
    'BK-VALID',
    4708,
    'The submitted InterviewContactTypeIdentifier is invalid',
    'P4',
  ),
  // P4's text ends with a full stop, unlike its neighbours: kept as STAR wrote it.
  'BK-VALID-FORM-TYPE': entry(
    'BK-VALID',
    4805,
    'The submitted InterviewFormTypeIdentifier is invalid.',
    'P4',
  ),
  'BK-START': entry('BK-START', 4783, 'The BookingTime cannot be before todays date', 'P4'),
  'BK-DEADLINES-REBOOKING-FORBIDDEN': entry(
    'BK-DEADLINES-CONSISTENT',
    8125,
    'Rebooking deadline cannot be specified if rebooking is not possible',
    'P4',
  ),
  'BK-DEADLINES-REBOOKING-MISSING': entry(
    'BK-DEADLINES-CONSISTENT',
    8126,
    'Rebooking deadline must be specified if rebooking is possible',
    'P4',
  ),
  // P4 gives the code and its Danish meaning; the stored copy of the page stops before the English
  // text, so the text is the emulator's, worded as 8125's.
  'BK-DEADLINES-CANCELLATION-FORBIDDEN': {
    ...entry(
      'BK-DEADLINES-CONSISTENT',
      8127,
      'Cancellation deadline cannot be specified if cancellation is not possible',
      'P4',
    ),
    textSource: 'emulator',
  },
  // A known code-list value outside its validity period.
  'REQ-CODELIST': entry('REQ-CODELIST', 2003, 'Use of expired CodeList value not allowed', 'P11'),
  // CodelistService.GetCodeList with a list name it does not know (CONTRACT.md).
  'CL-UNKNOWN-LIST': entry('CL-UNKNOWN-LIST', 2001, 'Invalid CodeList name', 'P11'),
  'BK-NOT-FOUND': entry(
    'BK-NOT-FOUND',
    4768,
    'The submitted BookingIdentifier is unknown to the system',
    'P4',
  ),
  'BK-CPR-MATCH': entry(
    'BK-CPR-MATCH',
    8107,
    // STAR's booking drafts (P30; the Jobnet draft P17 gives the same code and text).
    'The BookingIdentifier does not correspond to the person civil registration identifier',
    'P30',
  ),
  // 5100..5105: the epics' rules, with codes STAR has not assigned (BK-SELF-CITIZEN's text is P10's).
  'BK-SELF-CITIZEN': entry(
    'BK-SELF-CITIZEN',
    5100,
    "When SelfBooked is true, UserIdentifier has to be citizen's CPR and UserType has to be 1 - Citizen",
    'emulator',
  ),
  'BK-SELF-ACCEPT': entry(
    'BK-SELF-ACCEPT',
    5101,
    'A self-booked booking must be accepted: BookingAccepted true and BookingAcceptedTime set, not in the future',
    'emulator',
  ),
  'BK-SELF-DEADLINE': entry(
    'BK-SELF-DEADLINE',
    5102,
    "The self-booked meeting starts more than 7 days after the citizen's self-booking deadline",
    'emulator',
  ),
  'BK-STRAKS': entry(
    'BK-STRAKS',
    5103,
    'The citizen has passed the self-booking deadline (straksbooking) and may only self-book on Jobnet',
    'emulator',
  ),
  'BK-ONE-FUTURE': entry(
    'BK-ONE-FUTURE',
    5104,
    'The citizen already has a future Jobsamtale or Rådighedssamtale',
    'emulator',
  ),
  'BK-DEADLINES-CREATE': entry(
    'BK-DEADLINES-CREATE',
    5105,
    'Rebooking and cancellation deadlines must be in the future and not after the meeting start',
    'emulator',
  ),
  // Access to citizens (ACC-*): 1001 and 4405 as the old BookingService's table gives them (P4; also
  // P13/P15 and P12), 1010 P11, 6005 P13, 4511 P12, 4575 P11; an a-kasse's write answers as
  // BK-AKASSE-MEMBER, 4856/4857 P4.
  'ACC-CPR-MALFORMED': entry(
    'ACC-CPR',
    1001,
    'The submitted cpr is either to long or short or contains data not interpretable as a date',
    'P4',
  ),
  'ACC-CPR-UNKNOWN': entry('ACC-CPR', 1010, 'Unknown cpr', 'P11'),
  'ACC-CPR-DEAD': entry('ACC-CPR', 4405, 'The person with specified cpr is dead', 'P4'),
  'ACC-OWN-JOBCENTER': entry(
    'ACC-OWN',
    6005,
    'The person with specified cpr does not belong to the jobcenter specified in ActiveOrganisationHeader',
    'P13',
  ),
  'ACC-OWN-ANDEN-AKTOER': entry(
    'ACC-OWN',
    4511,
    'The External operator is not allowed to view data for the person',
    'P12',
  ),
  'ACC-OWN': entry('ACC-OWN', 4575, 'You are not authorized to execute the operation', 'P11'),
  // VIS-AKASSE on writes: an a-kasse writing a booking of a type it cannot see. The rule's own key,
  // so the answer and the journal name VIS-AKASSE; the code and text are ACC-OWN's (P11).
  'VIS-AKASSE': entry('VIS-AKASSE', 4575, 'You are not authorized to execute the operation', 'P11'),
  'BK-AKASSE-NOT-MEMBER': entry('BK-AKASSE-MEMBER', 4856, 'Citizen not member of unemployment fund', 'P4'),
  'BK-AKASSE-OTHER': entry('BK-AKASSE-MEMBER', 4857, 'Citizen belongs to different unemployment fund', 'P4'),
  'WSRM-ONE-OPEN': entry(
    'WSRM-ONE-OPEN',
    5200,
    'A sequence is already open for this receiver: close or terminate it first',
    'emulator',
  ),
  'WSRM-UNKNOWN': entry(
    'WSRM-UNKNOWN',
    5201,
    'The sequence identifier is unknown or the sequence is not open',
    'emulator',
  ),
  // BK-VALID's "booking id unknown on create": the same code and text as BK-VALID, its own key because
  // the REST face answers it with HTTP 409, not 400 (REST.md §5).
  'BK-VALID-ID-TAKEN': entry('BK-VALID', 1014, NOT_VALID, 'P11'),
  // The REST service's own rules (REST.md §5). Codes shared with SOAP keep RULES.md's texts and their
  // source; 5300 and 5301 are the emulator's. A rule whose answers differ in HTTP status has a key per status.
  'REQ-ROUTE': entry('REQ-ROUTE', 1014, NOT_VALID, 'P11'),
  'REQ-ROUTE-METHOD': entry('REQ-ROUTE', 1014, NOT_VALID, 'P11'),
  'REQ-JSON': entry('REQ-JSON', 1014, NOT_VALID, 'P11'),
  'REQ-REQUESTID': entry('REQ-REQUESTID', 1014, NOT_VALID, 'P11'),
  'REQ-REQUESTID-REPEAT': entry('REQ-REQUESTID', 5300, 'The x-requestId has already been used', 'emulator'),
  'REQ-OPENAPI': entry('REQ-OPENAPI', 1014, NOT_VALID, 'P11'),
  // A CPR header failing STAR's pattern: ACC-CPR's code and text, found by REQ-OPENAPI (step 5).
  'REQ-OPENAPI-CPR': entry(
    'REQ-OPENAPI',
    1001,
    'The submitted cpr is either to long or short or contains data not interpretable as a date',
    'P4',
  ),
  'REST-ORG-TYPE': entry(
    'REST-ORG-TYPE',
    1013,
    'User has insufficient permissions to access this webservice',
    'P11',
  ),
  'REST-FIELDS': entry('REST-FIELDS', 1014, NOT_VALID, 'P11'),
  'REST-STATE': entry('REST-STATE', 1014, NOT_VALID, 'P11'),
  'REST-KILDESYSTEM': entry(
    'REST-KILDESYSTEM',
    4575,
    'You are not authorized to execute the operation',
    'P11',
  ),
  'REST-MD-NOT-FOUND': entry(
    'REST-MD-NOT-FOUND',
    5301,
    'The submitted myndighedsdeltagerId is unknown to the system',
    'emulator',
  ),
  INTERNAL: entry('INTERNAL', 1011, 'Internal error on server', 'P11'),
  // INTERNAL with a Message that says what the caller can do nothing about but wait: the
  // emulator's database cannot grow (a full disk). Nothing of the call was stored. The code and the
  // text's start are P11's; what follows the colon is the emulator's.
  'INTERNAL-STORE-FULL': entry(
    'INTERNAL',
    1011,
    'Internal error on server: the emulator database is full (SQLITE_FULL); nothing of this call was stored',
    'P11',
  ),
} as const satisfies Record<string, ErrorSpec>;

export type ErrorKey = keyof typeof ERROR_TABLE;

/** A rule's verdict against a request: which entry of the table, and why (for the caller and journal). */
export interface Violation {
  readonly key: ErrorKey;
  readonly detail: string;
  /**
   * What FaultDetails/Message says after STAR's text, for the rules whose Message names what is wrong
   * (REQ-SCHEMA: the line and the element); InnerException carries `detail` in full either way.
   */
  readonly inMessage?: string;
}

export const violation = (key: ErrorKey, detail: string, inMessage?: string): Violation =>
  inMessage === undefined ? { key, detail } : { key, detail, inMessage };

/** Thrown at the boundary (service adapters) to answer with a fault; pure rules return Violations. */
export class DfdgFault extends Error {
  readonly spec: ErrorSpec;
  /** FaultDetails/Message: STAR's text, followed by what is wrong where the rule says so. */
  readonly faultMessage: string;
  constructor(
    readonly key: ErrorKey,
    readonly detail: string,
    inMessage?: string,
    /**
     * The code, text and rule answered, when not the key's own entry: an injected fault (POST
     * /admin/faults) is answered with its code as the key's entry renders it, under its own rule.
     */
    spec: ErrorSpec = ERROR_TABLE[key],
  ) {
    super(`${key}: ${detail}`);
    this.name = 'DfdgFault';
    this.spec = spec;
    this.faultMessage = inMessage === undefined ? this.spec.text : `${this.spec.text}: ${inMessage}`;
  }

  /** The operation's rules that passed before this one refused (its rule trail), for the journal. */
  passedBefore: ReadonlyArray<{ readonly ruleId: string; readonly why: string }> = [];

  static of(v: Violation): DfdgFault {
    return new DfdgFault(v.key, v.detail, v.inMessage);
  }

  /** This fault, noting the rules that passed before it. */
  after(passed: ReadonlyArray<{ readonly ruleId: string; readonly why: string }>): this {
    this.passedBefore = passed;
    return this;
  }
}
