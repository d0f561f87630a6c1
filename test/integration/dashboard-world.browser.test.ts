import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { RunningEmulator } from '../../src/emulator';
import { PROJECT_ROOT } from '../../src/project-root';
import { launchChromium } from '../helpers/browser';
import { ownCertDir } from '../helpers/cli-run';
import { startTestEmulator } from '../helpers/emulator';
import { adminClient } from '../helpers/admin-client';
import { startTestReceiver } from '../helpers/push-receivers';

/**
 * The dashboard's world tabs (citizens, organisations, certificates) in headless Chromium: what a
 * user can call as and about, read from the admin API, and a certificate issued, refused under a
 * name in use, and replaced from the page.
 */
const OUTPUT = join(PROJECT_ROOT, 'test-output');

let emulator: RunningEmulator;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  // The page issues certificates into the cert dir: its own copy.
  emulator = await startTestEmulator({ certDir: ownCertDir() });
  browser = await launchChromium();
  page = await browser.newPage({
    viewport: { width: 1400, height: 900 },
    timezoneId: 'UTC',
    locale: 'da-DK',
  });
  mkdirSync(OUTPUT, { recursive: true });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await emulator?.stop();
});

const rowText = async (selector: string): Promise<string> => {
  const row = page.locator(selector);
  await row.waitFor();
  return (await row.textContent()) ?? '';
};

it('When the citizens tab is opened, then every citizen is listed with who may see them, and an organisation narrows the list', async () => {
  await page.goto(`${emulator.adminUrl}/#citizens`);
  expect(await rowText('[data-testid="citizen-row"][data-cpr="0101575001"]')).toMatch(
    /Anna Testesen.*751 \/ 75100.*8\/75100/,
  );
  expect(await page.locator('[data-testid="citizen-row"]').count()).toBe(13);
  expect(await rowText('[data-testid="citizen-row"][data-cpr="1010575010"]')).toContain('deceased');
  await page.screenshot({ path: join(OUTPUT, 'dashboard-citizens.png'), fullPage: true });

  await page.fill('[data-testid="citizens-organisation"]', '4:35669035');
  await page.click('[data-testid="citizens-submit"]');
  await page.locator('[data-testid="citizen-row"][data-cpr="0101575001"]').waitFor({ state: 'detached' });
  expect(
    await page
      .locator('[data-testid="citizen-row"]')
      .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-cpr'))),
  ).toEqual(['0808575008']);
}, 60_000);

it('When the organisations tab is opened, then each organisation shows the certificates that may act as it', async () => {
  await page.goto(`${emulator.adminUrl}/#organisations`);
  expect(await rowText('[data-testid="organisation-row"][data-organisation="8:75100"]')).toMatch(
    /Jobcenter Aarhus.*8-75100, kss-vendor/,
  );
  expect(await rowText('[data-testid="organisation-row"][data-organisation="7:101"]')).toMatch(/none$/);
  await page.screenshot({ path: join(OUTPUT, 'dashboard-organisations.png'), fullPage: true });
}, 60_000);

it("When a certificate is issued from the certificates tab, then it is listed as the API's; a second under its name is refused until replace is ticked", async () => {
  await page.goto(`${emulator.adminUrl}/#certificates`);
  expect(await rowText('[data-testid="certificate-row"][data-name="kss-vendor"]')).toMatch(
    /kss-vendor.*fixtures.*7\/751, 8\/10100, 8\/75100/,
  );
  const issue = async () => {
    await page.fill('[data-testid="certificate-name"]', 'tab-client');
    await page.fill('[data-testid="certificate-organisations"]', '2:17');
    await page.click('[data-testid="certificate-submit"]');
  };
  const [download] = await Promise.all([page.waitForEvent('download'), issue()]);
  expect(download.suggestedFilename()).toBe('tab-client.p12');
  expect(await rowText('[data-testid="certificate-row"][data-name="tab-client"]')).toMatch(
    /tab-client.*api.*2\/17/,
  );
  const first = await page
    .locator('[data-testid="certificate-row"][data-name="tab-client"] code[title]')
    .getAttribute('title');

  await issue();
  const status = page.locator('[data-testid="status"].error');
  await status.waitFor();
  expect(await status.textContent()).toMatch(/^Conflict: a certificate named "tab-client" exists already/);

  await page.check('[data-testid="certificate-replace"]');
  await Promise.all([page.waitForEvent('download'), issue()]);
  const fingerprint = page.locator('[data-testid="certificate-row"][data-name="tab-client"] code[title]');
  await page.waitForFunction(
    ([selector, old]) => document.querySelector(selector)?.getAttribute('title') !== old,
    ['[data-testid="certificate-row"][data-name="tab-client"] code[title]', first] as const,
  );
  expect(await page.locator('[data-testid="certificate-row"][data-name="tab-client"]').count()).toBe(1);
  expect(await fingerprint.getAttribute('title')).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
  await page.screenshot({ path: join(OUTPUT, 'dashboard-certificates.png'), fullPage: true });
}, 60_000);

it('When push messages were sent, then the deliveries tab lists each attempt with its outcome, and the status filter narrows it', async () => {
  const receiver = await startTestReceiver([200]);
  const down = await startTestReceiver([200]);
  const downUrl = down.url;
  await down.stop();
  try {
    const admin = adminClient(emulator.adminUrl);
    const subscription = (url: string) => ({ organisation: '8:75100', messageTypes: ['Frist'], url });
    expect((await admin.put('/admin/subscriptions/tab-up', subscription(receiver.url))).status).toBe(200);
    expect((await admin.put('/admin/subscriptions/tab-down', subscription(downUrl))).status).toBe(200);
    const citizen = await admin.put('/admin/citizens/0101575001', {
      name: 'Anna Testesen',
      kommune: '751',
      jobcenter: '75100',
      akasse: '17',
      selfBookingDeadlines: [{ interviewType: 7, deadline: '+21d' }],
    });
    expect(citizen.status).toBe(200);
    await emulator.push.runDue();

    await page.goto(`${emulator.adminUrl}/#deliveries`);
    await page.locator('[data-testid="delivery-row"][data-status="delivered"]').waitFor();
    expect(await rowText('[data-testid="delivery-row"][data-status="delivered"]')).toMatch(
      /tab-up.*Frist \(update\).*delivered/,
    );
    expect(await rowText('[data-testid="delivery-row"][data-status="pending"]')).toMatch(
      /tab-down.*connect: ECONNREFUSED/,
    );
    await page.screenshot({ path: join(OUTPUT, 'dashboard-deliveries.png'), fullPage: true });

    await page.selectOption('[data-testid="deliveries-status"]', 'pending');
    await page.click('[data-testid="deliveries-submit"]');
    await page
      .locator('[data-testid="delivery-row"][data-status="delivered"]')
      .waitFor({ state: 'detached' });
    expect(await page.locator('[data-testid="delivery-row"]').count()).toBe(1);
  } finally {
    await receiver.stop();
  }
}, 60_000);
