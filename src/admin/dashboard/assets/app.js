'use strict';
// The dashboard's script. It reads the admin JSON API (CONTRACT.md, Test-control API) and builds the
// lists with DOM calls and textContent only, because everything shown was written by callers. The one
// exception is a call's detail, which the server renders and escapes (/dashboard/calls/{id}).
(() => {
  const POLL_MS = 1500;
  const ZONE = 'Europe/Copenhagen';
  const $ = (id) => document.getElementById(id);

  // ---- formatting: Copenhagen wall clock, organisations as TYPE/CODE ----
  const timeFormat = new Intl.DateTimeFormat('da-DK', {
    timeZone: ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    timeZoneName: 'short',
  });
  const partsFormat = new Intl.DateTimeFormat('en-US', {
    timeZone: ZONE,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  });
  // The calls list shows day and time only: the journal holds recent calls, the title has the rest.
  const shortFormat = new Intl.DateTimeFormat('da-DK', {
    timeZone: ZONE,
    day: '2-digit',
    month: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });
  const cph = (value) => {
    if (value === null || value === undefined || value === '') return '—';
    const d = new Date(value);
    return Number.isNaN(d.getTime()) ? String(value) : timeFormat.format(d);
  };
  const org = (o) => (o && typeof o === 'object' && 'type' in o ? `${o.type}/${o.code}` : '—');
  const user = (m) =>
    m && typeof m === 'object' ? `${m.userFullName} (type ${m.userType}, ${org(m.organisation)})` : '—';
  const yesNo = (v) => (v === true ? 'yes' : v === false ? 'no' : '—');
  const outcomeClass = (outcome) => (outcome === 'ok' ? 'outcome-ok' : 'outcome-fault');

  // Copenhagen's wall clock of an instant, as UTC milliseconds (the reading, not the instant).
  const wallClockMs = (ms) => {
    const p = {};
    for (const x of partsFormat.formatToParts(new Date(ms))) p[x.type] = Number(x.value);
    return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  };
  // Written as the ISO reading with a space, whatever the browser's locale: the field sits next to
  // the Copenhagen clock and must read the same way (a datetime-local field shows the locale's format).
  const toInputValue = (ms) => new Date(wallClockMs(ms)).toISOString().slice(0, 19).replace('T', ' ');
  // A datetime-local value read as Copenhagen time; two passes settle the offset near DST changes.
  const fromInputValue = (text) => {
    const value = text.trim().replace(' ', 'T');
    const reading = Date.parse(`${value.length === 16 ? `${value}:00` : value}Z`);
    let guess = reading - (wallClockMs(reading) - Math.floor(reading / 1000) * 1000);
    guess = reading - (wallClockMs(guess) - Math.floor(guess / 1000) * 1000);
    return new Date(guess).toISOString();
  };
  const orgParam = (text) => text.trim().replace(/\s+/g, '').replace('/', ':');

  // ---- DOM ----
  const h = (tag, attrs, ...children) => {
    const el = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === undefined || v === null || v === false) continue;
      if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
      else el.setAttribute(k, v === true ? '' : String(v));
    }
    for (const c of children.flat()) {
      if (c !== undefined && c !== null && c !== false) el.append(c instanceof Node ? c : String(c));
    }
    return el;
  };
  const badge = (text, cls) => h('span', { class: `badge ${cls}` }, text);
  const facts = (pairs) =>
    h('dl', { class: 'facts' }, ...pairs.flatMap(([k, v]) => [h('dt', {}, k), h('dd', {}, v ?? '—')]));
  const rawJson = (value) =>
    h(
      'details',
      { class: 'raw' },
      h('summary', {}, 'All fields'),
      h('pre', {}, JSON.stringify(value, null, 2)),
    );
  const table = (items, columns, rowAttrs) =>
    h(
      'table',
      {},
      h('thead', {}, h('tr', {}, ...columns.map(([label]) => h('th', {}, label)))),
      h(
        'tbody',
        {},
        ...items.map((item) =>
          h(
            'tr',
            rowAttrs ? rowAttrs(item) : {},
            ...columns.map(([, cell]) => h('td', {}, cell(item) ?? '—')),
          ),
        ),
      ),
    );
  const show = (id, ...nodes) => $(id).replaceChildren(...nodes);
  const empty = (text) => h('p', { class: 'muted' }, text);
  // A call opens by URL: the calls tab with that call's detail (a link to share, the back button works).
  const CALL_HASH = /^#\/calls\/([0-9a-fA-F-]{36})$/;
  const callHash = (referenceId) => `#/calls/${referenceId}`;
  // A link to the call in the journal; fixtures were never a call, so they get none.
  const callLink = (referenceId) =>
    !referenceId || referenceId === 'fixture'
      ? referenceId || '—'
      : h('a', { href: callHash(referenceId), class: 'ref' }, referenceId.slice(0, 8));

  // An action's error stays until the next action; confirmations fade after a few seconds. The poll
  // loop clears only an error of its own (pollFailed), so it never hides what a form reported.
  let statusTimer = null;
  let pollFailed = false;
  const status = (text, isError) => {
    const el = $('status');
    pollFailed = false;
    el.textContent = text || '';
    el.hidden = !text;
    el.classList.toggle('error', Boolean(isError));
    clearTimeout(statusTimer);
    if (text && !isError) statusTimer = setTimeout(() => status(''), 5000);
  };

  // ---- API: JSON in and out; problem+json answers become the message shown ----
  const problem = (res, body) => {
    if (!body || typeof body !== 'object' || !body.detail) return `HTTP ${res.status} from ${res.url}`;
    const errors = (body.errors || []).map((e) => (typeof e === 'string' ? e : Object.values(e).join(': ')));
    return [`${body.title || res.status}: ${body.detail}`, ...errors].join(' · ');
  };
  const api = async (path, method, payload) => {
    const res = await fetch(path, {
      method: method || 'GET',
      headers: { Accept: 'application/json', ...(payload ? { 'Content-Type': 'application/json' } : {}) },
      body: payload ? JSON.stringify(payload) : undefined,
    });
    const text = await res.text();
    let body = null;
    try {
      body = text ? JSON.parse(text) : null;
    } catch {
      body = null;
    }
    if (!res.ok) throw Object.assign(new Error(problem(res, body)), { status: res.status });
    return { text, body };
  };
  // Polled lists are redrawn only when the answer changed, so reading and scrolling are not disturbed.
  const lastText = {};
  const changed = (key, text) => {
    if (lastText[key] === text) return false;
    lastText[key] = text;
    return true;
  };

  // ---- clock ----
  let clock = null;
  let clockInputDirty = false;
  const clockNow = () => (clock.frozen ? clock.now : clock.now + (Date.now() - clock.readAt));
  const renderClock = () => {
    if (!clock) return;
    $('clock-now').textContent = cph(clockNow());
    $('clock-state').textContent = clock.frozen ? 'frozen' : 'running';
    $('clock-state').className = `badge ${clock.frozen ? 'frozen' : 'running'}`;
    $('clock-freeze').textContent = clock.frozen ? 'Unfreeze' : 'Freeze';
    const input = $('clock-input');
    if (!clockInputDirty && document.activeElement !== input) input.value = toInputValue(clockNow());
  };
  const setClock = (c) => {
    clock = { now: Date.parse(c.now), frozen: c.frozen, readAt: Date.now() };
    renderClock();
  };
  const loadClock = async () => setClock((await api('/admin/clock')).body);
  const changeClock = async (change, message) => {
    try {
      setClock((await api('/admin/clock', 'PUT', change)).body);
      status(`${message}: now ${cph(clock.now)}`);
    } catch (error) {
      status(error.message, true);
    }
  };

  // ---- calls (the journal) ----
  // The list keeps at most this many calls (the journal's own default size is 200).
  const CALLS_KEPT = 1000;
  let calls = [];
  let selected = null;
  // Bumped when the filters change: an answer to a poll asked before is dropped.
  let callsGeneration = 0;
  // The poll asks only for what the list shows (summaries: no heads, bodies or decisions) and only
  // for the calls newer than the newest it has; a call's detail is fetched when it is opened.
  const callsPath = () => {
    const q = new URLSearchParams({ fields: 'summary' });
    if ($('filter-outcome').value) q.set('outcome', $('filter-outcome').value);
    if ($('filter-service').value) q.set('service', $('filter-service').value);
    if (calls.length) q.set('after', calls[0].referenceId);
    return `/admin/journal?${q}`;
  };
  const searchable = (c) =>
    [c.referenceId, c.service, c.operation, c.outcome, c.ruleId, org(c.activeOrganisation)]
      .concat([c.certificate && c.certificate.subject, user(c.requestUserMetadata), ...(c.cprs || [])])
      .join(' ')
      .toLowerCase();
  const callRow = (c) =>
    h(
      'tr',
      {
        class: `call ${outcomeClass(c.outcome)}${c.referenceId === selected ? ' selected' : ''}`,
        'data-testid': 'call-row',
        'data-reference-id': c.referenceId,
        'data-outcome': c.outcome,
        tabindex: 0,
        onclick: () => openCall(c.referenceId),
        onkeydown: (e) => e.key === 'Enter' && openCall(c.referenceId),
      },
      h('td', { title: cph(c.time) }, shortFormat.format(new Date(c.time))),
      h('td', {}, badge(c.outcome, outcomeClass(c.outcome))),
      h('td', { class: 'rule' }, h('code', {}, c.outcome === 'ok' ? '' : c.ruleId || '')),
      h('td', { class: 'wraps' }, c.service),
      h('td', { class: 'wraps' }, c.operation || '—'),
      h('td', {}, org(c.activeOrganisation)),
      h('td', { class: 'num' }, Number(c.durationMs).toFixed(1)),
    );
  const renderCalls = () => {
    const text = $('filter-text').value.trim().toLowerCase();
    const shown = text ? calls.filter((c) => searchable(c).includes(text)) : calls;
    $('calls-body').replaceChildren(...shown.map(callRow));
    $('calls-empty').hidden = shown.length > 0;
    $('calls-empty-text').textContent = calls.length
      ? 'No call matches the filters.'
      : 'No calls yet. Calls appear here as they arrive.';
    // How to make the first call, only while there is none.
    if ($('first-call')) $('first-call').hidden = calls.length > 0;
  };
  const loadCalls = async () => {
    const generation = callsGeneration;
    let body;
    try {
      ({ body } = await api(callsPath()));
    } catch (error) {
      // The newest call shown is no longer in the journal (a reset, or it wrapped): read it whole.
      if (!calls.length || error.status !== 404) throw error;
      calls = [];
      ({ body } = await api(callsPath()));
      renderCalls();
    }
    const fresh = body.items || [];
    if (!fresh.length || generation !== callsGeneration) return;
    calls = fresh.concat(calls).slice(0, CALLS_KEPT);
    renderCalls();
  };
  async function openCall(referenceId) {
    selected = referenceId;
    if (location.hash !== callHash(referenceId)) window.history.replaceState(null, '', callHash(referenceId));
    for (const row of document.querySelectorAll('#calls-body tr')) {
      row.classList.toggle('selected', row.dataset.referenceId === referenceId);
    }
    try {
      const res = await fetch(`/dashboard/calls/${encodeURIComponent(referenceId)}`);
      // Rendered and escaped by the server (call-detail.ts), the only markup this script inserts.
      $('call-detail-pane').innerHTML = await res.text();
    } catch (error) {
      status(error.message, true);
    }
  }

  // What each list was last asked for (by its form); the poll loop asks again with the same.
  const queries = {
    bookings: null,
    wsrm: null,
    reminders: '/admin/reminders',
    audit: '/admin/audit',
    citizens: '/admin/citizens',
    organisations: '/admin/organisations',
    certificates: '/admin/certificates',
    deliveries: '/admin/deliveries?limit=200',
  };

  // ---- bookings per citizen, with history and origin ----
  const bookingCard = (b) =>
    h(
      'article',
      { class: 'card', 'data-testid': 'booking', 'data-booking-id': b.id },
      h('h3', {}, b.id, ' ', badge(b.status, b.status === 'Active' ? 'outcome-ok' : 'muted-badge')),
      facts([
        ['CPR', b.cpr],
        ['Interview type', b.interviewType],
        ['Meeting form / group type', `${b.contactType} / ${b.formType}`],
        ['Meeting', `${cph(b.start)} – ${cph(b.end)}`],
        ['As written', `${b.timesAsWritten.start} – ${b.timesAsWritten.end}`],
        [
          'Meeting organisation',
          `${org(b.meetingOrganisation)}${b.meetingLocation ? ` · ${b.meetingLocation}` : ''}`,
        ],
        ['Digital meeting link', b.digitalMeetingLink],
        ['Caseworker', b.caseworkerName],
        ['Compulsory attendance', yesNo(b.compulsoryAttendance)],
        ['Self-booked / accepted', `${yesNo(b.selfBooked)} / ${yesNo(b.accepted)}`],
        ['Rebooking possible / by', `${yesNo(b.rebookingPossible)} / ${cph(b.rebookingDeadline)}`],
        ['Cancellation possible / by', `${yesNo(b.cancellationPossible)} / ${cph(b.cancellationDeadline)}`],
        ['Originator (BookingOriginator)', org(b.originator)],
        ['Created by', `${user(b.createdBy)} · system ${b.createdBySystem}`],
        ['Created / changed', `${cph(b.createdAt)} / ${cph(b.lastChangedAt)}`],
        ['Reminder', b.reminder ? cph(b.reminder.remindAt) : 'none'],
        ['Cancellation reason', b.cancellationReason],
      ]),
      h('h4', {}, 'History'),
      table(b.history || [], [
        ['Time', (e) => cph(e.time)],
        ['Change', (e) => e.change],
        ['ActiveOrganisation', (e) => org(e.activeOrganisation)],
        ['By', (e) => user(e.requestUserMetadata)],
        ['Call', (e) => callLink(e.referenceId)],
      ]),
      rawJson(b),
    );
  const loadBookings = async () => {
    const cpr = queries.bookings;
    if (!cpr) return;
    const list = (await api(`/admin/bookings?cpr=${encodeURIComponent(cpr)}`)).body.items || [];
    const full = await Promise.all(
      list.map(async (b) =>
        b.history ? b : (await api(`/admin/bookings/${encodeURIComponent(b.id)}`)).body,
      ),
    );
    if (!changed('bookings', JSON.stringify(full))) return;
    show('bookings-result', ...(full.length ? full.map(bookingCard) : [empty(`No bookings for ${cpr}.`)]));
  };

  // ---- the other lists: one table each ----
  const listLoader = (key, path, columns, rowAttrs) => async () => {
    const p = path();
    if (p === null) return;
    const { text, body } = await api(p);
    if (!changed(key, text)) return;
    const items = body.items || [];
    show(`${key}-result`, items.length ? table(items, columns, rowAttrs) : empty('Nothing here.'));
  };
  const wsrmColumns = [
    ['Queued', (m) => cph(m.queuedAt)],
    ['Message id', (m) => m.messageId],
    ['Booking', (m) => (m.booking ? `${m.booking.id} (${m.booking.cpr}, ${m.booking.status})` : '—')],
    ['Registering authority', (m) => org(m.registeringAuthority)],
    ['Registered by', (m) => user(m.registeringUser)],
    ['Client system', (m) => m.clientSystem],
  ];
  const reminderColumns = [
    ['Remind at', (r) => cph(r.remindAt)],
    ['Booking', (r) => r.bookingId],
    ['CPR', (r) => r.cpr],
    ['Meeting', (r) => cph(r.meetingStart)],
    ['Scheduled', (r) => cph(r.scheduledAt)],
    ['Due', (r) => yesNo(r.due)],
  ];
  const auditColumns = [
    ['Time', (a) => cph(a.time)],
    ['Outcome', (a) => badge(a.outcome, outcomeClass(a.outcome))],
    ['Service', (a) => `${a.service} · ${a.operation || '—'}`],
    ['Organisation', (a) => org(a.activeOrganisation)],
    ['User', (a) => user(a.requestUserMetadata)],
    ['CPR', (a) => (a.cprs || []).join(', ')],
    ['Rule', (a) => h('code', {}, a.ruleId || '')],
    ['Why', (a) => a.detail || ''],
    ['Call', (a) => callLink(a.referenceId)],
  ];
  // ---- the world: citizens, organisations, certificates ----
  const orgList = (orgs) => (orgs || []).map(org).join(', ') || '—';
  const memberships = (c) =>
    (c.memberships || [])
      .map((m) => `${m.akasse}${m.from || m.to ? ` (${m.from || '…'} – ${m.to || '…'})` : ''}`)
      .join(', ') || 'none';
  const deadlines = (c) =>
    (c.selfBookingDeadlines || [])
      .map((d) => `${d.interviewType}: ${d.deadline}${d.status === 'open' ? '' : ` (${d.status})`}`)
      .join(', ');
  const citizenNotes = (c) =>
    [
      c.deceased && `deceased ${c.deceased}`,
      c.cvNumber && `CV ${c.cvNumber}`,
      (c.andenAktoer || []).length && `anden aktør ${c.andenAktoer.join(', ')}`,
      ...(c.guestAccess || []).map((g) => `guest ${g.organisation} until ${cph(g.until)}`),
    ]
      .filter(Boolean)
      .join(' · ');
  const citizenColumns = [
    ['CPR', (c) => h('code', {}, c.cpr)],
    ['Name', (c) => c.name],
    ['Kommune / jobcenter', (c) => `${c.kommune} / ${c.jobcenter}`],
    ['A-kasse', memberships],
    ['Self-booking deadlines', deadlines],
    ['Visible to', (c) => orgList(c.visibleTo)],
    ['Notes', citizenNotes],
  ];
  const organisationColumns = [
    ['Organisation', (o) => h('code', {}, org(o))],
    ['Name', (o) => o.name],
    ['Certificates that may act as it', (o) => (o.certificates || []).join(', ') || 'none'],
  ];
  const certificateColumns = [
    ['Name', (c) => h('code', {}, c.name)],
    ['Origin', (c) => badge(c.origin, c.origin === 'fixtures' ? 'muted-badge' : 'running')],
    ['May act as', (c) => orgList(c.organisations)],
    ['Fingerprint (SHA-256)', (c) => h('code', { title: c.fingerprint }, `${c.fingerprint.slice(0, 23)}…`)],
    [
      'Files (in the certificate folder)',
      (c) => {
        if (!c.files) return 'none';
        const paths = [c.files.pkcs12, c.files.certificate, c.files.privateKey].filter(Boolean);
        return h('span', { title: paths.join('\n') }, paths.map((p) => p.split(/[\\/]/).pop()).join(' · '));
      },
    ],
    ['Registered', (c) => cph(c.registeredAt)],
  ];
  // ---- push deliveries: one row per attempt ----
  const deliveryColumns = [
    ['Time', (d) => cph(d.time)],
    ['Subscription', (d) => h('code', {}, d.subscription)],
    [
      'Message',
      (d) => `${d.messageType} (${['', 'create', 'update', 'delete'][d.aendringstype] || d.aendringstype})`,
    ],
    ['Attempt', (d) => String(d.attempt)],
    ['Outcome', (d) => badge(d.outcome, d.outcome === 'delivered' ? 'outcome-ok' : 'outcome-fault')],
    ['Status', (d) => d.status],
    ['Next attempt', (d) => (d.nextAttempt ? cph(d.nextAttempt) : '—')],
    ['Message id', (d) => h('code', {}, d.messageId)],
  ];
  const deliveriesPath = () => {
    const status = $('deliveries-status').value;
    return `/admin/deliveries?limit=200${status ? `&status=${encodeURIComponent(status)}` : ''}`;
  };
  const citizensPath = () => {
    const organisation = orgParam($('citizens-organisation').value);
    return `/admin/citizens${organisation ? `?organisation=${encodeURIComponent(organisation)}` : ''}`;
  };
  const rowOf = (testid, key) => (item) => ({ 'data-testid': testid, [`data-${key}`]: item[key] });

  const loaders = {
    calls: loadCalls,
    // The Try it tab (try-it.js) shows what its user asked for; nothing of it is polled.
    'try-it': null,
    bookings: loadBookings,
    wsrm: listLoader('wsrm', () => queries.wsrm, wsrmColumns),
    reminders: listLoader('reminders', () => queries.reminders, reminderColumns),
    audit: listLoader(
      'audit',
      () => queries.audit,
      auditColumns,
      (a) => ({
        class: outcomeClass(a.outcome),
        'data-testid': 'audit-row',
      }),
    ),
    citizens: listLoader('citizens', () => queries.citizens, citizenColumns, rowOf('citizen-row', 'cpr')),
    organisations: listLoader(
      'organisations',
      () => queries.organisations,
      organisationColumns,
      (o) => ({ 'data-testid': 'organisation-row', 'data-organisation': `${o.type}:${o.code}` }),
    ),
    certificates: listLoader(
      'certificates',
      () => queries.certificates,
      certificateColumns,
      rowOf('certificate-row', 'name'),
    ),
    deliveries: listLoader(
      'deliveries',
      () => queries.deliveries,
      deliveryColumns,
      (d) => ({
        'data-testid': 'delivery-row',
        'data-message-id': d.messageId,
        'data-status': d.status,
      }),
    ),
  };
  const auditPath = () => {
    const q = new URLSearchParams();
    const cpr = $('audit-cpr').value.replace(/\D/g, '');
    const organisation = orgParam($('audit-organisation').value);
    if (cpr) q.set('cpr', cpr);
    if (organisation) q.set('organisation', organisation);
    if ($('audit-outcome').value) q.set('outcome', $('audit-outcome').value);
    return `/admin/audit${q.size ? `?${q}` : ''}`;
  };

  // ---- certificates: issue, then offer the .p12 and the PEMs as downloads ----
  const download = (name, bytes, type) => {
    const url = URL.createObjectURL(new Blob([bytes], { type }));
    return h('a', { href: url, download: name, class: 'button', 'data-testid': `download-${name}` }, name);
  };
  const fromBase64 = (b64) => Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
  const issueCertificate = async () => {
    const name = $('certificate-name').value.trim();
    const organisations = $('certificate-organisations')
      .value.split(/[\s,;]+/)
      .filter(Boolean)
      .map((o) => orgParam(o).split(':'))
      .map(([type, code]) => ({ type: Number(type), code }));
    const replace = $('certificate-replace').checked;
    const { body: c } = await api('/admin/certificates', 'POST', {
      name,
      organisations,
      ...(replace ? { replace } : {}),
    });
    await loaders.certificates();
    const p12 = download(`${c.name}.p12`, fromBase64(c.pkcs12), 'application/x-pkcs12');
    show(
      'certificate-result',
      h('div', { class: 'card', 'data-testid': 'certificate-issued' }, [
        facts([
          ['Name', c.name],
          ['Subject', c.subject],
          ['Organisations', (c.organisations || []).map(org).join(', ')],
          ['Fingerprint', h('code', {}, c.fingerprint)],
          ['.p12 password', h('code', { 'data-testid': 'certificate-password' }, c.password)],
        ]),
        h('p', { class: 'downloads' }, [
          p12,
          download(`${c.name}.crt.pem`, c.certificate, 'application/x-pem-file'),
          download(`${c.name}.key.pem`, c.privateKey, 'application/x-pem-file'),
        ]),
      ]),
    );
    p12.click();
  };

  // ---- tabs and the poll loop ----
  const activeTab = () => {
    const tab = location.hash.slice(1);
    return tab in loaders ? tab : 'calls';
  };
  const callInHash = () => {
    const match = CALL_HASH.exec(location.hash);
    return match ? match[1] : null;
  };
  const refresh = async () => {
    const tab = activeTab();
    const paused = tab === 'calls' && !$('live').checked;
    try {
      await Promise.all([loadClock(), loaders[tab] && !paused ? loaders[tab]() : null]);
      if (pollFailed) status('');
    } catch (error) {
      status(error.message, true);
      pollFailed = true;
    }
  };
  const showTab = () => {
    const tab = activeTab();
    const call = callInHash();
    if (call && call !== selected) openCall(call);
    for (const s of document.querySelectorAll('[data-tab]')) s.hidden = s.dataset.tab !== tab;
    for (const a of document.querySelectorAll('[data-tab-link]')) {
      a.classList.toggle('active', a.dataset.tabLink === tab);
    }
    refresh();
  };
  const poll = async () => {
    if (!document.hidden) await refresh();
    setTimeout(poll, POLL_MS);
  };

  const onSubmit = (id, action) =>
    $(id).addEventListener('submit', async (event) => {
      event.preventDefault();
      try {
        status('');
        await action();
      } catch (error) {
        status(error.message, true);
      }
    });

  onSubmit('clock-set-form', async () => {
    clockInputDirty = false;
    await changeClock({ now: fromInputValue($('clock-input').value) }, 'Clock set');
  });
  onSubmit('clock-advance-form', () =>
    changeClock({ advance: $('advance-input').value.trim() }, `Advanced ${$('advance-input').value}`),
  );
  for (const button of document.querySelectorAll('[data-advance]')) {
    button.addEventListener('click', () =>
      changeClock({ advance: button.dataset.advance }, `Advanced ${button.textContent}`),
    );
  }
  $('clock-freeze').addEventListener('click', () =>
    changeClock({ frozen: !(clock && clock.frozen) }, clock && clock.frozen ? 'Unfrozen' : 'Frozen'),
  );
  $('clock-input').addEventListener('input', () => {
    clockInputDirty = true;
  });
  $('call-filters').addEventListener('submit', (e) => e.preventDefault());
  for (const id of ['filter-outcome', 'filter-service']) {
    $(id).addEventListener('change', () => {
      callsGeneration++;
      calls = [];
      renderCalls();
      refresh();
    });
  }
  $('filter-text').addEventListener('input', renderCalls);
  onSubmit('bookings-form', async () => {
    queries.bookings = $('bookings-cpr').value.replace(/\D/g, '');
    await loadBookings();
  });
  onSubmit('wsrm-form', async () => {
    queries.wsrm = `/admin/wsrm?organisation=${encodeURIComponent(orgParam($('wsrm-organisation').value))}`;
    await loaders.wsrm();
  });
  onSubmit('reminders-form', () => loaders.reminders());
  onSubmit('audit-form', async () => {
    queries.audit = auditPath();
    await loaders.audit();
  });
  onSubmit('citizens-form', async () => {
    queries.citizens = citizensPath();
    await loaders.citizens();
  });
  onSubmit('organisations-form', () => loaders.organisations());
  onSubmit('certificates-form', () => loaders.certificates());
  onSubmit('deliveries-form', async () => {
    queries.deliveries = deliveriesPath();
    await loaders.deliveries();
  });
  onSubmit('certificate-form', issueCertificate);
  window.addEventListener('hashchange', showTab);
  setInterval(renderClock, 1000);
  showTab();
  setTimeout(poll, POLL_MS);
})();
