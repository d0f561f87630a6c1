/**
 * VIS-AKASSE on writes end to end (RULES.md: "An a-kasse may not create or update a booking of a type
 * it cannot see: 4575"): a-kasse 2/17 writing for its own member through its own certificate, over
 * SOAP (BookingService) and REST (Kontaktforloeb.IndkaldelseService), with real mutual TLS and the
 * emulator's SQLite file. A refused write stores nothing; the journal names VIS-AKASSE as the rule.
 */
import { randomUUID } from 'node:crypto';
import type { RunningEmulator } from '../../../src/emulator';
import { expectFault } from '../../helpers/fault-assertions';
import { expectRestRefused, indkaldelseDto, restCall, restHeaders } from '../../helpers/rest-calls';
import {
  acceptedPayload,
  akasseCaseworker,
  caseworkerBooking,
  dfdgScenario,
  jobcenterCaseworker,
  ORG,
  saveCitizen,
  textIn,
  type DfdgScenario,
} from '../../helpers/scenario-dfdg';
import { startTestEmulator } from '../../helpers/emulator';
import type { RawResponse } from '../../helpers/soap-request';

const NOW = new Date('2026-11-23T09:00:00Z');
const START = '2026-12-01T10:00:00+01:00';
/** A sygeopfølgningssamtale: not among the types an a-kasse sees (7-13, 15, 17, 19). */
const INVISIBLE = 6;

let emulator: RunningEmulator;
let dfdg: DfdgScenario;
let cpr: string;

beforeAll(async () => {
  emulator = await startTestEmulator({ clockStart: NOW, clockFrozen: true });
  dfdg = dfdgScenario(emulator);
});
beforeEach(() => {
  // A citizen of jobcenter Aarhus and a member of a-kasse 17.
  cpr = saveCitizen(emulator);
});
afterAll(async () => {
  dfdg.close();
  await emulator.stop();
});

/** A booking a-kasse 17 makes for its member, at its own premises. */
const akasseBooking = (interviewType: number, id?: string) =>
  caseworkerBooking(cpr, START, {
    interviewType,
    meeting: ORG.foa,
    caseworkerName: 'Karen Jensen',
    ...(id ? { id } : {}),
  });

const referenceOf = (res: { headers: Record<string, string | string[] | undefined> }): string =>
  String(res.headers['x-servicerequestlogreferenceidentifier']);

/** The journal's last decisions of a call: each rule and whether it passed. */
const lastDecisions = (referenceId: string, n: number) =>
  emulator.journal
    .find(referenceId)
    ?.decisions.map((d) => [d.ruleId, d.passed, d.kind] as const)
    .slice(-n);

const createdId = async (res: RawResponse): Promise<string> =>
  textIn(await acceptedPayload('BookingService', res), 'BookingIdentifier');

describe('SOAP BookingService', () => {
  it('When a-kasse 2/17 creates a booking of type 6 for its member, then it is 4575 with Source VIS-AKASSE, nothing is stored and the journal names the rule', async () => {
    const id = randomUUID();
    const res = await dfdg.createBooking(akasseCaseworker, akasseBooking(INVISIBLE, id));
    await expectFault(res, { code: 4575, source: 'VIS-AKASSE' });
    expect(emulator.store.bookings.find(id)).toBeUndefined();
    expect(emulator.store.bookings.listByCpr(cpr)).toEqual([]);
    expect(emulator.journal.find(referenceOf(res))).toMatchObject({ outcome: '4575', ruleId: 'VIS-AKASSE' });
    // The rules before it in RULES.md step 7 passed; it is a DFDG rule, not a commitment.
    expect(lastDecisions(referenceOf(res), 4)).toEqual([
      ['BK-VALID', true, 'dfdg'],
      ['BK-START', true, 'dfdg'],
      ['BK-DEADLINES-CONSISTENT', true, 'dfdg'],
      ['VIS-AKASSE', false, 'dfdg'],
    ]);
  });

  it('When a-kasse 2/17 creates a Jobsamtale (type 7) for its member, then it is stored', async () => {
    const id = await createdId(await dfdg.createBooking(akasseCaseworker, akasseBooking(7)));
    expect(emulator.store.bookings.find(id)).toMatchObject({ interviewType: 7, status: 'Active' });
  });

  it('When a-kasse 2/17 updates its Jobsamtale to type 6, then it is 4575 with Source VIS-AKASSE and the booking and its history are unchanged', async () => {
    const id = await createdId(await dfdg.createBooking(akasseCaseworker, akasseBooking(7)));
    const res = await dfdg.updateBooking(akasseCaseworker, {
      ...akasseBooking(INVISIBLE, id),
      meetingLocation: 'Moved',
    });
    await expectFault(res, { code: 4575, source: 'VIS-AKASSE' });
    expect(emulator.store.bookings.find(id)).toMatchObject({ interviewType: 7 });
    expect(emulator.store.bookings.find(id)?.meetingLocation).toBeUndefined();
    expect(emulator.store.bookings.history(id).map((h) => h.change)).toEqual(['Created']);
    expect(lastDecisions(referenceOf(res), 3)).toEqual([
      ['BK-CPR-MATCH', true, 'dfdg'],
      ['BK-VALID', true, 'dfdg'],
      ['VIS-AKASSE', false, 'dfdg'],
    ]);
  });

  it('When a-kasse 2/17 updates its Jobsamtale to another type it sees (8), then the update is stored', async () => {
    const id = await createdId(await dfdg.createBooking(akasseCaseworker, akasseBooking(7)));
    await dfdg.updateBookingAccepted(akasseCaseworker, akasseBooking(8, id));
    expect(emulator.store.bookings.find(id)).toMatchObject({ interviewType: 8 });
  });

  it('When the citizen’s jobcenter creates and updates a booking of type 6, then VIS-AKASSE does not refuse it', async () => {
    const id = await createdId(
      await dfdg.createBooking(jobcenterCaseworker, caseworkerBooking(cpr, START, { interviewType: 7 })),
    );
    await dfdg.updateBookingAccepted(
      jobcenterCaseworker,
      caseworkerBooking(cpr, START, { id, interviewType: INVISIBLE }),
    );
    expect(emulator.store.bookings.find(id)).toMatchObject({ interviewType: INVISIBLE });
  });
});

describe('REST Kontaktforloeb.IndkaldelseService', () => {
  const akasseMeeting = (samtaleType: number) =>
    indkaldelseDto(START, {
      samtaleType,
      moedeOrganisation: { organisationType: 2, organisationCode: '17' },
      moedested: 'FOA, Staunings Plads 1',
    });
  const asAkasse = (method: string, id: string, body: unknown) =>
    restCall(emulator.soapUrl, method, `/v2/Indkaldelse/${id}`, {
      headers: restHeaders(akasseCaseworker, cpr),
      body,
      cert: '2-17',
    });

  it('When a-kasse 2/17 creates an indkaldelse of samtaleType 6, then it is 403 with 4575, X-DFDG-Rule VIS-AKASSE, and nothing is stored', async () => {
    const id = randomUUID();
    const res = await asAkasse('POST', id, akasseMeeting(INVISIBLE));
    expectRestRefused(res, 403, 4575, 'VIS-AKASSE');
    expect((res.json as { fejltekst: string }).fejltekst).toBe(
      'You are not authorized to execute the operation',
    );
    expect(emulator.store.bookings.find(id)).toBeUndefined();
    expect(emulator.journal.find(referenceOf(res))).toMatchObject({ outcome: '4575', ruleId: 'VIS-AKASSE' });
  });

  it('When a-kasse 2/17 creates an indkaldelse of samtaleType 7, then it is 201', async () => {
    const id = randomUUID();
    const res = await asAkasse('POST', id, akasseMeeting(7));
    expect(res.status).toBe(201);
    expect(emulator.store.bookings.find(id)).toMatchObject({ interviewType: 7 });
  });

  it('When a-kasse 2/17 replaces its indkaldelse with one of samtaleType 6, then it is 403 with 4575, X-DFDG-Rule VIS-AKASSE, and the meeting is unchanged', async () => {
    const id = randomUUID();
    expect((await asAkasse('POST', id, akasseMeeting(7))).status).toBe(201);
    const res = await asAkasse('PUT', id, akasseMeeting(INVISIBLE));
    expectRestRefused(res, 403, 4575, 'VIS-AKASSE');
    expect(emulator.store.bookings.find(id)).toMatchObject({ interviewType: 7 });
    expect(emulator.store.bookings.history(id).map((h) => h.change)).toEqual(['Created']);
    // The same replacement with a type it sees (8) is taken.
    expect((await asAkasse('PUT', id, akasseMeeting(8))).status).toBe(200);
    expect(emulator.store.bookings.find(id)).toMatchObject({ interviewType: 8 });
  });
});

describe('--conformance dfdg', () => {
  let lenient: RunningEmulator;
  beforeAll(async () => {
    lenient = await startTestEmulator({ conformance: 'dfdg', clockStart: NOW, clockFrozen: true });
  });
  afterAll(() => lenient.stop());

  it('When a-kasse 2/17 creates a booking of type 6 with only DFDG’s own checks enforced, then it is still 4575: VIS-AKASSE is DFDG’s rule, not a commitment', async () => {
    const member = saveCitizen(lenient);
    const lenientDfdg = dfdgScenario(lenient);
    try {
      const res = await lenientDfdg.createBooking(
        akasseCaseworker,
        caseworkerBooking(member, START, { interviewType: INVISIBLE, meeting: ORG.foa }),
      );
      await expectFault(res, { code: 4575, source: 'VIS-AKASSE' });
      expect(lenient.store.bookings.listByCpr(member)).toEqual([]);
    } finally {
      lenientDfdg.close();
    }
  });
});
