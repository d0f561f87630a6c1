import {
  readActiveOrganisationHeader,
  readRequestUserMetadataHeader,
  readRestDfdgHeaders,
} from '../../../src/rest/dto-headers.rules';
import { buildRequestUserMetadataDto } from './indkaldelse-builders';
import { answered, ANSWER, type Answered } from './rest-answer';

/** REST.md §2's example headers, exactly as written there. */
const AO = '{"organisationType":8,"organisationCode":"75100"}';
const RUM =
  '{"requestUserStructure":{"userFullName":"Mette S\\u00f8rensen","requestUserType":2,"userIdentifier":"CVR:12345678-UUID:9f1c2b7e-4a3d-4e5f-8a6b-1c2d3e4f5a6b"},"requestOrganisationStructure":{"organisationType":8,"organisationCode":"75100"},"registrationDateTime":"2025-03-04T10:15:00+01:00"}';
/** A header value as node hands it over: its bytes, each as a Latin-1 character. */
const asSent = (text: string): string => Buffer.from(text, 'utf8').toString('latin1');

describe('SEC-AO-PRESENT and SEC-RUM-PRESENT over REST', () => {
  it('When REST.md §2’s example headers are sent, then they read as the SOAP headers’ types', () => {
    expect(readRestDfdgHeaders([AO], [RUM])).toEqual({
      ok: true,
      value: {
        activeOrganisation: { type: 8, code: '75100' },
        requestUserMetadata: {
          userFullName: 'Mette Sørensen',
          userType: 2,
          userIdentifier: 'CVR:12345678-UUID:9f1c2b7e-4a3d-4e5f-8a6b-1c2d3e4f5a6b',
          organisation: { type: 8, code: '75100' },
          registrationDateTime: '2025-03-04T10:15:00+01:00',
        },
      },
    });
  });

  it('When the name comes as raw UTF-8 rather than a \\u escape, then it reads the same', () => {
    const raw = readRequestUserMetadataHeader([asSent(RUM.replace('\\u00f8', 'ø'))]);
    expect(raw.ok && raw.value.userFullName).toBe('Mette Sørensen');
  });

  it('When the e-mail is given, then it is kept; when it is not, the metadata has no userEmail at all', () => {
    const withEmail = buildRequestUserMetadataDto();
    const read = (dto: unknown) => readRequestUserMetadataHeader([asSent(JSON.stringify(dto))]);
    const given = read({
      ...withEmail,
      requestUserStructure: { ...withEmail.requestUserStructure, userEmail: 'mette@aarhus.dk' },
    });
    const absent = read(withEmail);
    expect([given.ok && given.value.userEmail, absent.ok && 'userEmail' in absent.value]).toEqual([
      'mette@aarhus.dk',
      false,
    ]);
  });

  it.each<[string, readonly string[] | undefined, Answered, string]>([
    ['missing', undefined, ANSWER.aoMissing, 'X-ActiveOrganisation: missing'],
    ['given twice', [AO, AO], ANSWER.aoInvalid, 'X-ActiveOrganisation: given 2 times; send it once'],
    ['empty', [''], ANSWER.aoInvalid, 'X-ActiveOrganisation: not JSON: Unexpected end of JSON input'],
    ['XML', ['<ActiveOrganisationHeader/>'], ANSWER.aoInvalid, 'X-ActiveOrganisation: not JSON: '],
    ['a JSON array', [`[${AO}]`], ANSWER.aoInvalid, 'X-ActiveOrganisation: not one JSON object'],
    [
      'a type as a string',
      ['{"organisationType":"8","organisationCode":"75100"}'],
      ANSWER.aoInvalid,
      'X-ActiveOrganisation: /organisationType: ',
    ],
    [
      'an unknown field',
      ['{"organisationType":8,"organisationCode":"75100","navn":"Aarhus"}'],
      ANSWER.aoInvalid,
      'X-ActiveOrganisation: /navn: unknown field',
    ],
    [
      'SOAP’s element names',
      ['{"OrganisationTypeIdentifier":8,"OrganisationCode":"75100"}'],
      ANSWER.aoInvalid,
      'X-ActiveOrganisation: /OrganisationTypeIdentifier: unknown field',
    ],
    [
      'Latin-1 bytes, not UTF-8',
      [Buffer.from(AO.replace('75100', 'ø'), 'latin1').toString('latin1')],
      ANSWER.aoInvalid,
      'X-ActiveOrganisation: not UTF-8',
    ],
  ])(
    'When X-ActiveOrganisation is %s, then it answers %o with a description naming the header',
    (_, values, answer, detail) => {
      const read = readActiveOrganisationHeader(values);
      expect(
        read.ok ? null : [answered(read.violation), read.violation.detail.slice(0, detail.length)],
      ).toEqual([answer, detail]);
      expect(read.ok ? [] : read.violation.felter?.map((f) => f.felt)).toContain('X-ActiveOrganisation');
    },
  );

  it.each<[string, readonly string[] | undefined, Answered]>([
    ['missing', undefined, ANSWER.rumMissing],
    ['an empty list of values', [], ANSWER.rumMissing],
    ['given twice', [RUM, RUM], ANSWER.rumInvalid],
    [
      'without its requestOrganisationStructure',
      [JSON.stringify({ ...JSON.parse(RUM), requestOrganisationStructure: undefined })],
      ANSWER.rumInvalid,
    ],
    ['with an empty user name', [RUM.replace('Mette S\\u00f8rensen', '')], ANSWER.rumInvalid],
    [
      'with a registration time that is no date-time',
      [RUM.replace('2025-03-04T10:15:00+01:00', 'i går')],
      ANSWER.rumInvalid,
    ],
    [
      'with an unknown field inside requestUserStructure',
      [RUM.replace('"requestUserType":2', '"requestUserType":2,"rolle":"x"')],
      ANSWER.rumInvalid,
    ],
  ])('When X-RequestUserMetadata is %s, then it answers %o', (_, values, answer) => {
    const read = readRequestUserMetadataHeader(values);
    expect(read.ok ? null : answered(read.violation)).toEqual(answer);
  });

  it('When both headers are missing, then ActiveOrganisation answers first (8232), as for SOAP', () => {
    const read = readRestDfdgHeaders(undefined, undefined);
    expect(read.ok ? null : answered(read.violation)).toEqual(ANSWER.aoMissing);
  });

  it.each<[string, readonly string[], readonly string[], Answered]>([
    [
      'an ActiveOrganisation type outside the code list',
      ['{"organisationType":99,"organisationCode":"75100"}'],
      [RUM],
      ANSWER.aoOrgType,
    ],
    [
      'a requestUserType outside the code list',
      [AO],
      [RUM.replace('"requestUserType":2', '"requestUserType":9')],
      ANSWER.rumUserType,
    ],
    [
      'a RequestUserMetadata organisation type outside the code list',
      [AO],
      [
        RUM.replace(
          '"requestOrganisationStructure":{"organisationType":8',
          '"requestOrganisationStructure":{"organisationType":99',
        ),
      ],
      ANSWER.rumOrgType,
    ],
    [
      'both an ActiveOrganisation type and a user type outside their lists (ActiveOrganisation first)',
      ['{"organisationType":99,"organisationCode":"75100"}'],
      [RUM.replace('"requestUserType":2', '"requestUserType":9')],
      ANSWER.aoOrgType,
    ],
  ])(
    'When the headers carry %s, then step 3 answers it (8173/8174, as the SOAP headers)',
    (_, ao, rum, answer) => {
      const read = readRestDfdgHeaders(ao, rum);
      expect(read.ok ? null : answered(read.violation)).toEqual(answer);
    },
  );
});
