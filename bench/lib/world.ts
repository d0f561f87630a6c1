import type { Organisation } from '../../src/domain/organisation';

/**
 * The bench's synthetic world: CPR numbers and booking ids computed from an index (so the load
 * generator can pick any preloaded citizen or booking without holding a list of a million), the
 * organisations that follow them, and the receivers whose WSRM queues the pickup scenario drains.
 */

/** Ten digits DDMMYY + serial with day 01-28, so every index maps to a well-formed, distinct CPR. */
export const cprOf = (n: number): string => {
  const day = 1 + (n % 28);
  const month = 1 + (Math.floor(n / 28) % 12);
  const year = Math.floor(n / 336) % 100;
  const serial = Math.floor(n / 33_600) % 10_000;
  return `${pad(day, 2)}${pad(month, 2)}${pad(year, 2)}${pad(serial, 4)}`;
};

/** CreateBooking under load uses CPRs from here on: never a preloaded citizen, never a fixture. */
export const CREATE_CPR_BASE = 250_000_000;

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

/** A GUID whose last group counts up: preloaded rows arrive in index order, as a long-lived store fills. */
export const syntheticGuid = (kind: 'booking' | 'audit' | 'message' | 'sequence', n: number): string =>
  `${GUID_PREFIX[kind]}-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
const GUID_PREFIX = { booking: 'b0e0c000', audit: 'a0d10000', message: 'e0550000', sequence: '5e900000' };

export const bookingIdOf = (n: number): string => syntheticGuid('booking', n);

/** 98 municipalities with a jobcenter each ("<kommunekode>00") and 24 a-kasser. */
export const KOMMUNER: readonly string[] = Array.from({ length: 98 }, (_, i) => String(101 + i * 7));
export const jobcenterOf = (kommune: string): Organisation => ({ type: 8, code: `${kommune}00` });
export const AKASSER: readonly Organisation[] = Array.from({ length: 24 }, (_, i) => ({
  type: 2,
  code: String(10 + i),
}));

/** The receivers of the WSRM pickup scenario: one per connection, each with its own queue. */
export const PICKUP_RECEIVERS: readonly Organisation[] = Array.from({ length: 10 }, (_, i) => ({
  type: 8,
  code: `${901 + i}00`,
}));
/** The certificate registered (through the bench's fixtures) for the pickup receivers. */
export const PICKUP_CERTIFICATE = 'bench-pickup';
/** Messages waiting in each pickup receiver's queue; CloseSequence puts them back, so it stays so. */
export const PICKUP_QUEUE_LENGTH = 20;

/** The caller of CreateBooking and of the reads: a jobcenter system with its own caseworker. */
export const LOAD_CERTIFICATE = '8-75100';
export const LOAD_ORGANISATION: Organisation = { type: 8, code: '75100' };

/** Small, fast, seeded PRNG (mulberry32): the same seed gives the same world at every size. */
export const seededRandom = (seed: number): (() => number) => {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
};

/** How many bookings citizen i has: 1 to 9, five on average, the same at every size. */
export const bookingsOfCitizen = (i: number): number => 1 + (hash32(i) % 9);

/** The citizen (index) of each preloaded booking, in the loader's order: citizen 0's first, then 1's... */
export const bookingOwners = (bookings: number): Int32Array => {
  const owners = new Int32Array(bookings);
  for (let c = 0, n = 0; n < bookings; c++)
    for (let b = bookingsOfCitizen(c); b > 0 && n < bookings; b--, n++) owners[n] = c;
  return owners;
};

const hash32 = (n: number): number => {
  let h = Math.imul(n ^ 0x9e3779b9, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
};
