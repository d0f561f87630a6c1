import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { Browser, Page } from 'playwright-core';
import type { RunningEmulator } from '../../src/emulator';
import { launchChromium } from '../helpers/browser';
import { startTestEmulator } from '../helpers/emulator';
import { caseworker, dfdgHeaders, envelope, serviceNs, soapAction } from '../helpers/envelope';
import { faultOf, postXml } from '../helpers/soap-request';

/**
 * The dashboard's calls as a newcomer meets them (issue 17, items 5, 7 and 10), in headless chromium
 * at 1400 px: the empty page says how to make the first call, the poll asks only for new summaries,
 * a call opens by URL with its HTTP head, the rule and long explanations stay in view, the audit
 * table fits, the clock field reads the same in any locale, and a wrapped envelope has no blank lines.
 */
const run = promisify(execFile);
const jobcenter = { type: 8, code: '75100' };

let emulator: RunningEmulator;
let browser: Browser;
let page: Page;
const journalPolls: string[] = [];

beforeAll(async () => {
  emulator = await startTestEmulator();
  browser = await launchChromium();
  page = await browser.newPage({
    viewport: { width: 1400, height: 900 },
    timezoneId: 'UTC',
    locale: 'en-US',
  });
  page.on('request', (r) => {
    if (r.url().includes('/admin/journal')) journalPolls.push(r.url());
  });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await emulator?.stop();
});

const row = (referenceId: string) =>
  page.locator(`[data-testid="call-row"][data-reference-id="${referenceId}"]`);
const newestCall = () => {
  const [call] = emulator.journal.list({ limit: 1 });
  if (!call) throw new Error('the journal is empty');
  return call;
};

it('When the dashboard is empty, then it shows a curl for this installation that makes the first call, and the poll then asks only for newer summaries', async () => {
  await page.goto(`${emulator.adminUrl}/`);
  const curl = (await page.locator('[data-testid="first-call-curl"]').textContent()) ?? '';
  expect(curl).toContain(`${emulator.soapUrl}/CodelistService`);
  expect(curl).toMatch(/--cert \S+\.pem --key \S+\.key/);

  const { stdout } = await run('sh', ['-c', curl]);
  expect(stdout).toContain('GetInterviewTypesResponse');
  const first = newestCall();
  await row(first.referenceId).waitFor();
  expect(await page.locator('[data-testid="first-call"]').isHidden()).toBe(true);

  journalPolls.length = 0;
  const second = await postXml(`${emulator.soapUrl}/CodelistService`, envelope(getInterviewTypes()), {
    soapAction: soapAction('CodelistService', 'GetInterviewTypes'),
  });
  expect(second.status).toBe(200);
  await row(newestCall().referenceId).waitFor();
  expect(await page.locator('[data-testid="call-row"]').count()).toBe(2);
  expect(journalPolls.length).toBeGreaterThan(0);
  for (const url of journalPolls) {
    const query = new URL(url).searchParams;
    expect(query.get('fields')).toBe('summary');
    expect(query.get('after')).toMatch(/^[0-9a-f-]{36}$/);
  }
}, 60_000);

const getInterviewTypes = () => `<cs:GetInterviewTypesRequest xmlns:cs="${serviceNs('CodelistService')}"/>`;

it('When a call is opened by its URL, then the page shows it styled like the rest, with its HTTP head, and without blank lines between namespace declarations', async () => {
  const soapNs = 'http://schemas.xmlsoap.org/soap/envelope/';
  const body =
    `<soap:Envelope\n    xmlns:soap="${soapNs}"\n    xmlns:cs="${serviceNs('CodelistService')}"\n` +
    `    xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\n  <soap:Body>\n` +
    `    <cs:GetInterviewTypesRequest/>\n  </soap:Body>\n</soap:Envelope>`;
  const res = await postXml(`${emulator.soapUrl}/CodelistService`, body, {
    soapAction: soapAction('CodelistService', 'GetInterviewTypes'),
  });
  expect(res.status).toBe(200);
  const call = newestCall();

  await page.goto(`${emulator.adminUrl}/#/calls/${call.referenceId}`);
  const detail = page.locator(`[data-testid="call-detail"][data-reference-id="${call.referenceId}"]`);
  await detail.waitFor();
  // The dashboard's own stylesheet applies: the pane is the dashboard's, not a bare fragment.
  const pane = page.locator('[data-testid="call-detail-pane"]');
  expect(await pane.evaluate((el) => getComputedStyle(el).borderTopLeftRadius)).toBe('6px');
  expect(await page.locator('[data-testid="tab-calls"]').getAttribute('class')).toContain('active');

  const head = (await page.locator('[data-testid="request-head"]').textContent()) ?? '';
  expect(head.split('\n')[0]).toBe('POST /CodelistService HTTP/1.1');
  expect(head).toContain(`SOAPAction: "${soapAction('CodelistService', 'GetInterviewTypes')}"`);
  expect(head).toContain('Content-Type: text/xml; charset=utf-8');
  expect(head).toContain(`Content-Length: ${Buffer.byteLength(body)}`);
  expect(await page.locator('[data-testid="tls-client-subject"]').textContent()).toMatch(/CN=8-75100/);

  const xml = (await page.locator('[data-testid="request-xml"]').textContent()) ?? '';
  const lines = xml.split('\n');
  expect(lines.filter((l) => l.trim() === '')).toEqual([]);
  expect(lines.filter((l) => l.trim().startsWith('xmlns:'))).toHaveLength(2);

  // Picking another call puts its URL in the address bar.
  await page.goto(`${emulator.adminUrl}/#calls`);
  const other = emulator.journal.list()[1];
  if (!other) throw new Error('fewer than two calls');
  await row(other.referenceId).click();
  await page.waitForFunction((id) => location.hash === `#/calls/${id}`, other.referenceId);
}, 60_000);

it('When a refusal has a long schema explanation, then at 1400 px the Rule column is in view, the explanation wraps and the audit table fits the page', async () => {
  const longNs = `urn:${'a-namespace-without-any-spaces-'.repeat(8)}end`;
  const res = await postXml(
    `${emulator.soapUrl}/ExternalBookingService`,
    envelope(
      `<eb:GetBookingsRequest xmlns:eb="${serviceNs('ExternalBookingService')}"><x:Unexpected xmlns:x="${longNs}">1</x:Unexpected></eb:GetBookingsRequest>`,
      dfdgHeaders(jobcenter, caseworker(jobcenter)),
    ),
    { soapAction: soapAction('ExternalBookingService', 'GetBookings') },
  );
  expect(faultOf(res).source).toBeTruthy();
  const refused = newestCall();
  expect(refused.ruleId).toBeTruthy();

  await page.goto(`${emulator.adminUrl}/#calls`);
  const refusedRow = row(refused.referenceId);
  await refusedRow.waitFor();
  const rule = refusedRow.locator('td.rule');
  expect((await rule.textContent())?.trim()).toBe(refused.ruleId);
  const listPane = await page.locator('.list-pane').boundingBox();
  const ruleBox = await rule.boundingBox();
  expect(ruleBox && listPane && ruleBox.x + ruleBox.width <= listPane.x + listPane.width).toBe(true);

  await refusedRow.click();
  await page.locator(`[data-testid="call-detail"][data-reference-id="${refused.referenceId}"]`).waitFor();
  const pane = page.locator('[data-testid="call-detail-pane"]');
  const overflow = await pane.evaluate((el) => el.scrollWidth - el.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);

  await page.click('[data-testid="tab-audit"]');
  await page.click('[data-testid="audit-submit"]');
  await page.locator('[data-testid="audit-row"]').first().waitFor();
  const pageOverflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(pageOverflow).toBeLessThanOrEqual(0);
}, 60_000);

it('When the browser speaks another locale, then the clock field reads as the Copenhagen clock does, YYYY-MM-DD HH:MM:SS, and sets it', async () => {
  await page.goto(`${emulator.adminUrl}/`);
  const input = page.locator('[data-testid="clock-input"]');
  await page.waitForFunction(() => (document.getElementById('clock-input') as HTMLInputElement).value !== '');
  expect(await input.evaluate((el) => (el as HTMLInputElement).type)).toBe('text');
  expect(await input.inputValue()).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
  await input.fill('2027-01-15 09:30:00');
  await page.click('[data-testid="clock-set"]');
  // 09:30 in Copenhagen in January is 08:30 UTC.
  const set = Date.parse('2027-01-15T08:30:00Z');
  const clock = async () =>
    Date.parse(((await (await fetch(`${emulator.adminUrl}/admin/clock`)).json()) as { now: string }).now);
  const deadline = Date.now() + 10_000;
  let now = await clock();
  while ((now < set || now > set + 60_000) && Date.now() < deadline) now = await clock();
  expect(now - set).toBeGreaterThanOrEqual(0);
  expect(now - set).toBeLessThan(60_000);
}, 60_000);
