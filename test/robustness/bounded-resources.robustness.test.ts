/**
 * Issue 5, item 5: bounded resources. The configurable limits hold exactly at their edges (body
 * size, XML depth, journal size); slow and idle connections are cut by the server's timeouts; big
 * bodies within the limit are answered as their content calls for (a body over the markup limit
 * refused before parsing, one under it parsed and served), a small call alongside is answered, and
 * memory stays bounded; the server's RSS stays flat over a mixed load (CI: 20 s;
 * DFDG_ROBUSTNESS_LONG=1: 10 minutes). Times are printed, not asserted: a loaded machine would make
 * a time bound flaky, and one loose enough not to be would hide a tenfold slowdown.
 */
import type { RunningEmulator } from '../../src/emulator';
import { JOURNAL_BODY_LIMIT } from '../../src/transport/journal';
import { getBookingDetailsBody, getBookingsBody, headersOf } from '../helpers/dfdg-calls';
import { startTestEmulator } from '../helpers/emulator';
import { envelope, soapAction } from '../helpers/envelope';
import { expectAccepted, expectFault } from '../helpers/fault-assertions';
import { postXml } from '../helpers/soap-request';
import { runMixedLoad } from './support/mixed-load';
import { byMode, LONG_MODE, report } from './support/mode';
import { ANNA, CASEWORKER, goodCreateXml, JOBCENTER } from './support/refusal-harness';
import {
  builtServerMain,
  isErrorLine,
  startServerProcess,
  tempDbPath,
  type ServerProcess,
} from './support/server-process';
import { slowClient, type Cut } from './support/slow-client';
import { percentile, sleep, SoapConnections, textOfTag, verdictOf } from './support/soap-traffic';

jest.setTimeout(byMode(180_000, 1_200_000));

const GET_BOOKINGS = soapAction('BookingService', 'GetBookings');
const getBookingsXml = (padding = ''): string =>
  envelope(getBookingsBody(ANNA), headersOf(JOBCENTER, CASEWORKER)).replace(
    '</soap:Body>',
    `${padding}</soap:Body>`,
  );

describe('configured limits hold at their edges', () => {
  let limited: RunningEmulator;
  let silent: RunningEmulator;
  beforeAll(async () => {
    limited = await startTestEmulator({ maxXmlDepth: 16, journalSize: 5 });
    silent = await startTestEmulator({ maxBodyBytes: 4096, journalSize: 0 });
  });
  afterAll(async () => {
    await Promise.all([limited.stop(), silent.stop()]);
  });

  it('When the body is exactly --max-body-bytes (4096) it is served; one byte more is 1014 REQ-XML', async () => {
    const base = getBookingsXml();
    const exactly = getBookingsXml(' '.repeat(4096 - Buffer.byteLength(base)));
    const over = getBookingsXml(' '.repeat(4097 - Buffer.byteLength(base)));
    expect([Buffer.byteLength(exactly), Buffer.byteLength(over)]).toEqual([4096, 4097]);
    expectAccepted(await postXml(`${silent.soapUrl}/BookingService`, exactly, { soapAction: GET_BOOKINGS }));
    await expectFault(await postXml(`${silent.soapUrl}/BookingService`, over, { soapAction: GET_BOOKINGS }), {
      code: 1014,
      source: 'REQ-XML',
    });
  });

  /** A foreign header block nested so that the deepest element is at `depth` (Envelope = 1). */
  const nestedTo = (depth: number): string => {
    const open = Array.from({ length: depth - 2 }, () => '<x:n xmlns:x="urn:example:deep">').join('');
    return goodCreateXml().replace('<soap:Header>', `<soap:Header>${open}${'</x:n>'.repeat(depth - 2)}`);
  };

  it('When the XML is exactly --max-xml-depth (16) deep it is served; 17 deep is 1014 REQ-XML', async () => {
    expectAccepted(
      await postXml(`${limited.soapUrl}/BookingService`, nestedTo(16), {
        soapAction: soapAction('BookingService', 'CreateBooking'),
      }),
    );
    await expectFault(
      await postXml(`${limited.soapUrl}/BookingService`, nestedTo(17), {
        soapAction: soapAction('BookingService', 'CreateBooking'),
      }),
      { code: 1014, source: 'REQ-XML' },
    );
  });

  it('When 12 calls were made with --journal-size 5, then the journal holds the newest 5', async () => {
    limited.journal.clear();
    const referenceIds: string[] = [];
    for (let i = 0; i < 12; i++) {
      const res = await postXml(`${limited.soapUrl}/BookingService`, getBookingsXml(), {
        soapAction: GET_BOOKINGS,
      });
      referenceIds.push(expectAccepted(res));
    }
    expect(limited.journal.list().map((e) => e.referenceId)).toEqual(referenceIds.slice(-5).reverse());
  });

  it('When a 2 MB request is journalled, then its entry keeps at most the journal body limit', async () => {
    const big = getBookingsXml(`<!--${'x'.repeat(2 << 20)}-->`);
    const referenceId = expectAccepted(
      await postXml(`${limited.soapUrl}/BookingService`, big, { soapAction: GET_BOOKINGS }),
    );
    const entry = limited.journal.find(referenceId);
    expect(entry?.request.length).toBeGreaterThanOrEqual(JOURNAL_BODY_LIMIT);
    expect(entry?.request.length).toBeLessThan(JOURNAL_BODY_LIMIT + 200);
  });

  it('When --journal-size is 0, then nothing is journalled', async () => {
    expectAccepted(
      await postXml(`${silent.soapUrl}/BookingService`, getBookingsXml(), { soapAction: GET_BOOKINGS }),
    );
    expect(silent.journal.list()).toEqual([]);
  });
});

describe('the server process with its default limits', () => {
  let server: ServerProcess;
  /** Slow connections opened first, so their timeouts run while the other tests do. */
  let slow: Promise<Cut[]>;
  beforeAll(async () => {
    builtServerMain();
    // The mixed load books for random new CPRs: each becomes a citizen of the calling jobcenter.
    server = await startServerProcess({
      dbPath: tempDbPath('bounded'),
      extraArgs: ['--unknown-citizens', 'create'],
    });
    const port = Number(new URL(server.soapUrl).port);
    slow = Promise.all([
      slowClient('headers-trickle', port, 100_000),
      slowClient('idle-after-handshake', port, 100_000),
      ...(LONG_MODE
        ? [slowClient('body-trickle', port, 150_000), slowClient('no-handshake', port, 180_000)]
        : []),
    ]);
  });
  afterAll(async () => {
    await server.kill('SIGTERM');
  });

  const smallCall = async (): Promise<number> => {
    const connections = new SoapConnections(server.soapUrl, '8-75100', 1);
    try {
      const answer = await connections.post('BookingService', 'GetBookings', getBookingsXml());
      expect(verdictOf(answer).kind).toBe('ok');
      return answer.ms;
    } finally {
      connections.close();
    }
  };

  it(`When a mixed load runs for ${byMode('20 s', '10 minutes')}, then every call gets its answer and the server's RSS stays within 64 MiB of its level after warm-up`, async () => {
    const loadMs = byMode(20_000, 600_000);
    const warmUpMs = byMode(8_000, 60_000);
    const samples: { atMs: number; rssMiB: number }[] = [];
    const startRss = server.rssMiB();
    const started = Date.now();
    let stop = false;
    const sampler = setInterval(
      () => samples.push({ atMs: Date.now() - started, rssMiB: server.rssMiB() }),
      500,
    );
    const load = runMixedLoad({ soapUrl: server.soapUrl, workers: 6, shouldStop: () => stop });
    await sleep(loadMs);
    stop = true;
    const result = await load;
    clearInterval(sampler);
    const median = (xs: number[]): number => percentile(xs, 50);
    const afterWarmUp = median(
      samples
        .filter((s) => s.atMs >= warmUpMs)
        .slice(0, 6)
        .map((s) => s.rssMiB),
    );
    const atEnd = median(samples.slice(-6).map((s) => s.rssMiB));
    report('mixed load', {
      seconds: loadMs / 1000,
      calls: result.calls,
      perSecond: Math.round(result.calls / (loadMs / 1000)),
      pickups: result.pickups,
      latencyMs: { p50: percentile(result.latenciesMs, 50), p99: percentile(result.latenciesMs, 99) },
      rssMiB: {
        idle: Math.round(startRss),
        afterWarmUp: Math.round(afterWarmUp),
        end: Math.round(atEnd),
        peak: Math.round(server.peakRssMiB()),
      },
    });
    expect(result.unexpected).toEqual([]);
    expect(server.logs.filter(isErrorLine)).toEqual([]);
    // The bound: the journal at capacity (200 small exchanges, ~2.5 MB), SQLite's page cache (2 MB)
    // and WAL index, and V8's heap headroom before a major GC (tens of MB) are all reached during
    // the warm-up; growth after it beyond 64 MiB over the run means memory kept per call.
    expect(atEnd - afterWarmUp).toBeLessThan(64);
    expect(atEnd).toBeLessThan(512);
  });

  it('When a 9 MB body of 1.5 million empty elements (within the 10 MB limit) is sent, then it is refused with 1014 REQ-XML before parsing, and a concurrent small call is answered', async () => {
    const body = goodCreateXml().replace(
      '<soap:Header>',
      `<soap:Header><f:x xmlns:f="urn:example:foreign">${'<f:y/>'.repeat(1_500_000)}</f:x>`,
    );
    expect(Buffer.byteLength(body)).toBeLessThan(10 * 1024 * 1024);
    const connections = new SoapConnections(server.soapUrl, '8-75100', 1);
    try {
      const big = connections.post('BookingService', 'CreateBooking', body);
      const smallMs = await smallCall();
      const answer = await big;
      // Timings are printed, not asserted: the benchmark is where speed is judged.
      report('9 MB of small elements', {
        bigMs: answer.ms,
        concurrentSmallMs: smallMs,
        peakRssMiB: Math.round(server.peakRssMiB()),
      });
      // More than 10,000 elements: the markup count refuses it without building a tree (bug 6).
      const verdict = verdictOf(answer);
      expect(
        verdict.kind === 'fault'
          ? {
              fault: `${verdict.code} ${verdict.source}`,
              byMarkupCount: verdict.detail.includes('more than 10000 elements or attributes'),
            }
          : verdict,
      ).toEqual({ fault: '1014 REQ-XML', byMarkupCount: true });
    } finally {
      connections.close();
    }
  });

  it('When a 9 MB CreateBooking within the markup limit is sent (9,000 foreign header elements of 1,100 characters each), then it is parsed and the booking is created as sent', async () => {
    const cpr = '0202575002';
    const fields = { cpr, interviewType: 3, meetingLocation: 'after nine megabytes' };
    const padding = Array.from(
      { length: 9000 },
      (_, i) => `<f:y>${String(i).padStart(1100, 'x')}</f:y>`,
    ).join('');
    // The foreign block comes before the DFDG headers and the Body: they are read only if all of it is.
    const body = goodCreateXml(fields).replace(
      '<soap:Header>',
      `<soap:Header><f:x xmlns:f="urn:example:foreign">${padding}</f:x>`,
    );
    expect(Buffer.byteLength(body)).toBeGreaterThan(9 * 1024 * 1024);
    expect(Buffer.byteLength(body)).toBeLessThan(10 * 1024 * 1024);
    const connections = new SoapConnections(server.soapUrl, '8-75100', 1);
    try {
      const answer = await connections.post('BookingService', 'CreateBooking', body);
      report('9 MB parsed', { ms: answer.ms, peakRssMiB: Math.round(server.peakRssMiB()) });
      const verdict = verdictOf(answer);
      expect(verdict.kind).toBe('ok');
      const id = textOfTag(verdict.kind === 'ok' ? verdict.body : '', 'BookingIdentifier') ?? '';
      const details = await connections.post(
        'BookingService',
        'GetBookingDetails',
        envelope(getBookingDetailsBody(id), headersOf(JOBCENTER, CASEWORKER)),
      );
      const read = verdictOf(details);
      expect(read.kind).toBe('ok');
      const booking = read.kind === 'ok' ? read.body : '';
      expect({
        cpr: textOfTag(booking, 'PersonCivilRegistrationIdentifier'),
        location: textOfTag(booking, 'MeetingLocation'),
      }).toEqual({ cpr, location: fields.meetingLocation });
    } finally {
      connections.close();
    }
  });

  it('When four 9 MB bodies arrive at once, then all are answered, the server survives, and its peak RSS stays under 1.5 GiB', async () => {
    const bodies = [
      goodCreateXml().replace('<soap:Body>', `<soap:Body><!--${'x'.repeat(9 << 20)}-->`),
      goodCreateXml().replace(
        '<soap:Header>',
        `<soap:Header><f:x xmlns:f="urn:example:foreign">${'x'.repeat(9 << 20)}</f:x>`,
      ),
      goodCreateXml({ caseworkerName: 'x'.repeat(9 << 20) }),
      goodCreateXml().replace('<soap:Body>', `<soap:Body>${' '.repeat(9 << 20)}`),
    ];
    const connections = new SoapConnections(server.soapUrl, '8-75100', 4);
    try {
      const answers = await Promise.all(
        bodies.map((b) => connections.post('BookingService', 'CreateBooking', b)),
      );
      report('four 9 MB bodies at once', {
        ms: answers.map((a) => a.ms),
        kinds: answers.map((a) => verdictOf(a).kind),
        peakRssMiB: Math.round(server.peakRssMiB()),
        rssAfterMiB: Math.round(server.rssMiB()),
      });
      expect(answers.map((a) => verdictOf(a).kind)).toEqual(['ok', 'ok', 'fault', 'ok']);
      expect(server.isRunning()).toBe(true);
      expect(server.peakRssMiB()).toBeLessThan(1536);
      await smallCall();
    } finally {
      connections.close();
    }
  });

  it('When clients trickle their headers or send nothing after the handshake, then the server cuts them with 408', async () => {
    const cuts = await slow;
    report('slow clients', { cuts });
    // Cut by the server (headersTimeout 30 s, requestTimeout 60 s, plus up to 30 s until Node's next
    // connection check), not left open until the client gave up; how soon is reported, not asserted.
    expect(cuts.map((cut) => ({ kind: cut.kind, by: cut.by, answer: cut.answer }))).toEqual(
      cuts.map((cut) => ({
        kind: cut.kind,
        by: 'server',
        answer: cut.kind === 'no-handshake' ? '' : 'HTTP/1.1 408 Request Timeout',
      })),
    );
    await smallCall();
  });
});
