import { z } from 'zod';
import { isWellFormedCpr } from '../../../src/domain/cpr';
import { validateDto } from '../../../src/rest/dto-validation';
import {
  CreateMyndighedsdeltagerRequestDto,
  IndkaldelseDto,
  IndkaldelseReadDto,
} from '../../../src/rest/indkaldelse.dto';
import { ActiveOrganisationDto, RequestUserMetadataDto } from '../../../src/rest/metadata.dto';
import { CPR_PATTERN, dateTimeText } from '../../../src/rest/rest-field-types';
import { buildIndkaldelseDto, buildRequestUserMetadataDto } from './indkaldelse-builders';
import { namesIn, tableAfter } from './rest-spec';

type Json = Record<string, unknown>;
const jsonSchema = (schema: z.ZodType): Json => z.toJSONSchema(schema);

/** REST.md §4's IndkaldelseDto table: each field with its occurrence ("1" or "0..1"). */
const SPEC_FIELDS = tableAfter('**IndkaldelseDto**').flatMap(([names = '', , occurs = '']) => {
  const occurrences = occurs.split(/[;,]/).map((o) => o.trim());
  return namesIn(names).map((name, i) => ({ name, required: (occurrences[i] ?? '').startsWith('1') }));
});

describe('IndkaldelseDto', () => {
  it('When REST.md §4 lists the fields, then the DTO has exactly them, in that order, required exactly where they occur once', () => {
    expect(SPEC_FIELDS.length).toBeGreaterThan(20);
    const schema = jsonSchema(IndkaldelseDto);
    expect(Object.keys(schema['properties'] as Json)).toEqual(SPEC_FIELDS.map((f) => f.name));
    expect(schema['required']).toEqual(SPEC_FIELDS.filter((f) => f.required).map((f) => f.name));
    expect(schema['additionalProperties']).toBe(false);
  });

  it('When an ordinary meeting is sent, then it is valid as sent', () => {
    const dto = buildIndkaldelseDto({ moedested: 'Jobcenter Aarhus', selvbooket: false });
    expect(validateDto(IndkaldelseDto, dto, 'strict')).toEqual({ ok: true, value: dto, ignored: [] });
  });

  it.each<[string, Partial<IndkaldelseDto>, string]>([
    ['a duration of 0 minutes', { moedeVarighed: 0 }, '/moedeVarighed'],
    ['a duration of 1441 minutes', { moedeVarighed: 1441 }, '/moedeVarighed'],
    ['a relative link', { digitaltMoedelink: 'www.jobnet.dk/moede' }, '/digitaltMoedelink'],
    [
      'a link of 2001 characters',
      { digitaltMoedelink: `https://x.dk/${'a'.repeat(1988)}` },
      '/digitaltMoedelink',
    ],
    ['a place of 501 characters', { moedested: 'x'.repeat(501) }, '/moedested'],
    ['an empty place', { moedested: '' }, '/moedested'],
    ['a caseworker name of 141 characters', { sagsbehandlerNavn: 'x'.repeat(141) }, '/sagsbehandlerNavn'],
    ['an origin id of 65 characters', { oprindelsessystemId: 'x'.repeat(65) }, '/oprindelsessystemId'],
    ['a group meeting id that is no UUID', { gruppemoedeId: 'gruppe-1' }, '/gruppemoedeId'],
    ['a deadline with a time', { ombookingFrist: '2026-03-01T12:00:00Z' }, '/ombookingFrist'],
    ['a deadline on 30 February', { aflysningsfrist: '2026-02-30' }, '/aflysningsfrist'],
    [
      'a meeting organisation code of 9 digits',
      { moedeOrganisation: { organisationType: 8, organisationCode: '123456789' } },
      '/moedeOrganisation/organisationCode',
    ],
  ])('When the body has %s, then it is refused naming %s', (_, overrides, felt) => {
    const result = validateDto(IndkaldelseDto, buildIndkaldelseDto(overrides), 'strict');
    expect(result.ok ? [] : result.felter.map((f) => f.felt)).toEqual([felt]);
  });

  it.each<[string, Partial<IndkaldelseDto>]>([
    ['a duration of 1 minute', { moedeVarighed: 1 }],
    ['a duration of 1440 minutes', { moedeVarighed: 1440 }],
    ['a link of 2000 characters', { digitaltMoedelink: `https://x.dk/${'a'.repeat(1987)}` }],
    ['an interview type outside the list (BK-VALID answers it, 90001)', { samtaleType: 99 }],
    ['a meeting form outside the list (BK-VALID answers it, 90000)', { afholdelsesform: 4 }],
    ['a group type outside the list (BK-VALID answers it, 90005)', { moedeGruppeType: 3 }],
    [
      'deadlines as dates',
      { ombookingMulig: true, ombookingFrist: '2026-03-01', aflysningsfrist: '2026-02-28' },
    ],
  ])('When the body has %s, then the schema lets it through', (_, overrides) => {
    expect(validateDto(IndkaldelseDto, buildIndkaldelseDto(overrides), 'strict').ok).toBe(true);
  });

  it.each<[string, unknown]>([
    ['a string', 'seven'],
    ['a fraction', 7.5],
    ['null', null],
    ['beyond a 32-bit integer', 2 ** 31],
  ])('When samtaleType is %s, then it is refused', (_, samtaleType) => {
    const result = validateDto(IndkaldelseDto, { ...buildIndkaldelseDto(), samtaleType }, 'strict');
    expect(result.ok ? [] : result.felter.map((f) => f.felt)).toEqual(['/samtaleType']);
  });

  it('When a required field is missing, then it is refused naming each one', () => {
    const body: Record<string, unknown> = { ...buildIndkaldelseDto() };
    delete body['moedepligt'];
    delete body['samtaleType'];
    const result = validateDto(IndkaldelseDto, body, 'strict');
    expect(result.ok ? [] : result.felter.map((f) => f.felt)).toEqual(['/samtaleType', '/moedepligt']);
  });

  it('When the body has a field the DTO does not, in strict mode, then it is refused as an unknown field, also inside moedeOrganisation', () => {
    const body = {
      ...buildIndkaldelseDto(),
      personnummer: '0101901234',
      moedeOrganisation: { organisationType: 8, organisationCode: '75100', navn: 'Aarhus' },
    };
    const result = validateDto(IndkaldelseDto, body, 'strict');
    expect(result.ok ? [] : result.felter).toEqual([
      { felt: '/moedeOrganisation/navn', besked: 'unknown field' },
      { felt: '/personnummer', besked: 'unknown field' },
    ]);
  });

  it('When the body has fields the DTO does not, in lenient mode, then they are left out and named as ignored', () => {
    const body = {
      ...buildIndkaldelseDto(),
      personnummer: '0101901234',
      moedeOrganisation: { organisationType: 8, organisationCode: '75100', navn: 'Aarhus' },
    };
    expect(validateDto(IndkaldelseDto, body, 'lenient')).toEqual({
      ok: true,
      value: buildIndkaldelseDto(),
      ignored: ['/moedeOrganisation/navn', '/personnummer'],
    });
  });

  it('When the body has an unknown field and a wrong type, in lenient mode, then only the wrong type is named', () => {
    const body = { ...buildIndkaldelseDto(), ekstra: 1, moedepligt: 'ja' };
    const result = validateDto(IndkaldelseDto, body, 'lenient');
    expect(result.ok ? [] : result.felter.map((f) => f.felt)).toEqual(['/moedepligt']);
  });

  it('When the read form is described, then it is the DTO plus the read fields, with the end and both defaulted flags always there', () => {
    const read = jsonSchema(IndkaldelseReadDto);
    expect(Object.keys(read['properties'] as Json)).toEqual([
      ...SPEC_FIELDS.map((f) => f.name),
      'indkaldelseId',
      'personnummer',
      'status',
      'oprettetTidspunkt',
      'senestAendretTidspunkt',
      'oprindelse',
      'oprettetAf',
      'myndighedsdeltagere',
    ]);
    expect(read['required']).toEqual(
      expect.arrayContaining(['moedeSluttidspunkt', 'selvbooket', 'skalAccepteres', 'myndighedsdeltagere']),
    );
  });
});

describe('date-times and CPR numbers', () => {
  it.each([
    '2026-03-02T10:00:00+01:00',
    '2026-03-02T10:00:00Z',
    '2026-03-02T10:00:00',
    '2026-03-02T10:00:00.1234567+01:00',
    '2026-07-01T23:59:59-02:30',
  ])('When a date-time is %s, then it is accepted', (text) => {
    expect(dateTimeText.safeParse(text).success).toBe(true);
  });

  it.each([
    '2026-03-02T10:00:00.12345678+01:00',
    '2026-02-30T10:00:00Z',
    '2026-03-02T24:00:00Z',
    '2026-03-02 10:00:00Z',
    '2026-03-02T10:00Z',
    '2026-03-02T10:00:00+0100',
    '2026-03-02',
    '',
  ])('When a date-time is "%s", then it is refused', (text) => {
    expect(dateTimeText.safeParse(text).success).toBe(false);
  });

  it('When every day and month of a CPR number is tried, then the REST pattern agrees with the domain’s reading', () => {
    const disagreements: string[] = [];
    for (let ddmm = 0; ddmm < 10_000; ddmm++) {
      for (const rest of ['000000', '991234']) {
        const cpr = `${String(ddmm).padStart(4, '0')}${rest}`;
        if (CPR_PATTERN.test(cpr) !== isWellFormedCpr(cpr)) disagreements.push(cpr);
      }
    }
    expect(disagreements).toEqual([]);
    expect(CPR_PATTERN.test('010190123')).toBe(false);
  });
});

describe('ActiveOrganisationDto and RequestUserMetadataDto', () => {
  it.each([
    ['a citizen’s CPR', '0101901234', true],
    ['-1', '-1', true],
    ['8 digits', '12345678', true],
    ['9 digits', '123456789', false],
    ['letters', 'ABC', false],
  ])("When the user's organisation code is %s, then the DTO's answer is %s", (_, code, ok) => {
    const dto = buildRequestUserMetadataDto({
      requestOrganisationStructure: { organisationType: 7, organisationCode: code },
    });
    expect(validateDto(RequestUserMetadataDto, dto, 'strict').ok).toBe(ok);
  });

  it.each<[string, unknown, boolean]>([
    ['STAR’s shape', { organisationType: 8, organisationCode: '75100' }, true],
    ['a code of 9 digits', { organisationType: 8, organisationCode: '751000000' }, false],
    ['the type as a string', { organisationType: '8', organisationCode: '75100' }, false],
    ['an unknown type (left to the 8173 check)', { organisationType: 99, organisationCode: '75100' }, true],
    ['a SOAP element name', { OrganisationTypeIdentifier: 8, organisationCode: '75100' }, false],
  ])('When ActiveOrganisation is %s, then the DTO’s answer is %s', (_, dto, ok) => {
    expect(validateDto(ActiveOrganisationDto, dto, 'strict').ok).toBe(ok);
  });

  it('When a user name is empty or 141 characters long, then it is refused; 140 are not', () => {
    const named = (userFullName: string) =>
      validateDto(
        RequestUserMetadataDto,
        buildRequestUserMetadataDto({
          requestUserStructure: { ...buildRequestUserMetadataDto().requestUserStructure, userFullName },
        }),
        'strict',
      ).ok;
    expect([named(''), named('x'.repeat(140)), named('x'.repeat(141))]).toEqual([false, true, false]);
  });
});

describe('CreateMyndighedsdeltagerRequestDto', () => {
  const md = { indkaldelseIdentifier: '3f2b6c1e-8d4a-4b7e-9a51-0c2d9e8f7a10' };

  it.each<[string, Record<string, unknown>, string[]]>([
    ['only the indkaldelse', {}, []],
    [
      'every field',
      { navn: 'Ole', kontaktdetaljer: 'lokal 12', telefonnummer: '+4512345678', email: 'ole@aarhus.dk' },
      [],
    ],
    ['a telephone number of 2 digits', { telefonnummer: '12' }, ['/telefonnummer']],
    ['a telephone number with spaces', { telefonnummer: '+45 12 34 56 78' }, ['/telefonnummer']],
    ['an e-mail address without a domain', { email: 'ole@' }, ['/email']],
    ['a name of 257 characters', { navn: 'x'.repeat(257) }, ['/navn']],
    ['a field STAR’s DTO does not have', { rolle: 'sagsbehandler' }, ['/rolle']],
    ['no indkaldelse', { indkaldelseIdentifier: undefined }, ['/indkaldelseIdentifier']],
  ])('When the body has %s, then the fields at fault are %j', (_, fields, felter) => {
    const result = validateDto(CreateMyndighedsdeltagerRequestDto, { ...md, ...fields }, 'strict');
    expect(result.ok ? [] : result.felter.map((f) => f.felt)).toEqual(felter);
  });
});
