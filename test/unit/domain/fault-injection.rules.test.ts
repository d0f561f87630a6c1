import { ERROR_TABLE } from '../../../src/domain/errors';
import {
  afterAnswering,
  describeEffect,
  injectedFault,
  isInjectableCode,
  matchesCall,
  ruleFor,
  type CallFacts,
  type FaultMatch,
  type FaultRule,
} from '../../../src/domain/fault-injection.rules';

const AARHUS = { type: 8, code: '75100' };
const CPR = '1507801234';

const facts = (overrides: Partial<CallFacts> = {}): CallFacts => ({
  service: 'BookingService',
  operation: 'CreateBooking',
  activeOrganisation: AARHUS,
  cprs: [CPR],
  ...overrides,
});

const rule = (id: string, match: FaultMatch, remaining: number | null = null): FaultRule => ({
  id,
  match,
  effect: { fault: { code: 1011 } },
  remaining,
  answered: 0,
});

describe('matchesCall', () => {
  it.each<[string, FaultMatch, boolean]>([
    ['an empty match', {}, true],
    ['the service', { service: 'BookingService' }, true],
    ['another service', { service: 'CodelistService' }, false],
    ['the operation', { operation: 'CreateBooking' }, true],
    ['another operation', { operation: 'GetBookingDetails' }, false],
    ['the organisation', { organisation: { type: 8, code: '75100' } }, true],
    ['the same code of another type', { organisation: { type: 7, code: '75100' } }, false],
    ['another organisation', { organisation: { type: 8, code: '10100' } }, false],
    ['a CPR the call is about', { cpr: CPR }, true],
    ['another CPR', { cpr: '0101901234' }, false],
    [
      'every field, all matching',
      { service: 'BookingService', operation: 'CreateBooking', organisation: AARHUS, cpr: CPR },
      true,
    ],
    [
      'every field, one not matching',
      { service: 'BookingService', operation: 'CreateBooking', organisation: AARHUS, cpr: '0101901234' },
      false,
    ],
  ])('When a rule names %s, then it matches: %s', (_name, match, expected) => {
    expect(matchesCall(match, facts())).toBe(expected);
  });

  it('When a call binds no metadata (CodelistService), then a rule naming an organisation does not match it, and one without does', () => {
    const codelist = facts({
      service: 'CodelistService',
      operation: 'GetInterviewTypes',
      activeOrganisation: null,
      cprs: [],
    });
    expect(matchesCall({ organisation: AARHUS }, codelist)).toBe(false);
    expect(matchesCall({ cpr: CPR }, codelist)).toBe(false);
    expect(matchesCall({ service: 'CodelistService' }, codelist)).toBe(true);
  });
});

describe('ruleFor and afterAnswering', () => {
  it('When several rules match, then the first of the list (the newest) answers; none matching answers nothing', () => {
    const newest = [
      rule('b', { cpr: '0101901234' }),
      rule('a', { operation: 'CreateBooking' }),
      rule('c', {}),
    ];
    expect(ruleFor(newest, facts())?.id).toBe('a');
    expect(ruleFor(newest.slice(0, 1), facts())).toBeUndefined();
  });

  it('When a rule answers, then its times count down, it is gone after its last, and one without times stays', () => {
    expect(afterAnswering(rule('a', {}, 2))).toMatchObject({ remaining: 1, answered: 1 });
    expect(afterAnswering(rule('a', {}, 1))).toBeNull();
    expect(afterAnswering(rule('a', {}, null))).toMatchObject({ remaining: null, answered: 1 });
  });
});

describe('injectedFault', () => {
  it("When 1011 is injected, then it is INTERNAL's entry (a server fault) under the rule INJECTED-FAULT", () => {
    const fault = injectedFault(1011, 'fault rule x');
    expect({ key: fault?.key, spec: fault?.spec, detail: fault?.detail }).toEqual({
      key: 'INTERNAL',
      spec: { ruleId: 'INJECTED-FAULT', code: 1011, text: 'Internal error on server', source: 'P11' },
      detail: 'fault rule x',
    });
  });

  it("When 1100 is injected, then it is STAR's text for 1100, answered as the emulator's own failure", () => {
    const fault = injectedFault(1100, 'fault rule x');
    expect({ key: fault?.key, code: fault?.spec.code, text: fault?.spec.text }).toEqual({
      key: 'INTERNAL',
      code: 1100,
      text: 'An error has occurred',
    });
  });

  it('When a code of the error table is injected, then its text is the table’s, for every code', () => {
    for (const spec of Object.values(ERROR_TABLE)) {
      expect(isInjectableCode(spec.code)).toBe(true);
      const fault = injectedFault(spec.code, 'x');
      expect(fault?.spec.code).toBe(spec.code);
      expect(ERROR_TABLE[fault?.key ?? 'INTERNAL'].code).toBe(spec.code);
    }
  });

  it('When a code no table has is asked for, then there is no fault for it', () => {
    expect(isInjectableCode(9999)).toBe(false);
    expect(injectedFault(9999, 'x')).toBeUndefined();
  });
});

it.each<[Parameters<typeof describeEffect>[0], string]>([
  [{ fault: { code: 1011 } }, 'answered with DFDG fault 1011'],
  [{ httpStatus: 503 }, 'answered with HTTP 503 and no DFDG answer'],
  [{ delayMs: 250 }, 'delayed 250 ms, then run as usual'],
  [{ drop: true }, 'the connection closed without an answer'],
])('When an effect is described, then it reads as %j says', (effect, words) => {
  expect(describeEffect(effect)).toBe(words);
});
