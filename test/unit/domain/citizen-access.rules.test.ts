import type { Citizen } from '../../../src/domain/booking';
import {
  citizenAccessVerdict,
  currentAkasse,
  membershipCovers,
  organisationMayAccess,
  type AccessAsker,
} from '../../../src/domain/citizen-access.rules';
import { fromCopenhagenWallClock } from '../../../src/domain/copenhagen-time';
import { ERROR_TABLE } from '../../../src/domain/errors';
import type { Organisation } from '../../../src/domain/organisation';
import { buildCitizen, buildCitizenMetadata, buildMetadata, CPR, ORG } from '../../helpers/builders';

// Winter (CET, +01:00) and summer (CEST, +02:00) noon in Copenhagen.
const WINTER_NOON = new Date('2026-01-15T11:00:00Z');
const SUMMER_NOON = new Date('2026-07-15T10:00:00Z');

const asker = (org: Organisation, now: Date, overrides: Partial<AccessAsker> = {}): AccessAsker => ({
  activeOrganisation: org,
  user: buildMetadata({ organisation: org }),
  now,
  akasseWrite: false,
  ...overrides,
});

const VIRKSOMHED = { type: 24, code: '12345678' };
const OTHER_ANDEN_AKTOER = { type: 4, code: '11111111' };

/** The code a verdict answers, or 'ok'. */
const outcome = (cpr: string, citizen: Citizen | undefined, a: AccessAsker): number | 'ok' => {
  const v = citizenAccessVerdict(cpr, citizen, a).violation;
  return v ? ERROR_TABLE[v.key].code : 'ok';
};

describe('ACC-OWN: the matrix (a citizen of jobcenter 75100, kommune 751, a-kasse 17, anden aktør 35669035)', () => {
  const citizen = buildCitizen({ andenAktoer: ['35669035'] });
  it.each<[string, Organisation, number | 'ok']>([
    ['jobcenter, own', ORG.jobcenterAarhus, 'ok'],
    ['jobcenter, not own', ORG.jobcenterKobenhavn, 6005],
    ['kommune, own', ORG.kommuneAarhus, 'ok'],
    ['kommune, not own', ORG.kommuneKobenhavn, 4575],
    ['a-kasse, member', ORG.akasse17, 'ok'],
    ['a-kasse, not member', ORG.akasse81, 4575],
    ['anden aktør, assigned', ORG.andenAktoer, 'ok'],
    ['anden aktør, not assigned', OTHER_ANDEN_AKTOER, 4511],
    ['STAR', ORG.jobnet, 'ok'],
    ['virksomhed', VIRKSOMHED, 4575],
  ])('When %s asks, then the answer is %s', (_, org, expected) => {
    expect(outcome(CPR, citizen, asker(org, WINTER_NOON))).toBe(expected);
    expect(outcome(CPR, citizen, asker(org, SUMMER_NOON))).toBe(expected);
  });

  it.each<[string, Organisation]>([
    ['a jobcenter not its own', ORG.jobcenterKobenhavn],
    ['a virksomhed', VIRKSOMHED],
    ['an a-kasse not its own', ORG.akasse81],
  ])('When the citizen asks about themself through %s, then it passes', (_, org) => {
    const user = buildCitizenMetadata(CPR, org.type);
    expect(outcome(CPR, citizen, asker(org, WINTER_NOON, { user }))).toBe('ok');
  });

  it('When a citizen-type call names another CPR, then ACC-OWN judges the organisation, not the citizen', () => {
    const user = buildCitizenMetadata('0202575002', ORG.jobcenterKobenhavn.type);
    expect(outcome(CPR, citizen, asker(ORG.jobcenterKobenhavn, WINTER_NOON, { user }))).toBe(6005);
  });
});

describe('ACC-OWN: guest access, in force up to and including its until', () => {
  const until = new Date('2026-03-01T12:00:00Z');
  const citizen = buildCitizen({ guestAccess: [{ organisation: ORG.jobcenterKobenhavn, until }] });
  it.each<[string, Date, Organisation, number | 'ok']>([
    ['at its until', until, ORG.jobcenterKobenhavn, 'ok'],
    ['before its until', new Date('2026-02-01T00:00:00Z'), ORG.jobcenterKobenhavn, 'ok'],
    ['one millisecond after its until', new Date(until.getTime() + 1), ORG.jobcenterKobenhavn, 6005],
    ['for another jobcenter', new Date('2026-02-01T00:00:00Z'), { type: 8, code: '46100' }, 6005],
    ['for a kommune of the same code', new Date('2026-02-01T00:00:00Z'), { type: 7, code: '10100' }, 4575],
  ])('When the guest asks %s, then the answer is %s', (_, now, org, expected) => {
    expect(outcome(CPR, citizen, asker(org, now))).toBe(expected);
  });
});

describe('ACC-OWN: an a-kasse sees a member from 120 days before to 120 days after the membership', () => {
  /** A Copenhagen wall-clock time on a date: +01:00 in winter, +02:00 in summer. */
  const at = (date: string, time = '12:00'): Date =>
    fromCopenhagenWallClock(Date.parse(`${date}T${time}:00Z`));

  const ended = (to: string): Citizen =>
    buildCitizen({ memberships: [{ akasse: '17', from: '2020-01-01', to }] });
  const starts = (from: string): Citizen => buildCitizen({ memberships: [{ akasse: '17', from, to: null }] });

  it.each<[string, Citizen, Date, number | 'ok']>([
    // Ended 1 March 2026 (winter): visible through 29 June (summer), both ends included.
    [
      'ended 1 March, on 29 June at 23:59 (summer time)',
      ended('2026-03-01'),
      at('2026-06-29', '23:59'),
      'ok',
    ],
    [
      'ended 1 March, on 30 June at 00:00 (summer time)',
      ended('2026-03-01'),
      at('2026-06-30', '00:00'),
      4575,
    ],
    ['ended 1 March, on the day it ended', ended('2026-03-01'), at('2026-03-01'), 'ok'],
    // Ended 1 July (summer): visible through 29 October, after the switch to winter time.
    [
      'ended 1 July, on 29 October at 23:59 (winter time)',
      ended('2026-07-01'),
      at('2026-10-29', '23:59'),
      'ok',
    ],
    [
      'ended 1 July, on 30 October at 00:00 (winter time)',
      ended('2026-07-01'),
      at('2026-10-30', '00:00'),
      4575,
    ],
    // Starts 1 May (summer): visible from 1 January (winter), 120 days before.
    [
      'starts 1 May, on 1 January at 00:00 (winter time)',
      starts('2026-05-01'),
      at('2026-01-01', '00:00'),
      'ok',
    ],
    [
      'starts 1 May, on 31 December at 23:59 (winter time)',
      starts('2026-05-01'),
      at('2025-12-31', '23:59'),
      4575,
    ],
    // Starts 1 December (winter): visible from 3 August (summer).
    [
      'starts 1 December, on 3 August at 00:00 (summer time)',
      starts('2026-12-01'),
      at('2026-08-03', '00:00'),
      'ok',
    ],
    [
      'starts 1 December, on 2 August at 23:59 (summer time)',
      starts('2026-12-01'),
      at('2026-08-02', '23:59'),
      4575,
    ],
  ])('When the membership %s, then the a-kasse is answered %s', (_, citizen, now, expected) => {
    expect(outcome(CPR, citizen, asker(ORG.akasse17, now))).toBe(expected);
  });

  it('When the dates are checked, then 29 June 23:59 Copenhagen is 21:59 UTC (the test reads local time)', () => {
    expect(at('2026-06-29', '23:59').toISOString()).toBe('2026-06-29T21:59:00.000Z');
    expect(at('2026-01-01', '00:00').toISOString()).toBe('2025-12-31T23:00:00.000Z');
  });

  it.each<[string | null, string | null, string, boolean]>([
    [null, null, '1990-01-01', true],
    [null, '2026-03-01', '2026-06-29', true],
    [null, '2026-03-01', '2026-06-30', false],
    ['2026-05-01', null, '2026-01-01', true],
    ['2026-05-01', null, '2025-12-31', false],
  ])('When a membership runs %s..%s, then it covers %s: %s', (from, to, today, covers) => {
    expect(membershipCovers({ akasse: '17', from, to }, today)).toBe(covers);
  });

  it('When a membership lapsed within the margin, then PersonStatus shows no current a-kasse', () => {
    const citizen = ended('2026-03-01');
    expect(currentAkasse(citizen, at('2026-04-01'))).toBeNull();
    expect(currentAkasse(citizen, at('2026-02-01'))).toBe('17');
    expect(organisationMayAccess(ORG.akasse17, citizen, at('2026-04-01'))).toBe(true);
  });
});

describe('BK-AKASSE-MEMBER: how ACC-OWN refuses an a-kasse’s write', () => {
  it.each<[string, Citizen, number | 'ok']>([
    ['a member of 17', buildCitizen(), 'ok'],
    ['a member of 81', buildCitizen({ memberships: [{ akasse: '81', from: null, to: null }] }), 4857],
    ['a member of no a-kasse', buildCitizen({ memberships: [] }), 4856],
    [
      'a member of 17 until 200 days ago',
      buildCitizen({ memberships: [{ akasse: '17', from: null, to: '2025-06-29' }] }),
      4856,
    ],
  ])('When a-kasse 17 writes for %s, then the answer is %s', (_, citizen, expected) => {
    expect(outcome(CPR, citizen, asker(ORG.akasse17, WINTER_NOON, { akasseWrite: true }))).toBe(expected);
  });

  it('When a-kasse 17 reads a member of 81, then the answer is ACC-OWN’s 4575', () => {
    const citizen = buildCitizen({ memberships: [{ akasse: '81', from: null, to: null }] });
    expect(outcome(CPR, citizen, asker(ORG.akasse17, WINTER_NOON))).toBe(4575);
  });
});

describe('ACC-CPR', () => {
  it.each(['3201575001', '0113575001', '3002575001', '010157500', 'abcdefghij'])(
    'When the CPR is %s, then the answer is 1001 with STAR’s text',
    (cpr) => {
      const v = citizenAccessVerdict(cpr, undefined, asker(ORG.jobnet, WINTER_NOON)).violation;
      expect(v?.key).toBe('ACC-CPR-MALFORMED');
      expect(v && ERROR_TABLE[v.key].text).toBe(
        'The submitted cpr is either to long or short or contains data not interpretable as a date',
      );
    },
  );

  it('When the CPR is well-formed but unknown, then the answer is 1010 "Unknown cpr", even for STAR', () => {
    const v = citizenAccessVerdict(CPR, undefined, asker(ORG.jobnet, WINTER_NOON)).violation;
    expect(v && [ERROR_TABLE[v.key].code, ERROR_TABLE[v.key].text]).toEqual([1010, 'Unknown cpr']);
  });

  const dead = buildCitizen({ deceased: '2026-01-10' });
  it.each<[string, Organisation, number]>([
    ['its jobcenter', ORG.jobcenterAarhus, 4405],
    ['STAR', ORG.jobnet, 4405],
    ['another jobcenter', ORG.jobcenterKobenhavn, 6005],
    ['another kommune', ORG.kommuneKobenhavn, 4575],
    ['an anden aktør not assigned', ORG.andenAktoer, 4511],
  ])(
    'When %s asks about a dead citizen, then the answer is %s (the death is told only to an owner)',
    (_, org, code) => {
      expect(outcome(CPR, dead, asker(org, WINTER_NOON))).toBe(code);
    },
  );

  it('When the death date is later than today, then the citizen is still alive', () => {
    expect(
      outcome(CPR, buildCitizen({ deceased: '2026-01-16' }), asker(ORG.jobcenterAarhus, WINTER_NOON)),
    ).toBe('ok');
  });

  it('When a call passes, then the journal gets ACC-CPR, ACC-OWN and the death check, in that order', () => {
    const verdict = citizenAccessVerdict(CPR, buildCitizen(), asker(ORG.jobcenterAarhus, WINTER_NOON));
    expect(verdict.decisions.map((d) => [d.ruleId, d.passed])).toEqual([
      ['ACC-CPR', true],
      ['ACC-OWN', true],
      ['ACC-CPR', true],
    ]);
  });

  it('When a call is refused, then the last decision names the rule that refused it', () => {
    const verdict = citizenAccessVerdict(CPR, buildCitizen(), asker(ORG.jobcenterKobenhavn, WINTER_NOON));
    expect(verdict.decisions.map((d) => [d.ruleId, d.passed])).toEqual([
      ['ACC-CPR', true],
      ['ACC-OWN', false],
    ]);
  });
});
