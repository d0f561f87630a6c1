import { pass, refuse, type Check } from './check';
import { childElements } from './dom-elements';
import { WSS_NS } from './wss-constants';

export interface TimestampPolicy {
  /** How far the sender's clock may be off the emulator's real time, either way. */
  readonly clockSkewSeconds: number;
  /** How long after its Created a message is still accepted, whatever its Expires says. */
  readonly maxAgeSeconds: number;
}

/** An xs:dateTime with a time zone: without one, the instant would depend on where it is read. */
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * The signed wsu:Timestamp bounds the message's life, so a captured message cannot be replayed
 * later. Checked against the real time, like certificates: the emulator's settable clock is for
 * business rules, not for transport security.
 */
export const checkTimestamp = (timestamp: Element, now: Date, policy: TimestampPolicy): Check<void> => {
  const names = childElements(timestamp).map((el) => (el.namespaceURI === WSS_NS.wsu ? el.localName : '?'));
  if (names.join(',') !== 'Created,Expires')
    return refuse(
      `the wsu:Timestamp must hold wsu:Created and wsu:Expires, got ${names.join(', ') || 'nothing'}`,
    );
  const [createdEl, expiresEl] = childElements(timestamp) as [Element, Element];
  const created = instant(createdEl);
  const expires = instant(expiresEl);
  if (!created || !expires)
    return refuse('wsu:Created and wsu:Expires must be xs:dateTime values with a time zone');
  const skew = policy.clockSkewSeconds * 1000;
  const seen = `the emulator's time is ${now.toISOString()}, ${policy.clockSkewSeconds} s of clock skew allowed`;
  if (expires < created) return refuse('wsu:Expires is before wsu:Created');
  if (created.getTime() - skew > now.getTime())
    return refuse(`wsu:Created ${created.toISOString()} lies in the future (${seen})`);
  if (expires.getTime() + skew <= now.getTime())
    return refuse(`the wsu:Timestamp expired at ${expires.toISOString()} (${seen})`);
  if (now.getTime() - created.getTime() > policy.maxAgeSeconds * 1000 + skew)
    return refuse(
      `wsu:Created ${created.toISOString()} is more than ${policy.maxAgeSeconds} s ago (${seen})`,
    );
  return pass(undefined);
};

const instant = (el: Element): Date | null => {
  const text = (el.textContent ?? '').trim();
  const date = DATE_TIME.test(text) ? new Date(text) : null;
  return date && !Number.isNaN(date.getTime()) ? date : null;
};
