import { copenhagenDate, endOfCopenhagenDay } from '../domain/copenhagen-time';
import type { FeltDto } from './rest-error.dto';
import { restViolation, type RestViolation } from './rest-errors';

/**
 * Deadlines over REST are Copenhagen dates (REST.md §4, §9); SOAP and the rules keep instants. A date
 * D is stored as the end of D in Copenhagen, or the meeting's start if that is earlier, so the SOAP
 * view of the same meeting satisfies SOAP's "not after the meeting start"; an instant reads back as
 * its Copenhagen date.
 */
export const deadlineInstant = (date: string, meetingStart: Date, on: DeadlineWrite = 'update'): Date => {
  const end = endOfCopenhagenDay(date);
  if (end.getTime() <= meetingStart.getTime()) return end;
  // A create keeps a date after the meeting's as the end of that day, after the start, so
  // BK-DEADLINES-CREATE refuses it in its own place among the create's rules (RULES.md, step 7).
  return on === 'create' && date > copenhagenDate(meetingStart) ? end : new Date(meetingStart);
};

/** Which write a deadline date comes with: BK-DEADLINES-CREATE judges only a create's. */
export type DeadlineWrite = 'create' | 'update';

export const deadlineDate = (instant: Date): string => copenhagenDate(instant);

export interface RestDeadlines {
  readonly ombookingFrist?: string | undefined;
  readonly aflysningsfrist?: string | undefined;
}

/**
 * BK-DEADLINES-CREATE over REST (5105), as dates: a deadline date is not before today and not after
 * the meeting's date, both Copenhagen dates. The create's rules refuse such a date in their order (a
 * date before today ends before now; a create's date after the meeting's ends after its start); this
 * says it as the client wrote it, with the fields at fault.
 */
export const deadlineDatesOnCreate = (
  deadlines: RestDeadlines,
  meetingStart: Date,
  now: Date,
): RestViolation | null => {
  const today = copenhagenDate(now);
  const meetingDay = copenhagenDate(meetingStart);
  const felter: FeltDto[] = [];
  for (const field of ['ombookingFrist', 'aflysningsfrist'] as const) {
    const date = deadlines[field];
    if (date === undefined) continue;
    if (date < today) felter.push({ felt: `/${field}`, besked: `${date} is before today, ${today}` });
    else if (date > meetingDay) {
      felter.push({ felt: `/${field}`, besked: `${date} is after the meeting's date, ${meetingDay}` });
    }
  }
  return felter.length === 0
    ? null
    : restViolation('BK-DEADLINES-CREATE', felter.map((f) => `${f.felt}: ${f.besked}`).join('; '), felter);
};
