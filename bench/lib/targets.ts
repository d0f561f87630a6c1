import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { postOk, type SoapExchange } from './https-call';
import type { Installation } from './installation';
import { EMULATOR_MAIN, reference, spawnServer, type ServerProcess } from './processes';
import type { ReferenceConfig } from './reference-config';
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
import {
  bookingIdOf,
  bookingsOfCitizen,
  cprOf,
  CREATE_CPR_BASE,
  LOAD_CERTIFICATE,
  LOAD_ORGANISATION,
  PICKUP_CERTIFICATE,
  PICKUP_RECEIVERS,
} from './world';

/** The servers under test: the emulator (the real entry, dist/src/main.js) and the two references. */
export const EMULATOR = 'emulator';
export const EMULATOR_SYNC_FULL = 'emulator --sync=full';
export const REFERENCE_SOAP = '(a) node-soap';
export const REFERENCE_RAW = '(b) raw https';

const exchange = (service: BenchService, operation: string, body: string): SoapExchange => ({
  path: `/${service}`,
  headers: soapHeaders(service, operation),
  body,
});

/** Every server must answer this before it counts as started (a preloaded booking, read in full). */
export const probe = exchange(
  'BookingService',
  'GetBookingDetails',
  getBookingDetailsEnvelope(LOAD_ORGANISATION, bookingIdOf(0)),
);

/** How long the emulator may take to serve its first request before the bench gives up on it. */
export const EMULATOR_START_TIMEOUT_MS = 60_000;

export const startEmulator = (
  installation: Installation,
  options: {
    label: string;
    dbPath: string;
    args?: readonly string[];
    nodeArgs?: readonly string[];
    /** Another build's dist/src/main.js (bench --compare --against); this checkout's by default. */
    main?: string;
  },
): Promise<ServerProcess> =>
  spawnServer({
    label: options.label,
    script: options.main ?? EMULATOR_MAIN,
    ...(options.nodeArgs ? { nodeArgs: options.nodeArgs } : {}),
    args: (port) => [
      ...['--port', String(port), '--host', '127.0.0.1', '--admin-port', '0'],
      ...['--db', options.dbPath, '--cert-dir', installation.certDir, '--fixtures', installation.fixturesDir],
      // CreateBooking under load names new CPRs (CREATE_CPR_BASE): each becomes a citizen of the
      // calling jobcenter on its first booking, as a trial user would run it (ACC-CPR).
      ...['--unknown-citizens', 'create'],
      ...(options.args ?? []),
    ],
    probe,
    probeTls: installation.client(LOAD_CERTIFICATE),
    timeoutMs: EMULATOR_START_TIMEOUT_MS,
  });

/**
 * The emulator's own answer to one request of each operation the bench drives (reads of a citizen
 * with the average five bookings; a pickup of a full queue), for the references to send back.
 */
export const captureAnswers = async (
  emulator: ServerProcess,
  installation: Installation,
  citizens: number,
): Promise<Record<string, string>> => {
  const tls = installation.client(LOAD_CERTIFICATE);
  const pickupTls = installation.client(PICKUP_CERTIFICATE);
  let citizen = 0;
  while (bookingsOfCitizen(citizen) !== 5 && citizen < citizens - 1) citizen++;
  const answers: Record<string, string> = {};
  const call = async (
    service: BenchService,
    operation: string,
    body: string,
    pickup = false,
  ): Promise<string> => {
    const answer = await postOk(
      emulator.baseUrl,
      pickup ? pickupTls : tls,
      exchange(service, operation, body),
    );
    answers[`http://service.bm.dk/pjaktass/1/${service}#${operation}`] = answer;
    return answer;
  };
  const booking = { id: randomUUID(), cpr: cprOf(CREATE_CPR_BASE - 1), now: Date.now() };
  await call('BookingService', 'CreateBooking', createBookingEnvelope(LOAD_ORGANISATION, booking));
  await call(
    'BookingService',
    'GetBookingDetails',
    getBookingDetailsEnvelope(LOAD_ORGANISATION, bookingIdOf(0)),
  );
  await call('BookingService', 'GetBookings', getBookingsEnvelope(LOAD_ORGANISATION, cprOf(citizen)));
  await call(
    'PersonStatusService',
    'GetVariablePersonStatus',
    personStatusEnvelope(LOAD_ORGANISATION, cprOf(citizen)),
  );
  const receiver = PICKUP_RECEIVERS[0] ?? LOAD_ORGANISATION;
  const WSRM = 'BookingWsrmMessageService';
  const opened = await call(WSRM, 'CreateSequence', createSequenceEnvelope(receiver), true);
  const id = textOf(opened, 'Identifier') ?? '';
  await call(WSRM, 'GetBookings', wsrmGetBookingsEnvelope(receiver, id), true);
  await call(WSRM, 'CloseSequence', closeSequenceEnvelope(receiver, id), true);
  return answers;
};

export const startReferences = async (
  installation: Installation,
  answers: Record<string, string>,
): Promise<ServerProcess[]> => {
  const config: ReferenceConfig = {
    tls: { key: installation.tls.serverKey, cert: installation.tls.serverCert, ca: installation.tls.ca },
    canned: answers,
  };
  const file = join(installation.dir, 'reference.json');
  writeFileSync(file, JSON.stringify(config));
  const start = (label: string, script: string): Promise<ServerProcess> =>
    spawnServer({
      label,
      script,
      args: (port) => [String(port), file],
      probe,
      probeTls: installation.client(LOAD_CERTIFICATE),
    });
  return [
    await start(REFERENCE_SOAP, reference('reference-soap')),
    await start(REFERENCE_RAW, reference('reference-raw')),
  ];
};
