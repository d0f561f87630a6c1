import { firstCallCurl, shellWord } from '../../cli/start-banner';
import { SERVICE_CONTRACTS } from '../../soap/contracts';
import type { AdminContext } from '../admin-context';
import { copenhagenTime } from './display';
import { html, type SafeHtml } from './html';
import { tryItSection } from './try-it-tab';

/**
 * The dashboard's page: every section is here from the server, so the page has its structure (and
 * the clock) before any script runs; app.js fills the lists from the JSON API and keeps them live.
 */
const TABS = [
  ['calls', 'Calls'],
  ['bookings', 'Bookings'],
  ['wsrm', 'WSRM queues'],
  ['reminders', 'Reminders'],
  ['audit', 'Audit log'],
  ['citizens', 'Citizens'],
  ['organisations', 'Organisations'],
  ['certificates', 'Certificates'],
  ['deliveries', 'Push deliveries'],
  ['try-it', 'Try it'],
] as const;

const clockPanel = (ctx: AdminContext): SafeHtml =>
  html` <section class="clock" id="clock" data-testid="clock" aria-label="Emulator clock">
    <div class="clock-reading">
      <span class="label">Emulator time (Copenhagen)</span>
      <span id="clock-now" data-testid="clock-now">${copenhagenTime(ctx.clock.now())}</span>
      <span
        id="clock-state"
        class="badge ${ctx.clock.frozen ? 'frozen' : 'running'}"
        data-testid="clock-state"
        >${ctx.clock.frozen ? 'frozen' : 'running'}</span
      >
    </div>
    <div class="clock-controls">
      <form id="clock-set-form" class="inline">
        <input
          type="text"
          id="clock-input"
          data-testid="clock-input"
          required
          size="19"
          pattern="\\s*\\d{4}-\\d{2}-\\d{2}[T ]\\d{2}:\\d{2}(:\\d{2})?\\s*"
          placeholder="YYYY-MM-DD HH:MM:SS"
          title="Copenhagen wall clock, e.g. 2027-01-15 09:30:00"
          aria-label="New time, Copenhagen wall clock (YYYY-MM-DD HH:MM:SS)"
        />
        <button type="submit" data-testid="clock-set">Set</button>
      </form>
      <button type="button" id="clock-freeze" data-testid="clock-freeze">
        ${ctx.clock.frozen ? 'Unfreeze' : 'Freeze'}
      </button>
      <button type="button" data-advance="PT1H" data-testid="advance-1h">+1 h</button>
      <button type="button" data-advance="P1D" data-testid="advance-1d">+1 d</button>
      <button type="button" data-advance="P7D" data-testid="advance-7d">+7 d</button>
      <form id="clock-advance-form" class="inline">
        <input
          id="advance-input"
          data-testid="advance-input"
          placeholder="PT30M"
          size="8"
          required
          pattern="P.+"
          title="An ISO-8601 duration, e.g. PT30M, P2D or P7DT1S"
          aria-label="Duration"
        />
        <button type="submit" data-testid="advance-submit">Advance</button>
      </form>
    </div>
  </section>`;

/**
 * What an empty dashboard says: how to make the first call, with this installation's URL and
 * certificate paths (absolute: a browser does not know where its reader's terminal stands).
 */
const firstCall = (ctx: AdminContext): SafeHtml => {
  const first = firstCallCurl(ctx.soapUrl(), ctx.certificates.caPath, ctx.certificates.clients, shellWord);
  return first
    ? html`<div id="first-call" class="first-call" data-testid="first-call">
        <p>
          Make a first call, as ${first.clientName}'s system (CodelistService needs no DFDG headers), and it
          appears here:
        </p>
        <pre data-testid="first-call-curl">${first.lines.join('\n')}</pre>
      </div>`
    : html``;
};

const callsSection = (ctx: AdminContext): SafeHtml =>
  html` <div class="split">
    <div class="list-pane">
      <form class="filters" id="call-filters">
        <select id="filter-outcome" data-testid="filter-outcome" aria-label="Outcome">
          <option value="">All outcomes</option>
          <option value="ok">ok</option>
          <option value="fault">fault</option>
        </select>
        <select id="filter-service" data-testid="filter-service" aria-label="Service">
          <option value="">All services</option>
          ${SERVICE_CONTRACTS.map((s) => html`<option value="${s.name}">${s.name}</option>`)}
        </select>
        <input
          type="search"
          id="filter-text"
          data-testid="filter-text"
          aria-label="Text"
          placeholder="CPR, rule, organisation, reference id…"
        />
        <label class="live"><input type="checkbox" id="live" checked /> live</label>
      </form>
      <table class="calls">
        <thead>
          <tr>
            <th>Time (Copenhagen)</th>
            <th>Outcome</th>
            <th>Rule</th>
            <th>Service</th>
            <th>Operation</th>
            <th>Organisation</th>
            <th>ms</th>
          </tr>
        </thead>
        <tbody id="calls-body" data-testid="calls"></tbody>
      </table>
      <div id="calls-empty" data-testid="calls-empty">
        <p id="calls-empty-text" class="muted">No calls yet. Calls appear here as they arrive.</p>
        ${firstCall(ctx)}
      </div>
    </div>
    <div class="detail-pane" id="call-detail-pane" data-testid="call-detail-pane">
      <p class="muted">Pick a call to see its request and response and every rule that decided it.</p>
    </div>
  </div>`;

const queryForm = (id: string, fields: SafeHtml, button: string): SafeHtml =>
  html` <form class="filters" id="${id}-form">
      ${fields}<button type="submit" data-testid="${id}-submit">${button}</button>
    </form>
    <div id="${id}-result" data-testid="${id}-result" class="result"></div>`;

const orgInput = (id: string, required: boolean): SafeHtml =>
  html` <input
    id="${id}"
    data-testid="${id}"
    placeholder="TYPE:CODE, e.g. 8:75100"
    ${required ? html`required` : ''}
    aria-label="Organisation (TYPE:CODE)"
  />`;

const SECTIONS: Readonly<Record<(typeof TABS)[number][0], (ctx: AdminContext) => SafeHtml>> = {
  calls: callsSection,
  'try-it': tryItSection,
  bookings: () =>
    queryForm(
      'bookings',
      html`<input
        id="bookings-cpr"
        data-testid="bookings-cpr"
        placeholder="CPR, e.g. 0101575001"
        pattern="\\s*\\d{6}-?\\d{4}\\s*"
        required
        aria-label="CPR"
      />`,
      'Show bookings',
    ),
  wsrm: () => queryForm('wsrm', orgInput('wsrm-organisation', true), 'Show queue'),
  reminders: () => queryForm('reminders', html``, 'Refresh'),
  audit: () =>
    queryForm(
      'audit',
      html`<input id="audit-cpr" data-testid="audit-cpr" placeholder="CPR" aria-label="CPR" />
        ${orgInput('audit-organisation', false)}
        <select id="audit-outcome" data-testid="audit-outcome" aria-label="Outcome">
          <option value="">All outcomes</option>
          <option value="ok">ok</option>
          <option value="fault">fault</option>
        </select>`,
      'Filter',
    ),
  citizens: () =>
    html`<p class="muted">
        The test citizens, and the organisations that may see each now. Change one with PUT
        /admin/citizens/{cpr}.
      </p>
      ${queryForm('citizens', orgInput('citizens-organisation', false), 'Show')}`,
  organisations: () =>
    html`<p class="muted">
        The organisations, each with the certificates that may act as it (its ActiveOrganisation).
      </p>
      ${queryForm('organisations', html``, 'Refresh')}`,
  deliveries: () =>
    html`<p class="muted">
        Every attempt to deliver a push message (Indkaldelse, Frist) to a subscriber's endpoint, newest first.
        Subscribe with PUT /admin/subscriptions/{name}; retries fall due on the emulator's clock.
      </p>
      ${queryForm(
        'deliveries',
        html`<select id="deliveries-status" data-testid="deliveries-status" aria-label="Status">
          <option value="">any status</option>
          <option value="pending">pending</option>
          <option value="delivered">delivered</option>
          <option value="abandoned">abandoned</option>
        </select>`,
        'Filter',
      )}`,
  certificates: () =>
    html`<p class="muted">
        The registered client certificates: the identities calls can be made with. A reset keeps the ones
        issued through the API or the CLI (POST /admin/reset?certificates=forget drops them).
      </p>
      ${queryForm('certificates', html``, 'Refresh')}
      <h2>Issue a certificate</h2>
      <p class="muted">
        Issues a client certificate signed by the emulator's CA and registers it for the organisations at
        once. Use the .p12 (with its password) or the PEM pair in your client. A name in use is refused unless
        replaced.
      </p>
      ${queryForm(
        'certificate',
        html`<input
            id="certificate-name"
            data-testid="certificate-name"
            placeholder="Name, e.g. my-kss"
            required
            aria-label="Name"
          />
          <input
            id="certificate-organisations"
            data-testid="certificate-organisations"
            required
            placeholder="TYPE:CODE, several with commas"
            aria-label="Organisations"
          />
          <label class="inline-check"
            ><input type="checkbox" id="certificate-replace" data-testid="certificate-replace" /> replace one
            of this name</label
          >`,
        'Issue and download',
      )}`,
};

export const dashboardPage = (ctx: AdminContext): SafeHtml =>
  html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>DFDG emulator</title>
        <link rel="icon" href="data:," />
        <link rel="stylesheet" href="/dashboard/app.css" />
        <link rel="stylesheet" href="/dashboard/try-it.css" />
        <script src="/dashboard/app.js" defer></script>
        <script src="/dashboard/try-it.js" defer></script>
      </head>
      <body>
        <header>
          <div class="brand">
            <h1>DFDG emulator</h1>
            <span class="muted">SOAP at ${ctx.soapUrl()}</span>
          </div>
          ${clockPanel(ctx)}
        </header>
        <nav class="tabs">
          ${TABS.map(([id, label]) => html`<a href="#${id}" data-tab-link="${id}" data-testid="tab-${id}">${label}</a>`)}
        </nav>
        <p id="status" class="status" role="status" aria-live="polite" data-testid="status" hidden></p>
        <main>
          ${TABS.map(
            ([id, label]) =>
              html`<section
                id="tab-${id}"
                data-tab="${id}"
                aria-label="${label}"
                ${id === 'calls' ? '' : html`hidden`}
              >
                ${SECTIONS[id](ctx)}
              </section>`,
          )}
        </main>
        <noscript
          ><p class="status">
            The lists need JavaScript; the JSON API under /admin works without it.
          </p></noscript
        >
      </body>
    </html>`;
