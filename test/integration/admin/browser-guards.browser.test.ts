/**
 * Issue 12, item 7, in a real browser (Debian's chromium): a page on another site that the user
 * merely opens must not reset the emulator with a form POST, and a page on a DNS name that
 * resolves to 127.0.0.1 (DNS rebinding, played here by --host-resolver-rules) must not read the
 * admin API. The dashboard's own calls are dashboard.browser.test.ts's.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import type { RunningEmulator } from '../../../src/emulator';
import { launchChromium } from '../../helpers/browser';
import { startTestEmulator } from '../../helpers/emulator';

const FROZEN_AT = '2026-03-02T09:00:00.000Z';

let emulator: RunningEmulator;
let browser: Browser;
let attacker: Server;
let attackerPort: number;
/** The attacker's page: whatever HTML the test puts here. */
let attackerPage = '';

beforeAll(async () => {
  emulator = await startTestEmulator();
  attacker = createServer((_req, res) =>
    res.writeHead(200, { 'Content-Type': 'text/html' }).end(attackerPage),
  );
  await new Promise<void>((resolve) => attacker.listen(0, '127.0.0.1', resolve));
  attackerPort = (attacker.address() as AddressInfo).port;
  browser = await launchChromium(['--host-resolver-rules=MAP *.evil.example 127.0.0.1']);
}, 60_000);

beforeEach(() => {
  emulator.clock.freeze();
  emulator.clock.set(new Date(FROZEN_AT));
});

afterAll(async () => {
  await browser?.close();
  attacker?.close();
  await emulator?.stop();
});

it('When the user opens a page of another site that submits a form to POST /admin/reset, then the emulator is not reset', async () => {
  const page = await browser.newPage();
  try {
    attackerPage =
      `<form method="POST" action="${emulator.adminUrl}/admin/reset"><input name="x" value="1"></form>` +
      '<script>document.forms[0].submit()</script>';
    const answered = page.waitForResponse((r) => r.url().endsWith('/admin/reset'));
    await page.goto(`http://www.evil.example:${attackerPort}/`);
    expect((await answered).status()).toBe(403);
    expect(emulator.clock.frozen).toBe(true);
    expect(emulator.clock.now().toISOString()).toBe(FROZEN_AT);
  } finally {
    await page.close();
  }
});

it('When the user opens a page of another site that fetches POST /admin/reset (no-cors), then the emulator is not reset', async () => {
  const page = await browser.newPage();
  try {
    attackerPage = '<p>nothing to see</p>';
    await page.goto(`http://www.evil.example:${attackerPort}/`);
    await page.evaluate(async (url) => {
      await fetch(url, { method: 'POST', mode: 'no-cors' });
    }, `${emulator.adminUrl}/admin/reset`);
    expect(emulator.clock.frozen).toBe(true);
    expect(emulator.clock.now().toISOString()).toBe(FROZEN_AT);
  } finally {
    await page.close();
  }
});

it('When a page on a name rebound to 127.0.0.1 reads the journal or resets, then 421 and nothing changes', async () => {
  const page = await browser.newPage();
  try {
    const adminPort = new URL(emulator.adminUrl).port;
    const journal = await page.goto(`http://rebind.evil.example:${adminPort}/admin/journal`);
    expect(journal?.status()).toBe(421);
    // Same origin as far as the browser knows: only the Host tells it apart.
    const reset = await page.evaluate(async () => (await fetch('/admin/reset', { method: 'POST' })).status);
    expect(reset).toBe(421);
    expect(emulator.clock.now().toISOString()).toBe(FROZEN_AT);
  } finally {
    await page.close();
  }
});
