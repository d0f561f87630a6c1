import { setFlagsFromString } from 'node:v8';

/**
 * How far V8 lets the old generation grow past what the last full collection kept before it
 * collects again, in percent. By default it grows to about four times that under load: the
 * emulator keeps ~25 MB alive, but every call's journal entry and the objects of the calls in
 * flight are promoted and only die there, so the heap climbed to 110-150 MB (RSS 240-260 MB)
 * between two full collections. At 1.5 times, a full collection comes every few seconds under
 * load, each over a small heap. V8 reads the factor at every full collection, so setting it once
 * the process runs is enough.
 */
export const HEAP_GROWING_PERCENT = 50;

/** For the server process (main.ts, `npm start`) only: the CLI's commands and the tests keep V8's default. */
export const limitHeapGrowth = (setFlags: (flags: string) => void = setFlagsFromString): void =>
  setFlags(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
