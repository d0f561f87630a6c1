import type { ErrorKey } from '../../../src/domain/errors';
import type { Organisation } from '../../../src/domain/organisation';
import type { RequestUserMetadata } from '../../../src/domain/request-user-metadata';
import { SERVICE_CONTRACTS, type ServiceName } from '../../../src/soap/contracts';
import {
  activeOrganisationMatchesCertificate,
  caseworkerNameRule,
  citizenDataVerdict,
  citizenMayTouch,
  citizenServiceRule,
  isCitizenCall,
  securityModelVerdict,
  userOrganisationRule,
  type NamedBooking,
} from '../../../src/security/security-model';
import {
  buildCaller,
  buildCitizenMetadata,
  buildMetadata,
  CPR,
  ORG,
  OTHER_CPR,
} from '../../helpers/builders';

const caseworkerOf = (organisation: Organisation, userFullName = 'Mette Hansen'): RequestUserMetadata =>
  buildMetadata({ organisation, userFullName });
const systemOf = (organisation: Organisation, userFullName = 'KSS nightly sync'): RequestUserMetadata =>
  buildMetadata({ organisation, userFullName, userType: 3, userIdentifier: 'CVR:12345678-FID:42' });

/** The security model for a certificate registered for `certOrgs` only, on BookingService (or the one given). */
const check = (
  certOrgs: readonly Organisation[],
  ao: Organisation,
  user: RequestUserMetadata,
  service: ServiceName = 'BookingService',
): ErrorKey | null => securityModelVerdict(buildCaller(certOrgs), ao, user, service).violation?.key ?? null;

/** The security model for a certificate registered for the ActiveOrganisation itself. */
const checkAs = (ao: Organisation, user: RequestUserMetadata): ErrorKey | null => check([ao], ao, user);

describe('SEC-AO-CERT', () => {
  it.each<[string, ErrorKey | null, readonly Organisation[], Organisation]>([
    ['registered for it', null, [ORG.jobcenterAarhus], ORG.jobcenterAarhus],
    [
      'registered for it among others',
      null,
      [ORG.jobcenterKobenhavn, ORG.jobcenterAarhus],
      ORG.jobcenterAarhus,
    ],
    ['registered for another jobcenter', 'SEC-AO-CERT', [ORG.jobcenterKobenhavn], ORG.jobcenterAarhus],
    [
      'registered for the same code with another type',
      'SEC-AO-CERT',
      [{ type: 7, code: '75100' }],
      ORG.jobcenterAarhus,
    ],
    ['registered for the kommune of the jobcenter', 'SEC-AO-CERT', [ORG.kommuneAarhus], ORG.jobcenterAarhus],
    ['registered for nothing', 'SEC-AO-CERT', [], ORG.jobcenterAarhus],
    ['registered for a-kasse 2/17, acting as Jobnet', 'SEC-AO-CERT', [ORG.akasse17], ORG.jobnet],
  ])(
    'When the ActiveOrganisation is sent with a certificate %s, then %s',
    (_name, expected, certOrgs, ao) => {
      expect(activeOrganisationMatchesCertificate(buildCaller(certOrgs), ao)?.key ?? null).toBe(expected);
      expect(check(certOrgs, ao, caseworkerOf(ao))).toBe(expected);
    },
  );

  it('When a call breaks SEC-AO-CERT and SEC-SAME-ORG, then SEC-AO-CERT answers', () => {
    expect(check([ORG.akasse81], ORG.akasse17, caseworkerOf(ORG.jobcenterAarhus, 'Unknown'))).toBe(
      'SEC-AO-CERT',
    );
  });

  it('When a STAR ActiveOrganisation is not on the certificate, then SEC-AO-CERT (STAR is not exempt)', () => {
    expect(check([ORG.jobcenterAarhus], ORG.jobnet, caseworkerOf(ORG.akasse17))).toBe('SEC-AO-CERT');
  });
});

describe('SEC-STAR', () => {
  it.each<[string, RequestUserMetadata]>([
    ['a caseworker of a-kasse 2/17 (epic 950.8)', caseworkerOf(ORG.akasse17)],
    ['a caseworker named "Unknown" of another organisation', caseworkerOf(ORG.jobcenterKobenhavn, 'Unknown')],
    ['a caseworker named "KSS Batch 2"', caseworkerOf(ORG.jobnet, 'KSS Batch 2')],
    [
      'a citizen whose OrganisationCode is no CPR',
      buildCitizenMetadata(CPR, 5, { organisation: { type: 5, code: '4' } }),
    ],
    [
      'a citizen whose UserIdentifier is another CPR',
      buildCitizenMetadata(CPR, 5, { userIdentifier: OTHER_CPR }),
    ],
    ['a system of kommune 7/101', systemOf(ORG.kommuneKobenhavn)],
  ])('When Jobnet (5/4) calls for %s, then no violation', (_name, user) => {
    expect(checkAs(ORG.jobnet, user)).toBeNull();
  });

  it('When another STAR system (5/7) calls for an "Unknown" caseworker of jobcenter 8/10100, then no violation', () => {
    const star = { type: 5, code: '7' };
    expect(checkAs(star, caseworkerOf(ORG.jobcenterKobenhavn, 'Unknown'))).toBeNull();
  });
});

describe('SEC-CITIZEN', () => {
  it.each<[string, ErrorKey | null, Organisation, RequestUserMetadata]>([
    [
      'a-kasse 2/17 calls for a citizen (RUM type 1, org type 2, code = CPR)',
      null,
      ORG.akasse17,
      buildCitizenMetadata(CPR, 2),
    ],
    [
      'jobcenter 8/75100 calls for a citizen (RUM org type 8)',
      null,
      ORG.jobcenterAarhus,
      buildCitizenMetadata(CPR, 8),
    ],
    [
      'jobcenter 8/75100 calls for a citizen with RUM org type 2 (need not match)',
      null,
      ORG.jobcenterAarhus,
      buildCitizenMetadata(CPR, 2),
    ],
    [
      'an anden aktør calls for a citizen with RUM org type 24',
      null,
      ORG.andenAktoer,
      buildCitizenMetadata(CPR, 24),
    ],
    [
      'a citizen call names the a-kasse code instead of the CPR',
      'SEC-CITIZEN',
      ORG.akasse17,
      buildCitizenMetadata(CPR, 2, { organisation: ORG.akasse17 }),
    ],
    [
      'a citizen call carries a malformed CPR (31 February) twice',
      'SEC-CITIZEN',
      ORG.akasse17,
      buildCitizenMetadata('3102575001', 2),
    ],
    [
      'a citizen call carries a CPR of nine digits twice',
      'SEC-CITIZEN',
      ORG.akasse17,
      buildCitizenMetadata('010157500', 2),
    ],
    [
      'a citizen call has another CPR as UserIdentifier',
      'SEC-CITIZEN',
      ORG.akasse17,
      buildCitizenMetadata(CPR, 2, { userIdentifier: OTHER_CPR }),
    ],
    [
      'a citizen call has a RID as UserIdentifier',
      'SEC-CITIZEN',
      ORG.jobcenterAarhus,
      buildCitizenMetadata(CPR, 8, { userIdentifier: 'CVR:12345678-RID:1234' }),
    ],
  ])('When %s, then %s', (_name, expected, ao, user) => {
    expect(userOrganisationRule(ao, user)?.key ?? null).toBe(expected);
    expect(checkAs(ao, user)).toBe(expected);
  });

  it.each<[string, ErrorKey | null, Organisation, RequestUserMetadata, string]>([
    [
      'a citizen calling through a-kasse 2/17 touches their own CPR',
      null,
      ORG.akasse17,
      buildCitizenMetadata(CPR, 2),
      CPR,
    ],
    [
      'a citizen calling through a-kasse 2/17 touches another CPR',
      'SEC-CITIZEN',
      ORG.akasse17,
      buildCitizenMetadata(CPR, 2),
      OTHER_CPR,
    ],
    [
      'a citizen calling through jobcenter 8/75100 touches another CPR',
      'SEC-CITIZEN',
      ORG.jobcenterAarhus,
      buildCitizenMetadata(CPR, 8),
      OTHER_CPR,
    ],
    [
      'a citizen calling through Jobnet (SEC-STAR) touches another CPR',
      null,
      ORG.jobnet,
      buildCitizenMetadata(CPR, 5),
      OTHER_CPR,
    ],
    ['a caseworker touches any CPR', null, ORG.jobcenterAarhus, caseworkerOf(ORG.jobcenterAarhus), OTHER_CPR],
    ['a system touches any CPR', null, ORG.jobcenterAarhus, systemOf(ORG.jobcenterAarhus), CPR],
  ])('When %s, then %s', (_name, expected, activeOrganisation, requestUserMetadata, cpr) => {
    expect(citizenMayTouch({ activeOrganisation, requestUserMetadata }, cpr)?.key ?? null).toBe(expected);
  });
});

describe('SEC-CITIZEN, service part: no citizen-type call to BookingWsrmMessageService', () => {
  const WSRM: ServiceName = 'BookingWsrmMessageService';

  it.each(SERVICE_CONTRACTS.map((c) => c.name))(
    'When a citizen calls %s, then the service part says so',
    (service) => {
      expect(citizenServiceRule(service)?.key ?? null).toBe(service === WSRM ? 'SEC-CITIZEN' : null);
    },
  );

  it.each<[string, ErrorKey | null, Organisation, RequestUserMetadata]>([
    ['a citizen through jobcenter 8/75100', 'SEC-CITIZEN', ORG.jobcenterAarhus, buildCitizenMetadata(CPR, 8)],
    ['a citizen through a-kasse 2/17', 'SEC-CITIZEN', ORG.akasse17, buildCitizenMetadata(CPR, 2)],
    [
      'a citizen whose organisation type is not the ActiveOrganisation’s',
      'SEC-CITIZEN',
      ORG.jobcenterAarhus,
      buildCitizenMetadata(CPR, 2),
    ],
    [
      'a citizen through Jobnet 5/4 (SEC-STAR skips SEC-CITIZEN)',
      null,
      ORG.jobnet,
      buildCitizenMetadata(CPR, 5),
    ],
    ['a caseworker of the jobcenter', null, ORG.jobcenterAarhus, caseworkerOf(ORG.jobcenterAarhus)],
    ['a system (type 3) of the jobcenter', null, ORG.jobcenterAarhus, systemOf(ORG.jobcenterAarhus)],
    [
      'an employee (type 4) of the jobcenter',
      null,
      ORG.jobcenterAarhus,
      buildMetadata({ organisation: ORG.jobcenterAarhus, userType: 4, userFullName: 'Mette Hansen' }),
    ],
  ])('When %s calls BookingWsrmMessageService, then %s', (_name, expected, ao, user) => {
    expect(check([ao], ao, user, WSRM)).toBe(expected);
  });

  it('When a citizen calls BookingService with the same headers, then the call passes step 4', () => {
    expect(check([ORG.jobcenterAarhus], ORG.jobcenterAarhus, buildCitizenMetadata(CPR, 8))).toBeNull();
  });

  it('When a citizen’s header is malformed, then the header part answers first, still SEC-CITIZEN', () => {
    const user = buildCitizenMetadata(CPR, 8, { userIdentifier: OTHER_CPR });
    const v = securityModelVerdict(
      buildCaller([ORG.jobcenterAarhus]),
      ORG.jobcenterAarhus,
      user,
      WSRM,
    ).violation;
    expect(v?.key).toBe('SEC-CITIZEN');
    expect(v?.detail).toMatch(/UserIdentifier/);
  });

  it('When the certificate is not registered for the ActiveOrganisation, then SEC-AO-CERT answers first', () => {
    expect(check([ORG.jobcenterKobenhavn], ORG.jobcenterAarhus, buildCitizenMetadata(CPR, 8), WSRM)).toBe(
      'SEC-AO-CERT',
    );
  });

  it('When a citizen call to BookingWsrmMessageService is refused, then the journal’s decisions end with SEC-CITIZEN failed', () => {
    const { decisions } = securityModelVerdict(
      buildCaller([ORG.jobcenterAarhus]),
      ORG.jobcenterAarhus,
      buildCitizenMetadata(CPR, 8),
      WSRM,
    );
    expect(decisions.map((d) => [d.ruleId, d.passed])).toEqual([
      ['SEC-AO-CERT', true],
      ['SEC-CITIZEN', false],
    ]);
  });
});

describe('SEC-CITIZEN, data part in step 4 (citizenDataVerdict)', () => {
  const citizenVia = (ao: Organisation) => ({
    activeOrganisation: ao,
    requestUserMetadata: buildCitizenMetadata(CPR, ao.type),
  });
  const own: NamedBooking = { id: 'b-own', cpr: CPR };
  const othersBooking: NamedBooking = { id: 'b-other', cpr: OTHER_CPR };

  it.each<
    [string, ErrorKey | null, Organisation, RequestUserMetadata, readonly string[], readonly NamedBooking[]]
  >([
    ['a citizen names only their own CPR', null, ORG.akasse17, buildCitizenMetadata(CPR, 2), [CPR], []],
    [
      'a citizen names their own CPR and their own booking',
      null,
      ORG.jobcenterAarhus,
      buildCitizenMetadata(CPR, 8),
      [CPR],
      [own],
    ],
    [
      'a citizen names nothing (no CPR, no existing booking)',
      null,
      ORG.akasse17,
      buildCitizenMetadata(CPR, 2),
      [],
      [],
    ],
    [
      'a citizen names an empty PersonCivilRegistrationIdentifier (names nobody)',
      null,
      ORG.akasse17,
      buildCitizenMetadata(CPR, 2),
      [''],
      [],
    ],
    [
      'a citizen names another CPR',
      'SEC-CITIZEN',
      ORG.akasse17,
      buildCitizenMetadata(CPR, 2),
      [OTHER_CPR],
      [],
    ],
    [
      'a citizen names their own booking but another CPR (UpdateBooking/DeleteBooking)',
      'SEC-CITIZEN',
      ORG.jobcenterAarhus,
      buildCitizenMetadata(CPR, 8),
      [OTHER_CPR],
      [own],
    ],
    [
      'a citizen names their own CPR twice and another once',
      'SEC-CITIZEN',
      ORG.akasse17,
      buildCitizenMetadata(CPR, 2),
      [CPR, OTHER_CPR, CPR],
      [],
    ],
    [
      'a citizen names a value that is no CPR at all',
      'SEC-CITIZEN',
      ORG.akasse17,
      buildCitizenMetadata(CPR, 2),
      ['12345'],
      [],
    ],
    [
      "a citizen names their own CPR and another citizen's booking",
      'SEC-CITIZEN',
      ORG.akasse17,
      buildCitizenMetadata(CPR, 2),
      [CPR],
      [othersBooking],
    ],
    [
      "a citizen names another citizen's booking without any CPR (RescheduleBooking, GetBookingDetails)",
      'SEC-CITIZEN',
      ORG.jobcenterAarhus,
      buildCitizenMetadata(CPR, 8),
      [],
      [othersBooking],
    ],
    [
      "a citizen calling through Jobnet (SEC-STAR) names another CPR and another citizen's booking",
      null,
      ORG.jobnet,
      buildCitizenMetadata(CPR, 5),
      [OTHER_CPR],
      [othersBooking],
    ],
    [
      "a caseworker names another CPR and another citizen's booking",
      null,
      ORG.jobcenterAarhus,
      caseworkerOf(ORG.jobcenterAarhus),
      [OTHER_CPR],
      [othersBooking],
    ],
    [
      'a system (type 3) names any CPR',
      null,
      ORG.jobcenterAarhus,
      systemOf(ORG.jobcenterAarhus),
      [CPR, OTHER_CPR],
      [own, othersBooking],
    ],
  ])('When %s, then %s', (_name, expected, activeOrganisation, requestUserMetadata, cprs, bookings) => {
    expect(citizenDataVerdict({ activeOrganisation, requestUserMetadata }, cprs, bookings)?.key ?? null).toBe(
      expected,
    );
  });

  it('When a citizen names another CPR, then the detail quotes it and the header CPR', () => {
    const v = citizenDataVerdict(citizenVia(ORG.akasse17), [OTHER_CPR], []);
    expect(v?.detail).toContain(`"${OTHER_CPR}"`);
    expect(v?.detail).toContain(CPR);
  });

  it("When a citizen names another citizen's booking, then the detail names the booking, not its CPR", () => {
    const v = citizenDataVerdict(citizenVia(ORG.akasse17), [CPR], [othersBooking]);
    expect(v?.detail).toContain(othersBooking.id);
    expect(v?.detail).not.toContain(OTHER_CPR);
  });

  it('When the body names a very long non-CPR value, then the detail quotes only its start', () => {
    const v = citizenDataVerdict(citizenVia(ORG.akasse17), ['9'.repeat(10_000)], []);
    expect(v?.key).toBe('SEC-CITIZEN');
    expect(v?.detail.length).toBeLessThan(300);
  });

  it.each<[string, boolean, Organisation, RequestUserMetadata]>([
    ['a citizen through a-kasse 2/17', true, ORG.akasse17, buildCitizenMetadata(CPR, 2)],
    ['a citizen through jobcenter 8/75100', true, ORG.jobcenterAarhus, buildCitizenMetadata(CPR, 8)],
    ['a citizen through Jobnet 5/4 (SEC-STAR)', false, ORG.jobnet, buildCitizenMetadata(CPR, 5)],
    [
      'a citizen through another STAR system 5/7',
      false,
      { type: 5, code: '7' },
      buildCitizenMetadata(CPR, 5),
    ],
    ['a caseworker', false, ORG.jobcenterAarhus, caseworkerOf(ORG.jobcenterAarhus)],
    ['a system (type 3)', false, ORG.jobcenterAarhus, systemOf(ORG.jobcenterAarhus)],
  ])(
    'When the call is made for %s, then isCitizenCall is %s',
    (_name, expected, activeOrganisation, requestUserMetadata) => {
      expect(isCitizenCall({ activeOrganisation, requestUserMetadata })).toBe(expected);
    },
  );
});

describe('SEC-SAME-ORG', () => {
  it.each<[string, ErrorKey | null, Organisation, Organisation]>([
    ['a-kasse 2/17 calls for its own caseworker', null, ORG.akasse17, ORG.akasse17],
    ['kommune 7/751 calls for its own caseworker', null, ORG.kommuneAarhus, ORG.kommuneAarhus],
    ['anden aktør 4/35669035 calls for its own caseworker', null, ORG.andenAktoer, ORG.andenAktoer],
    ['a-kasse 2/17 calls for a caseworker of a-kasse 2/81', 'SEC-SAME-ORG', ORG.akasse17, ORG.akasse81],
    [
      'a-kasse 2/17 calls for a caseworker of type 8 with code 17',
      'SEC-SAME-ORG',
      ORG.akasse17,
      { type: 8, code: '17' },
    ],
    [
      'a-kasse 2/17 calls for a caseworker of jobcenter 8/75100',
      'SEC-SAME-ORG',
      ORG.akasse17,
      ORG.jobcenterAarhus,
    ],
    [
      'kommune 7/751 calls for a caseworker of its jobcenter 8/75100',
      'SEC-SAME-ORG',
      ORG.kommuneAarhus,
      ORG.jobcenterAarhus,
    ],
    [
      'anden aktør 4/35669035 calls for another anden aktør 4/12345678',
      'SEC-SAME-ORG',
      ORG.andenAktoer,
      { type: 4, code: '12345678' },
    ],
    [
      'virksomhed 24/12345678 calls for anden aktør 4/12345678',
      'SEC-SAME-ORG',
      { type: 24, code: '12345678' },
      { type: 4, code: '12345678' },
    ],
  ])('When %s, then %s', (_name, expected, ao, userOrg) => {
    expect(userOrganisationRule(ao, caseworkerOf(userOrg))?.key ?? null).toBe(expected);
    expect(checkAs(ao, caseworkerOf(userOrg))).toBe(expected);
  });

  it.each<[string, ErrorKey | null, RequestUserMetadata]>([
    ['a system (type 3) of another a-kasse', 'SEC-SAME-ORG', systemOf(ORG.akasse81)],
    [
      'an employee (type 4) of another organisation',
      'SEC-SAME-ORG',
      buildMetadata({ userType: 4, organisation: ORG.akasse81 }),
    ],
    [
      'an employee (type 4) of the same a-kasse',
      null,
      buildMetadata({ userType: 4, organisation: ORG.akasse17 }),
    ],
  ])('When a-kasse 2/17 calls for %s, then %s', (_name, expected, user) => {
    expect(checkAs(ORG.akasse17, user)).toBe(expected);
  });

  it('When a caseworker named "Unknown" of another organisation calls, then SEC-SAME-ORG answers before SEC-USERTYPE', () => {
    expect(checkAs(ORG.akasse17, caseworkerOf(ORG.akasse81, 'Unknown'))).toBe('SEC-SAME-ORG');
  });
});

describe('SEC-JOBCENTER', () => {
  it.each<[string, ErrorKey | null, Organisation]>([
    ['its own caseworker (8/75100)', null, ORG.jobcenterAarhus],
    ['an employee of its municipality (7/751)', null, ORG.kommuneAarhus],
    ['an other-actor employee (4/35669035)', null, ORG.andenAktoer],
    ['an other-actor employee with any 8-digit CVR (4/12345678)', null, { type: 4, code: '12345678' }],
    ['an employee of another municipality (7/101)', 'SEC-JOBCENTER', ORG.kommuneKobenhavn],
    ['an anden aktør with a 7-digit code (4/1234567)', 'SEC-JOBCENTER', { type: 4, code: '1234567' }],
    ['an anden aktør with a 9-digit code (4/123456789)', 'SEC-JOBCENTER', { type: 4, code: '123456789' }],
    ['an anden aktør with letters in the code (4/1234567A)', 'SEC-JOBCENTER', { type: 4, code: '1234567A' }],
    ['a caseworker of another jobcenter (8/10100)', 'SEC-JOBCENTER', ORG.jobcenterKobenhavn],
    ['a caseworker of a-kasse 2/17', 'SEC-JOBCENTER', ORG.akasse17],
    ['a virksomhed with an 8-digit CVR (24/12345678)', 'SEC-JOBCENTER', { type: 24, code: '12345678' }],
  ])('When jobcenter 8/75100 calls for %s, then %s', (_name, expected, userOrg) => {
    expect(userOrganisationRule(ORG.jobcenterAarhus, caseworkerOf(userOrg))?.key ?? null).toBe(expected);
    expect(checkAs(ORG.jobcenterAarhus, caseworkerOf(userOrg))).toBe(expected);
  });

  it.each<[string, ErrorKey | null, Organisation]>([
    ['its municipality 7/101', null, ORG.kommuneKobenhavn],
    ['Aarhus kommune 7/751', 'SEC-JOBCENTER', ORG.kommuneAarhus],
  ])('When jobcenter 8/10100 calls for an employee of %s, then %s', (_name, expected, userOrg) => {
    expect(checkAs(ORG.jobcenterKobenhavn, caseworkerOf(userOrg))).toBe(expected);
  });

  // Epic 950.8: a KSS vendor's certificate is registered for 8/75100, 8/10100 and 7/751.
  const kss = [ORG.jobcenterAarhus, ORG.jobcenterKobenhavn, ORG.kommuneAarhus];
  it.each<[string, ErrorKey | null, Organisation, RequestUserMetadata]>([
    [
      'as jobcenter 8/75100 for a jobcenter caseworker',
      null,
      ORG.jobcenterAarhus,
      caseworkerOf(ORG.jobcenterAarhus),
    ],
    [
      'as jobcenter 8/75100 for a kommune employee',
      null,
      ORG.jobcenterAarhus,
      caseworkerOf(ORG.kommuneAarhus),
    ],
    [
      'as jobcenter 8/75100 for an anden-aktør employee',
      null,
      ORG.jobcenterAarhus,
      caseworkerOf(ORG.andenAktoer),
    ],
    [
      'as jobcenter 8/75100 for its nightly batch job',
      null,
      ORG.jobcenterAarhus,
      systemOf(ORG.jobcenterAarhus),
    ],
    [
      'as jobcenter 8/75100 for a batch job of the kommune',
      null,
      ORG.jobcenterAarhus,
      systemOf(ORG.kommuneAarhus),
    ],
    ['as kommune 7/751 for a kommune employee', null, ORG.kommuneAarhus, caseworkerOf(ORG.kommuneAarhus)],
    [
      'as jobcenter 8/10100 for a Københavns kommune employee',
      null,
      ORG.jobcenterKobenhavn,
      caseworkerOf(ORG.kommuneKobenhavn),
    ],
    [
      'as jobcenter 8/10100 for an Aarhus kommune employee',
      'SEC-JOBCENTER',
      ORG.jobcenterKobenhavn,
      caseworkerOf(ORG.kommuneAarhus),
    ],
    [
      'as kommune 7/751 for a caseworker of jobcenter 8/75100',
      'SEC-SAME-ORG',
      ORG.kommuneAarhus,
      caseworkerOf(ORG.jobcenterAarhus),
    ],
    ['as a-kasse 2/17 (not on its certificate)', 'SEC-AO-CERT', ORG.akasse17, caseworkerOf(ORG.akasse17)],
    [
      'as jobcenter 8/75100 for a kommune employee named "Unknown"',
      'SEC-USERTYPE',
      ORG.jobcenterAarhus,
      caseworkerOf(ORG.kommuneAarhus, 'Unknown'),
    ],
  ])('When the KSS vendor calls %s, then %s', (_name, expected, ao, user) => {
    expect(check(kss, ao, user)).toBe(expected);
  });
});

describe('SEC-USERTYPE', () => {
  it.each<[string, ErrorKey | null]>([
    ['Mette Hansen', null],
    ["Anne-Marie O'Brien", null],
    ['Søren Ærø', null],
    ['Jens Peter Jensen', null],
    ['  Mette   Hansen  ', null],
    ['Mette', 'SEC-USERTYPE'],
    ['Unknown', 'SEC-USERTYPE'],
    ['Ukendt', 'SEC-USERTYPE'],
    ['Ukendt Person', 'SEC-USERTYPE'],
    ['UNKNOWN USER', 'SEC-USERTYPE'],
    ['KSS Batch 2', 'SEC-USERTYPE'],
    ['Mette Hansen2', 'SEC-USERTYPE'],
    ['CVR:123', 'SEC-USERTYPE'],
    ['Mette Hansen:', 'SEC-USERTYPE'],
    ['   ', 'SEC-USERTYPE'],
    ['', 'SEC-USERTYPE'],
  ])('When a caseworker (type 2) is named "%s", then %s', (userFullName, expected) => {
    const user = caseworkerOf(ORG.jobcenterAarhus, userFullName);
    expect(caseworkerNameRule(user)?.key ?? null).toBe(expected);
    expect(checkAs(ORG.jobcenterAarhus, user)).toBe(expected);
  });

  it.each<[string, RequestUserMetadata]>([
    ['a system (type 3) named "KSS nightly sync"', systemOf(ORG.jobcenterAarhus)],
    ['a system (type 3) named "KSS Batch 2"', systemOf(ORG.jobcenterAarhus, 'KSS Batch 2')],
    ['a system (type 3) named "CVR:123"', systemOf(ORG.jobcenterAarhus, 'CVR:123')],
    ['a citizen (type 1)', buildCitizenMetadata(CPR, 8, { userFullName: 'Anna' })],
  ])('When the user is %s, then no violation', (_name, user) => {
    expect(caseworkerNameRule(user)).toBeNull();
    expect(checkAs(ORG.jobcenterAarhus, user)).toBeNull();
  });
});

describe('Conformance modes: DFDG checks and commitments', () => {
  const verdict = (ao: Organisation, user: RequestUserMetadata, mode: 'strict' | 'dfdg') =>
    securityModelVerdict(buildCaller([ao]), ao, user, 'BookingService', mode);
  const summary = (ao: Organisation, user: RequestUserMetadata, mode: 'strict' | 'dfdg') => {
    const v = verdict(ao, user, mode);
    return {
      violation: v.violation?.key ?? null,
      decisions: v.decisions
        .filter((d) => d.ruleId !== 'SEC-AO-CERT')
        .map((d) => `${d.ruleId} ${d.kind} ${d.passed ? (d.warning ? 'warning' : 'pass') : 'FAIL'}`),
    };
  };

  it.each<[string, 'strict' | 'dfdg', Organisation, RequestUserMetadata, ErrorKey | null, string[]]>([
    [
      'the same organisation, a real name',
      'strict',
      ORG.akasse17,
      caseworkerOf(ORG.akasse17),
      null,
      ['SEC-SAME-ORG dfdg pass', 'SEC-SAME-ORG commitment pass', 'SEC-USERTYPE commitment pass'],
    ],
    [
      'the same type, another code',
      'strict',
      ORG.akasse17,
      caseworkerOf(ORG.akasse81),
      'SEC-SAME-ORG',
      ['SEC-SAME-ORG dfdg pass', 'SEC-SAME-ORG commitment FAIL'],
    ],
    [
      'the same type, another code',
      'dfdg',
      ORG.akasse17,
      caseworkerOf(ORG.akasse81),
      null,
      ['SEC-SAME-ORG dfdg pass', 'SEC-SAME-ORG commitment warning', 'SEC-USERTYPE commitment pass'],
    ],
    [
      'another type',
      'dfdg',
      ORG.akasse17,
      caseworkerOf({ type: 8, code: '17' }),
      'SEC-SAME-ORG',
      ['SEC-SAME-ORG dfdg FAIL'],
    ],
    [
      'another type',
      'strict',
      ORG.kommuneAarhus,
      caseworkerOf(ORG.jobcenterAarhus),
      'SEC-SAME-ORG',
      ['SEC-SAME-ORG dfdg FAIL'],
    ],
    [
      'a caseworker named "System"',
      'strict',
      ORG.akasse17,
      caseworkerOf(ORG.akasse17, 'System'),
      'SEC-USERTYPE',
      ['SEC-SAME-ORG dfdg pass', 'SEC-SAME-ORG commitment pass', 'SEC-USERTYPE commitment FAIL'],
    ],
    [
      'a caseworker named "System"',
      'dfdg',
      ORG.akasse17,
      caseworkerOf(ORG.akasse17, 'System'),
      null,
      ['SEC-SAME-ORG dfdg pass', 'SEC-SAME-ORG commitment pass', 'SEC-USERTYPE commitment warning'],
    ],
    [
      'another a-kasse\'s caseworker named "Unknown"',
      'dfdg',
      ORG.akasse17,
      caseworkerOf(ORG.akasse81, 'Unknown'),
      null,
      ['SEC-SAME-ORG dfdg pass', 'SEC-SAME-ORG commitment warning', 'SEC-USERTYPE commitment warning'],
    ],
    [
      'a kommune employee of its jobcenter, named "Unknown"',
      'dfdg',
      ORG.jobcenterAarhus,
      caseworkerOf(ORG.kommuneAarhus, 'Unknown'),
      null,
      ['SEC-JOBCENTER dfdg pass', 'SEC-USERTYPE commitment warning'],
    ],
    [
      'an employee of another municipality',
      'dfdg',
      ORG.jobcenterAarhus,
      caseworkerOf(ORG.kommuneKobenhavn),
      'SEC-JOBCENTER',
      ['SEC-JOBCENTER dfdg FAIL'],
    ],
    [
      'a system (type 3) of the same organisation',
      'strict',
      ORG.akasse17,
      systemOf(ORG.akasse17, 'KSS Batch'),
      null,
      ['SEC-SAME-ORG dfdg pass', 'SEC-SAME-ORG commitment pass', 'SEC-USERTYPE commitment pass'],
    ],
  ])(
    'When %s, in %s mode, then the violation and the decisions say which rule is which kind',
    (_name, mode, ao, user, violation, decisions) => {
      expect(summary(ao, user, mode)).toEqual({ violation, decisions });
    },
  );

  it('When a call breaks a commitment in dfdg mode, then the warning says what was expected', () => {
    const warning = verdict(ORG.akasse17, caseworkerOf(ORG.akasse81), 'dfdg').decisions.find(
      (d) => d.warning,
    );
    expect(warning?.why).toMatch(/2\/81.*2\/17/);
  });
});
