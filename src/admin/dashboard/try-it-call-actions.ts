import type { JournalEntry } from '../../transport/journal';
import type { AdminContext } from '../admin-context';
import { snippetsOfEntry } from '../handlers/try-it-snippets.handler';
import { Problem } from '../problem';
import { html, type SafeHtml } from './html';

/**
 * A call's "copy as curl / zeep / C# (WCF)" and "replay", under its detail: the text is rendered here
 * (escaped) and shown in a fold, so it can be read and selected as well as copied; try-it.js copies
 * it and replays the call through POST /admin/try-it/replay/{referenceId}.
 */
const SNIPPETS = [
  ['curl', 'Copy as curl'],
  ['zeep', 'Copy as zeep'],
  ['csharp', 'Copy as C# (WCF)'],
] as const;

export const callActionsHtml = (ctx: AdminContext, entry: JournalEntry): SafeHtml => {
  let snippets;
  try {
    snippets = snippetsOfEntry(ctx, entry);
  } catch (error) {
    if (!(error instanceof Problem)) throw error;
    return html`<p class="muted call-actions" data-testid="call-actions">
      No copy or replay: ${error.detail}
    </p>`;
  }
  return html`<div class="call-actions" data-testid="call-actions" data-reference-id="${entry.referenceId}">
    ${SNIPPETS.map(
      ([kind, label]) =>
        html`<button type="button" data-copy-snippet="${kind}" data-testid="copy-${kind}">${label}</button>`,
    )}
    <button type="button" data-replay="${entry.referenceId}" data-testid="replay">Replay</button>
    <span class="muted">with certificate <code>${snippets.certificate}</code></span>
    ${SNIPPETS.map(
      ([kind, label]) =>
        html`<details class="snippet">
          <summary>${label.replace('Copy as ', '')}</summary>
          <pre data-snippet="${kind}" data-testid="snippet-${kind}">${snippets[kind]}</pre>
        </details>`,
    )}
  </div>`;
};
