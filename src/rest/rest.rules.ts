import type { BookingStatus } from '../domain/booking';
import { parseXsDateTime } from '../domain/copenhagen-time';
import { formatOrganisation, OrganisationType, type Organisation } from '../domain/organisation';
import type { IndkaldelseDto } from './indkaldelse.dto';
import type { FeltDto } from './rest-error.dto';
import { restViolation, type RestViolation } from './rest-errors';

/** The REST service's own business and security rules (REST.md §5, §9). Pure: facts in, verdict out. */

/** A meeting's length when neither its end nor its duration is given (REST.md §4). */
export const DEFAULT_MEETING_MINUTES = 60;

const MINUTE_MS = 60_000;

/** An instant of a DTO that passed REQ-OPENAPI, whose schema guarantees it reads. */
const instant = (text: string): Date => {
  const at = parseXsDateTime(text);
  if (!at) throw new Error(`a validated date-time does not read: ${text}`);
  return at;
};

/** The meeting's end: as given, else the start plus moedeVarighed, else plus 60 minutes. */
export const meetingEnd = (dto: IndkaldelseDto): Date =>
  dto.moedeSluttidspunkt !== undefined
    ? instant(dto.moedeSluttidspunkt)
    : new Date(
        instant(dto.moedeStarttidspunkt).getTime() +
          (dto.moedeVarighed ?? DEFAULT_MEETING_MINUTES) * MINUTE_MS,
      );

/**
 * REST-FIELDS (step 7, after BK-VALID): a group meeting names its group meeting, a digital one its
 * link, and an end given with a duration agrees with it. Every field at fault is named.
 */
export const restFieldsRule = (dto: IndkaldelseDto): RestViolation | null => {
  const felter: FeltDto[] = [];
  if (dto.moedeGruppeType === 2 && dto.gruppemoedeId === undefined) {
    felter.push({ felt: '/gruppemoedeId', besked: 'required when moedeGruppeType is 2 (Gruppe)' });
  }
  if (dto.afholdelsesform === 8 && dto.digitaltMoedelink === undefined) {
    felter.push({ felt: '/digitaltMoedelink', besked: 'required when afholdelsesform is 8 (Digitalt møde)' });
  }
  if (dto.moedeSluttidspunkt !== undefined && dto.moedeVarighed !== undefined) {
    const minutes =
      (instant(dto.moedeSluttidspunkt).getTime() - instant(dto.moedeStarttidspunkt).getTime()) / MINUTE_MS;
    if (minutes !== dto.moedeVarighed) {
      const besked = `the end is ${minutes} minutes after the start, moedeVarighed says ${dto.moedeVarighed}`;
      felter.push({ felt: '/moedeSluttidspunkt', besked }, { felt: '/moedeVarighed', besked });
    }
  }
  return felter.length === 0
    ? null
    : restViolation('REST-FIELDS', felter.map((f) => `${f.felt}: ${f.besked}`).join('; '), felter);
};

/** The ActiveOrganisation types that may call the service: the rows of STAR P3's matrix. */
export const REST_ORGANISATION_TYPES: ReadonlySet<number> = new Set([
  OrganisationType.Akasse,
  OrganisationType.Star,
  OrganisationType.Kommune,
  OrganisationType.Jobcenter,
]);

/** REST-ORG-TYPE (step 4, after SEC-USERTYPE): an anden aktør acts through a jobcenter (SEC-JOBCENTER). */
export const restOrgTypeRule = (activeOrganisation: Organisation): RestViolation | null =>
  REST_ORGANISATION_TYPES.has(activeOrganisation.type)
    ? null
    : restViolation(
        'REST-ORG-TYPE',
        `X-ActiveOrganisation ${formatOrganisation(activeOrganisation)} may not call Kontaktforloeb.IndkaldelseService: ` +
          'only an a-kasse (2), STAR (5), a kommune (7) or a jobcenter (8) may; an anden aktør acts through its jobcenter',
      );

/**
 * REST-STATE (step 7, after BK-CPR-MATCH): a cancelled meeting stays as it is; an update, a delete or
 * a change of its authority participants is 409.
 */
export const restStateRule = (
  meeting: { readonly id: string; readonly status: BookingStatus },
  operation: string,
): RestViolation | null =>
  meeting.status === 'Cancelled'
    ? restViolation(
        'REST-STATE',
        `indkaldelse ${meeting.id} is cancelled (Aflyst): ${operation} cannot change it`,
      )
    : null;

/**
 * REST-KILDESYSTEM (step 7, after REST-STATE): a meeting with kildesystemType K is updated or deleted
 * only through a certificate of system type K (STAR P1b); a meeting without one, by any system.
 */
export const kildesystemRule = (
  meeting: { readonly id: string; readonly kildesystemType?: number | undefined },
  certificateSystemType: number | null,
): RestViolation | null =>
  meeting.kildesystemType === undefined || meeting.kildesystemType === certificateSystemType
    ? null
    : restViolation(
        'REST-KILDESYSTEM',
        `indkaldelse ${meeting.id} has kildesystemType ${meeting.kildesystemType}: only a certificate of that ` +
          `system type may change it; this one's is ${certificateSystemType ?? 'not set'}`,
      );
