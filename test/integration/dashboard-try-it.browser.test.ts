import { execFile } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Browser, Page } from 'playwright-core';
import type { RunningEmulator } from '../../src/emulator';
import { PROJECT_ROOT } from '../../src/project-root';
import { launchChromium } from '../helpers/browser';
import { startTestEmulator } from '../helpers/emulator';

/**
 * The dashboard's Try it tab and each call's copy-as and replay, in headless Chromium: a request
 * filled in from the fixtures, edited and sent through the real mutual-TLS port with the
 * certificate's key, its verdict and decisions shown; a call replayed; its curl copy run with curl.
 */
const OUTPUT = join(PROJECT_ROOT, 'test-output');

let emulator: RunningEmulator;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  emulator = await startTestEmulator();
  browser = await launchChromium();
  const context = await browser.newContext({
    viewport: { width: 1400, height: 1000 },
    timezoneId: 'UTC',
    locale: 'da-DK',
  });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: emulator.adminUrl });
  page = await context.newPage();
  mkdirSync(OUTPUT, { recursive: true });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await emulator?.stop();
});

const testid = (id: string): string => `[data-testid="${id}"]`;

/** Opens the tab, picks certificate, organisation, user and operation, and fills the request in. */
const fillIn = async (certificate: string, organisation: string, operation: string, user = 'caseworker') => {
  await page.goto(`${emulator.adminUrl}/#try-it`);
  await page
    .locator(`${testid('try-it-certificate')} option[value="${certificate}"]`)
    .waitFor({ state: 'attached' });
  await page.selectOption(testid('try-it-certificate'), certificate);
  await page.selectOption(testid('try-it-organisation'), organisation);
  await page.selectOption(testid('try-it-user'), user);
  await page.selectOption(testid('try-it-operation'), operation);
  await page.click(testid('try-it-fill'));
  await page.waitForFunction(
    (op) => (document.getElementById('try-it-body') as HTMLTextAreaElement).value.includes(`${op}Request`),
    operation.split('|')[1],
  );
};

/** Sends what the editor holds and waits for the call's detail under it. */
const sendAndWait = async (): Promise<{ sent: string; referenceId: string }> => {
  await page.click(testid('try-it-send'));
  const detail = page.locator(`${testid('try-it-result')} ${testid('call-detail')}`);
  await detail.waitFor();
  return {
    sent: (await page.textContent(testid('try-it-sent'))) ?? '',
    referenceId: (await detail.getAttribute('data-reference-id')) ?? '',
  };
};

it.each([
  ['8-75100', '8:75100'],
  ['7-751', '7:751'],
  ['4-35669035', '4:35669035'],
  ['2-17', '2:17'],
  ['5-4', '5:4'],
])(
  'When %s fills in a CreateBooking as %s and sends it, then it is accepted and the page shows its decisions',
  async (certificate, organisation) => {
    await fillIn(certificate, organisation, 'BookingService|CreateBooking');
    const { sent, referenceId } = await sendAndWait();
    expect(sent).toBe('HTTP 200 · ok');
    expect(await page.textContent(`${testid('try-it-result')} ${testid('verdict')}`)).toContain('Accepted');
    expect(
      await page.locator(`${testid('try-it-result')} ${testid('decision-passed')}`).count(),
    ).toBeGreaterThan(5);
    expect(emulator.journal.find(referenceId)).toMatchObject({ operation: 'CreateBooking', outcome: 'ok' });
    if (certificate === '8-75100')
      await page.screenshot({ path: join(OUTPUT, 'try-it-create-booking.png'), fullPage: true });
  },
);

it('When the RequestUserMetadata is edited to another organisation type, then the page shows 4413 and SEC-SAME-ORG', async () => {
  await fillIn('7-751', '7:751', 'BookingService|CreateBooking');
  const body = await page.inputValue(testid('try-it-body'));
  const edited = body.replace(/(<ros:OrganisationTypeIdentifier>\s*<clb:CodeListItemIdentifier>)7</, '$18<');
  expect(edited).not.toBe(body);
  await page.fill(testid('try-it-body'), edited);
  const { sent, referenceId } = await sendAndWait();
  expect(sent).toBe('HTTP 500 · 4413');
  expect(await page.textContent(`${testid('try-it-result')} ${testid('failing-rule')}`)).toBe('SEC-SAME-ORG');
  expect(emulator.journal.find(referenceId)).toMatchObject({ outcome: '4413', ruleId: 'SEC-SAME-ORG' });
  await page.screenshot({ path: join(OUTPUT, 'try-it-refused.png'), fullPage: true });
});

it('When a call opened from the Calls tab is replayed, then a new call with the same request is made and listed', async () => {
  await fillIn('kss-vendor', '8:10100', 'BookingService|GetBookings');
  const { referenceId } = await sendAndWait();
  await page.click(testid('try-it-open-call'));
  const detail = page.locator(
    `${testid('call-detail-pane')} ${testid('call-detail')}[data-reference-id="${referenceId}"]`,
  );
  await detail.waitFor();
  const before = emulator.journal.list().length;

  await detail.locator(testid('replay')).click();
  const status = detail.locator(testid('call-action-status'));
  await status.filter({ hasText: 'Replayed' }).waitFor();
  const replayed = /call (\S+)/.exec((await status.textContent()) ?? '')?.[1] ?? '';
  expect(replayed).not.toBe(referenceId);
  expect(emulator.journal.list().length).toBe(before + 1);
  expect(emulator.journal.find(replayed)).toMatchObject({
    operation: 'GetBookings',
    outcome: 'ok',
    request: emulator.journal.find(referenceId)?.request,
  });
  // The page opens the new call.
  await page
    .locator(`${testid('call-detail-pane')} ${testid('call-detail')}[data-reference-id="${replayed}"]`)
    .waitFor();
  await page.screenshot({ path: join(OUTPUT, 'try-it-call-actions.png'), fullPage: true });
});

it('When a call is copied as curl and the text is run with curl, then the emulator accepts it', async () => {
  await fillIn('2-17', '2:17', 'PersonStatusService|GetVariablePersonStatus');
  const { referenceId } = await sendAndWait();
  const actions = page.locator(`${testid('try-it-result')} ${testid('call-actions')}`);
  await actions.locator(testid('copy-curl')).click();
  await actions.locator(testid('call-action-status')).filter({ hasText: 'Copied as curl' }).waitFor();
  const copied = await page.evaluate(() => window.navigator.clipboard.readText());
  expect(copied).toContain('--cert ');
  await actions.locator('summary', { hasText: 'curl' }).click();
  await page.screenshot({ path: join(OUTPUT, 'try-it-copy-curl.png'), fullPage: true });

  const { stdout } = await promisify(execFile)('bash', ['-c', copied.replace(/^curl /, 'curl -D - ')]);
  expect(stdout).toMatch(/^HTTP\/1\.1 200/);
  const again = /X-ServiceRequestLogReferenceIdentifier: (\S+)/i.exec(stdout)?.[1] ?? '';
  expect(again).not.toBe(referenceId);
  expect(emulator.journal.find(again)).toMatchObject({ operation: 'GetVariablePersonStatus', outcome: 'ok' });
});
