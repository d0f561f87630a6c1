/**
 * The emulator's clock. Every rule and every timestamp the emulator writes reads "now" from here,
 * so deadline scenarios can be replayed by setting or freezing it (RULES.md, Time).
 */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

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

  set(instant: Date): void {
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
