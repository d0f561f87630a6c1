import type { RunningEmulator } from '../../../src/emulator';
import {
  callSoap,
  deleteBookingBody,
  getBookingDetailsBody,
  getBookingsBody,
  headersOf,
  ORG,
  updateBookingBody,
} from '../../helpers/dfdg-calls';
import { startTestEmulator } from '../../helpers/emulator';
import {
  aBooking,
  batchJob,
  caseworker,
  citizen,
  createBookingBody,
  type BookingFields,
  type Org,
  type User,
} from '../../helpers/envelope';
import { expectAccepted, expectFault } from '../../helpers/fault-assertions';
import { textOf } from '../../helpers/soap-request';
import type { CertificateName } from '../../helpers/test-certificates';

let emulator: RunningEmulator;
beforeAll(async () => {
  emulator = await startTestEmulator();
});
afterAll(() => emulator.stop());

/** Fixture citizens: Anna follows jobcenter 75100 and a-kasse 17; Bo too; Eva follows 10100 and 17. */
const ANNA = '0101575001';
const BO = '0202575002';
const EVA = '0505575005';
/** Eva's Jobsamtale (type 7, visible to a-kasser), a fixture booking. */
const EVAS_JOBSAMTALE = 'b0000000-0000-4000-8000-000000000001';

interface Call {
  readonly cert: CertificateName | null;
  readonly ao: Org;
  readonly user: User;
}

/** Fixture citizens (README): Camilla follows jobcenter 10100, Hanne is assigned to anden aktør 35669035. */
const CAMILLA_OF_KOBENHAVN = '0303575003';
const HANNE_ASSIGNED_TO_ANDEN_AKTOER = '0808575008';

const getBookings = (c: Call, cpr = ANNA) =>
  callSoap(emulator.soapUrl, {
    operation: 'GetBookings',
    body: getBookingsBody(cpr),
    headers: headersOf(c.ao, c.user),
    cert: c.cert,
  });

const createBooking = (c: Call, booking: BookingFields) =>
  callSoap(emulator.soapUrl, {
    operation: 'CreateBooking',
    body: createBookingBody(booking),
    headers: headersOf(c.ao, c.user),
    cert: c.cert,
  });

/** A self-booked meeting the citizen accepted a minute ago (type 9: no self-booking deadline applies). */
const selfBooked = (cpr: string, meeting: Org): BookingFields =>
  aBooking({
    cpr,
    interviewType: 9,
    meeting,
    selfBooked: true,
    accepted: true,
    acceptedTime: new Date(Date.now() - 60_000).toISOString(),
  });

const jobcenterCaseworker = caseworker(ORG.jobcenterAarhus);
const asJobcenter = (user: User, cert: CertificateName = '8-75100'): Call => ({
  cert,
  ao: ORG.jobcenterAarhus,
  user,
});
const asFoa = (user: User): Call => ({ cert: '2-17', ao: ORG.foa, user });
const asJobnet = (user: User): Call => ({ cert: '5-4', ao: ORG.jobnet, user });
/** A-kasse 2/17 on behalf of a citizen, as epic 950.8's table shows it (user type 1, org type 2, code = CPR). */
const foaForCitizen = (cpr: string): Call => asFoa(citizen(cpr, ORG.foa.type));

describe('epic 950.8: calls from KSS systems (ActiveOrganisation jobcenter 8/75100)', () => {
  it.each<[string, Org, CertificateName]>([
    ['a jobcenter employee (8/75100)', ORG.jobcenterAarhus, '8-75100'],
    ['a municipal employee (7/751)', ORG.kommuneAarhus, '8-75100'],
    ['an other-actor employee (4/35669035)', ORG.andenAktoer, '8-75100'],
    ['a jobcenter employee (8/75100), through the KSS vendor certificate', ORG.jobcenterAarhus, 'kss-vendor'],
    ['a municipal employee (7/751), through the KSS vendor certificate', ORG.kommuneAarhus, 'kss-vendor'],
    [
      'an other-actor employee (4/35669035), through the KSS vendor certificate',
      ORG.andenAktoer,
      'kss-vendor',
    ],
  ])('When the RequestUserMetadata names %s, then CreateBooking is accepted', async (_who, userOrg, cert) => {
    const res = await createBooking(asJobcenter(caseworker(userOrg), cert), aBooking({ cpr: ANNA }));
    expectAccepted(res);
    const id = textOf(res.body, 'BookingIdentifier') ?? '';
    expect(emulator.store.bookings.find(id)?.creator.metadata.organisation).toEqual(userOrg);
  });

  it('When a KSS vendor acting for jobcenter 8/10100 names a municipal employee of kommune 7/101, then the call is accepted', async () => {
    const res = await getBookings(
      { cert: 'kss-vendor', ao: ORG.jobcenterKobenhavn, user: caseworker(ORG.kommuneKobenhavn) },
      CAMILLA_OF_KOBENHAVN,
    );
    expectAccepted(res);
  });
});

describe('epic 950.8: calls on behalf of a citizen (a-kasse 2/17, RequestUserType 1, code = the CPR)', () => {
  it("When the a-kasse reports the citizen's self-booked meeting, then CreateBooking is accepted", async () => {
    const res = await createBooking(foaForCitizen(ANNA), selfBooked(ANNA, ORG.foa));
    expectAccepted(res);
    const stored = emulator.store.bookings.find(textOf(res.body, 'BookingIdentifier') ?? '');
    expect(stored?.creator.metadata).toMatchObject({
      userType: 1,
      userIdentifier: ANNA,
      organisation: { type: 2, code: ANNA },
    });
  });

  it("When the a-kasse reads the citizen's own bookings on the citizen's behalf, then GetBookings is accepted", async () => {
    expectAccepted(await getBookings(foaForCitizen(ANNA), ANNA));
  });

  it("When the citizen's RequestUserMetadata organisation type is not the ActiveOrganisation's, then the call is still accepted (not validated)", async () => {
    expectAccepted(await getBookings(asFoa(citizen(ANNA, ORG.jobcenterAarhus.type)), ANNA));
  });

  it('When a jobcenter system calls on behalf of a citizen (org type 8, code = the CPR), then the call is accepted', async () => {
    expectAccepted(await getBookings(asJobcenter(citizen(ANNA, 8)), ANNA));
  });
});

describe('epic 950.8: calls from STAR systems on behalf of a caseworker (Jobnet 5/4 for a-kasse 2/17)', () => {
  it('When Jobnet calls for a caseworker of a-kasse 2/17, then CreateBooking is accepted', async () => {
    const res = await createBooking(asJobnet(caseworker(ORG.foa)), aBooking({ cpr: ANNA, meeting: ORG.foa }));
    expectAccepted(res);
  });

  it('When Jobnet calls for a caseworker of jobcenter 8/10100, then GetBookings is accepted', async () => {
    expectAccepted(await getBookings(asJobnet(caseworker(ORG.jobcenterKobenhavn)), EVA));
  });
});

describe('SEC-TLS and SEC-CERT', () => {
  it('When the call presents a registered certificate of the CA, then it is accepted', async () => {
    expectAccepted(await getBookings(asJobcenter(jobcenterCaseworker)));
  });

  it('When the call has no client certificate, then 1101 SEC-TLS', async () => {
    await expectFault(await getBookings({ ...asJobcenter(jobcenterCaseworker), cert: null }), {
      code: 1101,
      source: 'SEC-TLS',
    });
  });

  it('When the client certificate has expired, then 1012 SEC-TLS', async () => {
    await expectFault(await getBookings({ ...asJobcenter(jobcenterCaseworker), cert: 'expired' }), {
      code: 1012,
      source: 'SEC-TLS',
    });
  });

  it('When the client certificate is not registered, then 1012 SEC-CERT', async () => {
    await expectFault(await getBookings({ ...asJobcenter(jobcenterCaseworker), cert: 'unregistered' }), {
      code: 1012,
      source: 'SEC-CERT',
    });
  });
});

describe('SEC-AO-PRESENT and SEC-RUM-PRESENT', () => {
  it('When the ActiveOrganisationHeader is missing, then 8232 SEC-AO-PRESENT', async () => {
    const res = await callSoap(emulator.soapUrl, {
      operation: 'GetBookings',
      body: getBookingsBody(ANNA),
      headers: headersOf(null, jobcenterCaseworker),
    });
    await expectFault(res, { code: 8232, source: 'SEC-AO-PRESENT' });
  });

  it('When the RequestUserMetadataHeader is missing, then 8233 SEC-RUM-PRESENT', async () => {
    const res = await callSoap(emulator.soapUrl, {
      operation: 'GetBookings',
      body: getBookingsBody(ANNA),
      headers: headersOf(ORG.jobcenterAarhus, null),
    });
    await expectFault(res, { code: 8233, source: 'SEC-RUM-PRESENT' });
  });
});

describe('SEC-AO-CERT', () => {
  it('When the certificate is registered for the ActiveOrganisation, then the call is accepted', async () => {
    expectAccepted(await getBookings(asFoa(caseworker(ORG.foa))));
  });

  it('When jobcenter 8/75100’s certificate acts for jobcenter 8/10100, then 1013 SEC-AO-CERT', async () => {
    const res = await getBookings({
      cert: '8-75100',
      ao: ORG.jobcenterKobenhavn,
      user: caseworker(ORG.jobcenterKobenhavn),
    });
    await expectFault(res, { code: 1013, source: 'SEC-AO-CERT' });
  });

  it('When a-kasse 2/17’s certificate acts for a-kasse 2/81, then 1013 SEC-AO-CERT', async () => {
    const res = await getBookings({ cert: '2-17', ao: ORG.akasse81, user: caseworker(ORG.akasse81) });
    await expectFault(res, { code: 1013, source: 'SEC-AO-CERT' });
  });

  it('When a jobcenter’s certificate claims to be Jobnet (5/4), then 1013 SEC-AO-CERT', async () => {
    const res = await getBookings({ cert: '8-75100', ao: ORG.jobnet, user: caseworker(ORG.foa) });
    await expectFault(res, { code: 1013, source: 'SEC-AO-CERT' });
  });
});

describe('SEC-STAR: RequestUserMetadata is not validated further for STAR callers', () => {
  it('When Jobnet names a caseworker called "Unknown", then the call is accepted (no SEC-USERTYPE)', async () => {
    expectAccepted(await getBookings(asJobnet(caseworker(ORG.foa, 'Unknown'))));
  });

  it('When Jobnet names a user of a company (24/12345678), then the call is accepted (no SEC-SAME-ORG)', async () => {
    expectAccepted(await getBookings(asJobnet(caseworker({ type: 24, code: '12345678' }))));
  });

  it("When Jobnet calls for a citizen whose UserIdentifier is not the header's CPR, then the call is accepted (no SEC-CITIZEN)", async () => {
    expectAccepted(
      await getBookings(asJobnet({ ...citizen(ANNA, 5), identifier: 'CVR:55568510-UUID:1' }), ANNA),
    );
  });

  it("When Jobnet calls for a citizen and reads another citizen's bookings, then the call is accepted (SEC-CITIZEN is skipped for STAR)", async () => {
    expectAccepted(await getBookings(asJobnet(citizen(ANNA, 5)), BO));
  });
});

describe('SEC-CITIZEN', () => {
  it("When the citizen's OrganisationCode is not a CPR number (17), then 4413 SEC-CITIZEN", async () => {
    const res = await getBookings(asFoa({ ...citizen(ANNA, 2), org: ORG.foa }), ANNA);
    await expectFault(res, { code: 4413, source: 'SEC-CITIZEN' });
  });

  it("When the citizen's OrganisationCode is ten digits but no date (3213575001), then 4413 SEC-CITIZEN", async () => {
    const res = await getBookings(asFoa(citizen('3213575001', 2)), '3213575001');
    await expectFault(res, { code: 4413, source: 'SEC-CITIZEN' });
  });

  it("When the citizen's UserIdentifier is not the CPR in OrganisationCode, then 4413 SEC-CITIZEN", async () => {
    const res = await getBookings(asFoa({ ...citizen(ANNA, 2), identifier: BO }), ANNA);
    await expectFault(res, { code: 4413, source: 'SEC-CITIZEN' });
  });

  it("When a citizen call creates a booking for another citizen's CPR, then 4413 SEC-CITIZEN and nothing is written", async () => {
    const before = emulator.store.bookings.listByCpr(BO).length;
    const res = await createBooking(foaForCitizen(ANNA), selfBooked(BO, ORG.foa));
    await expectFault(res, { code: 4413, source: 'SEC-CITIZEN' });
    expect(emulator.store.bookings.listByCpr(BO)).toHaveLength(before);
  });

  it("When a citizen call reads another citizen's bookings, then 4413 SEC-CITIZEN", async () => {
    await expectFault(await getBookings(foaForCitizen(ANNA), BO), { code: 4413, source: 'SEC-CITIZEN' });
  });

  it("When a citizen call reads the details of another citizen's booking, then 4413 SEC-CITIZEN", async () => {
    const res = await callSoap(emulator.soapUrl, {
      operation: 'GetBookingDetails',
      body: getBookingDetailsBody(EVAS_JOBSAMTALE),
      headers: headersOf(ORG.foa, citizen(ANNA, 2)),
      cert: '2-17',
    });
    await expectFault(res, { code: 4413, source: 'SEC-CITIZEN' });
  });

  it("When a citizen call deletes another citizen's booking giving its own CPR, then 4413 SEC-CITIZEN and the booking stays active", async () => {
    const res = await callSoap(emulator.soapUrl, {
      operation: 'DeleteBooking',
      body: deleteBookingBody(EVAS_JOBSAMTALE, ANNA),
      headers: headersOf(ORG.foa, citizen(ANNA, 2)),
      cert: '2-17',
    });
    await expectFault(res, { code: 4413, source: 'SEC-CITIZEN' });
    expect(emulator.store.bookings.find(EVAS_JOBSAMTALE)?.status).toBe('Active');
  });

  it("When a citizen call updates another citizen's booking, then 4413 SEC-CITIZEN and the booking is unchanged", async () => {
    const before = emulator.store.bookings.find(EVAS_JOBSAMTALE);
    const res = await callSoap(emulator.soapUrl, {
      operation: 'UpdateBooking',
      body: updateBookingBody(aBooking({ id: EVAS_JOBSAMTALE, cpr: ANNA, meeting: ORG.foa })),
      headers: headersOf(ORG.foa, citizen(ANNA, 2)),
      cert: '2-17',
    });
    await expectFault(res, { code: 4413, source: 'SEC-CITIZEN' });
    expect(emulator.store.bookings.find(EVAS_JOBSAMTALE)).toEqual(before);
  });

  it("When a jobcenter system calls on behalf of a citizen and reads another citizen's bookings, then 4413 SEC-CITIZEN", async () => {
    await expectFault(await getBookings(asJobcenter(citizen(ANNA, 8)), BO), {
      code: 4413,
      source: 'SEC-CITIZEN',
    });
  });
});

describe('SEC-SAME-ORG', () => {
  it.each<[string, Call]>([
    ['a-kasse 2/17 names its own caseworker', asFoa(caseworker(ORG.foa))],
    [
      'kommune 7/751 names its own employee',
      { cert: '7-751', ao: ORG.kommuneAarhus, user: caseworker(ORG.kommuneAarhus) },
    ],
    [
      'anden aktør 4/35669035 names its own employee',
      { cert: '4-35669035', ao: ORG.andenAktoer, user: caseworker(ORG.andenAktoer) },
    ],
  ])('When %s, then the call is accepted', async (_who, c) => {
    // About a citizen each may see (ACC-OWN): Hanne is of 75100, kommune 751, a-kasse 17 and 35669035.
    expectAccepted(await getBookings(c, HANNE_ASSIGNED_TO_ANDEN_AKTOER));
  });

  it.each<[string, Call]>([
    ['a-kasse 2/17 names a caseworker of a-kasse 2/81', asFoa(caseworker(ORG.akasse81))],
    ['a-kasse 2/17 names a caseworker of jobcenter 8/75100', asFoa(caseworker(ORG.jobcenterAarhus))],
    [
      'kommune 7/751 names an employee of its own jobcenter 8/75100 (the exception is for jobcentres only)',
      { cert: '7-751', ao: ORG.kommuneAarhus, user: caseworker(ORG.jobcenterAarhus) },
    ],
    [
      'anden aktør 4/35669035 names an employee of another CVR 4/12345678',
      { cert: '4-35669035', ao: ORG.andenAktoer, user: caseworker({ type: 4, code: '12345678' }) },
    ],
  ])('When %s, then 4413 SEC-SAME-ORG', async (_who, c) => {
    await expectFault(await getBookings(c), { code: 4413, source: 'SEC-SAME-ORG' });
  });
});

describe('SEC-JOBCENTER', () => {
  it.each<[string, Org]>([
    ['another jobcenter (8/10100)', ORG.jobcenterKobenhavn],
    ['another municipality (7/101)', ORG.kommuneKobenhavn],
    ['an other actor without an 8-digit CVR (4/1234567)', { type: 4, code: '1234567' }],
    ['an a-kasse (2/17)', ORG.foa],
    ['a company (24/12345678)', { type: 24, code: '12345678' }],
  ])('When the RequestUserMetadata names %s, then 4413 SEC-JOBCENTER', async (_what, userOrg) => {
    await expectFault(await getBookings(asJobcenter(caseworker(userOrg))), {
      code: 4413,
      source: 'SEC-JOBCENTER',
    });
  });

  it('When the RequestUserMetadata names another jobcenter and an "Unknown" user, then the organisation rule answers first: SEC-JOBCENTER', async () => {
    const res = await getBookings(asJobcenter(caseworker(ORG.jobcenterKobenhavn, 'Unknown')));
    await expectFault(res, { code: 4413, source: 'SEC-JOBCENTER' });
  });
});

describe('SEC-USERTYPE', () => {
  it.each(['Mette Hansen', 'Jens Peter Ørsted-Åberg', "Søren O'Brien"])(
    'When a caseworker is named "%s", then the call is accepted',
    async (name) => {
      expectAccepted(await getBookings(asJobcenter(caseworker(ORG.jobcenterAarhus, name))));
    },
  );

  it('When a batch job (RequestUserType 3) carries its system name, then the call is accepted', async () => {
    expectAccepted(await getBookings(asJobcenter(batchJob(ORG.jobcenterAarhus))));
  });

  it('When a batch job carries a system name with digits and a colon, then the call is accepted', async () => {
    expectAccepted(await getBookings(asJobcenter({ ...batchJob(ORG.jobcenterAarhus), name: 'KSS:sync-2' })));
  });

  it.each([
    ['Unknown', 'Unknown'],
    ['Ukendt', 'Ukendt'],
    ['only a first name', 'Mette'],
    ['only whitespace', '   '],
    ['a system name with digits', 'KSS Sync2'],
    ['a system name with a colon', 'KSS:Nightly Sync'],
    ['"Unknown" twice', 'Unknown Unknown'],
  ])('When a caseworker is named %s, then 4413 SEC-USERTYPE', async (_what, name) => {
    const res = await getBookings(asJobcenter(caseworker(ORG.jobcenterAarhus, name)));
    await expectFault(res, { code: 4413, source: 'SEC-USERTYPE' });
  });

  it('When an a-kasse caseworker is named "Unknown", then 4413 SEC-USERTYPE', async () => {
    await expectFault(await getBookings(asFoa(caseworker(ORG.foa, 'Unknown'))), {
      code: 4413,
      source: 'SEC-USERTYPE',
    });
  });
});
