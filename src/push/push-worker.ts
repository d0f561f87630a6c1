import type { Clock } from '../domain/clock';
import { afterFailedAttempt, PUSH_ATTEMPT_TIMEOUT_MS } from '../domain/push.rules';
import type { PushMessage, PushStatus } from '../store/push.repository';
import type { Store } from '../store/store';
import { postPushMessage, type AttemptOutcome, type PushEndpoint, type PushIdentity } from './push-sender';

export type PushSend = (
  endpoint: PushEndpoint,
  identity: PushIdentity,
  body: string,
  timeoutMs: number,
) => Promise<AttemptOutcome>;

export interface PushWorkerOptions {
  readonly store: Store;
  readonly clock: Clock;
  /** STAR's client certificate (certs/star/). */
  readonly identity: PushIdentity;
  /** The dev CA: a subscriber's server certificate chains to it unless the subscription names another. */
  readonly devCaPem: string;
  readonly send?: PushSend | undefined;
  readonly attemptTimeoutMs?: number | undefined;
  /** How often, in real time, the worker looks for attempts that fell due as the clock ran on. */
  readonly pollMs?: number | undefined;
  readonly onError?: ((error: unknown) => void) | undefined;
}

/**
 * Delivers the push outbox (REST.md §7, "Delivery"): each subscription's messages strictly in order,
 * the subscriptions side by side, every attempt recorded. It runs beside the request path and never
 * in it: a call only queues its messages in its own transaction, and a slow or dead subscriber holds
 * back nothing but its own queue.
 */
export class PushWorker {
  private readonly send: PushSend;
  private readonly timeoutMs: number;
  private readonly pollMs: number;
  private timer: NodeJS.Timeout | undefined;
  /**
   * Each subscription's drain in flight. A pass starts a drain only for a subscription without one,
   * so one subscription's attempts stay strictly in order while another's hang (up to the attempt
   * timeout) holds back no one else.
   */
  private readonly draining = new Map<string, Promise<number>>();
  private stopped = false;

  private kickScheduled = false;

  constructor(private readonly options: PushWorkerOptions) {
    this.send = options.send ?? postPushMessage;
    this.timeoutMs = options.attemptTimeoutMs ?? PUSH_ATTEMPT_TIMEOUT_MS;
    this.pollMs = options.pollMs ?? 1_000;
    options.store.push.onEnqueue(() => this.soon());
  }

  /**
   * A pass right after the writer's transaction: setImmediate runs after the group commit's own
   * flush (queued earlier in the same turn), so the pass reads what was committed without forcing
   * the group to commit early.
   */
  private soon(): void {
    if (this.kickScheduled || this.stopped || this.timer === undefined) return;
    this.kickScheduled = true;
    setImmediate(() => {
      this.kickScheduled = false;
      void this.runDue();
    });
  }

  start(): void {
    this.stopped = false;
    this.timer = setInterval(() => void this.runDue(), this.pollMs);
    this.timer.unref();
    void this.runDue();
  }

  /** Stops looking for work and waits for the attempts in flight (each ends within its timeout). */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await Promise.all(this.draining.values());
  }

  /**
   * One pass over the queues as of now: each subscription's head that is due gets one attempt, unless
   * that subscription's drain is still in flight (it picks up what fell due when its attempt ends);
   * after a delivery the next message of that subscription, if due, follows. Resolves, with the
   * number of attempts made, once every drain in flight has ended: a caller that changed the world (a
   * clock moved) sees the attempts that fell due made. Passes never wait for each other.
   */
  runDue(): Promise<number> {
    if (this.stopped) return Promise.resolve(0);
    const { store, clock } = this.options;
    let heads: readonly PushMessage[];
    try {
      heads = store.transaction(() => store.push.due(clock.now()));
    } catch (error) {
      this.options.onError?.(error);
      return Promise.resolve(0);
    }
    for (const head of heads) {
      if (this.draining.has(head.subscription)) continue;
      const drain = this.drain(head)
        .catch((error: unknown) => {
          this.options.onError?.(error);
          return 0;
        })
        .finally(() => {
          this.draining.delete(head.subscription);
          // A message queued for it while it drained, or the next one after a failed attempt's
          // retry fell due, is the next pass's.
          this.soon();
        });
      this.draining.set(head.subscription, drain);
    }
    return Promise.all(this.draining.values()).then((counts) => counts.reduce((a, b) => a + b, 0));
  }

  private async drain(first: PushMessage): Promise<number> {
    const { store, clock } = this.options;
    let attempts = 0;
    let message: PushMessage | undefined = first;
    while (message && !this.stopped) {
      attempts += 1;
      const status = await this.attempt(message);
      if (status !== 'delivered' && status !== 'abandoned') break;
      const subscription: string = message.subscription;
      message = store.transaction(() => store.push.dueOf(subscription, clock.now()));
    }
    return attempts;
  }

  /** One attempt at one message; returns the message's status after it (undefined: it is gone). */
  private async attempt(message: PushMessage): Promise<PushStatus | undefined> {
    const { store, clock, identity, devCaPem } = this.options;
    const subscription = store.transaction(() => store.push.subscription(message.subscription));
    if (!subscription) return undefined;
    const startedAt = clock.now();
    const result = await this.send(
      { url: subscription.url, serverCaPem: subscription.serverCaPem ?? devCaPem },
      identity,
      message.body,
      this.timeoutMs,
    );
    const firstAttemptAt = message.firstAttemptAt ?? startedAt;
    let status: PushStatus = 'delivered';
    let nextAttemptAt: Date | null = null;
    if (!result.delivered) {
      const after = afterFailedAttempt(firstAttemptAt, startedAt, message.attempts + 1);
      status = after.kind === 'abandon' ? 'abandoned' : 'pending';
      nextAttemptAt = after.kind === 'retry' ? after.at : null;
    }
    const recorded = store.transaction(() =>
      store.push.recordAttempt({
        seq: message.seq,
        time: startedAt,
        outcome: result.outcome,
        httpStatus: result.httpStatus,
        status,
        nextAttemptAt,
      }),
    );
    return recorded ? status : undefined;
  }
}
