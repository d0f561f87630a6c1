import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { RunningEmulator } from '../../src/emulator';
import { PROJECT_ROOT } from '../../src/project-root';
import { launchChromium } from '../helpers/browser';
import { startTestEmulator } from '../helpers/emulator';
import {
  aBooking,
  caseworker,
  createBookingBody,
  dfdgHeaders,
  envelope,
  soapAction,
} from '../helpers/envelope';
import { faultOf, postXml } from '../helpers/soap-request';

/**
 * The dashboard in a real headless browser (Debian's chromium, installed by .ci/run): it must list
 * the SOAP calls with their outcomes, explain a refusal by its rule, and move the emulator's clock.
 */
const SCREENSHOT = join(PROJECT_ROOT, 'test-output', 'dashboard.png');
const DAY_MS = 24 * 3600 * 1000;

let emulator: RunningEmulator;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  emulator = await startTestEmulator();
  browser = await launchChromium();
  // The browser runs in UTC on purpose: the page must still show Copenhagen time.
  page = await browser.newPage({
    viewport: { width: 1440, height: 1000 },
    timezoneId: 'UTC',
    locale: 'da-DK',
  });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await emulator?.stop();
});

const jobcenter = { type: 8, code: '75100' };
const createBooking = (headers: string, booking = aBooking()) =>
  postXml(`${emulator.soapUrl}/BookingService`, envelope(createBookingBody(booking), headers), {
    soapAction: soapAction('BookingService', 'CreateBooking'),
  });

interface Clock {
  readonly now: string;
  readonly frozen: boolean;
}
const getClock = async (): Promise<Clock> =>
  (await fetch(`${emulator.adminUrl}/admin/clock`)).json() as Promise<Clock>;

/** Waits until the condition holds: the page polls, so what it shows arrives a moment later. */
const eventually = async <T>(probe: () => Promise<T>, holds: (v: T) => boolean, what: string): Promise<T> => {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const value = await probe();
    if (holds(value)) return value;
    if (Date.now() > deadline) throw new Error(`${what}: last seen ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
};

const row = (referenceId: string) =>
  page.locator(`[data-testid="call-row"][data-reference-id="${referenceId}"]`);

it('When SOAP calls were made, then the dashboard lists them by outcome, explains the refusal and sets the clock', async () => {
  const accepted = await createBooking(dfdgHeaders(jobcenter, caseworker(jobcenter)));
  expect(accepted.status).toBe(200);
  const refused = await createBooking(dfdgHeaders(jobcenter, caseworker({ type: 8, code: '10100' })));
  expect(faultOf(refused)).toMatchObject({ errorCode: 4413, source: 'SEC-JOBCENTER' });
  const [refusedCall, acceptedCall] = emulator.journal.list();
  if (!refusedCall || !acceptedCall) throw new Error('the journal holds fewer than two calls');

  await page.goto(`${emulator.adminUrl}/`);
  await row(refusedCall.referenceId).waitFor();
  await row(acceptedCall.referenceId).waitFor();
  expect(await row(acceptedCall.referenceId).getAttribute('class')).toContain('outcome-ok');
  expect(await row(refusedCall.referenceId).getAttribute('class')).toContain('outcome-fault');
  expect(await row(refusedCall.referenceId).textContent()).toContain('4413');

  await page.selectOption('[data-testid="filter-outcome"]', 'fault');
  await row(acceptedCall.referenceId).waitFor({ state: 'detached' });
  await page.selectOption('[data-testid="filter-outcome"]', '');
  await row(acceptedCall.referenceId).waitFor();

  await row(refusedCall.referenceId).click();
  const failingRule = page.locator('[data-testid="call-detail"] [data-testid="failing-rule"]');
  await failingRule.waitFor();
  expect(await failingRule.textContent()).toBe('SEC-JOBCENTER');
  expect(await page.locator('[data-testid="decision-failed"]').first().textContent()).toContain(
    'SEC-JOBCENTER',
  );
  expect(await page.locator('[data-testid="request-xml"]').textContent()).toContain(
    '<bs:CreateBookingRequest',
  );

  const before = Date.parse((await getClock()).now);
  await page.click('[data-testid="advance-1d"]');
  await eventually(getClock, (c) => Date.parse(c.now) - before >= DAY_MS, 'the clock after +1 d');

  // 09:30 in Copenhagen in January is 08:30 UTC.
  await page.fill('[data-testid="clock-input"]', '2027-01-15T09:30:00');
  await page.click('[data-testid="clock-set"]');
  await page.click('[data-testid="clock-freeze"]');
  const frozen = await eventually(getClock, (c) => c.frozen, 'the clock frozen');
  expect(Date.parse(frozen.now)).toBeGreaterThanOrEqual(Date.parse('2027-01-15T08:30:00Z'));
  expect(Date.parse(frozen.now)).toBeLessThan(Date.parse('2027-01-15T08:31:00Z'));
  await eventually(
    () => page.locator('[data-testid="clock-now"]').textContent(),
    (text) => (text ?? '').startsWith('15.01.2027'),
    'the clock shown on the page',
  );

  mkdirSync(join(PROJECT_ROOT, 'test-output'), { recursive: true });
  await page.screenshot({ path: SCREENSHOT, fullPage: true });
}, 60_000);

it('When a booking was made, then the dashboard shows it with its origin and history, its audit row, and issues a certificate to download', async () => {
  await fetch(`${emulator.adminUrl}/admin/reset`, { method: 'POST' });
  const booking = aBooking({
    contactType: 8,
    formType: 2,
    digitalMeetingLink: 'https://meet.example.dk/r/1',
  });
  expect((await createBooking(dfdgHeaders(jobcenter, caseworker(jobcenter)), booking)).status).toBe(200);

  await page.goto(`${emulator.adminUrl}/#bookings`);
  await page.fill('[data-testid="bookings-cpr"]', booking.cpr);
  await page.click('[data-testid="bookings-submit"]');
  const card = page.locator('[data-testid="booking"]').first();
  await card.waitFor();
  const shown = (await card.textContent()) ?? '';
  expect(shown).toContain('Originator (BookingOriginator)8/75100');
  expect(shown).toContain('Meeting form / group type8 / 2');
  expect(shown).toContain('Digital meeting linkhttps://meet.example.dk/r/1');
  expect(shown).toContain(`As written${booking.start} – ${booking.end}`);
  expect(shown).toContain('Mette Hansen');
  expect(shown).toMatch(/Created.*8\/75100/);
  mkdirSync(join(PROJECT_ROOT, 'test-output'), { recursive: true });
  await page.screenshot({
    path: join(PROJECT_ROOT, 'test-output', 'dashboard-bookings.png'),
    fullPage: true,
  });

  await page.click('[data-testid="tab-audit"]');
  await page.locator('[data-testid="audit-row"].outcome-ok').first().waitFor();

  await page.click('[data-testid="tab-certificates"]');
  await page.fill('[data-testid="certificate-name"]', 'dashboard-browser-test');
  await page.fill('[data-testid="certificate-organisations"]', '8:75100, 7:751');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.click('[data-testid="certificate-submit"]'),
  ]);
  expect(download.suggestedFilename()).toBe('dashboard-browser-test.p12');
  expect(await page.locator('[data-testid="certificate-password"]').textContent()).not.toBe('');
  await page.locator('[data-testid="download-dashboard-browser-test.key.pem"]').waitFor();
}, 60_000);
