import { randomUUID } from 'node:crypto';
import type { RunningEmulator } from '../../../src/emulator';
import { errorPaths, expectProblem, type AdminClient } from '../../helpers/admin-client';
import { startAdminWorld, stopAdminWorld } from '../../helpers/admin-world';
import type { DfdgScenario } from '../../helpers/scenario-dfdg';

/**
 * Reading a long run whole (GET /admin/audit, /admin/journal with `before=`): more calls than one
 * answer holds (1,000), paged over the real admin port. The rows are written straight into the
 * emulator's audit log and journal, as 1,500 SOAP calls would have: the paging is what is tested.
 */
const CALLS = 1500;
const AT = new Date('2026-03-02T09:00:00Z');
const EARLIER = new Date('2026-03-01T09:00:00Z');

interface Page {
  items: { referenceId: string; operation: string }[];
  next: string | null;
}

let emulator: RunningEmulator;
let dfdg: DfdgScenario;
let admin: AdminClient;
/**
 * The reference ids in the order each list answers them: the audit log by time, newest first (the
 * later-recorded first among equal times); the journal by arrival, the last first.
 */
const order: Record<string, { all: string[]; createBookings: string[] }> = {};

beforeAll(async () => {
  ({ emulator, dfdg, admin } = await startAdminWorld({ journalSize: CALLS }));
  const calls = Array.from({ length: CALLS }, (_, i) => ({
    referenceId: randomUUID(),
    // 1,200 calls at one instant (a frozen clock), then 300 after the clock was set back a day.
    time: i < 1200 ? AT : EARLIER,
    operation: i % 3 === 0 ? 'CreateBooking' : 'GetBookings',
  }));
  emulator.store.transaction(() => {
    for (const c of calls)
      emulator.store.audit.record({
        ...c,
        service: 'BookingService',
        certificate: null,
        activeOrganisation: { type: 8, code: '75100' },
        requestUserMetadata: null,
        cprs: [],
        outcome: 'ok',
        ruleId: null,
        detail: null,
      });
  });
  for (const c of calls)
    emulator.journal.add({
      ...c,
      time: c.time,
      durationMs: 1,
      service: 'BookingService',
      status: 200,
      outcome: 'ok',
      ruleId: null,
      certificate: null,
      activeOrganisation: null,
      requestUserMetadata: null,
      cprs: [],
      detail: null,
      decisions: [],
      head: null,
      request: '',
      response: '',
    });
  const byTime = [...calls.slice(0, 1200).reverse(), ...calls.slice(1200).reverse()];
  const byArrival = [...calls].reverse();
  for (const [path, ordered] of [
    ['/admin/audit', byTime],
    ['/admin/journal', byArrival],
  ] as const)
    order[path] = {
      all: ordered.map((c) => c.referenceId),
      createBookings: ordered.filter((c) => c.operation === 'CreateBooking').map((c) => c.referenceId),
    };
});
afterAll(() => stopAdminWorld({ emulator, dfdg }));

/** Every page of a list, following `next`, with the filters of `query`. */
const readWhole = async (path: string, query: string): Promise<Page[]> => {
  const pages: Page[] = [];
  let next: string | null = null;
  do {
    const res: { status: number; body: Page } = await admin.get<Page>(
      `${path}?${query}${next ? `&before=${next}` : ''}`,
    );
    expect(res.status).toBe(200);
    pages.push(res.body);
    next = res.body.next;
  } while (next !== null && pages.length < 10);
  return pages;
};

describe.each(['/admin/audit', '/admin/journal'])('%s', (path) => {
  it('When more calls were made than one answer holds, then following next reads each call once, newest first, and the last page has no next', async () => {
    const pages = await readWhole(path, 'limit=1000');
    expect(pages.map((p) => p.items.length)).toEqual([1000, 500]);
    const expected = order[path]?.all ?? [];
    expect(pages.map((p) => p.next)).toEqual([expected[999], null]);
    expect(pages.flatMap((p) => p.items.map((i) => i.referenceId))).toEqual(expected);
  });

  it('When a filter is paged, then each page keeps it and together they hold every match', async () => {
    const pages = await readWhole(path, 'operation=CreateBooking&limit=200');
    expect(pages.map((p) => p.items.length)).toEqual([200, 200, 100]);
    expect(pages.flatMap((p) => p.items.map((i) => i.operation)).every((o) => o === 'CreateBooking')).toBe(
      true,
    );
    expect(pages.flatMap((p) => p.items.map((i) => i.referenceId))).toEqual(order[path]?.createBookings);
    expect(pages.at(-1)?.next).toBeNull();
  });

  it('When the cursor names no call, then 404 names it', async () => {
    expect(errorPaths(expectProblem(await admin.get(`${path}?before=${randomUUID()}`), 404))).toEqual([
      'query.before',
    ]);
  });
});
