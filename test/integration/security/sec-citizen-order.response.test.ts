/**
 * SEC-CITIZEN's data part ("a CPR in the request body, or the CPR of the booking it names, different
 * from the header's CPR is rejected") is step 4 of RULES.md's order of checks: it answers before
 * REQ-SCHEMA (step 5) and before the operation's rules (step 6: BK-VALID, BK-NOT-FOUND, BK-CPR-MATCH).
 * STAR callers skip it (SEC-STAR); other users are not subject to it.
 */
import type { RunningEmulator } from '../../../src/emulator';
import { adminClient } from '../../helpers/admin-client';
import { deleteBookingBody } from '../../helpers/dfdg-calls';
import { startTestEmulator } from '../../helpers/emulator';
import { bookingXml, createBookingBody, requestBody, serviceNs } from '../../helpers/envelope';
import { expectAccepted } from '../../helpers/fault-assertions';
import {
  akasseApp,
  caseworkerBooking,
  dfdgScenario,
  expectRuleFault,
  jobcenterCaseworker,
  jobnet,
  kssPlannerApp,
  meetingAt,
  saveCitizen,
  type Actor,
  type DfdgScenario,
} from '../../helpers/scenario-dfdg';
import type { RawResponse } from '../../helpers/soap-request';

const NOW = new Date('2026-03-02T09:00:00Z');
const MEETING = '2026-03-10T10:00:00+01:00';

let emulator: RunningEmulator;
let dfdg: DfdgScenario;

beforeAll(async () => {
  emulator = await startTestEmulator({ clockStart: NOW, clockFrozen: true });
  dfdg = dfdgScenario(emulator);
});
afterAll(async () => {
  dfdg.close();
  await emulator.stop();
});

/** Two citizens of jobcenter Aarhus and a-kasse 17; the first has a Jobsamtale a jobcenter booked. */
const twoCitizens = async (): Promise<{ own: string; other: string; id: string }> => {
  const own = saveCitizen(emulator);
  const other = saveCitizen(emulator);
  const id = await dfdg.createdBookingId(jobcenterCaseworker, caseworkerBooking(own, MEETING));
  return { own, other, id };
};

const deleteBooking = (actor: Actor, id: string, cpr: string): Promise<RawResponse> =>
  dfdg.call(actor, 'BookingService', 'DeleteBooking', deleteBookingBody(id, cpr));

const referenceIdOf = (res: RawResponse): string =>
  String(res.headers['x-servicerequestlogreferenceidentifier']);

describe('SEC-CITIZEN: a CPR in the body other than the header’s', () => {
  it('When a citizen updates their own booking with another CPR in the body, then 4413 SEC-CITIZEN (not 8107 BK-CPR-MATCH), the booking is unchanged, and the audit row names both CPRs', async () => {
    const { own, other, id } = await twoCitizens();
    const before = emulator.store.bookings.find(id);
    const res = await dfdg.updateBooking(kssPlannerApp(own), { ...caseworkerBooking(other, MEETING), id });
    expectRuleFault(res, 4413, 'SEC-CITIZEN');
    expect(emulator.store.bookings.find(id)).toEqual(before);
    const audit = emulator.store.audit.find(referenceIdOf(res));
    expect(audit).toMatchObject({ operation: 'UpdateBooking', outcome: '4413', ruleId: 'SEC-CITIZEN' });
    expect(audit?.cprs).toEqual(expect.arrayContaining([own, other]));
  });

  it('When a citizen deletes their own booking with another CPR in the body, then 4413 SEC-CITIZEN (not 8107 BK-CPR-MATCH) and the booking stays active', async () => {
    const { own, other, id } = await twoCitizens();
    expectRuleFault(await deleteBooking(akasseApp(own), id, other), 4413, 'SEC-CITIZEN');
    expect(emulator.store.bookings.find(id)?.status).toBe('Active');
  });

  it('When a caseworker updates or deletes a booking with another CPR in the body, then 8107 BK-CPR-MATCH (SEC-CITIZEN is for citizens only)', async () => {
    const { other, id } = await twoCitizens();
    expectRuleFault(
      await dfdg.updateBooking(jobcenterCaseworker, { ...caseworkerBooking(other, MEETING), id }),
      8107,
      'BK-CPR-MATCH',
    );
    expectRuleFault(await deleteBooking(jobcenterCaseworker, id, other), 8107, 'BK-CPR-MATCH');
    expect(emulator.store.bookings.find(id)?.status).toBe('Active');
  });

  it('When Jobnet (STAR, 5/4) calls for a citizen and updates or deletes their booking with another CPR in the body, then 8107 BK-CPR-MATCH (SEC-STAR skips SEC-CITIZEN)', async () => {
    const { own, other, id } = await twoCitizens();
    expectRuleFault(
      await dfdg.updateBooking(jobnet(own), { ...caseworkerBooking(other, MEETING), id }),
      8107,
      'BK-CPR-MATCH',
    );
    expectRuleFault(await deleteBooking(jobnet(own), id, other), 8107, 'BK-CPR-MATCH');
    expect(emulator.store.bookings.find(id)?.status).toBe('Active');
  });

  it('When a citizen updates and deletes their own booking with their own CPR, then both are accepted', async () => {
    const { own, id } = await twoCitizens();
    expectAccepted(
      await dfdg.updateBooking(kssPlannerApp(own), {
        ...caseworkerBooking(own, MEETING),
        id,
        meetingLocation: 'Lokale 4',
      }),
    );
    expect(emulator.store.bookings.find(id)?.meetingLocation).toBe('Lokale 4');
    expectAccepted(await deleteBooking(kssPlannerApp(own), id, own));
    expect(emulator.store.bookings.find(id)?.status).toBe('Cancelled');
  });
});

describe('SEC-CITIZEN answers before REQ-SCHEMA (step 4 before step 5)', () => {
  const notADate = (cpr: string): string =>
    createBookingBody({ ...caseworkerBooking(cpr, MEETING), start: 'next tuesday' });

  it('When a citizen creates a booking for another CPR with a body that fails the XSD, then 4413 SEC-CITIZEN (not 1014 REQ-SCHEMA), while their own CPR gets 1014 REQ-SCHEMA', async () => {
    const { own, other } = await twoCitizens();
    const create = (cpr: string) =>
      dfdg.call(kssPlannerApp(own), 'BookingService', 'CreateBooking', notADate(cpr));
    expectRuleFault(await create(other), 4413, 'SEC-CITIZEN');
    expectRuleFault(await create(own), 1014, 'REQ-SCHEMA');
    expect(emulator.store.bookings.listByCpr(other)).toHaveLength(0);
  });

  it('When a citizen reads another CPR’s bookings with an element the XSD does not allow, then 4413 SEC-CITIZEN (not 1014 REQ-SCHEMA)', async () => {
    const { own, other } = await twoCitizens();
    const body = (cpr: string): string =>
      requestBody('BookingService', 'GetBookings', {
        PersonCivilRegistrationIdentifier: cpr,
        Unexpected: 'x',
      });
    expectRuleFault(
      await dfdg.call(akasseApp(own), 'BookingService', 'GetBookings', body(other)),
      4413,
      'SEC-CITIZEN',
    );
    expectRuleFault(
      await dfdg.call(akasseApp(own), 'BookingService', 'GetBookings', body(own)),
      1014,
      'REQ-SCHEMA',
    );
  });

  it('When a citizen asks PersonStatusService about another CPR with a body that fails the XSD, then 4413 SEC-CITIZEN', async () => {
    const { own, other } = await twoCitizens();
    const res = await dfdg.call(
      kssPlannerApp(own),
      'PersonStatusService',
      'GetVariablePersonStatus',
      requestBody('PersonStatusService', 'GetVariablePersonStatus', {
        PersonCivilRegistrationIdentifier: other,
      }),
    );
    expectRuleFault(res, 4413, 'SEC-CITIZEN');
  });
});

describe('SEC-CITIZEN: the CPR of the booking the body names, before BK-VALID and REQ-SCHEMA', () => {
  it('When a citizen reschedules another citizen’s booking with its end before its start, then 4413 SEC-CITIZEN (not 4792 BK-VALID), while its own citizen gets 4792 BK-VALID', async () => {
    const { own, other, id } = await twoCitizens();
    const backwards = { start: MEETING, end: '2026-03-10T09:00:00+01:00' };
    expectRuleFault(await dfdg.reschedule(kssPlannerApp(other), id, backwards), 4413, 'SEC-CITIZEN');
    expectRuleFault(await dfdg.reschedule(kssPlannerApp(own), id, backwards), 4792, 'BK-VALID');
  });

  it('When a citizen reschedules another citizen’s booking with a start that is no dateTime, then 4413 SEC-CITIZEN (not 1014 REQ-SCHEMA)', async () => {
    const { other, id } = await twoCitizens();
    const res = await dfdg.reschedule(kssPlannerApp(other), id, { start: 'tomorrow', end: MEETING });
    expectRuleFault(res, 4413, 'SEC-CITIZEN');
    expect(emulator.store.bookings.find(id)?.start.toISOString()).toBe(new Date(MEETING).toISOString());
  });

  it('When a citizen updates another citizen’s booking, naming their own CPR and an interview type outside the code list, then 4413 SEC-CITIZEN (not 4709 BK-VALID), while its own citizen gets 4709 BK-VALID', async () => {
    const { own, other, id } = await twoCitizens();
    const update = (cpr: string): Promise<RawResponse> =>
      dfdg.updateBooking(kssPlannerApp(cpr), { ...caseworkerBooking(cpr, MEETING), id, interviewType: 99 });
    expectRuleFault(await update(other), 4413, 'SEC-CITIZEN');
    expectRuleFault(await update(own), 4709, 'BK-VALID');
    expect(emulator.store.bookings.find(id)?.interviewType).toBe(7);
  });

  it('When a citizen updates another citizen’s booking with its start after its end, then 4413 SEC-CITIZEN (not 4792 BK-VALID)', async () => {
    const { other, id } = await twoCitizens();
    const backwards = { ...caseworkerBooking(other, MEETING), ...meetingAt(MEETING, -30), id };
    expectRuleFault(await dfdg.updateBooking(kssPlannerApp(other), backwards), 4413, 'SEC-CITIZEN');
  });

  it('When a citizen names a booking that does not exist, then 4768 BK-NOT-FOUND answers as before', async () => {
    const { own } = await twoCitizens();
    const unknown = 'c0000000-0000-4000-8000-00000000dead';
    expectRuleFault(await deleteBooking(kssPlannerApp(own), unknown, own), 4768, 'BK-NOT-FOUND');
    expectRuleFault(
      await dfdg.reschedule(kssPlannerApp(own), unknown, meetingAt('2026-03-11T10:00:00+01:00')),
      4768,
      'BK-NOT-FOUND',
    );
  });

  it('When Jobnet (STAR) calls for a citizen and reads or reschedules another citizen’s booking, then it is accepted (SEC-STAR)', async () => {
    const { other, id } = await twoCitizens();
    const moved = meetingAt('2026-03-12T10:00:00+01:00');
    expectAccepted(
      await dfdg.call(
        jobnet(other),
        'BookingService',
        'GetBookingDetails',
        requestBody('BookingService', 'GetBookingDetails', { BookingIdentifier: id }),
      ),
    );
    expectAccepted(await dfdg.reschedule(jobnet(other), id, moved));
    expect(emulator.store.bookings.find(id)?.start.toISOString()).toBe(new Date(moved.start).toISOString());
  });

  it('When a citizen call is refused by SEC-CITIZEN, then the journal shows it failed in step 4 and REQ-SCHEMA never ran', async () => {
    const { other, id } = await twoCitizens();
    const res = await dfdg.call(
      kssPlannerApp(other),
      'BookingService',
      'UpdateBooking',
      `<bs:UpdateBookingRequest xmlns:bs="${serviceNs('BookingService')}">` +
        bookingXml({ ...caseworkerBooking(other, MEETING), id, start: 'soon' }) +
        '</bs:UpdateBookingRequest>',
    );
    expectRuleFault(res, 4413, 'SEC-CITIZEN');
    const decisions = emulator.journal.find(referenceIdOf(res))?.decisions ?? [];
    expect(decisions.filter((d) => !d.passed)).toEqual([
      {
        ruleId: 'SEC-CITIZEN',
        passed: false,
        why: expect.stringContaining(`booking ${id}`) as string,
        kind: 'dfdg',
        warning: false,
      },
    ]);
    expect(decisions.map((d) => d.ruleId)).not.toContain('REQ-SCHEMA');
    expect(decisions.map((d) => d.ruleId)).toContain('SEC-AO-CERT');
  });
  it('When a citizen call is judged, then the admin journal lists SEC-CITIZEN once, its header and body parts in one decision', async () => {
    const { own, other, id } = await twoCitizens();
    const admin = adminClient(emulator.adminUrl);
    const decisionsOf = async (
      res: RawResponse,
    ): Promise<Array<{ ruleId: string; passed: boolean; why: string }>> =>
      (
        await admin.get<{ decisions: Array<{ ruleId: string; passed: boolean; why: string }> }>(
          `/admin/journal/${referenceIdOf(res)}`,
        )
      ).body.decisions.map(({ ruleId, passed, why }) => ({ ruleId, passed, why }));
    const read = (cpr: string): Promise<RawResponse> =>
      dfdg.call(
        kssPlannerApp(cpr),
        'BookingService',
        'GetBookingDetails',
        requestBody('BookingService', 'GetBookingDetails', { BookingIdentifier: id }),
      );
    const accepted = await decisionsOf(await read(own));
    expect(accepted.filter((d) => d.ruleId === 'SEC-CITIZEN')).toEqual([
      {
        ruleId: 'SEC-CITIZEN',
        passed: true,
        why: expect.stringMatching(/CPR .* twice.*the body names only/) as string,
      },
    ]);
    const refused = await decisionsOf(await read(other));
    expect(refused.filter((d) => d.ruleId === 'SEC-CITIZEN')).toEqual([
      { ruleId: 'SEC-CITIZEN', passed: false, why: expect.stringContaining(`booking ${id}`) as string },
    ]);
  });
});
