/** `dfdg-emulator receive`'s endpoint: it takes what the push sender posts and prints it (REST.md §7). */
import { request } from 'node:https';
import { loadCertificateAuthority } from '../../../src/pki/dev-certificates';
import { issueClientCertificate, issueServerCertificate } from '../../../src/pki/issue-certificate';
import { startPushReceiver, type RunningPushReceiver } from '../../../src/push/push-receiver';
import { postPushMessage } from '../../../src/push/push-sender';
import { testCertDir } from '../../helpers/test-certificates';

const devCa = loadCertificateAuthority(testCertDir());
const star = issueClientCertificate(devCa, { name: 'sys-org-star-test' });
const server = issueServerCertificate(devCa, { hosts: ['localhost', '127.0.0.1'] });
const identity = { certificatePem: star.certificatePem, privateKeyPem: star.privateKeyPem };

let running: RunningPushReceiver | undefined;
afterEach(async () => {
  await running?.stop();
  running = undefined;
});

const start = async (printed: string[], answerStatus?: number): Promise<RunningPushReceiver> => {
  running = await startPushReceiver({
    port: 0,
    host: '127.0.0.1',
    serverCertificatePem: server.certificatePem,
    serverKeyPem: server.privateKeyPem,
    clientCaPem: devCa.certificatePem,
    print: (text) => printed.push(text),
    answerStatus,
  });
  return running;
};

it("When the emulator's STAR certificate posts a message, then the receiver answers 200 and prints the sender and the JSON", async () => {
  const printed: string[] = [];
  const r = await start(printed);
  const body = JSON.stringify({ messageType: 'Indkaldelse', entitetId: 90000, aendringstype: 1 });
  const outcome = await postPushMessage(
    { url: r.url, serverCaPem: devCa.certificatePem },
    identity,
    body,
    5_000,
  );
  expect(outcome).toEqual({ delivered: true, outcome: 'delivered', httpStatus: 200 });
  expect(printed).toHaveLength(1);
  expect(printed[0]).toMatch(
    /POST \/ from sys-org-star-test \(application\/json; charset=utf-8, \d+ bytes\) -> 200/,
  );
  expect(printed[0]).toContain('"messageType": "Indkaldelse"');
});

it('When the receiver is told to answer 503, then the sender sees "http 503" (to watch the retries)', async () => {
  const printed: string[] = [];
  const r = await start(printed, 503);
  const outcome = await postPushMessage(
    { url: r.url, serverCaPem: devCa.certificatePem },
    identity,
    '{}',
    5_000,
  );
  expect(outcome.outcome).toBe('http 503');
  expect(printed[0]).toContain('-> 503');
});

it('When a client comes without a certificate, then the receiver refuses it and prints nothing', async () => {
  const printed: string[] = [];
  const r = await start(printed);
  const failure = await new Promise<string>((resolve) => {
    const req = request(r.url, { method: 'POST', ca: devCa.certificatePem, agent: false }, (res) => {
      res.resume();
      resolve(`answered ${res.statusCode ?? 0}`);
    });
    req.on('error', (error) => resolve(`error ${error.message}`));
    req.end('{}');
  });
  expect(failure).toMatch(/^error /);
  expect(printed).toEqual([]);
});

it('When the port is taken, then starting fails with the reason instead of hanging', async () => {
  const first = await start([]);
  const port = Number(new URL(first.url).port);
  await expect(
    startPushReceiver({
      port,
      host: '127.0.0.1',
      serverCertificatePem: server.certificatePem,
      serverKeyPem: server.privateKeyPem,
      clientCaPem: devCa.certificatePem,
      print: () => undefined,
    }),
  ).rejects.toThrow(/EADDRINUSE/);
});
