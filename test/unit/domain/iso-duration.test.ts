import { parseIsoDuration } from '../../../src/domain/iso-duration';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

describe('parseIsoDuration', () => {
  it.each<[string, number]>([
    ['P7D', 7 * DAY],
    ['P7DT1S', 7 * DAY + SECOND],
    ['PT36H', 36 * HOUR],
    ['PT1H30M', HOUR + 30 * MINUTE],
    ['PT90M', 90 * MINUTE],
    ['PT0.5S', 500],
    ['PT1,25S', 1250],
    ['P2W', 14 * DAY],
    ['P1W2DT3H4M5.006S', 9 * DAY + 3 * HOUR + 4 * MINUTE + 5 * SECOND + 6],
    ['P0D', 0],
    ['-P1D', -DAY],
    ['-PT15M', -15 * MINUTE],
  ])('When "%s" is read, then it is %d ms', (text, ms) => {
    expect(parseIsoDuration(text)).toBe(ms);
  });

  it.each<[string, RegExp]>([
    ['', /not an ISO-8601 duration/],
    ['P', /names no amount of time/],
    ['PT', /"T" must be followed/],
    ['P1DT', /"T" must be followed/],
    ['7D', /not an ISO-8601 duration/],
    ['p7d', /not an ISO-8601 duration/],
    ['P7 D', /not an ISO-8601 duration/],
    ['P1D2D', /not an ISO-8601 duration/],
    ['PT1S1H', /not an ISO-8601 duration/],
    ['P1H', /not an ISO-8601 duration/],
    ['P1.5D', /not an ISO-8601 duration/],
    ['PT1.5H', /not an ISO-8601 duration/],
    ['PT0.0001S', /not an ISO-8601 duration/],
    ['+P1D', /not an ISO-8601 duration/],
    ['P1Y', /years and months have no fixed length/],
    ['P2M', /years and months have no fixed length/],
    ['P1Y2M3D', /years and months have no fixed length/],
    [' P1D', /not an ISO-8601 duration/],
    ['P1D\n', /not an ISO-8601 duration/],
    ['P99999999999999999999D', /too long/],
  ])('When "%s" is read, then it is refused with a reason', (text, reason) => {
    const result = parseIsoDuration(text);
    expect(result).toBeInstanceOf(Error);
    expect((result as Error).message).toMatch(reason);
  });
});
