import type { IndkaldelseDto } from '../../../src/rest/indkaldelse.dto';
import {
  kildesystemRule,
  meetingEnd,
  restFieldsRule,
  restOrgTypeRule,
  restStateRule,
} from '../../../src/rest/rest.rules';
import { buildIndkaldelseDto } from './indkaldelse-builders';
import { answered, ANSWER, type Answered } from './rest-answer';

const ID = '3f2b6c1e-8d4a-4b7e-9a51-0c2d9e8f7a10';
const GROUP = '9b2e4c6a-1d3f-4a5b-8c7d-0e1f2a3b4c5d';

describe('REST-FIELDS', () => {
  it.each<[string, Partial<IndkaldelseDto>, Answered | null, string[]]>([
    ['an individual meeting', { moedeGruppeType: 1 }, null, []],
    ['a group meeting with its id', { moedeGruppeType: 2, gruppemoedeId: GROUP }, null, []],
    ['a group meeting without its id', { moedeGruppeType: 2 }, ANSWER.restFields, ['/gruppemoedeId']],
    [
      'a digital meeting with its link',
      { afholdelsesform: 8, digitaltMoedelink: 'https://meet.example.dk/abc' },
      null,
      [],
    ],
    ['a digital meeting without a link', { afholdelsesform: 8 }, ANSWER.restFields, ['/digitaltMoedelink']],
    [
      'a link for a meeting in person (not asked for, not refused)',
      { digitaltMoedelink: 'https://x.dk' },
      null,
      [],
    ],
    [
      'an end and a duration that agree',
      { moedeSluttidspunkt: '2026-03-02T10:45:00+01:00', moedeVarighed: 45 },
      null,
      [],
    ],
    [
      'an end and a duration that agree across offsets',
      { moedeSluttidspunkt: '2026-03-02T09:45:00Z', moedeVarighed: 45 },
      null,
      [],
    ],
    [
      'an end and a duration that differ',
      { moedeSluttidspunkt: '2026-03-02T10:45:00+01:00', moedeVarighed: 30 },
      ANSWER.restFields,
      ['/moedeSluttidspunkt', '/moedeVarighed'],
    ],
    [
      'a group digital meeting missing both',
      { moedeGruppeType: 2, afholdelsesform: 8 },
      ANSWER.restFields,
      ['/gruppemoedeId', '/digitaltMoedelink'],
    ],
  ])('When the body has %s, then REST-FIELDS answers %o naming %j', (_, overrides, answer, felter) => {
    const v = restFieldsRule(buildIndkaldelseDto(overrides));
    expect([answered(v), v?.felter?.map((f) => f.felt) ?? []]).toEqual([answer, felter]);
  });

  it('When the end equals the start, then REST-FIELDS lets it through (an end at the start is allowed, REST.md §9)', () => {
    expect(
      restFieldsRule(buildIndkaldelseDto({ moedeSluttidspunkt: '2026-03-02T10:00:00+01:00' })),
    ).toBeNull();
  });
});

describe('meetingEnd', () => {
  it.each<[string, Partial<IndkaldelseDto>, string]>([
    ['the end given', { moedeSluttidspunkt: '2026-03-02T11:30:00+01:00' }, '2026-03-02T10:30:00.000Z'],
    ['a duration only', { moedeSluttidspunkt: undefined, moedeVarighed: 90 }, '2026-03-02T10:30:00.000Z'],
    ['neither: 60 minutes', { moedeSluttidspunkt: undefined }, '2026-03-02T10:00:00.000Z'],
    [
      'neither, on the night summer time starts: 60 real minutes',
      { moedeStarttidspunkt: '2026-03-29T01:30:00', moedeSluttidspunkt: undefined },
      '2026-03-29T01:30:00.000Z',
    ],
    [
      'a start without an offset (Copenhagen time) and a duration',
      { moedeStarttidspunkt: '2026-07-01T09:00:00', moedeSluttidspunkt: undefined, moedeVarighed: 30 },
      '2026-07-01T07:30:00.000Z',
    ],
  ])('When the meeting has %s, then it ends at %s', (_, overrides, end) => {
    const dto = buildIndkaldelseDto(overrides);
    expect(meetingEnd(dto).toISOString()).toBe(end);
  });
});

describe('REST-ORG-TYPE', () => {
  it.each<[string, number, Answered | null]>([
    ['an a-kasse', 2, null],
    ['STAR', 5, null],
    ['a kommune', 7, null],
    ['a jobcenter', 8, null],
    ['an anden aktør', 4, ANSWER.restOrgType],
    ['a virksomhed', 24, ANSWER.restOrgType],
  ])('When X-ActiveOrganisation is %s (type %i), then REST-ORG-TYPE answers %o', (_, type, answer) => {
    expect(answered(restOrgTypeRule({ type, code: '12345678' }))).toEqual(answer);
  });

  it('When an anden aktør is refused, then the description says to act through its jobcenter', () => {
    expect(restOrgTypeRule({ type: 4, code: '35669035' })?.detail).toMatch(
      /4\/35669035 .*through its jobcenter/,
    );
  });
});

describe('REST-STATE', () => {
  it.each<[string, 'Active' | 'Cancelled', Answered | null]>([
    ['active', 'Active', null],
    ['cancelled', 'Cancelled', ANSWER.restState],
  ])('When the meeting written to is %s, then REST-STATE answers %o', (_, status, answer) => {
    expect(answered(restStateRule({ id: ID, status }, 'UpdateIndkaldelse'))).toEqual(answer);
  });

  it('When a cancelled meeting is refused, then the description names it and the operation', () => {
    expect(restStateRule({ id: ID, status: 'Cancelled' }, 'CreateMyndighedsdeltager')?.detail).toBe(
      `indkaldelse ${ID} is cancelled (Aflyst): CreateMyndighedsdeltager cannot change it`,
    );
  });
});

describe('REST-KILDESYSTEM', () => {
  it.each<[string, number | undefined, number | null, Answered | null]>([
    ['a meeting without a source system, any certificate', undefined, null, null],
    ['a meeting without a source system, a DFDG certificate', undefined, 30, null],
    ['a Jobnet meeting, a Jobnet certificate', 32, 32, null],
    ['a Jobnet meeting, a DFDG certificate', 32, 30, ANSWER.restKildesystem],
    ['a Jobnet meeting, a certificate without a system type', 32, null, ANSWER.restKildesystem],
  ])('When %s, then REST-KILDESYSTEM answers %o', (_, kildesystemType, certificate, answer) => {
    expect(answered(kildesystemRule({ id: ID, kildesystemType }, certificate))).toEqual(answer);
  });
});
