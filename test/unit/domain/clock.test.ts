import { CLOCK_RANGE, configuredClock, ControllableClock, fixedClock } from '../../../src/domain/clock';

const SECOND = 1000;
const HOUR = 3600 * SECOND;

/** A stand-in for real time that only moves when the test moves it. */
const fakeRealTime = (start: string): { now: () => Date; pass: (ms: number) => void } => {
  let t = Date.parse(start);
  return {
    now: () => new Date(t),
    pass: (ms) => {
      t += ms;
    },
  };
};

describe('ControllableClock', () => {
  it('When nothing is set, then it reads real time and is not frozen', () => {
    const real = fakeRealTime('2026-01-15T10:00:00Z');
    const clock = new ControllableClock(real.now);
    expect(clock.now().toISOString()).toBe('2026-01-15T10:00:00.000Z');
    real.pass(5 * SECOND);
    expect(clock.now().toISOString()).toBe('2026-01-15T10:00:05.000Z');
    expect(clock.frozen).toBe(false);
  });

  it('When it is set, then it reads the set instant and keeps running with real time', () => {
    const real = fakeRealTime('2026-01-15T10:00:00Z');
    const clock = new ControllableClock(real.now);
    clock.set(new Date('2026-03-01T08:00:00Z'));
    expect(clock.now().toISOString()).toBe('2026-03-01T08:00:00.000Z');
    real.pass(90 * SECOND);
    expect(clock.now().toISOString()).toBe('2026-03-01T08:01:30.000Z');
    expect(clock.frozen).toBe(false);
  });

  it('When it is set to the past, then it runs from there', () => {
    const real = fakeRealTime('2026-01-15T10:00:00Z');
    const clock = new ControllableClock(real.now);
    clock.set(new Date('2025-12-31T23:00:00Z'));
    real.pass(HOUR);
    expect(clock.now().toISOString()).toBe('2026-01-01T00:00:00.000Z');
  });

  it('When it is frozen, then it stands still while real time passes', () => {
    const real = fakeRealTime('2026-01-15T10:00:00Z');
    const clock = new ControllableClock(real.now);
    clock.freeze();
    real.pass(HOUR);
    expect(clock.now().toISOString()).toBe('2026-01-15T10:00:00.000Z');
    expect(clock.frozen).toBe(true);
  });

  it('When it is set and then frozen, then it stands still at the set instant', () => {
    const real = fakeRealTime('2026-01-15T10:00:00Z');
    const clock = new ControllableClock(real.now);
    clock.set(new Date('2026-03-01T08:00:00Z'));
    real.pass(10 * SECOND);
    clock.freeze();
    real.pass(HOUR);
    expect(clock.now().toISOString()).toBe('2026-03-01T08:00:10.000Z');
  });

  it('When it is frozen twice, then the second freeze keeps the first instant', () => {
    const real = fakeRealTime('2026-01-15T10:00:00Z');
    const clock = new ControllableClock(real.now);
    clock.freeze();
    real.pass(HOUR);
    clock.freeze();
    expect(clock.now().toISOString()).toBe('2026-01-15T10:00:00.000Z');
  });

  it('When a frozen clock is set, then it stays frozen at the new instant', () => {
    const real = fakeRealTime('2026-01-15T10:00:00Z');
    const clock = new ControllableClock(real.now);
    clock.freeze();
    clock.set(new Date('2026-06-01T12:00:00Z'));
    real.pass(HOUR);
    expect(clock.now().toISOString()).toBe('2026-06-01T12:00:00.000Z');
    expect(clock.frozen).toBe(true);
  });

  it.each<[string, string, boolean, number]>([
    ['a frozen clock is advanced by P7DT1S', '2026-01-22T10:00:01.000Z', true, 7 * 24 * HOUR + SECOND],
    ['a running clock is advanced by one hour', '2026-01-15T11:00:00.000Z', false, HOUR],
    ['a running clock is advanced by minus one hour', '2026-01-15T09:00:00.000Z', false, -HOUR],
  ])('When %s, then it reads %s', (_name, expected, frozen, ms) => {
    const real = fakeRealTime('2026-01-15T10:00:00Z');
    const clock = new ControllableClock(real.now);
    if (frozen) clock.freeze();
    clock.advance(ms);
    expect(clock.now().toISOString()).toBe(expected);
    expect(clock.frozen).toBe(frozen);
  });

  it('When a frozen clock is advanced twice, then the advances add up', () => {
    const real = fakeRealTime('2026-01-15T10:00:00Z');
    const clock = new ControllableClock(real.now);
    clock.freeze();
    clock.advance(HOUR);
    clock.advance(30 * SECOND);
    expect(clock.now().toISOString()).toBe('2026-01-15T11:00:30.000Z');
  });

  it('When a running clock is advanced, then it keeps running with real time', () => {
    const real = fakeRealTime('2026-01-15T10:00:00Z');
    const clock = new ControllableClock(real.now);
    clock.advance(HOUR);
    real.pass(SECOND);
    expect(clock.now().toISOString()).toBe('2026-01-15T11:00:01.000Z');
  });

  it('When it is unfrozen, then it runs on from the frozen instant', () => {
    const real = fakeRealTime('2026-01-15T10:00:00Z');
    const clock = new ControllableClock(real.now);
    clock.set(new Date('2026-03-01T08:00:00Z'));
    clock.freeze();
    real.pass(HOUR);
    clock.unfreeze();
    expect(clock.now().toISOString()).toBe('2026-03-01T08:00:00.000Z');
    expect(clock.frozen).toBe(false);
    real.pass(5 * SECOND);
    expect(clock.now().toISOString()).toBe('2026-03-01T08:00:05.000Z');
  });

  it('When a running clock is unfrozen, then nothing changes', () => {
    const real = fakeRealTime('2026-01-15T10:00:00Z');
    const clock = new ControllableClock(real.now);
    clock.set(new Date('2026-03-01T08:00:00Z'));
    clock.unfreeze();
    expect(clock.now().toISOString()).toBe('2026-03-01T08:00:00.000Z');
    expect(clock.frozen).toBe(false);
  });

  it.each<[string, boolean]>([
    ['a set and frozen clock', true],
    ['a set, running clock', false],
  ])('When %s is reset, then it reads real time again and runs', (_name, frozen) => {
    const real = fakeRealTime('2026-01-15T10:00:00Z');
    const clock = new ControllableClock(real.now);
    clock.set(new Date('2030-01-01T00:00:00Z'));
    if (frozen) clock.freeze();
    clock.reset();
    expect(clock.now().toISOString()).toBe('2026-01-15T10:00:00.000Z');
    expect(clock.frozen).toBe(false);
    real.pass(SECOND);
    expect(clock.now().toISOString()).toBe('2026-01-15T10:00:01.000Z');
  });

  it('When a caller changes the Date it got from a frozen clock, then the clock is not changed', () => {
    const clock = new ControllableClock(fakeRealTime('2026-01-15T10:00:00Z').now);
    clock.freeze();
    clock.now().setTime(0);
    expect(clock.now().toISOString()).toBe('2026-01-15T10:00:00.000Z');
  });

  it('When the instant given to set is changed afterwards, then the frozen clock is not changed', () => {
    const clock = new ControllableClock(fakeRealTime('2026-01-15T10:00:00Z').now);
    clock.freeze();
    const instant = new Date('2026-06-01T12:00:00Z');
    clock.set(instant);
    instant.setTime(0);
    expect(clock.now().toISOString()).toBe('2026-06-01T12:00:00.000Z');
  });
});

describe('ControllableClock range', () => {
  it.each<[string, (clock: ControllableClock) => void]>([
    ['set past the year 9999', (clock) => clock.set(new Date('+275760-09-13T00:00:00Z'))],
    ['set before 1900', (clock) => clock.set(new Date('1899-12-31T23:59:59Z'))],
    ['set to an invalid date', (clock) => clock.set(new Date(Number.NaN))],
    ['advanced by 99999999 days', (clock) => clock.advance(99_999_999 * 24 * HOUR)],
  ])('When it is %s, then it refuses naming its range and reads as before', (_name, change) => {
    const clock = new ControllableClock(fakeRealTime('2026-01-15T10:00:00Z').now);
    clock.freeze();
    expect(() => change(clock)).toThrow('1900-01-01T00:00:00Z to 9999-12-31T00:00:00Z');
    expect(clock.now().toISOString()).toBe('2026-01-15T10:00:00.000Z');
  });

  it('When it is set to either end of its range, then it reads that instant', () => {
    const clock = new ControllableClock(fakeRealTime('2026-01-15T10:00:00Z').now);
    clock.freeze();
    clock.set(new Date(CLOCK_RANGE.earliest));
    expect(clock.now().toISOString()).toBe('1900-01-01T00:00:00.000Z');
    clock.set(new Date(CLOCK_RANGE.latest));
    expect(clock.now().toISOString()).toBe('9999-12-31T00:00:00.000Z');
  });
});

describe('fixedClock', () => {
  it.each<[string, Date | string]>([
    ['an ISO string', '2026-01-15T10:00:00Z'],
    ['a Date', new Date('2026-01-15T10:00:00Z')],
  ])('When it is made from %s, then it always reads that instant', (_name, instant) => {
    const clock = fixedClock(instant);
    expect(clock.now().toISOString()).toBe('2026-01-15T10:00:00.000Z');
    clock.now().setTime(0);
    expect(clock.now().toISOString()).toBe('2026-01-15T10:00:00.000Z');
  });
});

describe('configuredClock', () => {
  /** A real clock that moves on 1 ms every time it is read. */
  const ticking = (): (() => Date) => {
    let ms = Date.parse('2026-11-23T12:00:00.000Z');
    return () => new Date(ms++);
  };
  const START = new Date('2026-03-02T09:00:00.000Z');

  it('When a start is configured frozen, then the clock stands at exactly that start, however the real clock runs', () => {
    const clock = configuredClock(START, true, ticking());
    expect(clock.now().toISOString()).toBe(START.toISOString());
    expect(clock.now().toISOString()).toBe(START.toISOString());
  });

  it('When a start is configured running, then the clock runs on from it', () => {
    const clock = configuredClock(START, false, ticking());
    expect(clock.frozen).toBe(false);
    expect(clock.now().getTime() - START.getTime()).toBeGreaterThanOrEqual(0);
    expect(clock.now().getTime() - START.getTime()).toBeLessThan(10);
  });

  it('When nothing is configured, then it is the real clock', () => {
    const real = ticking();
    const clock = configuredClock(null, false, real);
    expect(clock.now().toISOString()).toBe('2026-11-23T12:00:00.000Z');
  });
});
