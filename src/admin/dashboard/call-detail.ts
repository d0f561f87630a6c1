import type { Decision } from '../../domain/decision';
import { INJECTED_FAULT } from '../../domain/fault-injection.rules';
import { formatOrganisation, type Organisation } from '../../domain/organisation';
import type { RequestUserMetadata } from '../../domain/request-user-metadata';
import type { JournalEntry } from '../../transport/journal';
import { requestHeadText } from '../../transport/request-head';
import { copenhagenTime } from './display';
import { html, type SafeHtml } from './html';
import { prettyXml } from './xml-pretty';

/**
 * One journal entry as an HTML fragment for the dashboard's detail pane. Rendered on the server so
 * the XML pretty-printer and the escaping are typed and tested code, not browser script.
 */
const organisation = (o: Organisation | null): string => (o ? formatOrganisation(o) : '—');

const user = (m: RequestUserMetadata | null): SafeHtml =>
  m
    ? html`${m.userFullName}
        <span class="muted"
          >(type ${m.userType}, ${m.userIdentifier}, for ${formatOrganisation(m.organisation)})</span
        >`
    : html`<span class="muted">none</span>`;

/**
 * A call a fault rule of POST /admin/faults answered, or delayed, says so first: the answer is the
 * rule's, not a DFDG rule's.
 */
const injected = (e: JournalEntry): SafeHtml | null => {
  const rule = e.decisions.find((d) => d.ruleId === INJECTED_FAULT);
  if (!rule) return null;
  return rule.passed
    ? html`<p class="verdict verdict-warning" data-testid="injected-fault">Delayed on demand: ${rule.why}</p>`
    : html`<p class="verdict verdict-fault" data-testid="injected-fault">
        Answered by an injected fault (${e.outcome}, not a DFDG rule): ${rule.why}
      </p>`;
};

/** The rule that refused the call, said first: the "near miss" a vendor came to the page for. */
const verdict = (e: JournalEntry): SafeHtml => {
  const refusal = e.decisions.find((d) => !d.passed);
  if (refusal?.ruleId === INJECTED_FAULT) return injected(e) ?? html``;
  const warnings = e.decisions.filter((d) => d.warning).length;
  if (e.outcome === 'ok')
    return warnings === 0
      ? html`<p class="verdict verdict-ok" data-testid="verdict">Accepted.</p>`
      : html`<p class="verdict verdict-warning" data-testid="verdict">
          Accepted, with ${warnings} commitment ${warnings === 1 ? 'warning' : 'warnings'}: DFDG serves this
          call, <code>--conformance strict</code> refuses it.
        </p>`;
  return html`<p class="verdict verdict-fault" data-testid="verdict">
    Refused with <strong>${e.outcome}</strong> by rule
    <code data-testid="failing-rule">${refusal?.ruleId ?? e.ruleId ?? 'unknown'}</code>${
      refusal ? html`: ${refusal.why}` : ''
    }
  </p>`;
};

/** How the decision table shows a decision's result: a commitment not kept is a warning, not a pass. */
const result = (d: Decision): { cls: string; label: string } =>
  d.warning
    ? { cls: 'decision-warning', label: 'WARNING' }
    : d.passed
      ? { cls: 'decision-passed', label: 'pass' }
      : { cls: 'decision-failed', label: 'FAIL' };

/** A commitment is marked, so a vendor sees which rules production itself does not check. */
const kindLabel = (d: Decision): SafeHtml =>
  d.kind === 'commitment'
    ? html` <span
        class="kind kind-commitment"
        data-testid="kind-commitment"
        title="a commitment STAR asks of its consumers; DFDG does not check it"
        >commitment</span
      >`
    : html``;

const decisions = (e: JournalEntry): SafeHtml =>
  e.decisions.length === 0
    ? html`<p class="muted">No rule decisions were recorded for this call.</p>`
    : html`<table class="decisions" data-testid="decisions">
        <thead>
          <tr>
            <th>Rule</th>
            <th>Result</th>
            <th>Why</th>
          </tr>
        </thead>
        <tbody>
          ${e.decisions.map((d) => {
            const { cls, label } = result(d);
            return html`<tr class="${cls}" data-testid="${cls}">
              <td><code>${d.ruleId}</code>${kindLabel(d)}</td>
              <td>${label}</td>
              <td>${d.why}</td>
            </tr>`;
          })}
        </tbody>
      </table>`;

/** `actions`: what can be done with the call (copy as, replay; try-it-call-actions.ts). */
export const callDetailHtml = (e: JournalEntry, actions: SafeHtml = html``): SafeHtml =>
  html` <article class="call-detail" data-testid="call-detail" data-reference-id="${e.referenceId}">
    <h2>
      <span class="badge ${e.outcome === 'ok' ? 'outcome-ok' : 'outcome-fault'}">${e.outcome}</span>
      ${e.service} · ${e.operation ?? '(no operation)'}
    </h2>
    ${verdict(e)} ${e.outcome === 'ok' ? injected(e) : null} ${actions}
    <dl class="facts">
      <dt>Reference id</dt>
      <dd><code>${e.referenceId}</code></dd>
      <dt>Time</dt>
      <dd>${copenhagenTime(e.time)} · ${e.durationMs.toFixed(1)} ms · HTTP ${e.status}</dd>
      <dt>Certificate</dt>
      <dd>
        ${
          e.certificate
            ? html`${e.certificate.subject} <span class="muted">${e.certificate.fingerprint}</span>`
            : html`<span class="muted">none</span>`
        }
      </dd>
      <dt>ActiveOrganisation</dt>
      <dd>${organisation(e.activeOrganisation)}</dd>
      <dt>RequestUserMetadata</dt>
      <dd>${user(e.requestUserMetadata)}</dd>
    </dl>
    <h3>Decisions</h3>
    ${decisions(e)}
    <h3>Request</h3>
    ${requestHead(e)}
    <pre class="xml" data-testid="request-xml">${e.request ? bodyHtml(e.request) : '(no body)'}</pre>
    <h3>Response</h3>
    <pre class="xml" data-testid="response-xml">${e.response ? bodyHtml(e.response) : '(no body)'}</pre>
  </article>`;

/** The request line and headers as they came over the wire, and who the TLS layer says sent them. */
const requestHead = (e: JournalEntry): SafeHtml =>
  e.head
    ? html`<pre class="http" data-testid="request-head">${requestHeadText(e.head)}</pre>
        <p class="tls-subject" data-testid="tls-client-subject">
          TLS client certificate:
          ${e.head.clientCertificateSubject ?? html`<span class="muted">none presented</span>`}
        </p>`
    : html``;

/** A SOAP envelope indented as XML; a REST JSON body as it was sent, escaped. */
const bodyHtml = (text: string): SafeHtml | string =>
  text.trimStart().startsWith('<') ? prettyXml(text) : text;

export const callMissingHtml = (referenceId: string, capacity: number): SafeHtml =>
  html` <article class="call-detail" data-testid="call-detail">
    <p class="muted">
      Call <code>${referenceId}</code> is no longer in the journal (it keeps the last ${capacity} calls; see
      the audit log for older ones).
    </p>
  </article>`;
