/**
 * The emulator's clock. Every rule and every timestamp the emulator writes reads "now" from here,
 * so deadline scenarios can be replayed by setting or freezing it (RULES.md, Time).
 */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/**
 * The instants the emulator's clock may show: 1900-01-01 to 9999-12-31 (UTC). Every one of them is a
 * valid Date, reads as a four-digit-year xs:dateTime in Copenhagen time (CET since 1894, so a whole
 * offset), and leaves room for the clock to run on for a day. Outside it, a clock set or advanced
 * too far became NaN and every later call failed.
 */
export const CLOCK_RANGE = {
  earliest: Date.UTC(1900, 0, 1),
  latest: Date.UTC(9999, 11, 31),
  text: '1900-01-01T00:00:00Z to 9999-12-31T00:00:00Z',
} as const;

const describeInstant = (instant: Date): string =>
  Number.isNaN(instant.getTime()) ? 'an invalid date' : instant.toISOString();

/** Whether an instant (in epoch milliseconds) is one the clock may show (CLOCK_RANGE). */
export const isWithinClockRange = (ms: number): boolean =>
  Number.isFinite(ms) && ms >= CLOCK_RANGE.earliest && ms <= CLOCK_RANGE.latest;

export const fixedClock = (instant: Date | string): Clock => {
  const at = new Date(instant);
  return { now: () => new Date(at) };
};

/** A clock that runs with real time from an offset, or stands still; set through config or tests. */
export class ControllableClock implements Clock {
  private offsetMs = 0;
  private frozenAt: Date | null = null;

  constructor(private readonly realNow: () => Date = () => new Date()) {}

  now(): Date {
    return this.frozenAt ? new Date(this.frozenAt) : new Date(this.realNow().getTime() + this.offsetMs);
  }

  get frozen(): boolean {
    return this.frozenAt !== null;
  }

  /** Throws a RangeError for an instant outside CLOCK_RANGE: callers check their input first. */
  set(instant: Date): void {
    if (!isWithinClockRange(instant.getTime())) {
      throw new RangeError(`the clock stays within ${CLOCK_RANGE.text}; refused ${describeInstant(instant)}`);
    }
    if (this.frozenAt) this.frozenAt = new Date(instant);
    else this.offsetMs = instant.getTime() - this.realNow().getTime();
  }

  freeze(): void {
    this.frozenAt ??= this.now();
  }

  unfreeze(): void {
    if (!this.frozenAt) return;
    this.offsetMs = this.frozenAt.getTime() - this.realNow().getTime();
    this.frozenAt = null;
  }

  /** Throws a RangeError where it would leave CLOCK_RANGE, as set() does. */
  advance(ms: number): void {
    this.set(new Date(this.now().getTime() + ms));
  }

  reset(): void {
    this.offsetMs = 0;
    this.frozenAt = null;
  }
}

/**
 * The clock a configuration asks for: real time, or from `start`, running or frozen. Frozen first,
 * then set: set-then-freeze would stand at the start plus however long the real clock ran between.
 */
export const configuredClock = (
  start: Date | null,
  frozen: boolean,
  realNow?: () => Date,
): ControllableClock => {
  const clock = new ControllableClock(realNow);
  if (frozen) clock.freeze();
  if (start) clock.set(start);
  return clock;
};
