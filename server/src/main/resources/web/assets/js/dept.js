// A city department's page (/dept/): its whistles (GET /api/v1/whistles: the server gives a department user
// only its own department's), the overdue ones highlighted, each with its deadlines; acknowledge (POST
// /api/v1/whistles/{id}/ack), then report the outcome (POST /api/v1/whistles/{id}/report). Polled.
import { t, setLanguage, storedLanguage, wireSwitch, onLanguage } from './i18n.js';
import { api, restore } from './api.js';
import { wireSignIn } from './signin.js';
import { el, fmtTime, levelText, toast, errorText } from './ui.js';
import {
  OUTCOMES, loadCatalogue, outcomeText, whistleStateText, departmentName, outcomeLine, matterName,
} from './casefmt.js';

const $ = (id) => document.getElementById(id);
const POLL_MS = 30000;
let me = null;
let whistles = [];
let poller = null;
const reporting = new Set(); // whistle ids whose report form is open (kept across re-renders)

function due(w) {
  if (w.reported_at) return null;
  return w.acknowledged_at ? w.report_deadline : w.ack_deadline;
}

function left(iso) {
  const ms = Date.parse(iso) - Date.now();
  if (!Number.isFinite(ms)) return '';
  if (ms <= 0) return t('dept.past_due');
  const m = Math.floor(ms / 60000);
  if (m >= 48 * 60) return t('dept.left_dh', { d: Math.floor(m / 1440), h: Math.floor((m % 1440) / 60) });
  return m >= 60 ? t('dept.left_hm', { h: Math.floor(m / 60), m: m % 60 }) : t('dept.left_m', { m });
}

async function load(polled) {
  if (polled === true && reporting.size) return; // a report being written is not re-rendered away
  const state = $('w-state').value;
  const q = new URLSearchParams({ limit: '200' });
  if (state && state !== 'all') q.set('state', state);
  if ($('w-overdue').checked) q.set('overdue', 'true');
  try {
    const answer = await api('GET', `/api/v1/whistles?${q}`);
    const got = Array.isArray(answer.whistles) ? answer.whistles : [];
    whistles = state === '' ? got.filter((w) => w.state !== 'reported') : got;
    $('w-error').hidden = true;
  } catch (e) {
    $('w-error').textContent = errorText(e);
    $('w-error').hidden = false;
    return;
  }
  render();
}

function render() {
  // Overdue first, then by the nearest deadline.
  const sorted = [...whistles].sort((a, b) => (Number(Boolean(b.overdue)) - Number(Boolean(a.overdue)))
    || (Date.parse(due(a) || '9999') - Date.parse(due(b) || '9999')));
  $('whistles').replaceChildren(...sorted.map(card));
  $('w-empty').hidden = whistles.length > 0;
  const overdue = whistles.filter((w) => w.overdue).length;
  $('w-counts').textContent = t('dept.counts', { n: whistles.length, overdue });
}

function card(w) {
  const d = due(w);
  const late = Boolean(w.overdue) || (d && Date.parse(d) <= Date.now());
  return el('li', {
    class: `whistle-card level-${w.level}${late ? ' overdue' : ''} ws-${w.state}`,
    dataset: { test: 'whistle-card', whistleId: w.id, caseId: w.case_id, state: w.state, overdue: String(Boolean(w.overdue)) },
  },
  el('div', { class: 'detail-head' },
    el('span', { class: `badge level-${w.level}`, text: levelText(w.level) }),
    el('h2', { dataset: { test: 'whistle-matter' }, text: matterName(w.code, w.matter_name) }),
    el('span', { class: `ws-state`, dataset: { test: 'whistle-state' }, text: whistleStateText(w.state) }),
    late ? el('span', { class: 'badge level-emergency', dataset: { test: 'whistle-overdue' }, text: t('dept.overdue', { n: w.escalations || 0 }) }) : null),
  el('dl', { class: 'facts' },
    el('dt', { text: t('whistle.id') }), el('dd', { class: 'mono', text: w.id }),
    el('dt', { text: t('dept.case') }), el('dd', { dataset: { test: 'whistle-case' }, text: `${w.case_title || ''} (${w.case_id})` }),
    el('dt', { text: t('cases.township') }), el('dd', { text: w.township || '' }),
    el('dt', { text: t('dept.issued') }), el('dd', { text: fmtTime(w.issued_at) }),
    el('dt', { text: t('dept.ack_deadline') }), el('dd', { text: w.acknowledged_at
      ? t('dept.done_at', { at: fmtTime(w.acknowledged_at) }) : `${fmtTime(w.ack_deadline)} · ${left(w.ack_deadline)}` }),
    el('dt', { text: t('dept.report_deadline') }), el('dd', { text: w.reported_at
      ? t('dept.done_at', { at: fmtTime(w.reported_at) }) : `${fmtTime(w.report_deadline)}${w.acknowledged_at ? ` · ${left(w.report_deadline)}` : ''}` }),
    ...(w.reported_at ? [el('dt', { text: t('whistle.outcome') }), el('dd', { dataset: { test: 'whistle-outcome' }, text: outcomeLine(w.outcome) })] : [])),
  actions(w));
}

function actions(w) {
  if (w.state === 'issued') {
    const b = el('button', { type: 'button', class: 'primary', dataset: { test: 'whistle-ack' }, text: t('dept.acknowledge') });
    b.addEventListener('click', async () => {
      b.disabled = true;
      try {
        await api('POST', `/api/v1/whistles/${encodeURIComponent(w.id)}/ack`, {});
        toast(t('dept.acknowledged', { id: w.id }));
        reporting.add(w.id);
        await load();
      } catch (e) {
        toast(errorText(e), true);
        b.disabled = false;
      }
    });
    return el('div', { class: 'whistle-actions' }, b);
  }
  if (w.state !== 'acknowledged') return null;
  if (!reporting.has(w.id)) {
    const open = el('button', { type: 'button', class: 'primary', dataset: { test: 'whistle-report-open' }, text: t('dept.report') });
    open.addEventListener('click', () => { reporting.add(w.id); render(); });
    return el('div', { class: 'whistle-actions' }, open);
  }
  return reportForm(w);
}

function reportForm(w) {
  const kind = el('select', { dataset: { test: 'report-kind' } }, OUTCOMES.map((k) => el('option', { value: k, text: outcomeText(k) })));
  const notice = el('input', { maxlength: 64, dataset: { test: 'report-notice' } });
  const penalty = el('input', { type: 'number', min: '0', step: '0.01', dataset: { test: 'report-penalty' } });
  const note = el('textarea', { rows: 2, maxlength: 2000, dataset: { test: 'report-note' } });
  const noticeLabel = el('label', {}, el('span', { text: t('cases.notice_no') }), notice);
  const penaltyLabel = el('label', {}, el('span', { text: t('cases.penalty_yuan') }), penalty);
  const sync = () => {
    noticeLabel.hidden = !['notice', 'penalty'].includes(kind.value);
    penaltyLabel.hidden = kind.value !== 'penalty';
  };
  kind.addEventListener('change', sync);
  sync();
  const submit = el('button', { type: 'submit', class: 'primary', dataset: { test: 'report-submit' }, text: t('dept.report_submit') });
  const cancel = el('button', { type: 'button', class: 'plain', text: t('common.close') });
  cancel.addEventListener('click', () => { reporting.delete(w.id); render(); });
  return el('form', {
    class: 'ack-form report-form', dataset: { test: 'report-form' },
    onsubmit: async (e) => {
      e.preventDefault();
      submit.disabled = true;
      try {
        await api('POST', `/api/v1/whistles/${encodeURIComponent(w.id)}/report`, {
          kind: kind.value,
          notice_no: noticeLabel.hidden || !notice.value.trim() ? null : notice.value.trim(),
          penalty_yuan: penaltyLabel.hidden || penalty.value === '' ? null : Number(penalty.value),
          note: note.value.trim() || null,
        });
        reporting.delete(w.id);
        toast(t('dept.reported', { id: w.id }));
        await load();
      } catch (ex) {
        toast(errorText(ex), true);
        submit.disabled = false;
      }
    },
  }, el('h3', { text: t('dept.report_heading') }),
  el('label', {}, el('span', { text: t('cases.outcome') }), kind), noticeLabel, penaltyLabel,
  el('label', {}, el('span', { text: t('cases.note') }), note),
  el('div', { class: 'whistle-actions' }, submit, cancel));
}

function whoText(who) {
  return t('session.whoami', { name: who.name, role: t(`role.${who.role}`) });
}

async function showApp(who) {
  me = who;
  $('sign-in').hidden = true;
  $('app').hidden = false;
  $('sign-out').hidden = false;
  $('whoami').textContent = whoText(who);
  try { await loadCatalogue(); } catch (e) { /* names fall back to ids */ }
  await load();
  // /api/v1/me may not name the department: its whistles do (the server gives it only its own).
  const dep = who.department || (whistles[0] && whistles[0].department);
  $('dept-name').textContent = dep ? departmentName(dep) : '';
  clearInterval(poller);
  poller = setInterval(() => { if (!document.hidden) load(true); }, POLL_MS);
}

function showSignIn() {
  me = null;
  clearInterval(poller);
  poller = null;
  whistles = [];
  reporting.clear();
  $('app').hidden = true;
  $('sign-out').hidden = true;
  $('whoami').textContent = '';
  $('dept-name').textContent = '';
  $('sign-in').hidden = false;
  $('sign-in-user').focus();
}

function wire() {
  wireSwitch($('lang-switch'));
  wireSignIn({ onSignedIn: showApp, onSignedOut: showSignIn });
  $('w-filters').addEventListener('change', () => load());
  $('w-filters').addEventListener('submit', (e) => { e.preventDefault(); load(); });
  document.addEventListener('visibilitychange', () => { if (me && !document.hidden) load(true); });
  onLanguage(() => {
    if (!me) return;
    $('whoami').textContent = whoText(me);
    const dep = me.department || (whistles[0] && whistles[0].department);
    if (dep) $('dept-name').textContent = departmentName(dep);
    render();
  });
}

async function main() {
  wire();
  await setLanguage(storedLanguage());
  const who = await restore();
  if (who) await showApp(who); else showSignIn();
}

main();
