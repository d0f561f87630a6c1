import {
  deadlineDate,
  deadlineDatesOnCreate,
  deadlineInstant,
  type RestDeadlines,
} from '../../../src/rest/rest-deadlines';
import { answered, ANSWER, type Answered } from './rest-answer';

const MEETING = new Date('2026-03-20T09:00:00Z'); // 10:00 in Copenhagen
const NOW = new Date('2026-03-10T12:00:00Z');

describe('deadline dates over REST', () => {
  it.each<[string, string, string]>([
    ['a date before the meeting’s: the end of that day', '2026-03-18', '2026-03-18T22:59:59.999Z'],
    ['the end of a summer day', '2026-07-01', '2026-07-01T21:59:59.999Z'],
    ['the meeting’s own date: its start, which is earlier', '2026-03-20', '2026-03-20T09:00:00.000Z'],
  ])('When the deadline is %s, then it is stored as %s', (_, date, instant) => {
    const start = date === '2026-07-01' ? new Date('2026-07-02T08:00:00Z') : MEETING;
    expect(deadlineInstant(date, start).toISOString()).toBe(instant);
  });

  it.each<[string, string]>([
    ['2026-03-18T22:59:59.999Z', '2026-03-18'],
    ['2026-03-18T23:00:00.000Z', '2026-03-19'],
    ['2026-03-20T09:00:00.000Z', '2026-03-20'],
  ])('When a stored deadline is %s (from SOAP or REST), then REST shows the date %s', (instant, date) => {
    expect(deadlineDate(new Date(instant))).toBe(date);
  });

  it('When a date is stored and read back, then it is the same date, for every day of a year', () => {
    const days = Array.from({ length: 366 }, (_, i) =>
      new Date(Date.UTC(2026, 0, 1 + i)).toISOString().slice(0, 10),
    );
    const start = new Date('2027-06-01T08:00:00Z');
    expect(days.filter((d) => deadlineDate(deadlineInstant(d, start)) !== d)).toEqual([]);
  });
});

describe('BK-DEADLINES-CREATE over REST', () => {
  it.each<[string, RestDeadlines, Answered | null, string[]]>([
    ['no deadlines', {}, null, []],
    ['today', { ombookingFrist: '2026-03-10' }, null, []],
    ['the meeting’s date', { aflysningsfrist: '2026-03-20' }, null, []],
    ['yesterday', { ombookingFrist: '2026-03-09' }, ANSWER.deadlinesCreate, ['/ombookingFrist']],
    [
      'the day after the meeting',
      { aflysningsfrist: '2026-03-21' },
      ANSWER.deadlinesCreate,
      ['/aflysningsfrist'],
    ],
    [
      'both wrong',
      { ombookingFrist: '2026-03-01', aflysningsfrist: '2026-04-01' },
      ANSWER.deadlinesCreate,
      ['/ombookingFrist', '/aflysningsfrist'],
    ],
  ])('When the deadline is %s, then it answers %o naming %j', (_, deadlines, answer, felter) => {
    const v = deadlineDatesOnCreate(deadlines, MEETING, NOW);
    expect([answered(v), v?.felter?.map((f) => f.felt) ?? []]).toEqual([answer, felter]);
  });

  it('When it is 00:30 in Copenhagen but still yesterday in UTC, then today is the Copenhagen date', () => {
    const justAfterMidnight = new Date('2026-03-09T23:30:00Z');
    expect(deadlineDatesOnCreate({ ombookingFrist: '2026-03-10' }, MEETING, justAfterMidnight)).toBeNull();
    expect(
      answered(deadlineDatesOnCreate({ ombookingFrist: '2026-03-09' }, MEETING, justAfterMidnight)),
    ).toEqual(ANSWER.deadlinesCreate);
  });
});
