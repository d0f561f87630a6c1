import type { Request as LoadRequest } from 'autocannon';
import { randomUUID } from 'node:crypto';
import type { Organisation } from '../../src/domain/organisation';
import { post, type ClientTls } from './https-call';
import {
  closeSequenceEnvelope,
  createBookingEnvelope,
  createSequenceEnvelope,
  getBookingDetailsEnvelope,
  getBookingsEnvelope,
  personStatusEnvelope,
  soapHeaders,
  textOf,
  wsrmGetBookingsEnvelope,
  type BenchService,
} from './soap-bodies';
import { INDKALDELSE_PATH, indkaldelseBody, restHeaders } from './rest-bodies';
import {
  bookingIdOf,
  bookingOwners,
  cprOf,
  CREATE_CPR_BASE,
  LOAD_CERTIFICATE,
  LOAD_ORGANISATION,
  PICKUP_CERTIFICATE,
  PICKUP_RECEIVERS,
} from './world';

/**
 * What the load generator sends for each measured operation. Every connection loops over its
 * requests; a request built by setupRequest is new each time (CreateBooking: a new booking id and
 * a CPR never used before, so no rule refuses it; reads: a random preloaded citizen or booking).
 */
export type OperationName =
  | 'CreateBooking'
  | 'GetBookingDetails'
  | 'GetBookings'
  | 'GetVariablePersonStatus'
  | 'WsrmPickup'
  | 'CreateIndkaldelse'
  | 'GetIndkaldelse';

/** The REST counterparts (REST.md §3) of SOAP operations, measured side by side with them. */
export const REST_COUNTERPARTS = [
  { soap: 'CreateBooking', rest: 'CreateIndkaldelse' },
  { soap: 'GetBookingDetails', rest: 'GetIndkaldelse' },
] as const satisfies ReadonlyArray<{ soap: OperationName; rest: OperationName }>;

export interface Population {
  readonly bookings: number;
  readonly citizens: number;
}

export interface Scenario {
  readonly operation: OperationName;
  /** The client certificate every connection presents. */
  readonly certificate: string;
  /** The HTTP status of a successful call (REST's create answers 201); 200 when not given. */
  readonly okStatus?: number;
  /** The requests of one connection (setupClient gives each its own, numbered from 0). */
  requestsOf(connection: number): LoadRequest[];
  /** Leaves the target as it found it (the pickup: no sequence left open). */
  settle?(baseUrl: string, tls: ClientTls): Promise<void>;
}

const exchange = (service: BenchService, operation: string, body: string): LoadRequest => ({
  method: 'POST',
  path: `/${service}`,
  headers: soapHeaders(service, operation),
  body,
});

const dynamic = (service: BenchService, operation: string, body: () => string): LoadRequest => ({
  ...exchange(service, operation, ''),
  setupRequest: (req) => ({ ...req, body: body() }),
});

let created = 0;
const randomIndex = (n: number): number => Math.floor(Math.random() * n);

export const scenarios = (population: Population): Record<OperationName, Scenario> => {
  let owners: Int32Array | undefined;
  /** A random preloaded booking and its citizen (a REST read names the citizen in a header). */
  const randomBooking = (): { id: string; cpr: string } => {
    owners ??= bookingOwners(population.bookings);
    const n = randomIndex(population.bookings);
    return { id: bookingIdOf(n), cpr: cprOf(owners[n] ?? 0) };
  };
  return {
    CreateBooking: {
      operation: 'CreateBooking',
      certificate: LOAD_CERTIFICATE,
      requestsOf: () => [
        dynamic('BookingService', 'CreateBooking', () =>
          createBookingEnvelope(LOAD_ORGANISATION, {
            id: randomUUID(),
            cpr: cprOf(CREATE_CPR_BASE + created++),
            now: Date.now(),
          }),
        ),
      ],
    },
    GetBookingDetails: {
      operation: 'GetBookingDetails',
      certificate: LOAD_CERTIFICATE,
      requestsOf: () => [
        dynamic('BookingService', 'GetBookingDetails', () =>
          getBookingDetailsEnvelope(LOAD_ORGANISATION, bookingIdOf(randomIndex(population.bookings))),
        ),
      ],
    },
    GetBookings: {
      operation: 'GetBookings',
      certificate: LOAD_CERTIFICATE,
      requestsOf: () => [
        dynamic('BookingService', 'GetBookings', () =>
          getBookingsEnvelope(LOAD_ORGANISATION, cprOf(randomIndex(population.citizens))),
        ),
      ],
    },
    GetVariablePersonStatus: {
      operation: 'GetVariablePersonStatus',
      certificate: LOAD_CERTIFICATE,
      requestsOf: () => [
        dynamic('PersonStatusService', 'GetVariablePersonStatus', () =>
          personStatusEnvelope(LOAD_ORGANISATION, cprOf(randomIndex(population.citizens))),
        ),
      ],
    },
    WsrmPickup: pickupScenario,
    CreateIndkaldelse: {
      operation: 'CreateIndkaldelse',
      certificate: LOAD_CERTIFICATE,
      okStatus: 201,
      requestsOf: () => [
        {
          method: 'POST',
          path: INDKALDELSE_PATH,
          setupRequest: (req) => ({
            ...req,
            path: `${INDKALDELSE_PATH}/${randomUUID()}`,
            headers: restHeaders(LOAD_ORGANISATION, cprOf(CREATE_CPR_BASE + created++), true),
            body: indkaldelseBody(LOAD_ORGANISATION, Date.now()),
          }),
        },
      ],
    },
    GetIndkaldelse: {
      operation: 'GetIndkaldelse',
      certificate: LOAD_CERTIFICATE,
      requestsOf: () => [
        {
          method: 'GET',
          path: INDKALDELSE_PATH,
          setupRequest: (req) => {
            const booking = randomBooking();
            return {
              ...req,
              path: `${INDKALDELSE_PATH}/${booking.id}`,
              headers: restHeaders(LOAD_ORGANISATION, booking.cpr, false),
            };
          },
        },
      ],
    },
  };
};

/** autocannon starts a connection's cycle over when setupRequest returns nothing; its types do not say so. */
const orRestart = (setup: (req: LoadRequest, context: object) => LoadRequest | undefined) =>
  setup as (req: LoadRequest, context: object) => LoadRequest;

interface PickupContext {
  sequence?: string | undefined;
}

const WSRM = 'BookingWsrmMessageService';

/**
 * One pickup cycle per receiver and connection: CreateSequence, GetBookings, CloseSequence. Close
 * (abort) puts the messages back, so every cycle at every size delivers the same queue of
 * PICKUP_QUEUE_LENGTH messages; Terminate would cost the same one statement but empty the queue.
 */
const pickupScenario: Scenario = {
  operation: 'WsrmPickup',
  certificate: PICKUP_CERTIFICATE,
  requestsOf: (connection) => {
    const receiver = PICKUP_RECEIVERS[connection % PICKUP_RECEIVERS.length] as Organisation;
    const withSequence = (operation: string, body: (id: string) => string): LoadRequest => ({
      ...exchange(WSRM, operation, ''),
      setupRequest: orRestart((req, context) => {
        const id = (context as PickupContext).sequence;
        return id ? { ...req, body: body(id) } : undefined;
      }),
    });
    return [
      {
        ...exchange(WSRM, 'CreateSequence', createSequenceEnvelope(receiver)),
        onResponse: (status, body, context) => {
          (context as PickupContext).sequence = status === 200 ? textOf(body, 'Identifier') : undefined;
        },
      },
      withSequence('GetBookings', (id) => wsrmGetBookingsEnvelope(receiver, id)),
      withSequence('CloseSequence', (id) => closeSequenceEnvelope(receiver, id)),
    ];
  },
  settle: async (baseUrl, tls) => {
    // A run stops mid-cycle: close what is open, whether the generator saw its id or not (WSRM-ONE-OPEN names it).
    for (const receiver of PICKUP_RECEIVERS) {
      const open = await post(baseUrl, tls, {
        path: `/${WSRM}`,
        headers: soapHeaders(WSRM, 'CreateSequence'),
        body: createSequenceEnvelope(receiver),
      });
      const id =
        open.status === 200
          ? textOf(open.body, 'Identifier')
          : /open sequence ([0-9a-f-]{36})/.exec(open.body)?.[1];
      if (!id)
        throw new Error(`cannot settle the pickup of ${receiver.code}: HTTP ${open.status} ${open.body}`);
      await post(baseUrl, tls, {
        path: `/${WSRM}`,
        headers: soapHeaders(WSRM, 'CloseSequence'),
        body: closeSequenceEnvelope(receiver, id),
      });
    }
  },
};
