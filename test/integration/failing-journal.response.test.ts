/**
 * RULES.md INTERNAL: the process keeps serving. The journal and the log run inside the HTTP
 * server's and node-soap's callbacks, after the answer is handed over; when they fail, the call is
 * still answered, the next ones are served, and the failure is logged as what it is.
 */
import type { RunningEmulator } from '../../src/emulator';
import type { Logger } from '../../src/transport/logger';
import { adminClient } from '../helpers/admin-client';
import { callSoap, getBookingsBody, getInterviewTypesBody } from '../helpers/dfdg-calls';
import { startTestEmulator } from '../helpers/emulator';
import { caseworker, dfdgHeaders } from '../helpers/envelope';
import { ORG } from '../helpers/scenario-dfdg';
import { faultOf, type RawResponse } from '../helpers/soap-request';

const interviewTypes = (emulator: RunningEmulator): Promise<RawResponse> =>
  callSoap(emulator.soapUrl, {
    service: 'CodelistService',
    operation: 'GetInterviewTypes',
    body: getInterviewTypesBody(),
    headers: dfdgHeaders(ORG.jobcenterAarhus, caseworker(ORG.jobcenterAarhus)),
  });

/** A call refused in step 3 (no DFDG headers): a fault answered through the audit's group commit. */
const refusedCall = (emulator: RunningEmulator): Promise<RawResponse> =>
  callSoap(emulator.soapUrl, { operation: 'GetBookings', body: getBookingsBody('0101575001') });

const referenceIdOf = (res: RawResponse): string =>
  String(res.headers['x-servicerequestlogreferenceidentifier']);

it('When every log line fails to be written, then ok and refused calls are still answered, journaled, and the admin API works', async () => {
  const failing: Logger = {
    info: () => {
      throw new Error('the log cannot be written');
    },
    error: () => {
      throw new Error('the log cannot be written');
    },
  };
  const emulator = await startTestEmulator({}, failing);
  try {
    const first = await interviewTypes(emulator);
    const refused = await refusedCall(emulator);
    const second = await interviewTypes(emulator);
    expect([first.status, second.status]).toEqual([200, 200]);
    expect(first.body).toContain('GetInterviewTypesResponse');
    expect(faultOf(refused).errorCode).toBe(8232);
    expect(emulator.journal.list().map((e) => e.referenceId)).toEqual(
      [second, refused, first].map(referenceIdOf),
    );
    // The admin API logs a clock change: a failing log must not turn it into a 500.
    expect((await adminClient(emulator.adminUrl).put('/admin/clock', { frozen: true })).status).toBe(200);
  } finally {
    await emulator.stop();
  }
});

it('When the journal cannot file a call, then the call is answered, the next one is served and journaled, and the log names the journal and the call', async () => {
  const errors: Array<{ message: string; fields: Record<string, unknown> }> = [];
  const emulator = await startTestEmulator(
    {},
    { info: () => undefined, error: (message, fields = {}) => errors.push({ message, fields }) },
  );
  try {
    jest.spyOn(emulator.journal, 'add').mockImplementationOnce(() => {
      throw new Error('the journal is out of order');
    });
    const unjournaled = await interviewTypes(emulator);
    const refused = await refusedCall(emulator);
    expect(unjournaled.status).toBe(200);
    expect(faultOf(refused).errorCode).toBe(8232);
    expect(emulator.journal.list().map((e) => e.referenceId)).toEqual([referenceIdOf(refused)]);
    expect(errors).toEqual([
      {
        message: 'the journal could not file a call',
        fields: { referenceId: referenceIdOf(unjournaled), error: expect.any(Error) as Error },
      },
    ]);
  } finally {
    await emulator.stop();
  }
});
