import { TRY_IT_SERVICES } from '../handlers/try-it-template.handler';
import { TRY_IT_USERS } from '../handlers/try-it-request';
import { html, type SafeHtml } from './html';

/**
 * The Try it tab: pick a certificate, an organisation it may act as, a user, a service and an
 * operation; the server fills in a valid request (GET /admin/try-it/template), the user edits it and
 * sends it through the mutual-TLS port (POST /admin/try-it/send). try-it.js drives it.
 */
const USER_LABELS: Readonly<Record<(typeof TRY_IT_USERS)[number], string>> = {
  caseworker: 'caseworker (RequestUserType 2)',
  citizen: 'citizen (RequestUserType 1)',
  system: 'system (RequestUserType 3)',
};

export const tryItSection = (): SafeHtml =>
  html`<p class="muted">
      Fill in a request that passes every rule, edit it, and send it through the mutual-TLS port with the
      certificate's own key: it is judged, journalled and audited like any call.
    </p>
    <form class="filters try-it-pick" id="try-it-form">
      <select
        id="try-it-certificate"
        data-testid="try-it-certificate"
        aria-label="Certificate"
        required
      ></select>
      <select
        id="try-it-organisation"
        data-testid="try-it-organisation"
        aria-label="Organisation"
        required
      ></select>
      <select id="try-it-user" data-testid="try-it-user" aria-label="User">
        ${TRY_IT_USERS.map((u) => html`<option value="${u}">${USER_LABELS[u]}</option>`)}
      </select>
      <select id="try-it-operation" data-testid="try-it-operation" aria-label="Service and operation">
        ${TRY_IT_SERVICES.map(
          (s) =>
            html`<optgroup label="${s.service}">
              ${s.operations.map((o) => html`<option value="${s.service}|${o}">${s.service} · ${o}</option>`)}
            </optgroup>`,
        )}
      </select>
      <input
        id="try-it-cpr"
        data-testid="try-it-cpr"
        placeholder="CPR (optional)"
        pattern="\\s*\\d{10}\\s*"
        size="12"
        aria-label="CPR (optional)"
      />
      <button type="submit" data-testid="try-it-fill">Fill in</button>
    </form>
    <div class="try-it-editor">
      <label for="try-it-line">Request line</label>
      <input
        id="try-it-line"
        data-testid="try-it-line"
        spellcheck="false"
        placeholder="POST /BookingService"
      />
      <label for="try-it-headers">Headers, one per line</label>
      <textarea id="try-it-headers" data-testid="try-it-headers" rows="4" spellcheck="false"></textarea>
      <label for="try-it-body">Body</label>
      <textarea id="try-it-body" data-testid="try-it-body" rows="22" spellcheck="false"></textarea>
      <ul id="try-it-notes" data-testid="try-it-notes" class="muted"></ul>
      <p>
        <button type="button" id="try-it-send" data-testid="try-it-send" disabled>Send</button>
        <span id="try-it-sent" data-testid="try-it-sent" class="muted"></span>
      </p>
    </div>
    <div id="try-it-result" data-testid="try-it-result" class="try-it-result"></div>`;
