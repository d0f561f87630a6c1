/**
 * The push outbox delivered by its worker (REST.md §7, "Delivery"; §9, "Retries on the emulator
 * clock"): a real SQLite file, real HTTPS receivers demanding a client certificate, the emulator's
 * controllable clock.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ControllableClock } from '../../../src/domain/clock';
import { loadCertificateAuthority } from '../../../src/pki/dev-certificates';
import { issueClientCertificate } from '../../../src/pki/issue-certificate';
import { postPushMessage } from '../../../src/push/push-sender';
import { PushWorker } from '../../../src/push/push-worker';
import type { QueuedPushMessage } from '../../../src/store/push.repository';
import { openStore, type Store } from '../../../src/store/store';
import { startTestReceiver, type Answer, type TestReceiver } from '../../helpers/push-receivers';
import { testCertDir } from '../../helpers/test-certificates';

const devCa = loadCertificateAuthority(testCertDir());
const star = issueClientCertificate(devCa, { name: 'sys-org-star-test' });
const T0 = new Date('2027-03-01T09:00:00Z');

let dir: string;
let store: Store;
let clock: ControllableClock;
let worker: PushWorker;
const receivers: TestReceiver[] = [];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'dfdg-push-'));
  store = openStore(join(dir, 'dfdg.sqlite'));
  clock = new ControllableClock();
  clock.freeze();
  clock.set(T0);
  worker = new PushWorker({
    store,
    clock,
    identity: { certificatePem: star.certificatePem, privateKeyPem: star.privateKeyPem },
    devCaPem: devCa.certificatePem,
    attemptTimeoutMs: 2_000,
  });
});

afterEach(async () => {
  await worker.stop();
  await Promise.all(receivers.splice(0).map((r) => r.stop()));
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

const receiver = async (answers: readonly Answer[]): Promise<TestReceiver> => {
  const r = await startTestReceiver(answers);
  receivers.push(r);
  return r;
};

const subscribe = (name: string, url: string): void =>
  store.transaction(() =>
    store.push.saveSubscription({
      name,
      organisation: { type: 8, code: '75100' },
      messageTypes: ['Indkaldelse', 'Frist'],
      url,
      serverCaPem: null,
      createdAt: T0,
    }),
  );

let counter = 0;
const message = (subscription: string, text: string): QueuedPushMessage => {
  counter += 1;
  return {
    messageId: `00000000-0000-4000-8000-${String(counter).padStart(12, '0')}`,
    subscription,
    messageType: 'Indkaldelse',
    aendringstype: 1,
    body: JSON.stringify({ text }),
    queuedAt: clock.now(),
  };
};

/** Waits, in real time, for what another party (a receiver, the worker) does on its own. */
const until = async (done: () => boolean): Promise<void> => {
  for (let i = 0; i < 500 && !done(); i += 1) await new Promise((r) => setTimeout(r, 10));
  if (!done()) throw new Error('it did not happen within 5 s');
};

const queue = (...messages: QueuedPushMessage[]): void =>
  store.transaction(() => store.push.enqueue(messages));

it("When three messages are queued for a subscriber, then one pass delivers them once each, in order, with STAR's certificate", async () => {
  const r = await receiver([200]);
  subscribe('jc', r.url);
  queue(message('jc', 'one'), message('jc', 'two'), message('jc', 'three'));
  expect(await worker.runDue()).toBe(3);
  expect(r.json<{ text: string }>().map((m) => m.text)).toEqual(['one', 'two', 'three']);
  expect(new Set(r.received.map((x) => x.clientCn))).toEqual(new Set(['sys-org-star-test']));
  expect(store.push.attempts({ limit: 10 }).map((a) => [a.outcome, a.status])).toEqual([
    ['delivered', 'delivered'],
    ['delivered', 'delivered'],
    ['delivered', 'delivered'],
  ]);
  expect(await worker.runDue()).toBe(0);
});

it('When the receiver answers 500 three times and then 200, then the message arrives on the fourth attempt as the clock reaches each retry, and the later one waits behind it', async () => {
  const r = await receiver([500, 500, 500, 200]);
  subscribe('jc', r.url);
  const first = message('jc', 'first');
  queue(first, message('jc', 'second'));

  expect(await worker.runDue()).toBe(1);
  expect(store.push.message(first.messageId)).toMatchObject({ status: 'pending', attempts: 1 });
  expect(await worker.runDue()).toBe(0); // not due: 30 s have not passed on the emulator clock

  clock.advance(30_000);
  expect(await worker.runDue()).toBe(1);
  clock.advance(59_000);
  expect(await worker.runDue()).toBe(0); // the second retry comes a minute after the second attempt
  clock.advance(1_000);
  expect(await worker.runDue()).toBe(1);
  clock.advance(120_000);
  expect(await worker.runDue()).toBe(2); // the fourth attempt delivers, and the second message follows

  const sent = store.push.message(first.messageId);
  expect(sent?.status).toBe('delivered');
  expect(sent?.attemptList.map((a) => [a.attempt, a.outcome, a.status, a.time.toISOString()])).toEqual([
    [1, 'http 500', 'pending', '2027-03-01T09:00:00.000Z'],
    [2, 'http 500', 'pending', '2027-03-01T09:00:30.000Z'],
    [3, 'http 500', 'pending', '2027-03-01T09:01:30.000Z'],
    [4, 'delivered', 'delivered', '2027-03-01T09:03:30.000Z'],
  ]);
  expect(r.json<{ text: string }>().map((m) => m.text)).toEqual([
    'first',
    'first',
    'first',
    'first',
    'second',
  ]);
});

it('When a receiver is down for 24 emulator hours, then its message ends abandoned and no longer holds back the next', async () => {
  const r = await receiver([503]);
  subscribe('jc', r.url);
  const doomed = message('jc', 'doomed');
  queue(doomed);
  await worker.runDue();
  for (let hour = 0; hour < 25 && store.push.message(doomed.messageId)?.status === 'pending'; hour += 1) {
    clock.advance(60 * 60_000);
    await worker.runDue();
  }
  const ended = store.push.message(doomed.messageId);
  expect(ended?.status).toBe('abandoned');
  const last = ended?.attemptList.at(-1);
  expect(last?.status).toBe('abandoned');
  expect(last!.time.getTime() - T0.getTime()).toBeGreaterThanOrEqual(24 * 3_600_000);
  expect(ended?.attemptList.slice(0, -1).every((a) => a.status === 'pending')).toBe(true);

  const healthy = await receiver([200]);
  subscribe('jc', healthy.url);
  const next = message('jc', 'next');
  queue(next);
  expect(await worker.runDue()).toBe(1);
  expect(store.push.message(next.messageId)?.status).toBe('delivered');
});

it("When one subscriber hangs, then another subscriber's messages are delivered in the same pass", async () => {
  const hanging = await receiver(['hang']);
  const fine = await receiver([200]);
  subscribe('hangs', hanging.url);
  subscribe('fine', fine.url);
  const stuck = message('hangs', 'stuck');
  queue(stuck, message('fine', 'a'), message('fine', 'b'));
  expect(await worker.runDue()).toBe(3);
  expect(fine.received).toHaveLength(2);
  expect(store.push.message(stuck.messageId)?.attemptList.map((a) => a.outcome)).toEqual(['timeout']);
});

it('When one subscriber hangs, then a message queued for another while it hangs is delivered before the hanging attempt ends', async () => {
  const hanging = await receiver(['hang']);
  const fine = await receiver([200]);
  subscribe('hangs', hanging.url);
  subscribe('fine', fine.url);
  const stuck = message('hangs', 'stuck');
  // What the store says of the hanging message at the moment 'b' is sent.
  let stuckAttemptsWhenBWasSent: number | undefined;
  worker = new PushWorker({
    store,
    clock,
    identity: { certificatePem: star.certificatePem, privateKeyPem: star.privateKeyPem },
    devCaPem: devCa.certificatePem,
    attemptTimeoutMs: 2_000,
    send: (endpoint, identity, body, timeoutMs) => {
      if (body === JSON.stringify({ text: 'b' }))
        stuckAttemptsWhenBWasSent = store.push.message(stuck.messageId)?.attempts;
      return postPushMessage(endpoint, identity, body, timeoutMs);
    },
  });
  queue(stuck, message('fine', 'a'));
  const firstPass = worker.runDue();
  await until(() => fine.received.length === 1 && hanging.received.length === 1);

  queue(message('fine', 'b'));
  const secondPass = worker.runDue();
  await Promise.all([firstPass, secondPass]);
  expect(fine.json<{ text: string }>().map((m) => m.text)).toEqual(['a', 'b']);
  // 'b' went out while the hanging attempt was still open: nothing was recorded for it yet.
  expect(stuckAttemptsWhenBWasSent).toBe(0);
  expect(store.push.message(stuck.messageId)?.attemptList.map((a) => a.outcome)).toEqual(['timeout']);
});

it('When the process stops after queueing and before delivering, then a new worker on the same file delivers the message', async () => {
  const r = await receiver([200]);
  subscribe('jc', r.url);
  const kept = message('jc', 'kept');
  queue(kept);
  store.close();
  store = openStore(join(dir, 'dfdg.sqlite'));
  worker = new PushWorker({
    store,
    clock,
    identity: { certificatePem: star.certificatePem, privateKeyPem: star.privateKeyPem },
    devCaPem: devCa.certificatePem,
  });
  expect(await worker.runDue()).toBe(1);
  expect(r.received.map((x) => x.body)).toEqual([JSON.stringify({ text: 'kept' })]);
});

it('When an abandoned message is retried through the repository, then it is tried again, and a delivered one is not', async () => {
  const r = await receiver([500, 500, 200]);
  subscribe('jc', r.url);
  const m = message('jc', 'again');
  queue(m);
  await worker.runDue();
  clock.advance(25 * 3_600_000);
  await worker.runDue();
  expect(store.push.message(m.messageId)?.status).toBe('abandoned');
  expect(store.transaction(() => store.push.retry(m.messageId, clock.now()))).toBe(true);
  expect(await worker.runDue()).toBe(1);
  expect(store.push.message(m.messageId)?.status).toBe('delivered');
  expect(store.transaction(() => store.push.retry(m.messageId, clock.now()))).toBe(false);
});
