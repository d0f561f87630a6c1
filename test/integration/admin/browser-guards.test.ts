/**
 * Issue 12, item 7: the admin API against the user's own browser. Requests go to the real admin
 * port with the headers a browser sends (node:http, which lets the test set Host, Origin and
 * Sec-Fetch-Site as a browser would): a DNS-rebinding page's Host, a cross-site form's content type
 * and Origin. Scripts, which send none of these, are served as before.
 */
import { request } from 'node:http';
import type { RunningEmulator } from '../../../src/emulator';
import { expectProblem, type AdminResponse } from '../../helpers/admin-client';
import { startTestEmulator } from '../../helpers/emulator';

interface Sent {
  readonly method: string;
  readonly path: string;
  readonly headers?: Record<string, string>;
  readonly body?: string;
}

/** One request to the admin port with exactly these headers (Host included). */
const send = (adminUrl: string, { method, path, headers = {}, body }: Sent): Promise<AdminResponse> =>
  new Promise((resolve, reject) => {
    const url = new URL(adminUrl);
    const req = request(
      { host: url.hostname, port: url.port, method, path, headers, setHost: !('Host' in headers) },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            contentType: res.headers['content-type'] ?? '',
            body: text.startsWith('{') ? (JSON.parse(text) as unknown) : text,
          }),
        );
      },
    );
    req.on('error', reject);
    req.end(body);
  });

const freezeAt = (emulator: RunningEmulator, iso: string): void => {
  emulator.clock.freeze();
  emulator.clock.set(new Date(iso));
};

describe('without a token', () => {
  let emulator: RunningEmulator;
  let port: string;
  beforeAll(async () => {
    emulator = await startTestEmulator({ publicHost: 'dfdg.example.test' });
    port = new URL(emulator.adminUrl).port;
  });
  beforeEach(() => freezeAt(emulator, '2026-03-02T09:00:00Z'));
  afterAll(() => emulator.stop());

  it.each([
    ['GET', '/admin/journal'],
    ['GET', '/'],
    ['POST', '/admin/certificates'],
    ['POST', '/admin/reset'],
  ])(
    'When %s %s comes addressed to a rebound DNS name, then 421 problem and nothing is served',
    async (method, path) => {
      const res = await send(emulator.adminUrl, {
        method,
        path,
        headers: {
          Host: `rebind.evil.example:${port}`,
          'Content-Type': 'application/json',
        },
        body:
          method === 'POST'
            ? JSON.stringify({ name: 'stolen', organisations: [{ type: 5, code: '4' }] })
            : '',
      });
      const problem = expectProblem(res, 421);
      expect(problem.detail).toContain('--public-host');
      expect(emulator.clock.now().toISOString()).toBe('2026-03-02T09:00:00.000Z');
    },
  );

  it.each([
    ['127.0.0.1 with its port', () => `127.0.0.1:${port}`],
    ['localhost with its port', () => `localhost:${port}`],
    ['localhost in capitals', () => `LOCALHOST:${port}`],
    ['[::1] with its port', () => `[::1]:${port}`],
    ['localhost without a port (a forwarded port)', () => 'localhost'],
    ['the configured public host', () => `dfdg.example.test:${port}`],
  ])('When a request comes addressed to %s, then it is served', async (_name, host) => {
    const res = await send(emulator.adminUrl, {
      method: 'GET',
      path: '/admin/health',
      headers: { Host: host() },
    });
    expect(res.status).toBe(200);
  });

  it.each([
    ['a host that merely ends like an allowed one', 'evil-localhost'],
    ['an allowed name with a trailing dot', 'localhost.'],
    ['a loopback address other than 127.0.0.1', '127.0.0.2'],
  ])('When a request comes addressed to %s, then 421', async (_name, host) => {
    expectProblem(
      await send(emulator.adminUrl, {
        method: 'GET',
        path: '/admin/health',
        headers: { Host: `${host}:${port}` },
      }),
      421,
    );
  });

  it.each<[string, Record<string, string>, string, number]>([
    [
      'a cross-site HTML form (urlencoded, with the attacker’s Origin)',
      { 'Content-Type': 'application/x-www-form-urlencoded', Origin: 'http://evil.example' },
      '',
      403,
    ],
    [
      'a form from a page without an Origin header',
      { 'Content-Type': 'application/x-www-form-urlencoded' },
      '',
      415,
    ],
    ['a text/plain "simple" fetch', { 'Content-Type': 'text/plain' }, '{}', 415],
    ['a body-less fetch from another origin', { Origin: 'http://127.0.0.1:3000' }, '', 403],
    ['a sandboxed page (Origin: null)', { Origin: 'null' }, '', 403],
    [
      'JSON marked cross-site by the browser',
      { 'Content-Type': 'application/json', 'Sec-Fetch-Site': 'cross-site' },
      '{}',
      403,
    ],
    [
      'JSON from another port of the same host (same-site)',
      { 'Content-Type': 'application/json', 'Sec-Fetch-Site': 'same-site' },
      '{}',
      403,
    ],
  ])(
    'When POST /admin/reset is %s, then it is refused and nothing is reset',
    async (_name, headers, body, status) => {
      expectProblem(
        await send(emulator.adminUrl, { method: 'POST', path: '/admin/reset', headers, body }),
        status,
      );
      expect(emulator.clock.frozen).toBe(true);
      expect(emulator.clock.now().toISOString()).toBe('2026-03-02T09:00:00.000Z');
    },
  );

  it('When the dashboard changes the clock (same origin, JSON), then it is served', async () => {
    const res = await send(emulator.adminUrl, {
      method: 'PUT',
      path: '/admin/clock',
      headers: {
        'Content-Type': 'application/json; charset=utf-8',
        Origin: `http://127.0.0.1:${port}`,
        'Sec-Fetch-Site': 'same-origin',
      },
      body: JSON.stringify({ advance: 'P1D' }),
    });
    expect(res.status).toBe(200);
    expect(emulator.clock.now().toISOString()).toBe('2026-03-03T09:00:00.000Z');
  });

  it('When a script POSTs /admin/reset without a body or content type (curl -X POST), then it is served', async () => {
    const res = await send(emulator.adminUrl, { method: 'POST', path: '/admin/reset' });
    expect(res.status).toBe(200);
    expect(emulator.clock.frozen).toBe(false);
  });
});

describe('with a token', () => {
  let emulator: RunningEmulator;
  beforeAll(async () => {
    emulator = await startTestEmulator({ adminToken: 'secret' });
  });
  afterAll(() => emulator.stop());

  it('When the admin cookie is not valid percent-encoding, then 401 problem, not a 500', async () => {
    const res = await send(emulator.adminUrl, {
      method: 'GET',
      path: '/admin/health',
      headers: { Cookie: 'dfdg_admin_token=%E0%A4%A' },
    });
    expectProblem(res, 401);
  });

  it('When a call brings the token, then it is served by any host name (the token, not the name, lets it in)', async () => {
    const res = await send(emulator.adminUrl, {
      method: 'GET',
      path: '/admin/health',
      headers: { Host: 'emulator.lan:8080', Authorization: 'Bearer secret' },
    });
    expect(res.status).toBe(200);
  });

  it('When a cross-site form brings the cookie anyway, then it is refused', async () => {
    const res = await send(emulator.adminUrl, {
      method: 'POST',
      path: '/admin/reset',
      headers: {
        Cookie: 'dfdg_admin_token=secret',
        'Content-Type': 'application/x-www-form-urlencoded',
        Origin: 'http://evil.example',
      },
    });
    expectProblem(res, 403);
  });
});
