import { describeCount, isMet, type CountExpectation } from '../../../src/admin/verification';

describe('POST /admin/verify: how many calls an expectation asks for', () => {
  it.each<[CountExpectation, number, boolean, string]>([
    [{ atLeast: 1 }, 0, false, 'at least 1'],
    [{ atLeast: 1 }, 1, true, 'at least 1'],
    [{ atMost: 0 }, 0, true, 'at most 0'],
    [{ atMost: 0 }, 1, false, 'at most 0'],
    [{ exactly: 2 }, 2, true, 'exactly 2'],
    [{ exactly: 2 }, 3, false, 'exactly 2'],
    [{ atLeast: 1, atMost: 3 }, 3, true, 'between 1 and 3'],
    [{ atLeast: 1, atMost: 3 }, 4, false, 'between 1 and 3'],
  ])(
    'When %j is asked for and %d calls were seen, then met is %s, said "%s"',
    (expected, seen, met, words) => {
      expect([isMet(expected, seen), describeCount(expected)]).toEqual([met, words]);
    },
  );
});
