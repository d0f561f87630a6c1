import type { IndkaldelseDto } from '../../../src/rest/indkaldelse.dto';
import type { ActiveOrganisationDto, RequestUserMetadataDto } from '../../../src/rest/metadata.dto';

/** A valid, ordinary IndkaldelseDto (an individual meeting at jobcenter Aarhus); tests override what matters. */
export const buildIndkaldelseDto = (overrides: Partial<IndkaldelseDto> = {}): IndkaldelseDto => ({
  moedeStarttidspunkt: '2026-03-02T10:00:00+01:00',
  moedeSluttidspunkt: '2026-03-02T10:45:00+01:00',
  samtaleType: 7,
  moedeGruppeType: 1,
  afholdelsesform: 1,
  moedepligt: true,
  ombookingMulig: false,
  aflysningMulig: false,
  moedeOrganisation: { organisationType: 8, organisationCode: '75100' },
  ...overrides,
});

export const AO_JOBCENTER_AARHUS: ActiveOrganisationDto = { organisationType: 8, organisationCode: '75100' };

/** REST.md §2's example X-RequestUserMetadata: a caseworker of jobcenter Aarhus. */
export const buildRequestUserMetadataDto = (
  overrides: Partial<RequestUserMetadataDto> = {},
): RequestUserMetadataDto => ({
  requestUserStructure: {
    userFullName: 'Mette Sørensen',
    requestUserType: 2,
    userIdentifier: 'CVR:12345678-UUID:9f1c2b7e-4a3d-4e5f-8a6b-1c2d3e4f5a6b',
  },
  requestOrganisationStructure: { organisationType: 8, organisationCode: '75100' },
  registrationDateTime: '2025-03-04T10:15:00+01:00',
  ...overrides,
});
