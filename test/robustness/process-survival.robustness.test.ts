/**
 * Issue 12, item 2: RULES.md INTERNAL, "the process keeps serving". The built server runs as a child
 * process: a clock asked to leave its range is refused (it became NaN, and the next SOAP call ended
 * the process with ERR_STREAM_WRITE_AFTER_END), and a log that can no longer be written (the reader
 * of its stderr went away: EPIPE) ends nothing either.
 */
import { callSoap, getInterviewTypesBody } from '../helpers/dfdg-calls';
import { caseworker, dfdgHeaders } from '../helpers/envelope';
import { ORG } from '../helpers/scenario-dfdg';
import type { RawResponse } from '../helpers/soap-request';
import {
  builtServerMain,
  startServerProcess,
  tempDbPath,
  type ServerProcess,
} from './support/server-process';

jest.setTimeout(120_000);

beforeAll(() => {
  builtServerMain();
});

const interviewTypes = (server: ServerProcess): Promise<RawResponse> =>
  callSoap(server.soapUrl, {
    service: 'CodelistService',
    operation: 'GetInterviewTypes',
    body: getInterviewTypesBody(),
    headers: dfdgHeaders(ORG.jobcenterAarhus, caseworker(ORG.jobcenterAarhus)),
  });

const putClock = async (server: ServerProcess, body: unknown): Promise<number> =>
  (
    await fetch(`${server.adminUrl}/admin/clock`, {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    })
  ).status;

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

it('When the clock is asked to jump 99999999 days or to the year 275760, then 400, and the process goes on serving SOAP calls', async () => {
  const server = await startServerProcess({ dbPath: tempDbPath('clock-range') });
  try {
    expect(await putClock(server, { advance: 'P99999999D' })).toBe(400);
    expect(await putClock(server, { now: '275760-09-13T00:00:00Z' })).toBe(400);
    const answers = [await interviewTypes(server), await interviewTypes(server)];
    expect(answers.map((a) => a.status)).toEqual([200, 200]);
    expect((await fetch(`${server.adminUrl}/admin/health`)).status).toBe(200);
    expect(server.isRunning()).toBe(true);
  } finally {
    await server.kill('SIGTERM');
  }
});

it('When the reader of the log goes away, then the process goes on serving SOAP and admin calls', async () => {
  const server = await startServerProcess({ dbPath: tempDbPath('closed-log') });
  try {
    server.closeStderr();
    // Every call below writes a log line, which now fails with EPIPE.
    for (let round = 0; round < 3; round++) {
      expect((await interviewTypes(server)).status).toBe(200);
      expect(await putClock(server, { frozen: round % 2 === 0 })).toBe(200);
      await sleep(50); // the info lines are written on the next turn of the server's event loop
    }
    expect(server.isRunning()).toBe(true);
  } finally {
    await server.kill('SIGTERM');
  }
});
