// The statistics tab of /cases/: a month or quarter (in the county's zone) → GET /api/v1/stats/cases?period=,
// the total figures, SVG bar charts (cases by source, dispatches and person-times by township, dispatches by
// team, whistles by department) and a table per grouping; the XLSX and PDF of the same period are links.
import { t } from './i18n.js';
import { api } from './api.js';
import { el, errorText, levelText } from './ui.js';
import { sourceText, departmentName, districtName, teamName, SOURCES, LEVELS } from './casefmt.js';

const $ = (id) => document.getElementById(id);
const SVG = 'http://www.w3.org/2000/svg';
let shown = null; // { period, data }

/** The figures in the order the tables show them, with their labels' keys. */
function figureLabel(key) {
  switch (key) {
    case 'cases_opened': return t('stats.cases_opened');
    case 'cases_closed': return t('stats.cases_closed');
    case 'on_site_records': return t('stats.on_site_records');
    case 'late_on_site': return t('stats.late_on_site');
    case 'reviews': return t('stats.reviews');
    case 'reviews_passed': return t('stats.reviews_passed');
    case 'acknowledged': return t('stats.acknowledged');
    case 'cases_by_source': return t('stats.cases_by_source');
    case 'dispatches': return t('stats.dispatches');
    case 'person_times': return t('stats.person_times');
    case 'vehicle_times': return t('stats.vehicle_times');
    case 'inspections': return t('stats.inspections');
    case 'joint_actions': return t('stats.joint_actions');
    case 'whistles': return t('stats.whistles');
    case 'whistles_by_level': return t('stats.whistles_by_level');
    case 'by_level': return t('stats.whistles_by_level');
    case 'whistle_ack_minutes_p50': case 'ack_minutes_p50': return t('stats.ack_minutes_p50');
    case 'whistle_report_hours_p50': case 'report_hours_p50': return t('stats.report_hours_p50');
    case 'whistles_overdue': case 'overdue': return t('stats.whistles_overdue');
    case 'reported': return t('stats.reported');
    case 'notices': return t('stats.notices');
    case 'penalties': return t('stats.penalties');
    case 'penalty_yuan': return t('stats.penalty_yuan');
    case 'alert_to_on_site_minutes': return t('stats.alert_to_on_site');
    case 'alert_to_on_site_minutes_p50': return t('stats.alert_to_on_site_p50');
    case 'alert_to_on_site_minutes_p90': return t('stats.alert_to_on_site_p90');
    case 'closure_rate': return t('stats.closure_rate');
    case 'review_pass_rate': return t('stats.review_pass_rate');
    default: return key;
  }
}

function subLabel(k) {
  if (SOURCES.includes(k)) return sourceText(k);
  if (LEVELS.includes(k)) return levelText(k);
  return k;
}

function fmt(key, v) {
  if (v === null || v === undefined) return t('stats.no_data');
  if (typeof v === 'object') {
    return Object.entries(v).map(([k, x]) => `${subLabel(k)} ${fmt(k, x)}`).join(' · ');
  }
  if (typeof v !== 'number') return String(v);
  if (key.endsWith('_rate')) return `${(v <= 1 ? v * 100 : v).toFixed(1)}%`;
  if (key === 'penalty_yuan') return v.toFixed(2);
  return Number.isInteger(v) ? String(v) : v.toFixed(1);
}

function figuresTable(figures, test) {
  return el('table', { class: 'results figures', dataset: { test } },
    el('tbody', {}, Object.entries(figures || {}).map(([k, v]) => el('tr', { dataset: { test: 'figure', key: k } },
      el('th', { text: figureLabel(k) }), el('td', { dataset: { test: 'figure-value' }, text: fmt(k, v) })))));
}

/** The columns of the per-township, district and team tables (the total table has every figure). */
const GROUP_COLUMNS = ['cases_opened', 'dispatches', 'person_times', 'vehicle_times', 'inspections', 'joint_actions',
  'whistles', 'notices', 'penalties', 'penalty_yuan', 'closure_rate'];
const DEPARTMENT_COLUMNS = ['whistles', 'by_level', 'ack_minutes_p50', 'report_hours_p50', 'overdue', 'acknowledged', 'reported'];

function groupTable(groups, name, test, columns) {
  const ids = Object.keys(groups || {});
  if (!ids.length) return el('p', { class: 'muted', text: t('stats.no_data') });
  const present = [...new Set(ids.flatMap((id) => Object.keys(groups[id] || {})))];
  const chosen = columns.filter((k) => present.includes(k));
  const keys = chosen.length ? chosen : present;
  return el('table', { class: 'results', dataset: { test } },
    el('thead', {}, el('tr', {}, el('th', { text: '' }), keys.map((k) => el('th', { text: figureLabel(k) })))),
    el('tbody', {}, ids.map((id) => el('tr', { dataset: { test: 'group-row', group: id } },
      el('th', { text: name(id) }), keys.map((k) => el('td', { text: fmt(k, groups[id][k]) }))))));
}

/** A horizontal bar chart: one bar per [label, value], scaled to the largest. */
function barChart(title, entries, test) {
  const rows = entries.filter(([, v]) => typeof v === 'number');
  const bar = 22;
  const gap = 8;
  const labelW = 150;
  const width = 520;
  const height = Math.max(1, rows.length) * (bar + gap) + gap;
  const max = Math.max(1, ...rows.map(([, v]) => v));
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
  svg.setAttribute('class', 'chart');
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', title);
  svg.dataset.test = test;
  const add = (tag, attrs, text) => {
    const e = document.createElementNS(SVG, tag);
    Object.entries(attrs).forEach(([k, v]) => e.setAttribute(k, v));
    if (text !== undefined) e.textContent = text;
    svg.append(e);
    return e;
  };
  rows.forEach(([label, v], i) => {
    const y = gap + i * (bar + gap);
    const w = Math.round(((width - labelW - 60) * v) / max);
    add('text', { x: labelW - 8, y: y + bar * 0.7, class: 'chart-label' }, label);
    const r = add('rect', { x: labelW, y, width: Math.max(v > 0 ? 2 : 0, w), height: bar, class: 'chart-bar' });
    r.dataset.test = 'bar';
    r.dataset.label = label;
    r.dataset.value = String(v);
    add('text', { x: labelW + w + 6, y: y + bar * 0.7, class: 'chart-value' }, String(Number.isInteger(v) ? v : v.toFixed(1)));
  });
  if (!rows.length) add('text', { x: 8, y: 20, class: 'chart-label start' }, t('stats.no_data'));
  return el('figure', { class: 'chart-box' }, el('figcaption', { text: title }), svg);
}

function pick(groups, key, name) {
  return Object.entries(groups || {}).map(([id, f]) => [name(id), f ? f[key] : null]);
}

function draw() {
  const body = $('stats-body');
  if (!shown) {
    body.replaceChildren();
    return;
  }
  const d = shown.data;
  const total = d.total || {};
  const bySource = total.cases_by_source || {};
  body.replaceChildren(
    el('h2', { dataset: { test: 'stats-period' }, text: t('stats.heading', { period: d.period || shown.period }) }),
    el('div', { class: 'charts' },
      barChart(t('stats.cases_by_source'), SOURCES.map((s) => [sourceText(s), Number(bySource[s] || 0)]), 'chart-sources'),
      barChart(t('stats.dispatches_by_township'), pick(d.by_township, 'dispatches', (id) => id), 'chart-township-dispatches'),
      barChart(t('stats.person_times_by_township'), pick(d.by_township, 'person_times', (id) => id), 'chart-township-persons'),
      barChart(t('stats.dispatches_by_team'), pick(d.by_team, 'dispatches', teamName), 'chart-team-dispatches'),
      barChart(t('stats.whistles_by_department'), pick(d.by_department, 'whistles', departmentName), 'chart-department-whistles')),
    el('h3', { text: t('stats.total') }), figuresTable(total, 'stats-total'),
    el('h3', { text: t('stats.by_township') }), groupTable(d.by_township, (id) => id, 'stats-townships', GROUP_COLUMNS),
    el('h3', { text: t('stats.by_district') }), groupTable(d.by_district, districtName, 'stats-districts', GROUP_COLUMNS),
    el('h3', { text: t('stats.by_team') }), groupTable(d.by_team, teamName, 'stats-teams', GROUP_COLUMNS),
    el('h3', { text: t('stats.by_department') }), groupTable(d.by_department, departmentName, 'stats-departments', DEPARTMENT_COLUMNS));
}

function period() {
  const year = $('st-year').value;
  return $('st-kind').value === 'quarter' ? `${year}-Q${$('st-quarter').value}` : `${year}-${$('st-month').value}`;
}

function links(p) {
  const q = `period=${encodeURIComponent(p)}`;
  $('st-xlsx').href = `/api/v1/stats/cases.xlsx?${q}`;
  $('st-xlsx').setAttribute('download', `cases-${p}.xlsx`);
  $('st-pdf').href = `/api/v1/stats/cases.pdf?${q}`;
  $('st-pdf').setAttribute('download', `cases-${p}.pdf`);
}

async function load() {
  const p = period();
  links(p);
  $('st-error').hidden = true;
  try {
    shown = { period: p, data: await api('GET', `/api/v1/stats/cases?period=${encodeURIComponent(p)}`) };
  } catch (e) {
    shown = null;
    $('st-error').textContent = errorText(e);
    $('st-error').hidden = false;
  }
  draw();
}

/** Draws the tab: the chosen period's figures (fetched the first time, redrawn after a language switch). */
export function renderStats() {
  if (shown && shown.period === period()) draw(); else load();
}

/** Fills the period pickers with this month (in the county's zone) and wires them. */
export function defaultPeriod() {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit' }).formatToParts(new Date());
  const year = parts.find((x) => x.type === 'year').value;
  const month = parts.find((x) => x.type === 'month').value;
  $('st-year').value = year;
  $('st-month').replaceChildren(...Array.from({ length: 12 }, (_, i) => {
    const m = String(i + 1).padStart(2, '0');
    return el('option', { value: m, text: m });
  }));
  $('st-month').value = month;
  $('st-quarter').replaceChildren(...[1, 2, 3, 4].map((q) => el('option', { value: String(q), text: `Q${q}` })));
  $('st-quarter').value = String(Math.floor((Number(month) - 1) / 3) + 1);
  const sync = () => {
    const quarter = $('st-kind').value === 'quarter';
    $('st-month-wrap').hidden = quarter;
    $('st-quarter-wrap').hidden = !quarter;
    links(period());
  };
  $('st-kind').addEventListener('change', sync);
  $('st-year').addEventListener('change', sync);
  $('st-month').addEventListener('change', sync);
  $('st-quarter').addEventListener('change', sync);
  $('stats-form').addEventListener('submit', (e) => { e.preventDefault(); load(); });
  sync();
}
