'use strict';
// The Try it tab and each call's "copy as" and "replay" (try-it-tab.ts, try-it-call-actions.ts). The
// server fills in and sends the requests (/admin/try-it/*) and renders the calls, escaped
// (/dashboard/calls/{id}); this script only moves text between the page and that API.
(() => {
  const $ = (id) => document.getElementById(id);

  const api = async (path, method, payload) => {
    const res = await fetch(path, {
      method: method || 'GET',
      headers: { Accept: 'application/json', ...(payload ? { 'Content-Type': 'application/json' } : {}) },
      body: payload ? JSON.stringify(payload) : undefined,
    });
    const body = await res.json().catch(() => null);
    if (!res.ok) {
      const errors = ((body && body.errors) || []).map((e) => `${e.path}: ${e.message}`);
      throw new Error([(body && body.detail) || `HTTP ${res.status}`, ...errors].join(' · '));
    }
    return body;
  };
  const say = (el, text, isError) => {
    el.textContent = text;
    el.classList.toggle('error', Boolean(isError));
  };

  // ---- picking: certificates, and the organisations the chosen one may act as ----
  let certificates = [];
  const option = (value, label) => {
    const o = document.createElement('option');
    o.value = value;
    o.textContent = label;
    return o;
  };
  const fillOrganisations = () => {
    const chosen = certificates.find((c) => c.name === $('try-it-certificate').value);
    $('try-it-organisation').replaceChildren(
      ...((chosen && chosen.organisations) || []).map((o) =>
        option(`${o.type}:${o.code}`, `${o.type}/${o.code}`),
      ),
    );
  };
  const loadCertificates = async () => {
    const kept = $('try-it-certificate').value;
    certificates = ((await api('/admin/certificates')).items || []).filter(
      (c) => c.files && c.files.privateKey,
    );
    $('try-it-certificate').replaceChildren(...certificates.map((c) => option(c.name, c.name)));
    if (certificates.some((c) => c.name === kept)) $('try-it-certificate').value = kept;
    fillOrganisations();
  };

  // ---- the request as edited: a request line, header lines and the body ----
  const showRequest = (request) => {
    $('try-it-line').value = `${request.method} ${request.path}`;
    $('try-it-headers').value = Object.entries(request.headers)
      .map(([name, value]) => `${name}: ${value}`)
      .join('\n');
    $('try-it-body').value = request.body;
  };
  const editedRequest = () => {
    const [method, ...path] = $('try-it-line').value.trim().split(/\s+/);
    const headers = {};
    for (const line of $('try-it-headers').value.split('\n')) {
      const colon = line.indexOf(':');
      if (colon > 0) headers[line.slice(0, colon).trim()] = line.slice(colon + 1).trim();
    }
    return {
      method: (method || '').toUpperCase(),
      path: path.join(' '),
      headers,
      body: $('try-it-body').value,
    };
  };

  const fill = async () => {
    const [service, operation] = $('try-it-operation').value.split('|');
    const q = new URLSearchParams({
      certificate: $('try-it-certificate').value,
      organisation: $('try-it-organisation').value,
      user: $('try-it-user').value,
      service,
      operation,
    });
    const cpr = $('try-it-cpr').value.replace(/\D/g, '');
    if (cpr) q.set('cpr', cpr);
    const t = await api(`/admin/try-it/template?${q}`);
    showRequest(t.request);
    $('try-it-notes').replaceChildren(
      ...[`About ${t.citizen.name} (${t.citizen.cpr}).`, ...t.notes].map((n) => {
        const li = document.createElement('li');
        li.textContent = n;
        return li;
      }),
    );
    $('try-it-send').disabled = false;
    $('try-it-result').replaceChildren();
    say($('try-it-sent'), '');
  };

  // A call as the server renders it (the verdict, every decision, request and response).
  const callDetail = async (referenceId) => {
    const res = await fetch(`/dashboard/calls/${encodeURIComponent(referenceId)}`);
    const box = document.createElement('div');
    // Rendered and escaped by the server (call-detail.ts), as the Calls tab shows it.
    box.innerHTML = await res.text();
    return box;
  };
  const openCallLink = (referenceId) => {
    const a = document.createElement('a');
    a.href = '#calls';
    a.dataset.openCall = referenceId;
    a.dataset.testid = 'try-it-open-call';
    a.textContent = `Open call ${referenceId} in Calls`;
    return a;
  };

  const send = async () => {
    say($('try-it-sent'), 'Sending…');
    const sent = await api('/admin/try-it/send', 'POST', {
      certificate: $('try-it-certificate').value,
      request: editedRequest(),
    });
    const outcome = sent.call ? sent.call.outcome : 'not journalled';
    say($('try-it-sent'), `HTTP ${sent.response.status} · ${outcome}`, outcome !== 'ok');
    const nodes = [];
    if (sent.referenceId) nodes.push(openCallLink(sent.referenceId), await callDetail(sent.referenceId));
    else {
      const pre = document.createElement('pre');
      pre.textContent = sent.response.body;
      nodes.push(pre);
    }
    $('try-it-result').replaceChildren(...nodes);
  };

  // ---- a call in the Calls tab: switch to it and open it once the list shows it ----
  const openInCalls = (referenceId) => {
    location.hash = '#calls';
    const deadline = Date.now() + 10000;
    const tryOpen = () => {
      const row = document.querySelector(
        `#calls-body tr[data-reference-id="${window.CSS.escape(referenceId)}"]`,
      );
      if (row) row.click();
      else if (Date.now() < deadline) setTimeout(tryOpen, 100);
    };
    tryOpen();
  };

  // ---- copy as, and replay, under every call's detail ----
  const copyText = async (text) => {
    try {
      await window.navigator.clipboard.writeText(text);
    } catch {
      // No clipboard permission: copy through a selection, as browsers always allowed.
      const area = document.createElement('textarea');
      area.value = text;
      document.body.append(area);
      area.select();
      document.execCommand('copy');
      area.remove();
    }
  };
  const actionStatus = (actions, text, isError) => {
    let el = actions.querySelector('[data-testid="call-action-status"]');
    if (!el) {
      el = document.createElement('span');
      el.dataset.testid = 'call-action-status';
      el.className = 'call-action-status';
      actions.querySelector('[data-replay]').after(el);
    }
    say(el, text, isError);
  };

  document.addEventListener('click', async (event) => {
    const target = event.target instanceof window.Element ? event.target : null;
    const open = target && target.closest('[data-open-call]');
    if (open) {
      event.preventDefault();
      openInCalls(open.dataset.openCall);
      return;
    }
    const actions = target && target.closest('.call-actions');
    if (!actions) return;
    const copy = target.closest('[data-copy-snippet]');
    const replay = target.closest('[data-replay]');
    try {
      if (copy) {
        const kind = copy.dataset.copySnippet;
        await copyText(actions.querySelector(`[data-snippet="${kind}"]`).textContent);
        actionStatus(actions, `Copied as ${copy.textContent.replace('Copy as ', '')}.`);
      } else if (replay) {
        actionStatus(actions, 'Replaying…');
        const sent = await api(`/admin/try-it/replay/${encodeURIComponent(replay.dataset.replay)}`, 'POST');
        actionStatus(
          actions,
          `Replayed: HTTP ${sent.response.status} · ${sent.call ? sent.call.outcome : '—'} · call ${sent.referenceId}`,
        );
        if (sent.referenceId) openInCalls(sent.referenceId);
      }
    } catch (error) {
      actionStatus(actions, error.message, true);
    }
  });

  const onSubmit = (id, action, statusEl) =>
    $(id).addEventListener('submit', async (event) => {
      event.preventDefault();
      try {
        await action();
      } catch (error) {
        say(statusEl, error.message, true);
      }
    });
  onSubmit('try-it-form', fill, $('try-it-sent'));
  $('try-it-send').addEventListener('click', () =>
    send().catch((error) => say($('try-it-sent'), error.message, true)),
  );
  $('try-it-certificate').addEventListener('change', fillOrganisations);
  const onShow = () => {
    if (location.hash === '#try-it')
      loadCertificates().catch((error) => say($('try-it-sent'), error.message, true));
  };
  window.addEventListener('hashchange', onShow);
  onShow();
})();
