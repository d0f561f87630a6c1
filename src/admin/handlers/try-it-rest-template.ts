import { copenhagenIsoString } from '../../domain/copenhagen-time';
import {
  ACTIVE_ORGANISATION_HEADER,
  CPR_HEADER,
  REQUEST_ID_HEADER,
  REQUEST_USER_METADATA_HEADER,
} from '../../rest/rest-headers';
import { isWrite, type RestRoute } from '../../rest/indkaldelse.routes';
import { meetingTimes, requestUserOf, type TryItWorld } from './try-it-actor';
import type { Meeting } from './try-it-soap-template';
import type { TryItRequest } from './try-it-request';

/**
 * A valid request of Kontaktforloeb.IndkaldelseService (REST.md §2-§3): the method and path of the
 * operation, §2's DTO headers in compact JSON, a fresh x-requestId, and the JSON body it takes.
 */
/** Compact JSON with non-ASCII as \\u escapes (ø as \\u00f8), as REST.md §2 asks of a header's JSON. */
const headerJson = (value: unknown): string =>
  JSON.stringify(value).replace(
    /[\u0080-\uffff]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );

const dtoHeaders = (world: TryItWorld): Record<string, string> => {
  const user = requestUserOf(world);
  return {
    [ACTIVE_ORGANISATION_HEADER.name]: headerJson({
      organisationType: world.organisation.type,
      organisationCode: world.organisation.code,
    }),
    [REQUEST_USER_METADATA_HEADER.name]: headerJson({
      requestUserStructure: {
        userFullName: user.userFullName,
        requestUserType: user.userType,
        userIdentifier: user.userIdentifier,
      },
      requestOrganisationStructure: {
        organisationType: user.organisation.type,
        organisationCode: user.organisation.code,
      },
      registrationDateTime: user.registrationDateTime,
    }),
    [CPR_HEADER.name]: world.citizen.cpr,
  };
};

/** An IndkaldelseDto: a 30-minute Jobsamtale in person at the citizen's jobcenter, a week ahead. */
const indkaldelse = (world: TryItWorld, meeting: Meeting): Record<string, unknown> => ({
  moedeStarttidspunkt: copenhagenIsoString(meetingTimes(world.now).start),
  moedeVarighed: 30,
  samtaleType: 7,
  moedeGruppeType: 1,
  afholdelsesform: 1,
  moedepligt: true,
  ombookingMulig: false,
  aflysningMulig: true,
  moedeOrganisation: { organisationType: meeting.type, organisationCode: meeting.code },
  moedested: 'Jobcenter, mødelokale 2',
  sagsbehandlerNavn: 'Mette Hansen',
});

const bodyOf = (route: RestRoute, world: TryItWorld, meeting: Meeting, bookingId: string): unknown => {
  switch (route.operationId) {
    case 'CreateIndkaldelse':
    case 'UpdateIndkaldelse':
      return indkaldelse(world, meeting);
    case 'CreateMyndighedsdeltager':
    case 'UpdateMyndighedsdeltager':
      return { indkaldelseIdentifier: bookingId, navn: 'Mette Hansen', email: 'mette.hansen@example.dk' };
    default:
      return undefined;
  }
};

export const restTemplate = (route: RestRoute, world: TryItWorld, meeting: Meeting): TryItRequest => {
  const bookingId = world.bookingId ?? world.newId();
  const path = route.path
    .replace('{indkaldelseId}', route.operationId === 'CreateIndkaldelse' ? world.newId() : bookingId)
    .replace('{myndighedsdeltagerid}', world.newId());
  const body = bodyOf(route, world, meeting, bookingId);
  return {
    method: route.method.toUpperCase() as TryItRequest['method'],
    path,
    headers: {
      ...(route.dtoHeaders ? dtoHeaders(world) : {}),
      ...(isWrite(route.method) ? { [REQUEST_ID_HEADER.name]: world.newId() } : {}),
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
    },
    body: body === undefined ? '' : `${JSON.stringify(body, null, 2)}\n`,
  };
};
