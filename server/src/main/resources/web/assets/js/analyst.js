// The analysts' page (/analyst/): search the alerts by time range, site, camera, rule, level, state
// and verdict (GET /api/v1/alerts, one page at a time by its cursor), sort the page by a column, open
// an alert and give a verdict (verdict.js), export the filter as CSV, a camera's verdicts as labels or
// a dataset, and read precision by verdict per camera and rule. Everything comes from API v1.
import { t, setLanguage, storedLanguage, wireSwitch, onLanguage } from './i18n.js';
import { api, restore } from './api.js';
import { wireSignIn } from './signin.js';
import { el, show, fmtTime, levelText, ruleText, stateText, snapshotWithBox, toast, errorText } from './ui.js';
import { mountVerdict, verdictText, reasonText } from './verdict.js';

const $ = (id) => document.getElementById(id);
const PAGE = 50;
let me = null;
let rows = [];
let cursors = [null];
let pageNo = 0;
let next = null;
let sort = { key: 'created_at', dir: -1 };
let selected = null;
let applied = new URLSearchParams();

function columns() {
  return [
    { key: 'created_at', label: t('alert.created'), text: (a) => fmtTime(a.created_at) },
    { key: 'site', label: t('alert.site'), text: (a) => a.site },
    { key: 'camera', label: t('alert.camera'), text: (a) => a.camera },
    { key: 'rule', label: t('alert.rule'), text: (a) => a.rule },
    { key: 'level', label: t('search.level'), text: (a) => levelText(a.level) },
    { key: 'state', label: t('filter.state'), text: (a) => stateText(a.state) },
    { key: 'score', label: t('alert.score'), text: (a) => (a.score === null || a.score === undefined ? '' : Number(a.score).toFixed(2)) },
    { key: 'verdict', label: t('search.verdict'), text: (a) => verdictText(a.verdict) },
  ];
}

function isoOf(input) {
  if (!input.value) return null;
  const d = new Date(input.value);
  return Number.isNaN(d.getTime()) ? null : d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** The filter of the form as query parameters (no limit, no cursor). */
function filterParams() {
  const p = new URLSearchParams();
  const since = isoOf($('f-since'));
  const until = isoOf($('f-until'));
  if (since) p.set('since', since);
  if (until) p.set('until', until);
  [['site', 'f-site'], ['camera', 'f-camera'], ['rule', 'f-rule'], ['level', 'f-level'], ['state', 'f-state'],
    ['verdict', 'f-verdict']].forEach(([name, id]) => {
    const v = $(id).value.trim();
    if (v) p.set(name, v);
  });
  return p;
}

function period() {
  const p = new URLSearchParams();
  if (applied.get('since')) p.set('since', applied.get('since'));
  if (applied.get('until')) p.set('until', applied.get('until'));
  return p;
}

function updateLinks() {
  const q = applied.toString();
  $('export-csv').href = `/api/v1/alerts.csv${q ? `?${q}` : ''}`;
  const x = period();
  const camera = $('x-camera').value;
  if (camera) x.set('camera', camera);
  const xq = x.toString();
  $('export-labels').href = `/api/v1/labels${xq ? `?${xq}` : ''}`;
  $('export-labels').setAttribute('download', `${camera || 'camera'}.labels`);
  $('export-dataset').href = `/api/v1/labels/dataset.zip${xq ? `?${xq}` : ''}`;
  $('export-dataset').setAttribute('download', 'dataset.zip');
}

async function load(page) {
  const p = new URLSearchParams(applied);
  p.set('limit', String(PAGE));
  if (cursors[page]) p.set('cursor', cursors[page]);
  $('search-error').hidden = true;
  try {
    const answer = await api('GET', `/api/v1/alerts?${p}`);
    rows = answer.alerts;
    next = answer.next;
    pageNo = page;
    if (next) cursors[page + 1] = next;
    renderRows();
  } catch (e) {
    $('search-error').textContent = errorText(e);
    $('search-error').hidden = false;
  }
}

async function search() {
  applied = filterParams();
  cursors = [null];
  updateLinks();
  await Promise.all([load(0), loadPrecision()]);
}

function sorted() {
  const { key, dir } = sort;
  return [...rows].sort((a, b) => {
    const x = a[key] === null || a[key] === undefined ? '' : a[key];
    const y = b[key] === null || b[key] === undefined ? '' : b[key];
    if (x < y) return -dir;
    if (x > y) return dir;
    return a.id < b.id ? dir : -dir;
  });
}

function renderHead() {
  const head = $('results-head');
  head.replaceChildren(...columns().map((c) => el('th', { dataset: { test: `col-${c.key}` }, 'aria-sort': sort.key === c.key ? (sort.dir > 0 ? 'ascending' : 'descending') : 'none' },
    el('button', { type: 'button', dataset: { test: `sort-${c.key}` },
      text: `${c.label}${sort.key === c.key ? (sort.dir > 0 ? ' ▲' : ' ▼') : ''}`,
      onclick: () => { sort = { key: c.key, dir: sort.key === c.key ? -sort.dir : 1 }; renderRows(); } }))));
}

function renderRows() {
  renderHead();
  const cols = columns();
  $('results-body').replaceChildren(...sorted().map((a) => el('tr', {
    class: selected === a.id ? 'selected' : '',
    tabindex: 0,
    dataset: { test: 'result-row', alertId: a.id, verdict: a.verdict || 'none' },
    onclick: () => open(a.id),
    onkeydown: (e) => { if (e.key === 'Enter') open(a.id); },
  }, cols.map((c) => el('td', { dataset: { test: `cell-${c.key}` }, text: c.text(a) })))));
  show($('results-empty'), rows.length === 0);
  $('page-prev').disabled = pageNo === 0;
  $('page-next').disabled = !next;
  $('page-no').textContent = t('search.page', { n: pageNo + 1 });
}

async function open(id) {
  selected = id;
  renderRows();
  const pane = $('detail');
  pane.hidden = false;
  pane.replaceChildren(el('p', { class: 'muted', text: t('common.loading') }));
  let a;
  try {
    a = await api('GET', `/api/v1/alerts/${encodeURIComponent(id)}`);
  } catch (e) {
    pane.replaceChildren(el('p', { class: 'error', text: errorText(e) }));
    return;
  }
  if (selected !== id) return;
  const verdicts = a.verdicts || [];
  const parts = [
    el('div', { class: 'detail-head' },
      el('span', { class: `badge level-${a.level}`, text: levelText(a.level) }),
      el('h2', { text: ruleText(a) }),
      el('span', { class: `verdict-badge ${a.verdict || ''}`, text: verdictText(a.verdict), dataset: { test: 'detail-verdict' } }),
      el('button', { type: 'button', class: 'plain', text: t('common.close'), dataset: { test: 'detail-close' },
        onclick: () => { selected = null; pane.hidden = true; renderRows(); } })),
    el('dl', { class: 'facts' },
      el('dt', { text: t('alert.camera') }), el('dd', { text: a.camera }),
      el('dt', { text: t('alert.site') }), el('dd', { text: a.site }),
      el('dt', { text: t('alert.created') }), el('dd', { text: fmtTime(a.created_at) }),
      el('dt', { text: t('alert.score') }), el('dd', { text: a.score === null ? '' : Number(a.score).toFixed(2) })),
    snapshotWithBox(a, 'detail-snapshot'),
    el('p', {},
      el('a', { href: `/replay/?alert=${encodeURIComponent(a.id)}`, dataset: { test: 'detail-replay' }, text: t('analyst.replay') }),
      ' · ',
      el('a', { href: `/api/alerts/${encodeURIComponent(a.id)}/evidence.zip`, dataset: { test: 'detail-evidence' }, text: t('analyst.evidence') })),
  ];
  const form = el('div', { dataset: { test: 'verdict-host' } });
  if (me && (me.role === 'analyst' || me.role === 'admin')) parts.push(form);
  parts.push(el('h3', { text: t('verdict.history') }),
    el('ol', { class: 'history', dataset: { test: 'detail-verdicts' } },
      verdicts.map((v) => el('li', {},
        el('span', { class: 'muted', text: fmtTime(v.at) }),
        el('span', { text: ` ${verdictText(v.verdict)}${v.reason ? ` · ${reasonText(v.reason)}` : ''}${v.category ? ` · ${v.category}` : ''}` }),
        el('span', { class: 'muted', text: ` · ${v.by}` }),
        el('span', { text: v.note ? ` · ${v.note}` : '' })))));
  if (verdicts.length === 0) parts.push(el('p', { class: 'muted', text: t('verdict.not_yet') }));
  pane.replaceChildren(...parts);
  mountVerdict(form, a.id, api, {
    snapshot: a.snapshot,
    current: verdicts.length ? verdicts[verdicts.length - 1] : null,
    onSaved: (v) => {
      toast(t('verdict.saved', { verdict: verdictText(v.verdict) }));
      rows = rows.map((r) => (r.id === a.id ? { ...r, verdict: v.verdict } : r));
      renderRows();
      loadPrecision();
      open(a.id);
    },
  });
}

async function loadPrecision() {
  try {
    const p = await api('GET', `/api/v1/precision?${period()}`);
    $('precision-body').replaceChildren(...p.rows.map((r) => el('tr', { dataset: { test: 'precision-row', camera: r.camera, rule: r.rule } },
      el('td', { text: r.camera }), el('td', { text: r.rule }), el('td', { text: String(r.alerts) }),
      el('td', { text: String(r.confirmed) }), el('td', { text: String(r.false_alarm) }), el('td', { text: String(r.unjudged) }),
      el('td', { dataset: { test: 'precision-value' }, text: r.precision === null ? t('precision.none') : `${(r.precision * 100).toFixed(1)}%` }))));
  } catch (e) {
    if (e.status !== 403) toast(errorText(e), true);
    $('precision-body').replaceChildren();
  }
}

async function loadChoices() {
  try {
    const [sites, cameras] = await Promise.all([api('GET', '/api/v1/sites'), api('GET', '/api/v1/cameras')]);
    const fill = (select, items, keepAll) => {
      const old = select.value;
      select.replaceChildren(...(keepAll ? [el('option', { value: '', text: t('filter.all') })] : []),
        ...items.map((i) => el('option', { value: i.id, text: i.name && i.name !== i.id ? `${i.name} (${i.id})` : i.id })));
      if ([...select.options].some((o) => o.value === old)) select.value = old;
    };
    fill($('f-site'), sites.sites, true);
    fill($('f-camera'), cameras.cameras, true);
    fill($('x-camera'), cameras.cameras, false);
  } catch (e) {
    toast(errorText(e), true);
  }
  updateLinks();
}

async function showApp(who) {
  me = who;
  $('sign-in').hidden = true;
  $('app').hidden = false;
  $('sign-out').hidden = false;
  $('whoami').textContent = t('session.whoami', { name: who.name, role: t(`role.${who.role}`) });
  await loadChoices();
  await search();
}

function showSignIn() {
  me = null;
  $('app').hidden = true;
  $('sign-out').hidden = true;
  $('whoami').textContent = '';
  $('sign-in').hidden = false;
  $('sign-in-user').focus();
}

function wire() {
  wireSwitch($('lang-switch'));
  wireSignIn({ onSignedIn: showApp, onSignedOut: showSignIn });
  $('filters').addEventListener('submit', (e) => { e.preventDefault(); search(); });
  $('f-reset').addEventListener('click', () => { $('filters').reset(); search(); });
  $('page-next').addEventListener('click', () => { if (next) load(pageNo + 1); });
  $('page-prev').addEventListener('click', () => { if (pageNo > 0) load(pageNo - 1); });
  $('x-camera').addEventListener('change', updateLinks);
  onLanguage(() => {
    if (!me) return;
    loadChoices();
    renderRows();
    loadPrecision();
    $('whoami').textContent = t('session.whoami', { name: me.name, role: t(`role.${me.role}`) });
    if (selected) open(selected);
  });
}

async function main() {
  wire();
  await setLanguage(storedLanguage());
  const who = await restore();
  if (who) await showApp(who); else showSignIn();
}

main();
