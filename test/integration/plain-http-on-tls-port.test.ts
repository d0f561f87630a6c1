import { request } from 'node:http';
import type { RunningEmulator } from '../../src/emulator';
import type { Logger } from '../../src/transport/logger';
import { startTestEmulator } from '../helpers/emulator';
import { postXml } from '../helpers/soap-request';
import { envelope, soapAction } from '../helpers/envelope';
import { getInterviewTypesBody } from '../helpers/dfdg-calls';

/**
 * Plain http:// to the TLS port (issue 17 item 10): a newcomer's first mistake got an empty reply and
 * no log line. It is answered with a plain-text 400 that says to use https, and logged.
 */
const logged: Array<{ message: string; fields: Record<string, unknown> | undefined }> = [];
const logger: Logger = {
  info: (message, fields) => logged.push({ message, fields }),
  error: (message, fields) => logged.push({ message, fields }),
};

let emulator: RunningEmulator;
beforeAll(async () => {
  emulator = await startTestEmulator({}, logger);
});
afterAll(() => emulator.stop());

const plainHttp = (method: string, url: string): Promise<{ status: number; type: string; body: string }> =>
  new Promise((resolve, reject) => {
    const req = request(url, { method, agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, type: res.headers['content-type'] ?? '', body }),
      );
    });
    req.on('error', reject);
    req.end(method === 'POST' ? envelope(getInterviewTypesBody()) : undefined);
  });

it.each(['GET', 'POST'])(
  'When %s comes as plain http:// to the TLS port, then it is answered 400 in plain text saying to use https, and logged',
  async (method) => {
    const url = emulator.soapUrl.replace(/^https:/, 'http:');
    logged.length = 0;
    const res = await plainHttp(method, `${url}/CodelistService`);
    expect(res.status).toBe(400);
    expect(res.type).toBe('text/plain; charset=utf-8');
    expect(res.body).toContain('HTTPS with mutual TLS');
    expect(res.body).toContain(`${emulator.soapUrl}/`);
    expect(logged.map((l) => l.message)).toContain('plain HTTP on the TLS port: answered 400, use https');
  },
);

it('When plain http was answered, then the TLS port still serves https calls', async () => {
  await plainHttp('GET', `${emulator.soapUrl.replace(/^https:/, 'http:')}/CodelistService`);
  const res = await postXml(`${emulator.soapUrl}/CodelistService`, envelope(getInterviewTypesBody()), {
    soapAction: soapAction('CodelistService', 'GetInterviewTypes'),
  });
  expect(res.status).toBe(200);
});
