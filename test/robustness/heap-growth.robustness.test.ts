/**
 * Issue 16, item 3: RSS under load. The server process (`node dist/src/main.js`) keeps about 25 MB
 * alive, yet V8 let its heap grow to four times that between two full collections under a booking
 * load (RSS 240-260 MB); main.ts limits that growth (src/cli/heap-growth.ts). The load is counted
 * in calls, not seconds, so a slow machine sends the same amount of garbage as a fast one.
 */
import { randomUUID } from 'node:crypto';
import { byMode, report } from './support/mode';
import { goodCreateXml } from './support/refusal-harness';
import { isErrorLine, startServerProcess, tempDbPath, type ServerProcess } from './support/server-process';
import { SoapConnections, verdictOf } from './support/soap-traffic';

jest.setTimeout(byMode(300_000, 900_000));

const CONNECTIONS = 10;
const CALLS = byMode(8_000, 40_000);
/** The bound for the emulator under load (node-soap alone on the same WSDLs: 130-140 MB). */
const RSS_LIMIT_MIB = 200;

let server: ServerProcess;
beforeAll(async () => {
  server = await startServerProcess({ dbPath: tempDbPath('heap-growth') });
});
afterAll(async () => {
  await server.kill('SIGTERM');
});

it(`When ${CONNECTIONS} connections make ${CALLS} bookings, then every one is accepted and the server's RSS stays within ${RSS_LIMIT_MIB} MiB`, async () => {
  const connections = new SoapConnections(server.soapUrl, '8-75100', CONNECTIONS);
  let sent = 0;
  const refused: string[] = [];
  const worker = async (): Promise<void> => {
    while (sent < CALLS) {
      sent++;
      const answer = await connections.post(
        'BookingService',
        'CreateBooking',
        goodCreateXml({ id: randomUUID() }),
      );
      const verdict = verdictOf(answer);
      if (verdict.kind !== 'ok') refused.push(JSON.stringify(verdict));
    }
  };
  try {
    await Promise.all(Array.from({ length: CONNECTIONS }, worker));
  } finally {
    connections.close();
  }
  const peak = server.peakRssMiB();
  report('heap growth', { calls: sent, peakRssMiB: Math.round(peak), rssMiB: Math.round(server.rssMiB()) });
  expect(refused.slice(0, 3)).toEqual([]);
  expect(server.logs.filter(isErrorLine)).toEqual([]);
  expect(peak).toBeLessThanOrEqual(RSS_LIMIT_MIB);
});
