/**
 * A mixed load like a busy CI's: writes for many citizens, reads, person status, code lists, WSRM
 * pickups, and a share of broken calls (bad XML, schema faults, unregistered certificates). Each
 * call's answer is checked against what that call must get; anything else is collected.
 */
import { getBookingDetailsBody, getBookingsBody, getInterviewTypesBody } from '../../helpers/dfdg-calls';
import { dfdgHeaders, envelope, requestBody } from '../../helpers/envelope';
import {
  createBookingXml,
  JOBCENTER,
  JOBCENTER_CASEWORKER,
  randomCpr,
  SoapConnections,
  textOfTag,
  verdictOf,
  type Answer,
} from './soap-traffic';
import { pollWsrm, type Pickup, type PollerStats } from './wsrm-poller';

export interface MixedLoadResult {
  calls: number;
  byOperation: Record<string, number>;
  /** Answers that were not what the call must get, in words. */
  unexpected: string[];
  latenciesMs: number[];
  pickups: number;
}

interface Step {
  readonly name: string;
  readonly send: (
    c: { ok: SoapConnections; unregistered: SoapConnections },
    lastBooking: string,
  ) => Promise<Answer>;
  /** 'ok', or the DFDG fault code the call must get. */
  readonly expect: 'ok' | number;
}

const headers = dfdgHeaders(JOBCENTER, JOBCENTER_CASEWORKER);
// A citizen of the load's jobcenter that the load never books for: her GetBookings answer keeps its size.
const ANNA = '0101575001';
const DENNIS = '0404575004';

const STEPS: readonly Step[] = [
  {
    name: 'CreateBooking',
    send: ({ ok }) => ok.post('BookingService', 'CreateBooking', createBookingXml(randomCpr())),
    expect: 'ok',
  },
  {
    name: 'GetBookingDetails',
    send: ({ ok }, last) =>
      ok.post('BookingService', 'GetBookingDetails', envelope(getBookingDetailsBody(last), headers)),
    expect: 'ok',
  },
  {
    name: 'GetBookings',
    send: ({ ok }) => ok.post('BookingService', 'GetBookings', envelope(getBookingsBody(ANNA), headers)),
    expect: 'ok',
  },
  {
    name: 'GetVariablePersonStatus',
    send: ({ ok }) =>
      ok.post(
        'PersonStatusService',
        'GetVariablePersonStatus',
        envelope(
          requestBody('PersonStatusService', 'GetVariablePersonStatus', {
            PersonCivilRegistrationIdentifier: DENNIS,
            RequestVariableType:
              '<s:Core>true</s:Core><s:Authority>true</s:Authority><s:Booking>true</s:Booking><s:InterviewDeadline>true</s:InterviewDeadline>',
          }),
          headers,
        ),
      ),
    expect: 'ok',
  },
  {
    name: 'GetInterviewTypes',
    send: ({ ok }) => ok.post('CodelistService', 'GetInterviewTypes', envelope(getInterviewTypesBody())),
    expect: 'ok',
  },
  {
    name: 'CreateBooking (not well-formed)',
    send: ({ ok }) =>
      ok.post('BookingService', 'CreateBooking', createBookingXml(randomCpr()).replace('</soap:Body>', '')),
    expect: 1014,
  },
  {
    name: 'CreateBooking (schema)',
    send: ({ ok }) =>
      ok.post(
        'BookingService',
        'CreateBooking',
        createBookingXml(randomCpr()).replace(/<bk:SelfBooked>false/, '<bk:SelfBooked>maybe'),
      ),
    expect: 1014,
  },
  {
    name: 'GetBookings (unregistered certificate)',
    send: ({ unregistered }) =>
      unregistered.post('BookingService', 'GetBookings', envelope(getBookingsBody(ANNA), headers)),
    expect: 1012,
  },
  {
    name: 'CreateBooking',
    send: ({ ok }) => ok.post('BookingService', 'CreateBooking', createBookingXml(randomCpr())),
    expect: 'ok',
  },
];

/** Runs `workers` loops over STEPS (and one WSRM receiver draining jobcenter 75100) until told to stop. */
export const runMixedLoad = async (options: {
  readonly soapUrl: string;
  readonly workers: number;
  readonly shouldStop: () => boolean;
}): Promise<MixedLoadResult> => {
  const connections = {
    ok: new SoapConnections(options.soapUrl, '8-75100', options.workers),
    unregistered: new SoapConnections(options.soapUrl, 'unregistered', 1),
  };
  const result: MixedLoadResult = { calls: 0, byOperation: {}, unexpected: [], latenciesMs: [], pickups: 0 };
  // A booking of the load's own jobcenter to read until the workers create theirs (a fixture booking
  // of another jobcenter's citizen is, to this caller, not there: ACC-OWN).
  const first = verdictOf(
    await connections.ok.post('BookingService', 'CreateBooking', createBookingXml(randomCpr())),
  );
  if (first.kind !== 'ok')
    throw new Error(`the mixed load's first CreateBooking failed: ${JSON.stringify(first)}`);
  let lastBooking = textOfTag(first.body, 'BookingIdentifier') ?? '';
  const pickups: Pickup[] = [];
  const pollerStats: PollerStats = { oneOpenRefusals: 0, unexpected: [] };
  const worker = async (offset: number): Promise<void> => {
    for (let i = offset; !options.shouldStop(); i++) {
      const step = STEPS[i % STEPS.length] as Step;
      const answer = await step.send(connections, lastBooking);
      const verdict = verdictOf(answer);
      result.calls++;
      result.byOperation[step.name] = (result.byOperation[step.name] ?? 0) + 1;
      if (answer.kind === 'response') result.latenciesMs.push(answer.ms);
      const got = verdict.kind === 'ok' ? 'ok' : verdict.kind === 'fault' ? verdict.code : verdict.why;
      if (got !== step.expect && result.unexpected.length < 20)
        result.unexpected.push(`${step.name}: expected ${step.expect}, got ${String(got).slice(0, 300)}`);
      if (step.name === 'CreateBooking' && verdict.kind === 'ok')
        lastBooking = textOfTag(verdict.body, 'BookingIdentifier') ?? lastBooking;
    }
  };
  try {
    await Promise.all([
      ...Array.from({ length: options.workers }, (_, w) => worker(w * 2)),
      pollWsrm({
        soapUrl: options.soapUrl,
        via: 'mixed',
        cert: '8-75100',
        receiver: JOBCENTER,
        user: JOBCENTER_CASEWORKER,
        shouldStop: options.shouldStop,
        pickups,
        stats: pollerStats,
        closeShare: 0,
      }),
    ]);
  } finally {
    connections.ok.close();
    connections.unregistered.close();
  }
  result.pickups = pickups.length;
  result.unexpected.push(...pollerStats.unexpected);
  return result;
};
