/**
 * Concurrent CreateBooking load: `workers` loops over one pool of keep-alive connections, booking
 * Jobsamtaler for the fixture citizens jobcenter 75100 follows, until told to stop. Every HTTP 200
 * is an acknowledged booking; every other answer is counted by kind.
 */
import type { AcknowledgedBooking } from './store-invariants';
import {
  createBookingXml,
  FOLLOWED_CITIZENS,
  sleep,
  SoapConnections,
  textOfTag,
  verdictOf,
  type Verdict,
} from './soap-traffic';

export interface LoadStats {
  acknowledged: number;
  faults: Map<string, number>;
  networkErrors: Map<string, number>;
  broken: string[];
  latenciesMs: number[];
}

export const emptyStats = (): LoadStats => ({
  acknowledged: 0,
  faults: new Map(),
  networkErrors: new Map(),
  broken: [],
  latenciesMs: [],
});

const bump = (map: Map<string, number>, key: string): void => {
  map.set(key, (map.get(key) ?? 0) + 1);
};

export interface CreateLoadOptions {
  readonly soapUrl: string;
  readonly workers: number;
  readonly shouldStop: () => boolean;
  readonly onAcknowledged: (booking: AcknowledgedBooking) => void;
  readonly stats: LoadStats;
  /** Wait after a network error (the server is gone, or restarting). */
  readonly backoffMs?: number;
}

/** Runs until shouldStop(); resolves when every worker has finished its last request. */
export const runCreateLoad = async (options: CreateLoadOptions): Promise<void> => {
  const connections = new SoapConnections(options.soapUrl, '8-75100', options.workers);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (!options.shouldStop()) {
      const citizen = FOLLOWED_CITIZENS[
        next++ % FOLLOWED_CITIZENS.length
      ] as (typeof FOLLOWED_CITIZENS)[number];
      const answer = await connections.post('BookingService', 'CreateBooking', createBookingXml(citizen.cpr));
      const verdict: Verdict = verdictOf(answer);
      if (verdict.kind === 'ok' && answer.kind === 'response') {
        const bookingId = textOfTag(verdict.body, 'BookingIdentifier');
        if (!bookingId || !answer.referenceId) {
          options.stats.broken.push(
            `a 200 without BookingIdentifier or reference id: ${verdict.body.slice(0, 300)}`,
          );
          continue;
        }
        options.stats.acknowledged++;
        options.stats.latenciesMs.push(answer.ms);
        options.onAcknowledged({
          bookingId,
          referenceId: answer.referenceId,
          cpr: citizen.cpr,
          wsrmMessages: citizen.receivers.length,
        });
      } else if (verdict.kind === 'fault') {
        bump(options.stats.faults, `${verdict.code} ${verdict.source}: ${verdict.detail.slice(0, 120)}`);
      } else if (answer.kind === 'network-error') {
        bump(options.stats.networkErrors, answer.error);
        await sleep(options.backoffMs ?? 20);
      } else {
        options.stats.broken.push(
          verdict.kind === 'broken' ? verdict.why : 'an ok answer without a response',
        );
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: options.workers }, worker));
  } finally {
    connections.close();
  }
};
