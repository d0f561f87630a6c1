import {
  addDays,
  copenhagenDate,
  endOfCopenhagenDay,
  fromCopenhagenWallClock,
  parseXsDateTime,
} from '../../../src/domain/copenhagen-time';

// RULES.md, Time: dates are Europe/Copenhagen calendar dates; a deadline ends at 23:59:59.999 local.

describe('parseXsDateTime', () => {
  it.each<[string, string, string]>([
    ['UTC (Z)', '2026-01-15T10:00:00Z', '2026-01-15T10:00:00.000Z'],
    ['an offset of +01:00', '2026-01-15T10:00:00+01:00', '2026-01-15T09:00:00.000Z'],
    ['an offset of +02:00', '2026-07-15T10:00:00+02:00', '2026-07-15T08:00:00.000Z'],
    ['an offset of -05:30', '2026-01-15T10:00:00-05:30', '2026-01-15T15:30:00.000Z'],
    ['an offset of +00:00', '2026-01-15T10:00:00+00:00', '2026-01-15T10:00:00.000Z'],
    ['an offset that crosses midnight', '2026-01-01T00:30:00+01:00', '2025-12-31T23:30:00.000Z'],
    ['no zone in winter (Copenhagen, UTC+1)', '2026-01-15T10:00:00', '2026-01-15T09:00:00.000Z'],
    ['no zone in summer (Copenhagen, UTC+2)', '2026-07-15T10:00:00', '2026-07-15T08:00:00.000Z'],
    ['no zone, at local midnight in winter', '2026-01-01T00:00:00', '2025-12-31T23:00:00.000Z'],
    ['no zone, the day after the spring DST change', '2026-03-30T00:00:00', '2026-03-29T22:00:00.000Z'],
    ['no zone, just after the spring DST change', '2026-03-29T03:00:00', '2026-03-29T01:00:00.000Z'],
    ['no zone, just before the spring DST change', '2026-03-29T01:59:59', '2026-03-29T00:59:59.000Z'],
    ['no zone, after the autumn DST change', '2026-10-25T04:00:00', '2026-10-25T03:00:00.000Z'],
    ['a fraction of one digit', '2026-01-15T10:00:00.5Z', '2026-01-15T10:00:00.500Z'],
    ['a fraction of three digits', '2026-01-15T10:00:00.123Z', '2026-01-15T10:00:00.123Z'],
    ['a fraction of six digits', '2026-01-15T10:00:00.123456Z', '2026-01-15T10:00:00.123Z'],
    ['a fraction and an offset', '2026-01-15T10:00:00.250+01:00', '2026-01-15T09:00:00.250Z'],
    ['a fraction and no zone', '2026-07-15T10:00:00.750', '2026-07-15T08:00:00.750Z'],
    ['surrounding whitespace', '  2026-01-15T10:00:00Z\n', '2026-01-15T10:00:00.000Z'],
    ['29 February of a leap year', '2028-02-29T12:00:00Z', '2028-02-29T12:00:00.000Z'],
    ['24:00:00 (the end of the day)', '2026-01-15T24:00:00Z', '2026-01-16T00:00:00.000Z'],
  ])('When an xs:dateTime has %s (%s), then it is the instant %s', (_name, lexical, iso) => {
    expect(parseXsDateTime(lexical)?.toISOString()).toBe(iso);
  });

  it.each<[string, string]>([
    ['30 February', '2026-02-30T10:00:00Z'],
    ['29 February of a common year', '2026-02-29T10:00:00Z'],
    ['31 April', '2026-04-31T10:00:00Z'],
    ['month 13', '2026-13-01T10:00:00Z'],
    ['month 00', '2026-00-10T10:00:00Z'],
    ['day 00', '2026-01-00T10:00:00Z'],
    ['hour 25', '2026-01-15T25:00:00Z'],
    ['minute 60', '2026-01-15T10:60:00Z'],
    ['second 60', '2026-01-15T10:00:60Z'],
    ['24:30:00 (only 24:00:00 is an hour 24)', '2026-01-15T24:30:00Z'],
    ['24:00:01', '2026-01-15T24:00:01Z'],
    ['a date only', '2026-01-15'],
    ['a space instead of T', '2026-01-15 10:00:00Z'],
    ['no seconds', '2026-01-15T10:00Z'],
    ['an offset without a colon', '2026-01-15T10:00:00+0100'],
    ['a fraction without digits', '2026-01-15T10:00:00.Z'],
    ['an empty string', ''],
    ['text', 'tomorrow'],
  ])('When an xs:dateTime is %s (%s), then null', (_name, lexical) => {
    expect(parseXsDateTime(lexical)).toBeNull();
  });
});

describe('endOfCopenhagenDay', () => {
  it.each<[string, string, string]>([
    ['a winter day (UTC+1)', '2026-01-15', '2026-01-15T22:59:59.999Z'],
    ['a summer day (UTC+2)', '2026-07-15', '2026-07-15T21:59:59.999Z'],
    ['the day before the spring DST change', '2026-03-28', '2026-03-28T22:59:59.999Z'],
    ['the day of the spring DST change (23 hours)', '2026-03-29', '2026-03-29T21:59:59.999Z'],
    ['the day before the autumn DST change', '2026-10-24', '2026-10-24T21:59:59.999Z'],
    ['the day of the autumn DST change (25 hours)', '2026-10-25', '2026-10-25T22:59:59.999Z'],
    ['New Year’s Eve', '2026-12-31', '2026-12-31T22:59:59.999Z'],
    ['29 February', '2028-02-29', '2028-02-29T22:59:59.999Z'],
  ])('When the date is %s (%s), then the day ends at %s', (_name, date, iso) => {
    expect(endOfCopenhagenDay(date).toISOString()).toBe(iso);
  });

  it.each<[string, string]>([
    ['2026-03-29', '2026-03-29'],
    ['2026-10-25', '2026-10-25'],
    ['2026-01-15', '2026-01-15'],
    ['2026-07-15', '2026-07-15'],
  ])(
    'When the day %s ends, then its last millisecond is still %s and the next is the next day',
    (date, same) => {
      const end = endOfCopenhagenDay(date);
      expect(copenhagenDate(end)).toBe(same);
      expect(copenhagenDate(new Date(end.getTime() + 1))).toBe(addDays(date, 1));
    },
  );

  it('When the date is not a date, then a RangeError', () => {
    expect(() => endOfCopenhagenDay('15-01-2026')).toThrow(RangeError);
  });
});

describe('copenhagenDate', () => {
  it.each<[string, string, string]>([
    ['winter, an hour before Copenhagen midnight', '2026-01-15T22:00:00.000Z', '2026-01-15'],
    ['winter, the last millisecond before Copenhagen midnight', '2026-01-15T22:59:59.999Z', '2026-01-15'],
    ['winter, Copenhagen midnight (23:00 UTC)', '2026-01-15T23:00:00.000Z', '2026-01-16'],
    ['winter, UTC midnight (01:00 Copenhagen)', '2026-01-16T00:00:00.000Z', '2026-01-16'],
    ['summer, the last millisecond before Copenhagen midnight', '2026-07-15T21:59:59.999Z', '2026-07-15'],
    ['summer, Copenhagen midnight (22:00 UTC)', '2026-07-15T22:00:00.000Z', '2026-07-16'],
    ['summer, 23:30 UTC (the next day in Copenhagen)', '2026-07-15T23:30:00.000Z', '2026-07-16'],
    ['New Year in Copenhagen, still the old year in UTC', '2025-12-31T23:00:00.000Z', '2026-01-01'],
  ])('When the instant is %s (%s), then the Copenhagen date is %s', (_name, iso, date) => {
    expect(copenhagenDate(new Date(iso))).toBe(date);
  });
});

describe('fromCopenhagenWallClock', () => {
  it.each<[string, string]>([
    ['2026-01-15T10:00:00Z', '2026-01-15T09:00:00.000Z'],
    ['2026-07-15T10:00:00Z', '2026-07-15T08:00:00.000Z'],
    ['2026-03-29T00:00:00Z', '2026-03-28T23:00:00.000Z'],
    ['2026-03-30T00:00:00Z', '2026-03-29T22:00:00.000Z'],
    ['2026-10-25T00:00:00Z', '2026-10-24T22:00:00.000Z'],
    ['2026-10-26T00:00:00Z', '2026-10-25T23:00:00.000Z'],
  ])('When Copenhagen clocks read the fields of %s, then the instant is %s', (fields, iso) => {
    expect(fromCopenhagenWallClock(Date.parse(fields)).toISOString()).toBe(iso);
  });
});

describe('addDays', () => {
  it.each<[string, number, string]>([
    ['2026-01-08', 7, '2026-01-15'],
    ['2026-01-28', 7, '2026-02-04'],
    ['2026-12-28', 7, '2027-01-04'],
    ['2028-02-25', 7, '2028-03-03'],
    ['2026-02-25', 7, '2026-03-04'],
    ['2026-03-25', 7, '2026-04-01'],
    ['2026-01-10', -3, '2026-01-07'],
    ['2026-01-10', 0, '2026-01-10'],
  ])('When %s gets %i days, then it is %s', (date, days, expected) => {
    expect(addDays(date, days)).toBe(expected);
  });

  it.each(['2026-1-8', '2026-01-08T10:00:00Z', ''])('When "%s" is not a date, then a RangeError', (date) => {
    expect(() => addDays(date, 1)).toThrow(RangeError);
  });
});

describe('Copenhagen offsets, remembered per hour', () => {
  // Every wall-clock time of the change days, minute by minute, read twice: the second read comes
  // from the remembered offsets. Each instant is checked against Intl directly: read on a Copenhagen
  // clock it shows the time that was written (except in the spring gap, which no clock shows).
  const wallClock = new Intl.DateTimeFormat('sv-SE', {
    timeZone: 'Europe/Copenhagen',
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });
  const shownAt = (iso: string | undefined): string =>
    wallClock.format(new Date(iso ?? Number.NaN)).replace(' ', 'T');
  const minutesOf = (date: string): string[] =>
    Array.from({ length: 24 * 60 }, (_, m) => {
      const hh = String(Math.floor(m / 60)).padStart(2, '0');
      const mm = String(m % 60).padStart(2, '0');
      return `${date}T${hh}:${mm}:00`;
    });

  it.each<[string, string | null]>([
    ['2026-03-29', '02'],
    ['2026-10-25', null],
    ['1980-04-06', '02'],
    ['2026-06-01', null],
  ])(
    'When every minute of %s is read twice, then both reads agree and each shows that time on a Copenhagen clock',
    (date, gapHour) => {
      const times = minutesOf(date);
      const first = times.map((t) => parseXsDateTime(t)?.toISOString());
      expect(times.map((t) => parseXsDateTime(t)?.toISOString())).toEqual(first);
      const shown = times.filter((t) => t.slice(11, 13) !== gapHour);
      expect(shown.map((t) => shownAt(first[times.indexOf(t)]))).toEqual(shown);
    },
  );
});
