import type { RunningEmulator } from '../../../src/emulator';
import {
  callSoap,
  editedRequestUserMetadataXml,
  getBookingsBody,
  getInterviewTypesBody,
  headersOf,
  ORG,
  rawActiveOrganisationXml,
} from '../../helpers/dfdg-calls';
import { startTestEmulator } from '../../helpers/emulator';
import {
  aBooking,
  activeOrganisationXml,
  caseworker,
  citizen,
  createBookingBody,
  NS,
  type User,
} from '../../helpers/envelope';
import { expectAccepted, expectFault } from '../../helpers/fault-assertions';
import type { CertificateName } from '../../helpers/test-certificates';

let emulator: RunningEmulator;
beforeAll(async () => {
  emulator = await startTestEmulator();
});
afterAll(() => emulator.stop());

const FOREIGN_NS = 'http://example.com/not-dfdg/headers/';
const CPR = '0101575001';
const jobcenter = ORG.jobcenterAarhus;
const mette = caseworker(jobcenter);

/** GetBookings at BookingService with the given raw soap:Header content (undefined: no Header). */
const getBookings = (headers: string | undefined, cert: CertificateName | null = '8-75100') =>
  callSoap(emulator.soapUrl, {
    operation: 'GetBookings',
    body: getBookingsBody(CPR),
    ...(headers === undefined ? {} : { headers }),
    cert,
  });

/** A CreateBooking whose body does not validate against its XSD (interview type "abc"). */
const createBookingWithBadBody = (headers: string) =>
  callSoap(emulator.soapUrl, {
    operation: 'CreateBooking',
    body: createBookingBody(aBooking()).replace(
      /<clb:CodeListItemIdentifier>7<\/clb:CodeListItemIdentifier>/,
      '<clb:CodeListItemIdentifier>abc</clb:CodeListItemIdentifier>',
    ),
    headers,
  });

const withUserType = (user: User, type: number): User => ({ ...user, type });
const withUserOrgType = (user: User, type: number): User => ({ ...user, org: { ...user.org, type } });

it('When both headers are present and valid, then the call is accepted', async () => {
  expectAccepted(await getBookings(headersOf(jobcenter, mette)));
});

// SEC-AO-PRESENT

it('When the ActiveOrganisationHeader is missing, then 8232 SEC-AO-PRESENT', async () => {
  await expectFault(await getBookings(headersOf(null, mette)), { code: 8232, source: 'SEC-AO-PRESENT' });
});

it('When the request has no soap:Header at all, then 8232 SEC-AO-PRESENT', async () => {
  await expectFault(await getBookings(undefined), { code: 8232, source: 'SEC-AO-PRESENT' });
});

it('When the ActiveOrganisationHeader occurs twice, then 8234 SEC-AO-PRESENT', async () => {
  const res = await getBookings(headersOf(jobcenter, mette, activeOrganisationXml(jobcenter)));
  await expectFault(res, { code: 8234, source: 'SEC-AO-PRESENT' });
});

it('When the ActiveOrganisationHeader OrganisationTypeIdentifier is not a number, then 8234 SEC-AO-PRESENT', async () => {
  const ao = rawActiveOrganisationXml(
    '<aoh:OrganisationTypeIdentifier>abc</aoh:OrganisationTypeIdentifier><aoh:OrganisationCode>75100</aoh:OrganisationCode>',
  );
  await expectFault(await getBookings(ao + headersOf(null, mette)), { code: 8234, source: 'SEC-AO-PRESENT' });
});

it('When the ActiveOrganisationHeader lacks its OrganisationCode, then 8234 SEC-AO-PRESENT', async () => {
  const ao = rawActiveOrganisationXml('<aoh:OrganisationTypeIdentifier>8</aoh:OrganisationTypeIdentifier>');
  await expectFault(await getBookings(ao + headersOf(null, mette)), { code: 8234, source: 'SEC-AO-PRESENT' });
});

it('When the ActiveOrganisationHeader has its elements in the wrong order, then 8234 SEC-AO-PRESENT', async () => {
  const ao = rawActiveOrganisationXml(
    '<aoh:OrganisationCode>75100</aoh:OrganisationCode><aoh:OrganisationTypeIdentifier>8</aoh:OrganisationTypeIdentifier>',
  );
  await expectFault(await getBookings(ao + headersOf(null, mette)), { code: 8234, source: 'SEC-AO-PRESENT' });
});

it('When the ActiveOrganisation type is 3 (not in the code list), then 8173 SEC-AO-PRESENT', async () => {
  const res = await getBookings(headersOf({ type: 3, code: '75100' }, mette));
  await expectFault(res, { code: 8173, source: 'SEC-AO-PRESENT' });
});

it('When an ActiveOrganisationHeader is sent in a foreign namespace only, then it counts as missing: 8232 SEC-AO-PRESENT', async () => {
  const foreign = activeOrganisationXml(jobcenter).replace(NS.aoh, FOREIGN_NS);
  await expectFault(await getBookings(foreign + headersOf(null, mette)), {
    code: 8232,
    source: 'SEC-AO-PRESENT',
  });
});

it('When a foreign-namespace ActiveOrganisationHeader comes next to the real one, then it is not a duplicate and the call is accepted', async () => {
  const foreign = activeOrganisationXml(ORG.foa).replace(NS.aoh, FOREIGN_NS);
  expectAccepted(await getBookings(headersOf(jobcenter, mette, foreign)));
});

// SEC-RUM-PRESENT

it('When the RequestUserMetadataHeader is missing, then 8233 SEC-RUM-PRESENT', async () => {
  await expectFault(await getBookings(headersOf(jobcenter, null)), { code: 8233, source: 'SEC-RUM-PRESENT' });
});

it('When the RequestUserMetadataHeader occurs twice, then 8235 SEC-RUM-PRESENT', async () => {
  const res = await getBookings(headersOf(jobcenter, mette) + headersOf(null, mette));
  await expectFault(res, { code: 8235, source: 'SEC-RUM-PRESENT' });
});

it('When the RequestUserMetadata UserFullName is empty, then 8235 SEC-RUM-PRESENT', async () => {
  const res = await getBookings(headersOf(jobcenter, { ...mette, name: '' }));
  await expectFault(res, { code: 8235, source: 'SEC-RUM-PRESENT' });
});

it('When the RequestUserMetadata UserFullName is in the wrong namespace, then 8235 SEC-RUM-PRESENT', async () => {
  const rum = editedRequestUserMetadataXml(mette, (xml) =>
    xml.replace(/<rus:UserFullName>(.*?)<\/rus:UserFullName>/, '<rum:UserFullName>$1</rum:UserFullName>'),
  );
  await expectFault(await getBookings(headersOf(jobcenter, null, rum)), {
    code: 8235,
    source: 'SEC-RUM-PRESENT',
  });
});

it('When the RequestOrganisationStructure OrganisationCode is in the wrong namespace, then 8235 SEC-RUM-PRESENT', async () => {
  const rum = editedRequestUserMetadataXml(mette, (xml) =>
    xml.replace(
      /<ros:OrganisationCode>(.*?)<\/ros:OrganisationCode>/,
      `<x:OrganisationCode xmlns:x="${NS.aoh}">$1</x:OrganisationCode>`,
    ),
  );
  await expectFault(await getBookings(headersOf(jobcenter, null, rum)), {
    code: 8235,
    source: 'SEC-RUM-PRESENT',
  });
});

it('When the RequestUserMetadata lacks its RegistrationDateTime, then 8235 SEC-RUM-PRESENT', async () => {
  const rum = editedRequestUserMetadataXml(mette, (xml) =>
    xml.replace(/<rum:RegistrationDateTime>.*?<\/rum:RegistrationDateTime>/, ''),
  );
  await expectFault(await getBookings(headersOf(jobcenter, null, rum)), {
    code: 8235,
    source: 'SEC-RUM-PRESENT',
  });
});

it('When the RequestUserTypeIdentifier is not a number, then 8235 SEC-RUM-PRESENT', async () => {
  const rum = editedRequestUserMetadataXml(mette, (xml) =>
    xml.replace(
      '<rut:RequestUserTypeIdentifier><clb:CodeListItemIdentifier>2<',
      '<rut:RequestUserTypeIdentifier><clb:CodeListItemIdentifier>two<',
    ),
  );
  await expectFault(await getBookings(headersOf(jobcenter, null, rum)), {
    code: 8235,
    source: 'SEC-RUM-PRESENT',
  });
});

it('When a RequestUserMetadataHeader is sent in a foreign namespace only, then it counts as missing: 8233 SEC-RUM-PRESENT', async () => {
  const rum = editedRequestUserMetadataXml(mette, (xml) =>
    xml.replace(`xmlns:rum="${NS.rum}"`, `xmlns:rum="${FOREIGN_NS}"`),
  );
  await expectFault(await getBookings(headersOf(jobcenter, null, rum)), {
    code: 8233,
    source: 'SEC-RUM-PRESENT',
  });
});

it('When the RequestUserType is 9 (not in the code list), then 8174 SEC-RUM-PRESENT', async () => {
  const res = await getBookings(headersOf(jobcenter, withUserType(mette, 9)));
  await expectFault(res, { code: 8174, source: 'SEC-RUM-PRESENT' });
});

it('When the RequestUserMetadata organisation type is 3 (not in the code list), then 8173 SEC-RUM-PRESENT', async () => {
  const res = await getBookings(headersOf(jobcenter, withUserOrgType(mette, 3)));
  await expectFault(res, { code: 8173, source: 'SEC-RUM-PRESENT' });
});

it("When a citizen's RequestUserMetadata has organisation type 3, then 8173 SEC-RUM-PRESENT (the code list holds for citizens too)", async () => {
  const res = await getBookings(headersOf(ORG.foa, citizen(CPR, 3)), '2-17');
  await expectFault(res, { code: 8173, source: 'SEC-RUM-PRESENT' });
});

// STAR callers: step 3 holds for them too (SEC-STAR skips only step 4's RequestUserMetadata rules)

it('When a STAR caller (Jobnet 5/4) sends no RequestUserMetadataHeader, then it still gets 8233 SEC-RUM-PRESENT', async () => {
  await expectFault(await getBookings(headersOf(ORG.jobnet, null), '5-4'), {
    code: 8233,
    source: 'SEC-RUM-PRESENT',
  });
});

it('When a STAR caller sends RequestUserType 9, then it still gets 8174 SEC-RUM-PRESENT', async () => {
  const res = await getBookings(headersOf(ORG.jobnet, withUserType(caseworker(ORG.foa), 9)), '5-4');
  await expectFault(res, { code: 8174, source: 'SEC-RUM-PRESENT' });
});

it('When a STAR caller sends a RequestUserMetadata organisation type 3, then it still gets 8173 SEC-RUM-PRESENT', async () => {
  const res = await getBookings(headersOf(ORG.jobnet, withUserOrgType(caseworker(ORG.foa), 3)), '5-4');
  await expectFault(res, { code: 8173, source: 'SEC-RUM-PRESENT' });
});

it('When a STAR caller sends an empty UserFullName, then it still gets 8235 SEC-RUM-PRESENT', async () => {
  const res = await getBookings(headersOf(ORG.jobnet, { ...caseworker(ORG.foa), name: '' }), '5-4');
  await expectFault(res, { code: 8235, source: 'SEC-RUM-PRESENT' });
});

// The order of checks (RULES.md): the first failing check answers

it('When both headers are missing, then the ActiveOrganisation fault answers: 8232', async () => {
  await expectFault(await getBookings(''), { code: 8232, source: 'SEC-AO-PRESENT' });
});

it('When the ActiveOrganisation type is 3 and the RequestUserType is 9, then the ActiveOrganisation fault answers: 8173 SEC-AO-PRESENT', async () => {
  const res = await getBookings(headersOf({ type: 3, code: '75100' }, withUserType(mette, 9)));
  await expectFault(res, { code: 8173, source: 'SEC-AO-PRESENT' });
});

it('When the ActiveOrganisationHeader occurs twice and the UserFullName is empty, then the ActiveOrganisation fault answers: 8234', async () => {
  const res = await getBookings(
    headersOf(jobcenter, { ...mette, name: '' }, activeOrganisationXml(jobcenter)),
  );
  await expectFault(res, { code: 8234, source: 'SEC-AO-PRESENT' });
});

it('When the ActiveOrganisationHeader is missing and the body does not validate, then the header fault answers: 8232', async () => {
  await expectFault(await createBookingWithBadBody(headersOf(null, mette)), {
    code: 8232,
    source: 'SEC-AO-PRESENT',
  });
});

it('When the RequestUserMetadataHeader is missing and the body does not validate, then the header fault answers: 8233', async () => {
  await expectFault(await createBookingWithBadBody(headersOf(jobcenter, null)), {
    code: 8233,
    source: 'SEC-RUM-PRESENT',
  });
});

it('When the headers are valid but the body does not validate, then 1014 REQ-SCHEMA (the control for the two tests above)', async () => {
  await expectFault(await createBookingWithBadBody(headersOf(jobcenter, mette)), {
    code: 1014,
    source: 'REQ-SCHEMA',
  });
});

it('When the RequestUserMetadataHeader is missing and the ActiveOrganisation is not the certificate’s, then the header fault answers: 8233 before 1013', async () => {
  const res = await getBookings(headersOf(ORG.jobcenterKobenhavn, null));
  await expectFault(res, { code: 8233, source: 'SEC-RUM-PRESENT' });
});

it('When the ActiveOrganisation is not the certificate’s and the RequestUserMetadata names another organisation, then 1013 SEC-AO-CERT answers before 4413', async () => {
  const res = await getBookings(headersOf(ORG.jobcenterKobenhavn, caseworker(ORG.foa)));
  await expectFault(res, { code: 1013, source: 'SEC-AO-CERT' });
});

it('When the RequestUserMetadata names another jobcenter and the body does not validate, then 4413 SEC-JOBCENTER answers before REQ-SCHEMA', async () => {
  await expectFault(
    await createBookingWithBadBody(headersOf(jobcenter, caseworker(ORG.jobcenterKobenhavn))),
    {
      code: 4413,
      source: 'SEC-JOBCENTER',
    },
  );
});

it('When the body names an unknown operation and there are no headers, then 1014 REQ-OP answers before the header checks', async () => {
  const res = await callSoap(emulator.soapUrl, {
    operation: 'FindEverything',
    body: `<s:FindEverythingRequest xmlns:s="http://service.bm.dk/BookingService/2020/02/01/"/>`,
  });
  await expectFault(res, { code: 1014, source: 'REQ-OP' });
});

it('When a call has no certificate and no headers, then 1101 SEC-TLS answers before the header checks', async () => {
  await expectFault(await getBookings(undefined, null), {
    code: 1101,
    source: 'SEC-TLS',
  });
});

it('When CodelistService is called without headers, then no header fault is raised (it binds none)', async () => {
  const res = await callSoap(emulator.soapUrl, {
    service: 'CodelistService',
    operation: 'GetInterviewTypes',
    body: getInterviewTypesBody(),
  });
  expectAccepted(res);
});
