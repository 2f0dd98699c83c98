// What the case pages (/cases/, /dept/, the phone's Cases tab) share: the catalogue in force (GET
// /api/v1/catalogue: matters, townships' delegated lists, districts and teams, the review checklist,
// the departments) and the words for the case loop's values, all from the message catalogues.
import { t, currentLang } from './i18n.js';
import { api } from './api.js';
import { el } from './ui.js';

export const CASE_STATES = ['intake', 'dispatched', 'on_site', 'closed', 'reviewed', 'reopened'];
export const SOURCES = ['alert', 'flight', 'hotline', 'patrol'];
export const LEVELS = ['quick', 'tough', 'emergency'];
export const OUTCOMES = ['notice', 'penalty', 'rectified', 'referred', 'dismissed'];
export const WHISTLE_STATES = ['issued', 'acknowledged', 'reported'];

let catalogue = { matters: [], townships: {}, districts: [], checklist: [], departments: [] };

/** Loads the catalogue in force (kept for the page's lifetime; reload after an import). */
export async function loadCatalogue() {
  const c = await api('GET', '/api/v1/catalogue');
  catalogue = {
    matters: Array.isArray(c.matters) ? c.matters : [],
    townships: c.townships && typeof c.townships === 'object' ? c.townships : {},
    districts: Array.isArray(c.districts) ? c.districts : [],
    checklist: Array.isArray(c.checklist) ? c.checklist : [],
    departments: Array.isArray(c.departments) ? c.departments : [],
  };
  return catalogue;
}

export function cat() {
  return catalogue;
}

export function caseStateText(s) {
  return CASE_STATES.includes(s) ? t(`case_state.${s}`) : (s || '');
}

export function sourceText(s) {
  return SOURCES.includes(s) ? t(`case_source.${s}`) : (s || '');
}

export function outcomeText(k) {
  return OUTCOMES.includes(k) ? t(`outcome.${k}`) : (k || '');
}

export function whistleStateText(s) {
  return WHISTLE_STATES.includes(s) ? t(`whistle_state.${s}`) : (s || '');
}

const STEPS = ['case_opened', 'case_dispatched', 'case_on_site', 'case_photo', 'matter_identified', 'whistle_issued',
  'whistle_acknowledged', 'whistle_reported', 'whistle_escalated', 'case_closed', 'case_reviewed', 'case_reopened'];

export function stepText(s) {
  return STEPS.includes(s) ? t(`case_step.${s}`) : (s || '');
}

/** A matter's name in the page's language: the one given (as the case or whistle carries it), else the catalogue's. */
export function matterName(code, given) {
  if (given) return bilingual(given);
  const m = catalogue.matters.find((x) => x.code === code);
  return m && m.name ? bilingual(m.name) : code;
}

export function departmentName(id) {
  const d = catalogue.departments.find((x) => x.id === id);
  return d && d.name ? d.name : id;
}

/** Who handles a matter: the township itself, or the department it is whistled to. */
export function handlerText(h) {
  return h === 'township' ? t('cases.handler_township') : departmentName(h);
}

export function districtName(id) {
  const d = catalogue.districts.find((x) => x.id === id);
  return d && d.name ? d.name : (id || '');
}

export function teams() {
  return catalogue.districts.flatMap((d) => (d.teams || []).map((tm) => ({ ...tm, district: d.id, districtName: d.name || d.id })));
}

export function teamName(id) {
  const tm = teams().find((x) => x.id === id);
  return tm && tm.name ? tm.name : (id || '');
}

/** Every township the catalogue names (its delegated lists and the districts'), sorted. */
export function townships() {
  const s = new Set(Object.keys(catalogue.townships));
  catalogue.districts.forEach((d) => { if (d.township) s.add(d.township); });
  return [...s].sort();
}

/** The district whose boundary holds the point ([[lat, lon], ...], even-odd rule), or null. */
export function districtAt(lat, lon) {
  if (!Number.isFinite(lat) || !Number.isFinite(lon)) return null;
  return catalogue.districts.find((d) => {
    const b = Array.isArray(d.boundary) ? d.boundary : [];
    let inside = false;
    for (let i = 0, j = b.length - 1; i < b.length; j = i++) {
      const [alat, alon] = b[i];
      const [blat, blon] = b[j];
      if ((alat > lat) !== (blat > lat) && lon < ((blon - alon) * (lat - alat)) / (blat - alat) + alon) inside = !inside;
    }
    return inside;
  }) || null;
}

/** A configured text written "中文 / English" (checklist points, matter names): the page's language's half. */
export function bilingual(text) {
  const parts = String(text ?? '').split(' / ');
  if (parts.length !== 2) return text ?? '';
  return currentLang() === 'zh-CN' ? parts[0] : parts[1];
}

/** A checklist point's text in the page's language. */
export function checklistText(item) {
  return bilingual(item.text || item.id);
}

/** A penalty in yuan, two decimals. */
export function yuan(v) {
  if (v === null || v === undefined || v === '') return '';
  const n = Number(v);
  return Number.isFinite(n) ? t('cases.yuan', { v: n.toFixed(2) }) : String(v);
}

/** An outcome in words: kind, notice number, penalty, note. */
export function outcomeLine(o) {
  if (!o) return t('cases.outcome_none');
  const parts = [outcomeText(o.kind)];
  if (o.notice_no) parts.push(t('cases.notice_no_is', { n: o.notice_no }));
  if (o.penalty_yuan !== null && o.penalty_yuan !== undefined) parts.push(yuan(o.penalty_yuan));
  if (o.note) parts.push(o.note);
  return parts.join(' · ');
}

/** A select of the catalogue's matters, grouped by who handles them. */
export function matterSelect(attrs) {
  const own = catalogue.matters.filter((m) => m.owner === 'township');
  const byDept = new Map();
  catalogue.matters.filter((m) => m.owner !== 'township').forEach((m) => {
    if (!byDept.has(m.owner)) byDept.set(m.owner, []);
    byDept.get(m.owner).push(m);
  });
  const option = (m) => el('option', { value: m.code, text: bilingual(m.name || m.code) });
  return el('select', attrs,
    el('option', { value: '', text: t('cases.pick_matter') }),
    own.length ? el('optgroup', { label: t('cases.handler_township') }, own.map(option)) : null,
    [...byDept.entries()].map(([d, ms]) => el('optgroup', { label: departmentName(d) }, ms.map(option))));
}

/** A select of the three levels (first option: the matter's default, value ''). */
export function levelSelect(attrs, withDefault) {
  return el('select', attrs,
    withDefault ? el('option', { value: '', text: t('cases.level_default') }) : null,
    LEVELS.map((l) => el('option', { value: l, text: t(`level.${l}`) })));
}
