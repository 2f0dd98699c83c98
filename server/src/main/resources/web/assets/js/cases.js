// The case loop's console page (/cases/) for command, admin, reviewer and analyst: the case list with
// filters (GET /api/v1/cases, keyset "more"), a case's detail (facts, matters with outcomes, whistles with
// their deadlines, on-site records, photos, reviews, the timeline of steps), intake (by hand or from alert
// ids: POST /api/v1/cases), dispatch to a team (default: the district holding the case's position), the close
// form (an outcome per matter) and the reviewer's checklist; a statistics tab (GET /api/v1/stats/cases) with
// SVG bar charts and the XLSX / PDF downloads. Officials are sent to /m/, departments to /dept/.
import { t, setLanguage, storedLanguage, wireSwitch, onLanguage } from './i18n.js';
import { api, restore } from './api.js';
import { wireSignIn } from './signin.js';
import { el, fmtTime, levelText, toast, errorText } from './ui.js';
import {
  CASE_STATES, SOURCES, LEVELS, OUTCOMES, loadCatalogue, cat, caseStateText, sourceText, outcomeText, stepText,
  matterName, handlerText, departmentName, districtName, teams, teamName, townships, districtAt, checklistText,
  yuan, outcomeLine, whistleStateText,
} from './casefmt.js';
import { renderStats, defaultPeriod } from './casestats.js';

const $ = (id) => document.getElementById(id);
const PAGE = 50;
let me = null;
let cases = [];
let next = null;
let current = null; // the open case (its JSON)

const commands = () => me && (me.role === 'admin' || me.role === 'command');
const reviews = () => me && me.role === 'reviewer';

// ---- list -----------------------------------------------------------------------------------------

function filterQuery() {
  const q = new URLSearchParams();
  const put = (k, v) => { if (v) q.set(k, v); };
  put('state', $('f-state').value);
  put('source', $('f-source').value);
  put('township', $('f-township').value);
  put('district', $('f-district').value);
  const day = (v, plus) => {
    if (!v) return null;
    const d = new Date(`${v}T00:00:00`);
    if (plus) d.setDate(d.getDate() + 1);
    return Number.isNaN(d.getTime()) ? null : d.toISOString();
  };
  put('since', day($('f-since').value, false));
  put('until', day($('f-until').value, true));
  q.set('limit', String(PAGE));
  return q;
}

async function loadCases(more) {
  const q = filterQuery();
  if (more && next) q.set('before', next);
  try {
    const answer = await api('GET', `/api/v1/cases?${q}`);
    const got = Array.isArray(answer.cases) ? answer.cases : [];
    cases = more ? cases.concat(got) : got;
    next = answer.next || null;
    $('case-error').hidden = true;
  } catch (e) {
    $('case-error').textContent = errorText(e);
    $('case-error').hidden = false;
    return;
  }
  renderList();
}

function renderList() {
  $('case-list').replaceChildren(...cases.map((c) => el('li', {
    class: `alert-row case-row level-${c.level} case-${c.state}${current && current.id === c.id ? ' selected' : ''}`,
    tabindex: 0,
    dataset: { test: 'case-row', caseId: c.id, state: c.state },
    onclick: () => openCase(c.id),
    onkeydown: (e) => { if (e.key === 'Enter') openCase(c.id); },
  },
  el('div', { class: 'row-main' },
    el('div', { class: 'row-title' },
      el('span', { class: `badge level-${c.level}`, text: levelText(c.level) }),
      el('span', { text: c.title || c.id })),
    el('div', { class: 'row-sub muted' },
      el('span', { class: 'mono', text: c.id }),
      el('span', { text: ` · ${sourceText(c.source)} · ${c.township || ''}${c.district ? ` · ${districtName(c.district)}` : ''}` })),
    el('div', { class: 'row-sub' },
      el('span', { class: `case-state cs-${c.state}`, dataset: { test: 'case-state' }, text: caseStateText(c.state) }),
      el('span', { class: 'muted', text: ` ${fmtTime(c.opened_at)}` }))))));
  $('case-empty').hidden = cases.length > 0;
  $('case-more').hidden = !next;
}

// ---- detail ---------------------------------------------------------------------------------------

async function openCase(id, quiet) {
  let c;
  try {
    c = await api('GET', `/api/v1/cases/${encodeURIComponent(id)}`);
  } catch (e) {
    if (!quiet) toast(errorText(e), true);
    return;
  }
  current = c;
  history.replaceState(null, '', `?case=${encodeURIComponent(id)}`);
  showView('list');
  renderDetail();
  const i = cases.findIndex((x) => x.id === c.id);
  if (i >= 0) cases[i] = { ...cases[i], ...c };
  renderList();
}

/** A dt/dd pair; none when the value is empty (a step not reached yet). */
function fact(label, value, test) {
  if (value === null || value === undefined || value === '') return [];
  return [el('dt', { text: label }), el('dd', { dataset: test ? { test } : undefined, text: String(value) })];
}

function section(title, test, ...body) {
  return el('section', { class: 'case-section', dataset: { test } }, el('h3', { text: title }), ...body);
}

function onSiteRecord(x) {
  const r = x.record || x;
  const yes = (b) => (b ? t('cases.yes') : t('cases.no'));
  return el('li', { class: 'onsite', dataset: { test: 'onsite-record' } },
    el('div', { class: 'muted', text: t('cases.recorded_by', { who: x.recorded_by || '', at: fmtTime(x.recorded_at) }) }),
    r.notes ? el('p', { class: 'pre', text: r.notes }) : null,
    el('dl', { class: 'facts' },
      ...fact(t('cases.staff'), r.staff),
      ...fact(t('cases.vehicles_sent'), r.vehicles_sent),
      ...fact(t('cases.inspection'), yes(r.inspection)),
      ...fact(t('cases.joint_action'), yes(r.joint_action)),
      ...fact(t('cases.plates'), (r.plates || []).join('，'), 'onsite-plates'),
      ...fact(t('cases.persons'), (r.persons || []).join('，'))));
}

function renderDetail() {
  const c = current;
  const pane = $('case-detail');
  pane.hidden = false;
  pane.dataset.caseId = c.id;
  pane.dataset.state = c.state;
  const facts = el('dl', { class: 'facts' },
    ...fact(t('cases.id'), c.id, 'detail-id'),
    ...fact(t('cases.source'), sourceText(c.source)),
    ...fact(t('cases.township'), c.township),
    ...fact(t('cases.district'), districtName(c.district)),
    ...fact(t('cases.team'), teamName(c.team), 'detail-team'),
    ...fact(t('cases.position'), Number.isFinite(c.lat) && Number.isFinite(c.lon) ? `${c.lat.toFixed(5)}, ${c.lon.toFixed(5)}` : ''),
    ...fact(t('cases.opened'), `${fmtTime(c.opened_at)} · ${c.opened_by || ''}`),
    ...(c.alerts && c.alerts.length ? fact(t('cases.alerts'), c.alerts.join(', ')) : []),
    ...(c.flight ? fact(t('cases.flight'), `${c.flight}${c.finding ? ` / ${c.finding}` : ''}`) : []),
    ...fact(t('cases.dispatched'), fmtTime(c.dispatched_at)),
    ...fact(t('cases.on_site_deadline'), fmtTime(c.on_site_deadline)),
    ...fact(t('cases.on_site_at'), fmtTime(c.on_site_at)),
    ...fact(t('cases.closed'), fmtTime(c.closed_at)),
    ...fact(t('cases.reviewed'), c.reviewed_at ? `${fmtTime(c.reviewed_at)} · ${c.review_passed ? t('cases.passed') : t('cases.failed')}` : ''),
    ...(c.reopened ? fact(t('cases.reopened_times'), c.reopened) : []));
  const late = c.on_site_deadline && !c.on_site_at && Date.parse(c.on_site_deadline) < Date.now();
  const parts = [
    el('div', { class: 'detail-head' },
      el('span', { class: `badge level-${c.level}`, text: levelText(c.level) }),
      el('h2', { dataset: { test: 'detail-title' }, text: c.title || c.id }),
      el('span', { class: `case-state cs-${c.state}`, dataset: { test: 'detail-state' }, text: caseStateText(c.state) })),
    late ? el('p', { class: 'overdue-note', dataset: { test: 'onsite-late' }, text: t('cases.on_site_late') }) : null,
    c.note ? el('p', { class: 'pre', text: c.note }) : null,
    facts,
  ];
  if (commands() && ['intake', 'dispatched', 'reopened'].includes(c.state)) parts.push(dispatchForm(c));
  parts.push(section(t('cases.matters'), 'matters', mattersTable(c)));
  if ((c.whistles || []).length) parts.push(section(t('cases.whistles'), 'whistles', whistlesTable(c.whistles)));
  if ((c.on_site || []).length) parts.push(section(t('cases.on_site'), 'onsite', el('ul', { class: 'plain-list' }, c.on_site.map(onSiteRecord))));
  if ((c.photos || []).length) {
    parts.push(section(t('cases.photos'), 'photos', el('div', { class: 'photos' }, c.photos.map((p) => el('a', {
      href: p.url || `/api/v1/cases/${encodeURIComponent(c.id)}/photos/${p.n}`, target: '_blank', rel: 'noopener',
    }, el('img', {
      class: 'photo', loading: 'lazy', alt: t('cases.photo_alt', { n: p.n }), dataset: { test: 'case-photo' },
      src: p.url || `/api/v1/cases/${encodeURIComponent(c.id)}/photos/${p.n}`,
    }))))));
  }
  if (commands() && ['on_site', 'reopened'].includes(c.state) && (c.on_site || []).length) parts.push(closeForm(c));
  if ((c.reviews || []).length) parts.push(section(t('cases.reviews'), 'reviews', el('ul', { class: 'plain-list' }, c.reviews.map(reviewItem))));
  if (reviews() && c.state === 'closed') parts.push(reviewForm(c));
  parts.push(section(t('cases.timeline'), 'timeline', el('ol', { class: 'timeline' }, (c.steps || []).map((s) => el('li', {
    dataset: { test: 'step', step: s.step },
  }, el('span', { class: 'muted', text: `${fmtTime(s.at)} ` }), el('strong', { text: stepText(s.step) }),
  el('span', { text: ` · ${s.actor || ''}${s.detail ? ` · ${s.detail}` : ''}` }))))));
  pane.replaceChildren(...parts.filter(Boolean));
}

function mattersTable(c) {
  const ms = c.matters || [];
  if (!ms.length) return el('p', { class: 'muted', text: t('cases.no_matters') });
  return el('table', { class: 'results' },
    el('thead', {}, el('tr', {},
      el('th', { text: t('cases.matter') }), el('th', { text: t('cases.handler') }), el('th', { text: t('cases.level') }),
      el('th', { text: t('cases.outcome') }))),
    el('tbody', {}, ms.map((m) => el('tr', { dataset: { test: 'matter-row', code: m.code, handler: m.handler } },
      el('td', { text: `${m.code} ${matterName(m.code, m.name)}` }),
      el('td', { text: handlerText(m.handler) }),
      el('td', { class: 'nowrap', text: levelText(m.level) }),
      el('td', { dataset: { test: 'matter-outcome' }, text: outcomeLine(m.outcome) })))));
}

export function whistlesTable(ws) {
  return el('table', { class: 'results' },
    el('thead', {}, el('tr', {},
      el('th', { text: t('whistle.id') }), el('th', { text: t('whistle.department') }), el('th', { text: t('cases.matter') }),
      el('th', { text: t('cases.level') }), el('th', { text: t('whistle.state') }), el('th', { text: t('whistle.due') }),
      el('th', { text: t('whistle.outcome') }))),
    el('tbody', {}, ws.map((w) => el('tr', {
      class: w.overdue ? 'overdue' : undefined,
      dataset: { test: 'whistle-row', whistleId: w.id, state: w.state, overdue: String(Boolean(w.overdue)) },
    },
    el('td', { class: 'mono', text: w.id }),
    el('td', { text: departmentName(w.department) }),
    el('td', { text: matterName(w.code, w.matter_name) }),
    el('td', { class: 'nowrap', text: levelText(w.level) }),
    el('td', {}, el('span', { text: whistleStateText(w.state) }),
      w.overdue ? el('span', { class: 'badge level-emergency', text: ` ${t('whistle.overdue_n', { n: w.escalations })}` }) : null),
    el('td', {}, el('div', { text: t('whistle.ack_by', { at: fmtTime(w.ack_deadline) }) }),
      el('div', { text: t('whistle.report_by', { at: fmtTime(w.report_deadline) }) })),
    el('td', { text: w.reported_at ? outcomeLine(w.outcome) : '' })))));
}

function reviewItem(x) {
  const r = x.review || x;
  const list = r.checklist || {};
  return el('li', { dataset: { test: 'review-record', passed: String(Boolean(x.passed)) } },
    el('div', {}, el('strong', { text: t('cases.score', { score: x.score }) }),
      el('span', { class: x.passed ? 'ok' : 'error', text: ` ${x.passed ? t('cases.passed') : t('cases.failed')}` }),
      el('span', { class: 'muted', text: ` · ${x.reviewer || ''} · ${fmtTime(x.at)}` })),
    r.note ? el('p', { class: 'pre', text: r.note }) : null,
    el('ul', { class: 'checks' }, Object.entries(list).map(([id, met]) => {
      const item = cat().checklist.find((i) => i.id === id);
      return el('li', { class: met ? 'met' : 'unmet', text: `${met ? '✓' : '✗'} ${item ? checklistText(item) : id}` });
    })));
}

// ---- dispatch / close / review ---------------------------------------------------------------------

function defaultTeam(c) {
  if (c.team) return c.team;
  const d = districtAt(Number(c.lat), Number(c.lon)) || cat().districts.find((x) => x.id === c.district)
    || cat().districts.find((x) => x.township === c.township);
  return d && d.teams && d.teams.length ? d.teams[0].id : '';
}

function dispatchForm(c) {
  const select = el('select', { id: 'dispatch-team', dataset: { test: 'dispatch-team' } },
    el('option', { value: '', text: t('cases.team_auto') }),
    teams().map((tm) => el('option', { value: tm.id, text: `${tm.districtName} · ${tm.name || tm.id}` })));
  select.value = defaultTeam(c);
  const button = el('button', { type: 'submit', class: 'primary', dataset: { test: 'dispatch-submit' }, text: t('cases.dispatch') });
  return el('form', {
    class: 'ack-form', dataset: { test: 'dispatch-form' },
    onsubmit: async (e) => {
      e.preventDefault();
      button.disabled = true;
      try {
        const body = select.value ? { team: select.value } : {};
        current = await api('POST', `/api/v1/cases/${encodeURIComponent(c.id)}/dispatch`, body);
        toast(t('cases.dispatched_to', { team: teamName(current.team) }));
        renderDetail();
        await loadCases(false);
      } catch (ex) {
        toast(errorText(ex), true);
      } finally {
        button.disabled = false;
      }
    },
  }, el('h3', { text: t('cases.dispatch_heading') }), el('label', { text: t('cases.team') }), select, button);
}

function closeForm(c) {
  const rows = [];
  const body = (c.matters || []).map((m) => {
    const whistled = m.handler !== 'township';
    if (whistled && m.outcome && m.outcome.kind !== 'referred') {
      return el('div', { class: 'close-row', dataset: { test: 'close-matter', code: m.code } },
        el('strong', { text: `${m.code} ${matterName(m.code, m.name)}` }),
        el('span', { class: 'muted', text: ` · ${handlerText(m.handler)} · ${outcomeLine(m.outcome)}` }));
    }
    const o = m.outcome || {};
    const kind = el('select', { dataset: { test: 'close-kind' } },
      (whistled ? ['referred'] : OUTCOMES).map((k) => el('option', { value: k, text: outcomeText(k) })));
    kind.value = whistled ? 'referred' : (o.kind || 'notice');
    const notice = el('input', { maxlength: 64, placeholder: t('cases.notice_no'), dataset: { test: 'close-notice' }, value: o.notice_no || '' });
    const penalty = el('input', { type: 'number', min: '0', step: '0.01', placeholder: t('cases.penalty_yuan'), dataset: { test: 'close-penalty' }, value: o.penalty_yuan ?? '' });
    const note = el('input', { maxlength: 500, placeholder: t('cases.note'), dataset: { test: 'close-note' }, value: o.note || '' });
    const sync = () => {
      notice.hidden = !['notice', 'penalty'].includes(kind.value);
      penalty.hidden = kind.value !== 'penalty';
    };
    kind.addEventListener('change', sync);
    sync();
    rows.push({ code: m.code, kind, notice, penalty, note });
    return el('div', { class: 'close-row', dataset: { test: 'close-matter', code: m.code } },
      el('strong', { text: `${m.code} ${matterName(m.code, m.name)}` }),
      el('span', { class: 'muted', text: ` · ${handlerText(m.handler)}` }),
      el('div', { class: 'close-fields' }, kind, notice, penalty, note));
  });
  const button = el('button', { type: 'submit', class: 'primary', dataset: { test: 'close-submit' }, text: t('cases.close') });
  return el('form', {
    class: 'ack-form', dataset: { test: 'close-form' },
    onsubmit: async (e) => {
      e.preventDefault();
      button.disabled = true;
      try {
        const outcomes = rows.map((r) => ({
          code: r.code,
          kind: r.kind.value,
          notice_no: r.notice.hidden || !r.notice.value.trim() ? null : r.notice.value.trim(),
          penalty_yuan: r.penalty.hidden || r.penalty.value === '' ? null : Number(r.penalty.value),
          note: r.note.value.trim() || null,
        }));
        current = await api('POST', `/api/v1/cases/${encodeURIComponent(c.id)}/close`, { outcomes });
        toast(t('cases.closed_done'));
        renderDetail();
        await loadCases(false);
      } catch (ex) {
        toast(errorText(ex), true);
      } finally {
        button.disabled = false;
      }
    },
  }, el('h3', { text: t('cases.close_heading') }), body.length ? body : el('p', { class: 'muted', text: t('cases.no_matters') }), button);
}

function reviewForm(c) {
  const items = cat().checklist;
  const boxes = items.map((item) => el('input', { type: 'checkbox', dataset: { test: 'review-point', point: item.id } }));
  const score = el('strong', { dataset: { test: 'review-score' } });
  const note = el('textarea', { rows: 3, maxlength: 2000, placeholder: t('cases.review_note'), dataset: { test: 'review-note' } });
  const update = () => {
    const met = boxes.filter((b) => b.checked).length;
    score.textContent = t('cases.score', { score: items.length ? Math.round((100 * met) / items.length) : 0 });
  };
  boxes.forEach((b) => b.addEventListener('change', update));
  update();
  const button = el('button', { type: 'submit', class: 'primary', dataset: { test: 'review-submit' }, text: t('cases.review_submit') });
  return el('form', {
    class: 'ack-form', dataset: { test: 'review-form' },
    onsubmit: async (e) => {
      e.preventDefault();
      button.disabled = true;
      try {
        const checklist = {};
        items.forEach((item, i) => { checklist[item.id] = boxes[i].checked; });
        current = await api('POST', `/api/v1/cases/${encodeURIComponent(c.id)}/review`, { checklist, note: note.value.trim() || null });
        toast(t('cases.reviewed_done', { state: caseStateText(current.state) }));
        renderDetail();
        await loadCases(false);
      } catch (ex) {
        toast(errorText(ex), true);
      } finally {
        button.disabled = false;
      }
    },
  }, el('h3', { text: t('cases.review_heading') },),
  el('ul', { class: 'checks' }, items.map((item, i) => el('li', {}, el('label', { class: 'check' }, boxes[i],
    el('span', { text: ` ${checklistText(item)}` }), item.required ? el('span', { class: 'error', text: ` ${t('cases.required')}` }) : null)))),
  score, note, button);
}

// ---- intake ---------------------------------------------------------------------------------------

function syncIntake() {
  const source = $('in-source').value;
  document.querySelectorAll('[data-for-source]').forEach((e) => { e.hidden = e.dataset.forSource !== source; });
}

async function submitIntake(e) {
  e.preventDefault();
  const num = (v) => (v === '' ? null : Number(v));
  const text = (v) => (v.trim() ? v.trim() : null);
  const source = $('in-source').value;
  const body = {
    source,
    alerts: source === 'alert' ? $('in-alerts').value.split(/[\s,，]+/).filter(Boolean) : [],
    flight: source === 'flight' ? text($('in-flight').value) : null,
    finding: source === 'flight' ? text($('in-finding').value) : null,
    title: text($('in-title').value),
    note: text($('in-note').value),
    lat: num($('in-lat').value),
    lon: num($('in-lon').value),
    township: $('in-township').value || null,
    level: $('in-level').value || null,
  };
  $('in-error').hidden = true;
  $('in-submit').disabled = true;
  try {
    const c = await api('POST', '/api/v1/cases', body);
    toast(t('cases.opened_done', { id: c.id }));
    $('intake-form').reset();
    syncIntake();
    await loadCases(false);
    await openCase(c.id);
  } catch (ex) {
    $('in-error').textContent = errorText(ex);
    $('in-error').hidden = false;
  } finally {
    $('in-submit').disabled = false;
  }
}

// ---- page -----------------------------------------------------------------------------------------

function showView(name) {
  document.querySelectorAll('.tabs .tab').forEach((b) => b.classList.toggle('active', b.dataset.view === name));
  ['list', 'intake', 'stats'].forEach((v) => { $(`view-${v}`).hidden = v !== name; });
  if (name === 'stats') renderStats();
}

function fillSelects() {
  const keep = (id, build) => { const s = $(id); const v = s.value; s.replaceChildren(...build()); s.value = v; };
  const all = () => el('option', { value: '', text: t('filter.all') });
  keep('f-state', () => [all(), ...CASE_STATES.map((s) => el('option', { value: s, text: caseStateText(s) }))]);
  keep('f-source', () => [all(), ...SOURCES.map((s) => el('option', { value: s, text: sourceText(s) }))]);
  keep('f-township', () => [all(), ...townships().map((s) => el('option', { value: s, text: s }))]);
  keep('f-district', () => [all(), ...cat().districts.map((d) => el('option', { value: d.id, text: d.name || d.id }))]);
  keep('in-source', () => SOURCES.map((s) => el('option', { value: s, text: sourceText(s) })));
  keep('in-township', () => [el('option', { value: '', text: t('cases.township_auto') }), ...townships().map((s) => el('option', { value: s, text: s }))]);
  keep('in-level', () => [el('option', { value: '', text: t('cases.level_auto') }), ...LEVELS.map((l) => el('option', { value: l, text: levelText(l) }))]);
  if (!$('in-source').value) $('in-source').value = 'alert';
}

function whoText(who) {
  return t('session.whoami', { name: who.name, role: t(`role.${who.role}`) });
}

async function showApp(who) {
  me = who;
  $('sign-in').hidden = true;
  $('sign-out').hidden = false;
  $('whoami').textContent = whoText(who);
  if (who.role === 'official' || who.role === 'department') {
    // Not this page's people: the phone page has the teams' cases, /dept/ the departments' whistles.
    $('elsewhere').hidden = false;
    $('elsewhere-text').textContent = who.role === 'official' ? t('cases.go_phone') : t('cases.go_dept');
    $('elsewhere-link').textContent = who.role === 'official' ? t('cases.open_phone') : t('cases.open_dept');
    $('elsewhere-link').href = who.role === 'official' ? '/m/' : '/dept/';
    return;
  }
  $('app').hidden = false;
  document.querySelector('[data-test=tab-intake]').hidden = !commands();
  try { await loadCatalogue(); } catch (e) { toast(errorText(e), true); }
  fillSelects();
  syncIntake();
  const params = new URLSearchParams(window.location.search);
  if (params.get('alert') && commands()) {
    $('in-source').value = 'alert';
    $('in-alerts').value = params.get('alert');
    syncIntake();
    showView('intake');
  }
  await loadCases(false);
  if (params.get('case')) await openCase(params.get('case'));
  else if (params.get('view') === 'stats' || (params.get('view') === 'intake' && commands())) showView(params.get('view'));
}

function showSignIn() {
  me = null;
  current = null;
  cases = [];
  $('app').hidden = true;
  $('elsewhere').hidden = true;
  $('case-detail').hidden = true;
  $('sign-out').hidden = true;
  $('whoami').textContent = '';
  $('sign-in').hidden = false;
  $('sign-in-user').focus();
}

function wire() {
  wireSwitch($('lang-switch'));
  wireSignIn({ onSignedIn: showApp, onSignedOut: showSignIn });
  document.querySelectorAll('.tabs .tab').forEach((b) => b.addEventListener('click', () => showView(b.dataset.view)));
  $('case-filters').addEventListener('change', () => loadCases(false));
  $('case-filters').addEventListener('submit', (e) => { e.preventDefault(); loadCases(false); });
  $('case-more').addEventListener('click', () => loadCases(true));
  $('in-source').addEventListener('change', syncIntake);
  $('intake-form').addEventListener('submit', submitIntake);
  defaultPeriod();
  document.addEventListener('visibilitychange', () => { if (me && !document.hidden && !$('app').hidden) loadCases(false); });
  onLanguage(() => {
    if (!me) return;
    $('whoami').textContent = whoText(me);
    fillSelects();
    renderList();
    if (current) renderDetail();
    if (!$('view-stats').hidden) renderStats();
  });
}

async function main() {
  wire();
  await setLanguage(storedLanguage());
  const who = await restore();
  if (who) await showApp(who); else showSignIn();
}

main();
