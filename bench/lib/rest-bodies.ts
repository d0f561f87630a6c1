import { randomUUID } from 'node:crypto';
import type { Organisation } from '../../src/domain/organisation';

/**
 * The REST requests the bench sends to Kontaktforloeb.IndkaldelseService (REST.md §2-§4): the same
 * caller, caseworker and meeting as the SOAP CreateBooking of soap-bodies.ts, as JSON.
 */
const DAY_MS = 24 * 3600 * 1000;

/** The DTO headers of REST.md §2 as one line of compact JSON each; a fresh x-requestId per write. */
export const restHeaders = (ao: Organisation, cpr: string, write: boolean): Record<string, string> => ({
  'x-activeorganisation': JSON.stringify({ organisationType: ao.type, organisationCode: ao.code }),
  'x-requestusermetadata': JSON.stringify({
    requestUserStructure: {
      userFullName: 'Mette Hansen',
      requestUserType: 2,
      userIdentifier: 'CVR:12345678-RID:1234',
    },
    requestOrganisationStructure: { organisationType: ao.type, organisationCode: ao.code },
    registrationDateTime: '2026-11-23T10:00:00+01:00',
  }),
  'x-civilregistrationidentifier': cpr,
  ...(write ? { 'x-requestid': randomUUID(), 'content-type': 'application/json' } : {}),
});

/** A caseworker's meeting a week ahead, in person, 45 minutes, with a cancellation deadline the day before. */
export const indkaldelseBody = (ao: Organisation, now: number): string => {
  const start = new Date(now + 7 * DAY_MS);
  return JSON.stringify({
    moedeStarttidspunkt: `${start.toISOString().slice(0, -1)}0000+00:00`,
    moedeVarighed: 45,
    samtaleType: 7,
    moedeGruppeType: 1,
    afholdelsesform: 1,
    moedepligt: true,
    selvbooket: false,
    ombookingMulig: false,
    aflysningMulig: true,
    aflysningsfrist: new Date(start.getTime() - DAY_MS).toISOString().slice(0, 10),
    moedeOrganisation: { organisationType: ao.type, organisationCode: ao.code },
    moedested: 'Jobcenter, mødelokale 3',
    sagsbehandlerNavn: 'Mette Hansen',
  });
};

export const INDKALDELSE_PATH = '/v2/Indkaldelse';
