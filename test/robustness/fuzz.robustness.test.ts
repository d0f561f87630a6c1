/**
 * Issue 5, item 7: a mutation fuzzer (fast-check) over valid requests of every service: values,
 * element names, namespaces, dropped/duplicated/swapped elements, inserted comments, CDATA, PIs and
 * foreign elements, extra attributes, and SOAPActions. Every answer must be a SOAP response (HTTP
 * 200) or a DFDG fault (HTTP 500, soap:Fault with FaultDetails) other than 1011 INTERNAL — never a
 * 5xx without a SOAP body, never a reset, never slower than 5 s — and the server must be healthy after.
 * CI: 300 cases with a fixed seed (DFDG_FUZZ_SEED overrides); DFDG_ROBUSTNESS_LONG=1: 5,000 with a
 * random seed (printed, to replay with DFDG_FUZZ_SEED).
 */
import * as fc from 'fast-check';
import type { RunningEmulator } from '../../src/emulator';
import {
  getBookingDetailsBody,
  getBookingsBody,
  getInterviewTypesBody,
  headersOf,
} from '../helpers/dfdg-calls';
import { startTestEmulator } from '../helpers/emulator';
import { envelope, requestBody, soapAction } from '../helpers/envelope';
import { byMode, LONG_MODE, report } from './support/mode';
import { ANNA, CASEWORKER, goodCreateXml, JOBCENTER } from './support/refusal-harness';
import { SoapConnections, verdictOf, type Verdict } from './support/soap-traffic';
import { mutate, mutationArb, parseTree, serialise, type XNode } from './support/xml-mutation';

const RUNS = byMode(300, 5000);
const SEED = process.env['DFDG_FUZZ_SEED']
  ? Number(process.env['DFDG_FUZZ_SEED'])
  : LONG_MODE
    ? Date.now()
    : 20261123;
jest.setTimeout(byMode(150_000, 3_600_000));

interface Template {
  readonly service: string;
  readonly operation: string;
  readonly xml: string;
}
const headers = headersOf(JOBCENTER, CASEWORKER);
const TEMPLATES: readonly Template[] = [
  { service: 'BookingService', operation: 'CreateBooking', xml: goodCreateXml() },
  { service: 'BookingService', operation: 'GetBookings', xml: envelope(getBookingsBody(ANNA), headers) },
  {
    service: 'BookingService',
    operation: 'GetBookingDetails',
    xml: envelope(getBookingDetailsBody('b0000000-0000-4000-8000-000000000001'), headers),
  },
  {
    service: 'PersonStatusService',
    operation: 'GetVariablePersonStatus',
    xml: envelope(
      requestBody('PersonStatusService', 'GetVariablePersonStatus', {
        PersonCivilRegistrationIdentifier: ANNA,
        RequestVariableType:
          '<s:Core>true</s:Core><s:Authority>true</s:Authority><s:Booking>true</s:Booking><s:InterviewDeadline>false</s:InterviewDeadline>',
      }),
      headers,
    ),
  },
  { service: 'CodelistService', operation: 'GetInterviewTypes', xml: envelope(getInterviewTypesBody()) },
  {
    service: 'BookingWsrmMessageService',
    operation: 'GetBookings',
    xml: envelope(
      requestBody('BookingWsrmMessageService', 'GetBookings', {
        Identifier: 'b0000000-0000-4000-8000-00000000abcd',
      }),
      headers,
    ),
  },
];
const OPERATIONS = [
  'CreateBooking',
  'UpdateBooking',
  'DeleteBooking',
  'GetBookings',
  'GetBookingDetails',
  'CreateSequence',
  'GetVariablePersonStatus',
];

let emulator: RunningEmulator;
let connections: SoapConnections;
let trees: XNode[];
beforeAll(async () => {
  emulator = await startTestEmulator();
  connections = new SoapConnections(emulator.soapUrl, '8-75100', 1);
  trees = await Promise.all(TEMPLATES.map((t) => parseTree(t.xml)));
});
afterAll(async () => {
  connections.close();
  await emulator.stop();
});

const soapActionArb = fc.oneof(
  { weight: 6, arbitrary: fc.constant('own') },
  { weight: 1, arbitrary: fc.constant('') },
  { weight: 2, arbitrary: fc.constantFrom(...OPERATIONS).map((op) => `other:${op}`) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme-ascii', maxLength: 30 }).map((s) => `raw:${s}`) },
);

it(`When ${RUNS} mutated requests are sent, then each gets a SOAP response or a DFDG fault (never 1011, a bare 5xx or a reset) within 5 s, and the server stays healthy`, async () => {
  const outcomes = new Map<string, number>();
  const count = (v: Verdict): void => {
    const key = v.kind === 'fault' ? `${v.code} ${v.source}` : v.kind;
    outcomes.set(key, (outcomes.get(key) ?? 0) + 1);
  };
  await fc.assert(
    fc.asyncProperty(
      fc.nat({ max: TEMPLATES.length - 1 }),
      fc.array(mutationArb, { minLength: 1, maxLength: 3 }),
      soapActionArb,
      async (which, mutations, action) => {
        const template = TEMPLATES[which] as Template;
        const tree = mutations.reduce((t, m) => mutate(t, m), trees[which] as Extract<XNode, { kind: 'el' }>);
        const xml = `<?xml version="1.0" encoding="utf-8"?>${serialise(tree)}`;
        const soapActionHeader =
          action === 'own'
            ? soapAction(template.service, template.operation)
            : action.startsWith('other:')
              ? soapAction(template.service, action.slice('other:'.length))
              : action.replace(/^raw:/, '').replace(/[^\x20-\x7e]/g, '');
        const answer = await connections.post(template.service, template.operation, xml, soapActionHeader);
        const verdict = verdictOf(answer);
        count(verdict);
        const bad =
          verdict.kind === 'broken'
            ? verdict.why
            : verdict.kind === 'fault' && verdict.code === 1011
              ? `1011 INTERNAL: ${verdict.detail}`
              : answer.ms >= 5000
                ? `answered after ${answer.ms} ms`
                : null;
        if (bad)
          throw new Error(
            `${template.service}.${template.operation} answered badly: ${bad}\nrequest: ${xml.slice(0, 3000)}`,
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

  // Healthy after: a good call of each template is answered as before.
  for (const template of TEMPLATES) {
    const answer = await connections.post(template.service, template.operation, template.xml);
    expect(['ok', 'fault']).toContain(verdictOf(answer).kind);
  }
  const good = verdictOf(await connections.post('BookingService', 'CreateBooking', goodCreateXml()));
  expect(good.kind).toBe('ok');
});
