/**
 * Issue 5, item 7 (and issue 12, item 19): a mutation fuzzer (fast-check) over valid requests of every
 * service. Each case is a template, one mutation (support/xml-mutation.ts) and a SOAPAction, and each
 * has its expected verdict: the template's own (a comment, whitespace, a value re-encoded as CDATA or
 * character references, a foreign header block, an empty SOAPAction change nothing), one exact fault
 * of the error table (a processing instruction or stray text: REQ-XML; a wrong SOAPAction or payload
 * name: REQ-OP; a DFDG header dropped or doubled: SEC-AO-PRESENT / SEC-RUM-PRESENT, ...), or, for a
 * change inside the payload, the XSD's: REQ-SCHEMA when the payload no longer validates, otherwise
 * served (a 200, or a fault of a rule checked after the schema). Every 200 is checked against the
 * service's response schema. Each run draws a fresh seed and prints it; DFDG_FUZZ_SEED=<seed> replays
 * a run. CI: 300 cases; DFDG_ROBUSTNESS_LONG=1: 5,000.
 */
import * as fc from 'fast-check';
import { randomInt } from 'node:crypto';
import { ERROR_TABLE, type ErrorKey } from '../../src/domain/errors';
import type { RunningEmulator } from '../../src/emulator';
import { SERVICE_CONTRACTS, type ServiceName } from '../../src/soap/contracts';
import { loadLibxml } from '../../src/soap/libxml';
import {
  getBookingDetailsBody,
  getBookingsBody,
  getInterviewTypesBody,
  headersOf,
} from '../helpers/dfdg-calls';
import { startTestEmulator } from '../helpers/emulator';
import { envelope, requestBody, soapAction } from '../helpers/envelope';
import { bodySchemaErrors } from '../helpers/response-schema';
import { byMode, LONG_MODE, report } from './support/mode';
import { ANNA, CASEWORKER, goodCreateXml, JOBCENTER } from './support/refusal-harness';
import { SoapConnections, textOfTag, verdictOf, type Verdict } from './support/soap-traffic';
import { mutate, mutationArb, parseTree, serialise, type MutationVerdict } from './support/xml-mutation';

const RUNS = byMode(300, 5000);
const seedFromEnv = process.env['DFDG_FUZZ_SEED'];
const SEED = seedFromEnv === undefined ? randomInt(2 ** 31) : Number(seedFromEnv);
if (!Number.isSafeInteger(SEED)) throw new Error(`DFDG_FUZZ_SEED must be an integer, got "${seedFromEnv}"`);
jest.setTimeout(byMode(150_000, 3_600_000));

/** What a request must get: a 200 (schema-valid), one fault of the table, or served by the operation. */
type Expected = { kind: 'ok' } | { kind: 'fault'; key: ErrorKey } | { kind: 'served' };

interface Template {
  readonly service: ServiceName;
  readonly operation: string;
  /** A fresh request (CreateBooking: a new booking each time, so each is created). */
  readonly xml: () => string;
  readonly expected: Expected;
}

const headers = headersOf(JOBCENTER, CASEWORKER);
/** Anna's booking (created in beforeAll) that the GetBookingDetails template reads. */
let annasBooking = '';
const TEMPLATES: readonly Template[] = [
  {
    service: 'BookingService',
    operation: 'CreateBooking',
    // Interview type 3: not a Jobsamtale or Rådighedssamtale, so BK-ONE-FUTURE never refuses a repeat.
    xml: () => goodCreateXml({ interviewType: 3 }),
    expected: { kind: 'ok' },
  },
  {
    service: 'BookingService',
    operation: 'GetBookings',
    xml: () => envelope(getBookingsBody(ANNA), headers),
    expected: { kind: 'ok' },
  },
  {
    service: 'BookingService',
    operation: 'GetBookingDetails',
    xml: () => envelope(getBookingDetailsBody(annasBooking), headers),
    expected: { kind: 'ok' },
  },
  {
    service: 'PersonStatusService',
    operation: 'GetVariablePersonStatus',
    xml: () =>
      envelope(
        requestBody('PersonStatusService', 'GetVariablePersonStatus', {
          PersonCivilRegistrationIdentifier: ANNA,
          RequestVariableType:
            '<s:Core>true</s:Core><s:Authority>true</s:Authority><s:Booking>true</s:Booking><s:InterviewDeadline>false</s:InterviewDeadline>',
        }),
        headers,
      ),
    expected: { kind: 'ok' },
  },
  {
    service: 'CodelistService',
    operation: 'GetInterviewTypes',
    xml: () => envelope(getInterviewTypesBody()),
    expected: { kind: 'ok' },
  },
  {
    service: 'BookingWsrmMessageService',
    operation: 'GetBookings',
    xml: () =>
      envelope(
        requestBody('BookingWsrmMessageService', 'GetBookings', {
          Identifier: 'b0000000-0000-4000-8000-00000000abcd',
        }),
        headers,
      ),
    // No sequence has that identifier.
    expected: { kind: 'fault', key: 'WSRM-UNKNOWN' },
  },
];

const operationsOf = (service: ServiceName): readonly string[] =>
  SERVICE_CONTRACTS.find((s) => s.name === service)?.operations ?? [];

/** Rules checked before the payload's schema, or not by an operation at all: a served request never gets them. */
const BEFORE_OPERATION = /^(SEC-|REQ-XML$|REQ-OP$|REQ-SCHEMA$|REQ-MUSTUNDERSTAND$|INTERNAL$)/;

type Action =
  { kind: 'own' } | { kind: 'empty' } | { kind: 'other'; operation: number } | { kind: 'raw'; value: string };
const actionArb: fc.Arbitrary<Action> = fc.oneof(
  { weight: 12, arbitrary: fc.constant({ kind: 'own' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'empty' as const }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('other' as const), operation: fc.nat() }) },
  {
    weight: 1,
    arbitrary: fc
      .string({ unit: 'grapheme-ascii', maxLength: 30 })
      .map((s) => ({ kind: 'raw' as const, value: s.replace(/[^\x20-\x7e]/g, '') })),
  },
);

/** The SOAPAction sent (unquoted), and whether it names another operation than the template's (REQ-OP). */
const soapActionOf = (template: Template, action: Action): { value: string; wrong: boolean } => {
  const own = soapAction(template.service, template.operation);
  const value =
    action.kind === 'own'
      ? own
      : action.kind === 'empty'
        ? ''
        : action.kind === 'raw'
          ? action.value
          : soapAction(
              template.service,
              operationsOf(template.service)[action.operation % operationsOf(template.service).length] ?? '',
            );
  // SOAP 1.1 allows an empty SOAPAction ("the intent is not indicated"): it is served.
  return { value, wrong: value !== '' && value !== own };
};

/** Whether the request is well-formed XML, parsed from the bytes that are sent. */
const wellFormed = async (xml: string): Promise<boolean> => {
  const libxml = await loadLibxml();
  try {
    libxml.XmlDocument.fromBuffer(Buffer.from(xml, 'utf8')).dispose();
    return true;
  } catch {
    return false;
  }
};

/** RULES.md's order of checks: REQ-XML, then REQ-OP, then what the mutation breaks, else the template's verdict. */
const expectedOf = async (
  template: Template,
  mutation: MutationVerdict,
  wrongAction: boolean,
  xml: string,
): Promise<Expected> => {
  // A value or name the mutation wrote may itself be unwritable in XML (a control character, say).
  if ((mutation.kind === 'fault' && mutation.key === 'REQ-XML') || !(await wellFormed(xml)))
    return { kind: 'fault', key: 'REQ-XML' };
  if (wrongAction || (mutation.kind === 'fault' && mutation.key === 'REQ-OP'))
    return { kind: 'fault', key: 'REQ-OP' };
  if (mutation.kind === 'fault') return mutation;
  if (mutation.kind === 'schema') {
    const errors = await bodySchemaErrors(template.service, xml);
    if (errors.length > 0) return { kind: 'fault', key: 'REQ-SCHEMA' };
    // A schema-valid payload reaches the operation, whose rules may refuse the changed values.
    return template.expected.kind === 'ok' ? { kind: 'served' } : template.expected;
  }
  return template.expected;
};

/** Null when the verdict is the expected one, else what differs. */
const mismatch = async (template: Template, expected: Expected, verdict: Verdict): Promise<string | null> => {
  if (verdict.kind === 'broken') return `not a SOAP response or a DFDG fault: ${verdict.why}`;
  if (verdict.kind === 'ok') {
    if (expected.kind === 'fault') return `served (200), expected ${describe(expected)}`;
    const errors = await bodySchemaErrors(template.service, verdict.body);
    return errors.length ? `a 200 whose body breaks the response schema: ${errors.join('; ')}` : null;
  }
  const got = `${verdict.code} ${verdict.source}`;
  if (expected.kind === 'fault') {
    const spec = ERROR_TABLE[expected.key];
    return verdict.code === spec.code && verdict.source === spec.ruleId
      ? null
      : `${got}, expected ${describe(expected)}`;
  }
  if (expected.kind === 'served' && !BEFORE_OPERATION.test(verdict.source)) return null;
  return `${got} (${verdict.detail}), expected ${describe(expected)}`;
};

const describe = (e: Expected): string =>
  e.kind === 'fault'
    ? `${ERROR_TABLE[e.key].code} ${ERROR_TABLE[e.key].ruleId}`
    : e.kind === 'ok'
      ? 'a 200'
      : 'a 200 or a fault of the operation';

let emulator: RunningEmulator;
let connections: SoapConnections;
beforeAll(async () => {
  report('fuzz seed', { seed: SEED, replay: `DFDG_FUZZ_SEED=${SEED}` });
  emulator = await startTestEmulator();
  connections = new SoapConnections(emulator.soapUrl, '8-75100', 1);
  const created = await connections.post(
    'BookingService',
    'CreateBooking',
    goodCreateXml({ interviewType: 3 }),
  );
  annasBooking = (created.kind === 'response' && textOfTag(created.body, 'BookingIdentifier')) || '';
  expect(annasBooking).toMatch(/^[0-9a-f-]{36}$/);
});
afterAll(async () => {
  connections.close();
  await emulator.stop();
});

it('When each template is sent unchanged, then it gets its own verdict', async () => {
  for (const template of TEMPLATES) {
    const verdict = verdictOf(await connections.post(template.service, template.operation, template.xml()));
    expect({
      template: `${template.service}.${template.operation}`,
      wrong: await mismatch(template, template.expected, verdict),
    }).toEqual({
      template: `${template.service}.${template.operation}`,
      wrong: null,
    });
  }
});

it(`When ${RUNS} mutated requests are sent, then each gets the verdict its mutation calls for, every 200 valid against the response schema`, async () => {
  const outcomes = new Map<string, number>();
  const count = (v: Verdict): void => {
    const key = v.kind === 'fault' ? `${v.code} ${v.source}` : v.kind;
    outcomes.set(key, (outcomes.get(key) ?? 0) + 1);
  };
  await fc.assert(
    fc.asyncProperty(
      fc.nat({ max: TEMPLATES.length - 1 }),
      mutationArb,
      actionArb,
      async (which, mutation, action) => {
        const template = TEMPLATES[which] as Template;
        const mutated = mutate(await parseTree(template.xml()), mutation, operationsOf(template.service));
        fc.pre(mutated !== null);
        if (!mutated) return;
        const xml = `<?xml version="1.0" encoding="utf-8"?>${serialise(mutated.tree)}`;
        const sent = soapActionOf(template, action);
        const expected = await expectedOf(template, mutated.verdict, sent.wrong, xml);
        const verdict = verdictOf(
          await connections.post(template.service, template.operation, xml, sent.value),
        );
        count(verdict);
        const wrong = await mismatch(template, expected, verdict);
        if (wrong)
          throw new Error(
            `${template.service}.${template.operation}, ${mutation.kind} mutation, SOAPAction "${sent.value}": ${wrong}\n` +
              `request: ${xml.slice(0, 3000)}`,
          );
      },
    ),
    { numRuns: RUNS, seed: SEED, endOnFailure: !LONG_MODE },
  );
  report('fuzz', {
    runs: RUNS,
    seed: SEED,
    outcomes: Object.fromEntries([...outcomes].sort((a, b) => b[1] - a[1])),
  });

  // The same server then answers every template as before.
  for (const template of TEMPLATES) {
    const verdict = verdictOf(await connections.post(template.service, template.operation, template.xml()));
    expect(await mismatch(template, template.expected, verdict)).toBeNull();
  }
});
