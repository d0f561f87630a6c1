import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ERROR_TABLE } from '../../../src/domain/errors';
import type { RunningEmulator } from '../../../src/emulator';
import type { AuditEntry } from '../../../src/store/audit.repository';
import {
  callSoap,
  getBookingDetailsBody,
  getBookingsBody,
  getInterviewTypesBody,
  headersOf,
  ORG,
} from '../../helpers/dfdg-calls';
import { startTestEmulator } from '../../helpers/emulator';
import {
  aBooking,
  caseworker,
  citizen,
  createBookingBody,
  envelope,
  soapAction,
} from '../../helpers/envelope';
import { expectAccepted, expectFault, expectTableFault, UUID } from '../../helpers/fault-assertions';
import { postXml, type RawResponse } from '../../helpers/soap-request';
import { testCertDir, type CertificateName } from '../../helpers/test-certificates';

let emulator: RunningEmulator;
beforeAll(async () => {
  emulator = await startTestEmulator();
});
afterAll(() => emulator.stop());

const ANNA = '0101575001';
const BO = '0202575002';
const jobcenter = ORG.jobcenterAarhus;
const mette = caseworker(jobcenter);

/** The SHA-256 fingerprint of a test certificate, in Node's getPeerCertificate() format. */
const fingerprintOf = (name: CertificateName): string =>
  new X509Certificate(readFileSync(join(testCertDir(), 'clients', `${name}.pem`), 'utf8')).fingerprint256;

/** The audit row of a response, found by its X-ServiceRequestLogReferenceIdentifier. */
const auditRowOf = (res: RawResponse): AuditEntry => {
  const referenceId = String(res.headers['x-servicerequestlogreferenceidentifier']);
  expect(referenceId).toMatch(UUID);
  const row = emulator.store.audit.find(referenceId);
  if (!row) throw new Error(`no audit row for reference id ${referenceId}`);
  expect(row.referenceId).toBe(referenceId);
  return row;
};

const metteAsAudited = {
  userFullName: 'Mette Hansen',
  userType: 2,
  userIdentifier: 'CVR:12345678-RID:1234',
  organisation: { type: 8, code: '75100' },
  registrationDateTime: '2026-11-23T10:00:00+01:00',
};

const getBookings = (headers: string | undefined, cert: CertificateName | null = '8-75100', cpr = ANNA) =>
  callSoap(emulator.soapUrl, {
    operation: 'GetBookings',
    body: getBookingsBody(cpr),
    ...(headers === undefined ? {} : { headers }),
    cert,
  });

it('When a call is accepted, then its audit row holds service, operation, certificate, both headers, the CPR and outcome ok', async () => {
  const before = Date.now();
  const res = await callSoap(emulator.soapUrl, {
    operation: 'CreateBooking',
    body: createBookingBody(aBooking({ cpr: ANNA })),
    headers: headersOf(jobcenter, mette),
  });
  expectAccepted(res);
  const row = auditRowOf(res);
  expect(row).toMatchObject({
    service: 'BookingService',
    operation: 'CreateBooking',
    outcome: 'ok',
    ruleId: null,
    certificate: { fingerprint: fingerprintOf('8-75100') },
    activeOrganisation: { type: 8, code: '75100' },
    requestUserMetadata: metteAsAudited,
    cprs: [ANNA],
  });
  expect(row.certificate?.subject).toContain('CN=8-75100');
  expect(row.time.getTime()).toBeGreaterThanOrEqual(before - 1000);
  expect(row.time.getTime()).toBeLessThanOrEqual(Date.now() + 1000);
});

it("When a call is accepted while the emulator's clock is frozen, then the audit time is the emulator's time", async () => {
  const frozenAt = new Date('2030-01-15T09:30:00.000Z');
  emulator.clock.freeze();
  emulator.clock.set(frozenAt);
  try {
    const res = await getBookings(headersOf(jobcenter, mette));
    expectAccepted(res);
    expect(auditRowOf(res).time.toISOString()).toBe(frozenAt.toISOString());
  } finally {
    emulator.clock.reset();
  }
});

it('When two identical calls are made, then each gets its own reference id and its own audit row', async () => {
  const first = await getBookings(headersOf(jobcenter, mette));
  const second = await getBookings(headersOf(jobcenter, mette));
  const ids = [first, second].map((r) => expectAccepted(r));
  expect(new Set(ids).size).toBe(2);
  expect(ids.map((id) => emulator.store.audit.find(id)?.outcome)).toEqual(['ok', 'ok']);
});

it('When the call has no client certificate, then it is audited as 1101 SEC-TLS without certificate or headers', async () => {
  const res = await getBookings(headersOf(jobcenter, mette), null);
  await expectFault(res, { code: 1101, source: 'SEC-TLS' });
  expect(auditRowOf(res)).toMatchObject({
    service: 'BookingService',
    outcome: '1101',
    ruleId: 'SEC-TLS',
    certificate: null,
    activeOrganisation: null,
    requestUserMetadata: null,
    cprs: [],
  });
});

it('When the client certificate has expired, then it is audited as 1012 SEC-TLS with that certificate’s fingerprint', async () => {
  const res = await getBookings(headersOf(jobcenter, mette), 'expired');
  await expectFault(res, { code: 1012, source: 'SEC-TLS' });
  expect(auditRowOf(res)).toMatchObject({
    service: 'BookingService',
    outcome: '1012',
    ruleId: 'SEC-TLS',
    certificate: { fingerprint: fingerprintOf('expired') },
  });
});

it('When the client certificate is not registered, then it is audited as 1012 SEC-CERT with its subject and fingerprint', async () => {
  const res = await getBookings(headersOf(jobcenter, mette), 'unregistered');
  await expectFault(res, { code: 1012, source: 'SEC-CERT' });
  const row = auditRowOf(res);
  expect(row).toMatchObject({
    service: 'BookingService',
    outcome: '1012',
    ruleId: 'SEC-CERT',
    certificate: { fingerprint: fingerprintOf('unregistered') },
  });
  expect(row.certificate?.subject).toContain('CN=unregistered');
});

it('When the body is not well-formed XML, then it is audited as 1014 REQ-XML with the certificate', async () => {
  const res = await postXml(`${emulator.soapUrl}/BookingService`, '<soap:Envelope><unclosed>', {
    cert: '8-75100',
  });
  await expectFault(res, { code: 1014, source: 'REQ-XML' });
  expect(auditRowOf(res)).toMatchObject({
    service: 'BookingService',
    outcome: '1014',
    ruleId: 'REQ-XML',
    certificate: { fingerprint: fingerprintOf('8-75100') },
    activeOrganisation: null,
    requestUserMetadata: null,
  });
});

it('When the ActiveOrganisationHeader is missing, then it is audited as 8232 SEC-AO-PRESENT with operation, certificate and CPR', async () => {
  const res = await getBookings(headersOf(null, mette));
  await expectFault(res, { code: 8232, source: 'SEC-AO-PRESENT' });
  expect(auditRowOf(res)).toMatchObject({
    service: 'BookingService',
    operation: 'GetBookings',
    outcome: '8232',
    ruleId: 'SEC-AO-PRESENT',
    certificate: { fingerprint: fingerprintOf('8-75100') },
    activeOrganisation: null,
    cprs: [ANNA],
  });
});

it('When the RequestUserMetadataHeader is missing, then it is audited as 8233 SEC-RUM-PRESENT with the ActiveOrganisation that was sent', async () => {
  const res = await getBookings(headersOf(jobcenter, null));
  await expectFault(res, { code: 8233, source: 'SEC-RUM-PRESENT' });
  expect(auditRowOf(res)).toMatchObject({
    service: 'BookingService',
    operation: 'GetBookings',
    outcome: '8233',
    ruleId: 'SEC-RUM-PRESENT',
    certificate: { fingerprint: fingerprintOf('8-75100') },
    activeOrganisation: { type: 8, code: '75100' },
    requestUserMetadata: null,
    cprs: [ANNA],
  });
});

it('When the RequestUserMetadata names another jobcenter, then it is audited as 4413 SEC-JOBCENTER with both headers and the CPR', async () => {
  const other = caseworker(ORG.jobcenterKobenhavn);
  const res = await getBookings(headersOf(jobcenter, other));
  await expectFault(res, { code: 4413, source: 'SEC-JOBCENTER' });
  expect(auditRowOf(res)).toMatchObject({
    service: 'BookingService',
    operation: 'GetBookings',
    outcome: '4413',
    ruleId: 'SEC-JOBCENTER',
    certificate: { fingerprint: fingerprintOf('8-75100') },
    activeOrganisation: { type: 8, code: '75100' },
    requestUserMetadata: { ...metteAsAudited, organisation: { type: 8, code: '10100' } },
    cprs: [ANNA],
  });
});

it("When a citizen call reads another citizen's bookings, then it is audited as 4413 SEC-CITIZEN with the CPR it named", async () => {
  const res = await getBookings(headersOf(ORG.foa, citizen(ANNA, 2)), '2-17', BO);
  await expectFault(res, { code: 4413, source: 'SEC-CITIZEN' });
  const row = auditRowOf(res);
  expect(row).toMatchObject({
    service: 'BookingService',
    operation: 'GetBookings',
    outcome: '4413',
    ruleId: 'SEC-CITIZEN',
    certificate: { fingerprint: fingerprintOf('2-17') },
    activeOrganisation: { type: 2, code: '17' },
    requestUserMetadata: { userType: 1, userIdentifier: ANNA, organisation: { type: 2, code: ANNA } },
  });
  expect(row.cprs).toEqual(expect.arrayContaining([BO]));
});

it('When the body does not validate against its schema, then it is audited as 1014 REQ-SCHEMA with both headers and the CPR', async () => {
  const res = await callSoap(emulator.soapUrl, {
    operation: 'CreateBooking',
    body: createBookingBody(aBooking({ cpr: ANNA, start: 'next tuesday' })),
    headers: headersOf(jobcenter, mette),
  });
  await expectFault(res, { code: 1014, source: 'REQ-SCHEMA' });
  expect(auditRowOf(res)).toMatchObject({
    service: 'BookingService',
    operation: 'CreateBooking',
    outcome: '1014',
    ruleId: 'REQ-SCHEMA',
    certificate: { fingerprint: fingerprintOf('8-75100') },
    activeOrganisation: { type: 8, code: '75100' },
    requestUserMetadata: metteAsAudited,
    cprs: [ANNA],
  });
});

it('When an operation rule refuses the call (BK-NOT-FOUND), then the caller gets its code, rule and text, and it is audited with that code and rule', async () => {
  const res = await callSoap(emulator.soapUrl, {
    operation: 'GetBookingDetails',
    body: getBookingDetailsBody('c0000000-0000-4000-8000-00000000dead'),
    headers: headersOf(jobcenter, mette),
  });
  await expectTableFault(res, 'BK-NOT-FOUND');
  expect(auditRowOf(res)).toMatchObject({
    service: 'BookingService',
    operation: 'GetBookingDetails',
    outcome: String(ERROR_TABLE['BK-NOT-FOUND'].code),
    ruleId: ERROR_TABLE['BK-NOT-FOUND'].ruleId,
    activeOrganisation: { type: 8, code: '75100' },
    requestUserMetadata: metteAsAudited,
  });
});

it('When CodelistService is called, then the call is audited too, without headers or CPRs', async () => {
  const res = await callSoap(emulator.soapUrl, {
    service: 'CodelistService',
    operation: 'GetInterviewTypes',
    body: getInterviewTypesBody(),
    cert: '7-751',
  });
  expectAccepted(res);
  expect(auditRowOf(res)).toMatchObject({
    service: 'CodelistService',
    operation: 'GetInterviewTypes',
    outcome: 'ok',
    certificate: { fingerprint: fingerprintOf('7-751') },
    activeOrganisation: null,
    requestUserMetadata: null,
    cprs: [],
  });
});

it("When the audit log is listed by CPR, then it holds the accepted and the refused calls naming that CPR, newest first, and no other citizen's", async () => {
  const accepted = expectAccepted(await getBookings(headersOf(jobcenter, mette), '8-75100', BO));
  const refused = await getBookings(headersOf(jobcenter, caseworker(jobcenter, 'Unknown')), '8-75100', BO);
  await expectFault(refused, { code: 4413, source: 'SEC-USERTYPE' });
  const other = expectAccepted(await getBookings(headersOf(jobcenter, mette), '8-75100', ANNA));

  const rows = emulator.store.audit.list({ cpr: BO });
  const ids = rows.map((r) => r.referenceId);
  const refusedId = String(refused.headers['x-servicerequestlogreferenceidentifier']);
  expect(ids).toEqual(expect.arrayContaining([accepted, refusedId]));
  expect(ids.indexOf(refusedId)).toBeLessThan(ids.indexOf(accepted));
  expect(ids).not.toContain(other);
  expect(rows.every((r) => r.cprs.includes(BO))).toBe(true);
});

describe('with a body limit of 2048 bytes', () => {
  let small: RunningEmulator;
  beforeAll(async () => {
    small = await startTestEmulator({ maxBodyBytes: 2048 });
  });
  afterAll(() => small.stop());

  it('When the body is larger than the limit, then the call is audited as 1014 REQ-XML with the certificate', async () => {
    const body = envelope(
      `<!-- ${'x'.repeat(4096)} -->${getBookingsBody(ANNA)}`,
      headersOf(jobcenter, mette),
    );
    const res = await postXml(`${small.soapUrl}/BookingService`, body, {
      cert: '8-75100',
      soapAction: soapAction('BookingService', 'GetBookings'),
    });
    await expectFault(res, { code: 1014, source: 'REQ-XML' });
    const referenceId = String(res.headers['x-servicerequestlogreferenceidentifier']);
    expect(small.store.audit.find(referenceId)).toMatchObject({
      service: 'BookingService',
      outcome: '1014',
      ruleId: 'REQ-XML',
      certificate: { fingerprint: fingerprintOf('8-75100') },
    });
  });
});
