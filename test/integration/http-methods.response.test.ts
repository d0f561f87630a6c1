import type { RunningEmulator } from '../../src/emulator';
import { startTestEmulator } from '../helpers/emulator';
import { envelope, soapAction } from '../helpers/envelope';
import { getInterviewTypesBody } from '../helpers/dfdg-calls';
import { exchange, postXml } from '../helpers/soap-request';
import { clientTls } from '../helpers/test-certificates';

/**
 * What HTTP around SOAP looks like (CONTRACT.md, issue 12 item 10): an answer is always
 * text/xml in UTF-8, whatever the request's Content-Type; a service path serves POST (the
 * operations) and GET ?wsdl, and answers 405 to anything else instead of an empty 200.
 */
let emulator: RunningEmulator;
beforeAll(async () => {
  emulator = await startTestEmulator();
});
afterAll(() => emulator.stop());

it.each(['text/html', 'image/svg+xml', 'text/xml; charset=utf-16', 'application/octet-stream'])(
  'When a valid call comes with Content-Type %s, then it is answered with 200 as text/xml; charset=utf-8',
  async (contentType) => {
    const res = await postXml(`${emulator.soapUrl}/CodelistService`, envelope(getInterviewTypesBody()), {
      soapAction: soapAction('CodelistService', 'GetInterviewTypes'),
      contentType,
    });
    expect({ status: res.status, contentType: res.headers['content-type'] }).toEqual({
      status: 200,
      contentType: 'text/xml; charset=utf-8',
    });
    expect(res.body).toContain('GetInterviewTypesResponse');
  },
);

const call = (method: string, path: string) =>
  exchange(`${emulator.soapUrl}${path}`, '', { method, agent: false, ...clientTls('8-75100') });

it.each([
  ['PUT', '/BookingService'],
  ['DELETE', '/BookingService'],
  ['PATCH', '/ExternalBookingService'],
  ['OPTIONS', '/BookingWsrmMessageService'],
  ['GET', '/PersonStatusService'],
  ['GET', '/CodelistService/'],
  ['GET', '/BookingService?xsd=1'],
])(
  'When %s %s arrives, then it is answered 405 with Allow: GET, POST, and no call is audited',
  async (method, path) => {
    const audited = emulator.store.audit.list({ limit: 1000 }).length;
    const res = await call(method, path);
    expect({ status: res.status, allow: res.headers.allow }).toEqual({ status: 405, allow: 'GET, POST' });
    expect(res.body).toContain('POST');
    expect(emulator.store.audit.list({ limit: 1000 })).toHaveLength(audited);
  },
);

it('When GET ?wsdl arrives on a service path, then the WSDL is still served', async () => {
  const res = await call('GET', '/BookingService?wsdl');
  expect(res.status).toBe(200);
  expect(res.headers['content-type']).toBe('text/xml; charset=utf-8');
  expect(res.body).toContain('<wsdl:definitions');
});
