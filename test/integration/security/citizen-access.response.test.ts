/**
 * ACC-CPR and ACC-OWN end to end (RULES.md, "Access to citizens"): every organisation type against
 * the fixture citizens (README), through the real socket with each organisation's own certificate.
 */
import type { RunningEmulator } from '../../../src/emulator';
import { callSoap, getBookingDetailsBody, getBookingsBody, headersOf, ORG } from '../../helpers/dfdg-calls';
import { startTestEmulator } from '../../helpers/emulator';
import { aBooking, caseworker, citizen, createBookingBody, type Org } from '../../helpers/envelope';
import { expectAccepted, expectFault, type FaultCode } from '../../helpers/fault-assertions';
import { saveCitizen } from '../../helpers/scenario-dfdg';
import { faultOf } from '../../helpers/soap-request';
import type { CertificateName } from '../../helpers/test-certificates';

let emulator: RunningEmulator;
beforeAll(async () => {
  emulator = await startTestEmulator();
});
afterAll(() => emulator.stop());

/** The fixture citizens (fixtures/citizens.json), by what each is for. */
const ANNA = '0101575001'; // jobcenter 75100, kommune 751, a-kasse 17
const CAMILLA = '0303575003'; // jobcenter 10100, kommune 101, a-kasse 81
const DENNIS = '0404575004'; // jobcenter 75100, no a-kasse
const EVA = '0505575005'; // jobcenter 10100, a-kasse 17, has bookings
const FRIDA = '0606575006'; // a-kasse 17 membership ended 100 days ago
const GUSTAV = '0707575007'; // a-kasse 17 membership ended 200 days ago
const HANNE = '0808575008'; // assigned to anden aktør 35669035
const IB = '0909575009'; // guest access for jobcenter 10100
const JENS = '1010575010'; // deceased
/** Eva's Jobsamtale, a fixture booking. */
const EVAS_JOBSAMTALE = 'b0000000-0000-4000-8000-000000000001';
const VIRKSOMHED: Org = { type: 24, code: '12345678' };

const CERT: Record<string, CertificateName> = {
  '8/75100': '8-75100',
  '8/10100': '8-10100',
  '7/751': '7-751',
  '4/35669035': '4-35669035',
  '2/17': '2-17',
  '2/81': '2-81',
  '5/4': '5-4',
};

const asOrg = (ao: Org) => ({
  cert: CERT[`${ao.type}/${ao.code}`] ?? null,
  headers: headersOf(ao, caseworker(ao)),
});

const getBookings = (ao: Org, cpr: string) =>
  callSoap(emulator.soapUrl, { operation: 'GetBookings', body: getBookingsBody(cpr), ...asOrg(ao) });

it.each<[string, Org, string, FaultCode | 'ok']>([
  ['jobcenter 75100, own citizen', ORG.jobcenterAarhus, ANNA, 'ok'],
  ['jobcenter 75100, a citizen of 10100', ORG.jobcenterAarhus, CAMILLA, 6005],
  ['jobcenter 10100, a guest access in force', ORG.jobcenterKobenhavn, IB, 'ok'],
  ['jobcenter 10100, a citizen of 75100 without guest access', ORG.jobcenterKobenhavn, ANNA, 6005],
  ['kommune 751, own citizen', ORG.kommuneAarhus, ANNA, 'ok'],
  ['kommune 751, a citizen of 101', ORG.kommuneAarhus, CAMILLA, 4575],
  ['a-kasse 17, a member', ORG.foa, ANNA, 'ok'],
  ['a-kasse 17, a member of 81', ORG.foa, CAMILLA, 4575],
  ['a-kasse 17, membership ended 100 days ago', ORG.foa, FRIDA, 'ok'],
  ['a-kasse 17, membership ended 200 days ago', ORG.foa, GUSTAV, 4575],
  ['a-kasse 81, a member', ORG.akasse81, CAMILLA, 'ok'],
  ['anden aktør 35669035, assigned', ORG.andenAktoer, HANNE, 'ok'],
  ['anden aktør 35669035, not assigned', ORG.andenAktoer, ANNA, 4511],
  ['STAR (Jobnet)', ORG.jobnet, CAMILLA, 'ok'],
  ['jobcenter 75100, a deceased own citizen', ORG.jobcenterAarhus, JENS, 4405],
  [
    'jobcenter 10100, a deceased citizen not its own (learns only "no access")',
    ORG.jobcenterKobenhavn,
    JENS,
    6005,
  ],
  ['STAR, a deceased citizen', ORG.jobnet, JENS, 4405],
  ['jobcenter 75100, an unknown CPR', ORG.jobcenterAarhus, '0101991234', 1010],
  [
    'jobcenter 75100, a CPR with day 32 (ten digits: past REQ-SCHEMA)',
    ORG.jobcenterAarhus,
    '3201575001',
    1001,
  ],
])('When %s is asked about with GetBookings, then the answer is %s', async (_, ao, cpr, expected) => {
  const res = await getBookings(ao, cpr);
  if (expected === 'ok') expectAccepted(res);
  else
    await expectFault(res, {
      code: expected,
      source: expected === 1001 || expected === 1010 || expected === 4405 ? 'ACC-CPR' : 'ACC-OWN',
    });
});

it('When a virksomhed (24) asks about any citizen, then 4575 (its certificate is issued for it)', async () => {
  const issued = await fetch(`${emulator.adminUrl}/admin/certificates`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ name: 'virksomhed-24', organisations: [VIRKSOMHED] }),
  });
  expect(issued.status).toBe(201);
  const res = await callSoap(emulator.soapUrl, {
    operation: 'GetBookings',
    body: getBookingsBody(ANNA),
    cert: 'virksomhed-24' as CertificateName,
    headers: headersOf(VIRKSOMHED, caseworker(VIRKSOMHED)),
  });
  await expectFault(res, { code: 4575, source: 'ACC-OWN' });
});

it('When a citizen asks about themself through another jobcenter, then ACC-OWN lets them', async () => {
  const res = await callSoap(emulator.soapUrl, {
    operation: 'GetBookings',
    body: getBookingsBody(ANNA),
    cert: '8-10100',
    headers: headersOf(ORG.jobcenterKobenhavn, citizen(ANNA, 8)),
  });
  expectAccepted(res);
});

it('When a jobcenter is refused a citizen, then the answer is the same whether or not the citizen has bookings', async () => {
  const withBookings = faultOf(await getBookings(ORG.jobcenterAarhus, EVA));
  const without = faultOf(
    await getBookings(ORG.jobcenterAarhus, saveCitizen(emulator, [], { kommune: '101', jobcenter: '10100' })),
  );
  expect(withBookings.errorCode).toBe(6005);
  expect([without.errorCode, without.faultstring, without.source]).toEqual([
    withBookings.errorCode,
    withBookings.faultstring,
    withBookings.source,
  ]);
});

it('When a jobcenter names a booking of a citizen it may not see, then it is answered as an unknown booking id', async () => {
  const details = (id: string) =>
    callSoap(emulator.soapUrl, {
      operation: 'GetBookingDetails',
      body: getBookingDetailsBody(id),
      ...asOrg(ORG.jobcenterAarhus),
    });
  const existing = faultOf(await details(EVAS_JOBSAMTALE));
  const unknown = faultOf(await details('b0000000-0000-4000-8000-0000000000ff'));
  expect(existing.source).toBe('BK-NOT-FOUND');
  expect([existing.errorCode, existing.faultstring]).toEqual([unknown.errorCode, unknown.faultstring]);
  // Its own jobcenter sees it.
  expectAccepted(
    await callSoap(emulator.soapUrl, {
      operation: 'GetBookingDetails',
      body: getBookingDetailsBody(EVAS_JOBSAMTALE),
      ...asOrg(ORG.jobcenterKobenhavn),
    }),
  );
});

it.each<[string, string, FaultCode]>([
  ['a member of another a-kasse', CAMILLA, 4857],
  ['a citizen of no a-kasse', DENNIS, 4856],
])('When a-kasse 17 creates a booking for %s, then BK-AKASSE-MEMBER answers %s', async (_, cpr, code) => {
  const res = await callSoap(emulator.soapUrl, {
    operation: 'CreateBooking',
    body: createBookingBody(aBooking({ cpr, meeting: ORG.foa })),
    ...asOrg(ORG.foa),
  });
  await expectFault(res, { code, source: 'BK-AKASSE-MEMBER' });
});

it('When a refused call is audited, then the journal names the ACC rule that refused it', async () => {
  const res = await getBookings(ORG.jobcenterAarhus, CAMILLA);
  const referenceId = String(res.headers['x-servicerequestlogreferenceidentifier']);
  const entry = emulator.journal.find(referenceId);
  expect(entry?.decisions.map((d) => [d.ruleId, d.passed]).slice(-2)).toEqual([
    ['ACC-CPR', true],
    ['ACC-OWN', false],
  ]);
});

describe('--unknown-citizens create', () => {
  let creating: RunningEmulator;
  beforeAll(async () => {
    creating = await startTestEmulator({ unknownCitizens: 'create' });
  });
  afterAll(() => creating.stop());

  it('When a jobcenter names an unknown well-formed CPR, then it becomes that jobcenter’s citizen and the call passes', async () => {
    const cpr = '0201991234';
    const res = await callSoap(creating.soapUrl, {
      operation: 'GetBookings',
      body: getBookingsBody(cpr),
      ...asOrg(ORG.jobcenterKobenhavn),
    });
    expectAccepted(res);
    expect(creating.store.citizens.find(cpr)).toMatchObject({ jobcenter: '10100', kommune: '101' });
    const health = (await (await fetch(`${creating.adminUrl}/admin/health`)).json()) as {
      unknownCitizens: string;
    };
    expect(health.unknownCitizens).toBe('create');
    // Another jobcenter still may not see it.
    await expectFault(
      await callSoap(creating.soapUrl, {
        operation: 'GetBookings',
        body: getBookingsBody(cpr),
        ...asOrg(ORG.jobcenterAarhus),
      }),
      { code: 6005, source: 'ACC-OWN' },
    );
  });

  it('When the CPR is malformed, then it is still 1001', async () => {
    await expectFault(
      await callSoap(creating.soapUrl, {
        operation: 'GetBookings',
        body: getBookingsBody('3201991234'),
        ...asOrg(ORG.jobcenterAarhus),
      }),
      { code: 1001, source: 'ACC-CPR' },
    );
  });
});
