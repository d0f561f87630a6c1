import { asWritten, timeAsWritten } from '../../../src/domain/booking-times';
import { parseXsDateTime } from '../../../src/domain/copenhagen-time';

/** The instant a client's text names, as the booking stores it. */
const instantOf = (text: string): Date => {
  const d = parseXsDateTime(text);
  if (!d) throw new Error(`not a time: ${text}`);
  return d;
};

describe('Times answered as written', () => {
  it.each<[string, string, string]>([
    [
      'a .NET time with seven fraction digits and an offset',
      '2027-03-01T10:00:00.1234567+01:00',
      '2027-03-01T09:00:00.123Z',
    ],
    ['a time without an offset (Copenhagen time, winter)', '2027-03-01T10:00:00', '2027-03-01T09:00:00.000Z'],
    ['a time without an offset (Copenhagen time, summer)', '2027-07-01T10:00:00', '2027-07-01T08:00:00.000Z'],
    ['a UTC time without a fraction', '2027-03-01T09:00:00Z', '2027-03-01T09:00:00.000Z'],
    ['a time with a negative offset', '2027-03-01T04:00:00.5-05:00', '2027-03-01T09:00:00.500Z'],
  ])(
    'When a client writes %s, then the rules read its instant and the answer is its text',
    (_name, text, iso) => {
      expect(instantOf(text).toISOString()).toBe(iso);
      expect(asWritten(instantOf(text), text)).toBe(text);
    },
  );

  it('When the instant no longer matches the text (it was changed without one), then the answer is the instant in UTC', () => {
    expect(asWritten(new Date('2027-03-02T09:00:00Z'), '2027-03-01T10:00:00+01:00')).toBe(
      '2027-03-02T09:00:00.000Z',
    );
  });

  it('When no client wrote the time (an older release’s booking), then the answer is the instant in UTC, as before', () => {
    expect(asWritten(new Date('2027-03-01T09:00:00Z'), undefined)).toBe('2027-03-01T09:00:00.000Z');
  });

  it('When a booking has no such time, then there is nothing to answer', () => {
    expect(
      timeAsWritten(
        { start: new Date(0), writtenTimes: { acceptedTime: '1970-01-01T00:00:00Z' } },
        'acceptedTime',
      ),
    ).toBeUndefined();
  });
});
