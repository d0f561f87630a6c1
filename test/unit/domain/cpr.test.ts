import { isWellFormedCpr } from '../../../src/domain/cpr';

// STAR's CPR pattern: ten digits whose first six are a real day and month (DDMMYY); no modulus-11.
describe('isWellFormedCpr', () => {
  it.each<[string, string]>([
    ['1 January', '0101575001'],
    ['31 January', '3101575001'],
    ['29 February (any year: the pattern has no year)', '2902575001'],
    ['31 March', '3103575001'],
    ['30 April', '3004575001'],
    ['31 July', '3107575001'],
    ['31 August', '3108575001'],
    ['30 September', '3009575001'],
    ['31 October', '3110575001'],
    ['30 November', '3011575001'],
    ['31 December', '3112575001'],
    ['a number that fails modulus 11 (allowed since 2007)', '0101575002'],
    ['the fixture citizen 0505575005', '0505575005'],
  ])('When a CPR number is of %s (%s), then it is well-formed', (_name, cpr) => {
    expect(isWellFormedCpr(cpr)).toBe(true);
  });

  it.each<[string, string]>([
    ['30 February', '3002575001'],
    ['31 February', '3102575001'],
    ['31 April', '3104575001'],
    ['31 June', '3106575001'],
    ['31 September', '3109575001'],
    ['31 November', '3111575001'],
    ['32 January', '3201575001'],
    ['day 00', '0001575001'],
    ['month 00', '0100575001'],
    ['month 13', '0113575001'],
    ['nine digits', '010157500'],
    ['eleven digits', '01015750011'],
    ['a hyphen (DDMMYY-SSSS)', '010157-5001'],
    ['a letter', '010157500A'],
    ['a leading space', ' 0101575001'],
    ['a trailing newline', '0101575001\n'],
    ['nothing', ''],
  ])('When a CPR number has %s (%s), then it is not well-formed', (_name, cpr) => {
    expect(isWellFormedCpr(cpr)).toBe(false);
  });
});
