import type { RunningEmulator } from '../../src/emulator';
import type { ServiceName } from '../../src/soap/contracts';
import { startTestEmulator } from '../helpers/emulator';
import {
  aBooking,
  caseworker,
  createBookingBody,
  dfdgHeaders,
  envelope,
  requestBody,
  soapAction,
  type Org,
} from '../helpers/envelope';
import { responseSchemaErrors } from '../helpers/response-schema';
import { postXml, textOf } from '../helpers/soap-request';
import type { CertificateName } from '../helpers/test-certificates';

let emulator: RunningEmulator;
beforeAll(async () => {
  emulator = await startTestEmulator();
});
afterAll(() => emulator.stop());

const jobcenter: Org = { type: 8, code: '75100' };

const call = async (
  service: ServiceName,
  operation: string,
  body: string,
  cert: CertificateName = '8-75100',
  ao: Org = jobcenter,
) => {
  const headers = service === 'CodelistService' ? undefined : dfdgHeaders(ao, caseworker(ao));
  const res = await postXml(`${emulator.soapUrl}/${service}`, envelope(body, headers), {
    cert,
    soapAction: soapAction(service, operation),
  });
  return res;
};

it('When every operation of every service answers, then each response is valid against its XSD', async () => {
  const created = await call(
    'BookingService',
    'CreateBooking',
    createBookingBody(aBooking({ meetingLocation: 'telefon', caseworkerName: 'Mette Hansen' })),
  );
  expect(created.status).toBe(200);
  const id = textOf(created.body, 'BookingIdentifier') ?? '';
  const wsrmBody = (op: string, identifier?: string) =>
    requestBody('BookingWsrmMessageService', op, identifier ? { Identifier: identifier } : {});

  const exchanges: Array<[ServiceName, string, string]> = [
    ['BookingService', 'CreateBooking', created.body],
    [
      'BookingService',
      'GetBookingDetails',
      (
        await call(
          'BookingService',
          'GetBookingDetails',
          requestBody('BookingService', 'GetBookingDetails', { BookingIdentifier: id }),
        )
      ).body,
    ],
    [
      'BookingService',
      'GetBookings',
      (
        await call(
          'BookingService',
          'GetBookings',
          requestBody('BookingService', 'GetBookings', { PersonCivilRegistrationIdentifier: '0101575001' }),
        )
      ).body,
    ],
    [
      'PersonStatusService',
      'GetVariablePersonStatus',
      (
        await call(
          'PersonStatusService',
          'GetVariablePersonStatus',
          requestBody('PersonStatusService', 'GetVariablePersonStatus', {
            PersonCivilRegistrationIdentifier: '0101575001',
            RequestVariableType:
              '<s:Core>true</s:Core><s:Authority>true</s:Authority><s:Booking>true</s:Booking><s:InterviewDeadline>true</s:InterviewDeadline>',
          }),
        )
      ).body,
    ],
    [
      'CodelistService',
      'GetInterviewTypes',
      (
        await call(
          'CodelistService',
          'GetInterviewTypes',
          requestBody('CodelistService', 'GetInterviewTypes', {}),
        )
      ).body,
    ],
  ];
  const sequence = await call('BookingWsrmMessageService', 'CreateSequence', wsrmBody('CreateSequence'));
  exchanges.push(['BookingWsrmMessageService', 'CreateSequence', sequence.body]);
  const sequenceId = textOf(sequence.body, 'Identifier') ?? '';
  exchanges.push([
    'BookingWsrmMessageService',
    'GetBookings',
    (await call('BookingWsrmMessageService', 'GetBookings', wsrmBody('GetBookings', sequenceId))).body,
  ]);
  exchanges.push([
    'BookingWsrmMessageService',
    'TerminateSequence',
    (await call('BookingWsrmMessageService', 'TerminateSequence', wsrmBody('TerminateSequence', sequenceId)))
      .body,
  ]);
  const start = new Date(Date.now() + 9 * 24 * 3600 * 1000);
  exchanges.push([
    'ExternalBookingService',
    'RescheduleBooking',
    (
      await call(
        'ExternalBookingService',
        'RescheduleBooking',
        requestBody('ExternalBookingService', 'RescheduleBooking', {
          BookingIdentifier: id,
          BookingStartTime: start.toISOString(),
          BookingEndTime: new Date(start.getTime() + 1800_000).toISOString(),
        }),
      )
    ).body,
  ]);
  exchanges.push([
    'ExternalBookingService',
    'CancelBooking',
    (
      await call(
        'ExternalBookingService',
        'CancelBooking',
        requestBody('ExternalBookingService', 'CancelBooking', { BookingIdentifier: id }),
      )
    ).body,
  ]);

  for (const [service, operation, body] of exchanges) {
    expect({ operation, body: body.includes(`<${operation}Response`) ? 'response' : body }).toEqual({
      operation,
      body: 'response',
    });
    expect({ operation, errors: await responseSchemaErrors(service, body) }).toEqual({
      operation,
      errors: [],
    });
  }
  expect(textOf(exchanges[1]?.[2] ?? '', 'BookingStatus')).toBe('Active');
  expect(
    exchanges.find(([service, op]) => service === 'BookingWsrmMessageService' && op === 'GetBookings')?.[2],
  ).toContain('<BookingMessage');
});
