// Small DOM helpers shared by both pages.
import { t, currentLang, known } from './i18n.js';

/** Creates an element: el('div', {class: 'x', dataset: {test: 'y'}, text: '...'}, child...). */
export function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  Object.entries(attrs || {}).forEach(([k, v]) => {
    if (v === undefined || v === null || v === false) return;
    if (k === 'text') e.textContent = v;
    else if (k === 'dataset') Object.assign(e.dataset, v);
    else if (k === 'class') e.className = v;
    else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v === true ? '' : v);
  });
  children.flat().forEach((c) => { if (c !== null && c !== undefined) e.append(c); });
  return e;
}

export function show(e, visible) {
  e.hidden = !visible;
}

/** A time in the browser's zone, in the page's language. */
export function fmtTime(iso) {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(currentLang(), {
    month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false,
  }).format(d);
}

/**
 * What an alert is about, for its title: the rule's name when the catalogue has one (rule.<id>), else
 * the rule id as configured. The object's label (e.g. "truck") says what was seen, not why it alerts.
 */
export function ruleText(alert) {
  const key = `rule.${alert.rule}`;
  return known(key) ? t(key) : (alert.rule || alert.label || '');
}

export function levelText(level) {
  return ['quick', 'tough', 'emergency'].includes(level) ? t(`level.${level}`) : level;
}

export function stateText(state) {
  return ['open', 'acknowledged', 'closed'].includes(state) ? t(`state.${state}`) : state;
}

/** The snapshot of an alert with its box drawn from box_norm ([x1, y1, x2, y2], 0..1). */
export function snapshotWithBox(alert, testId) {
  const wrap = el('div', { class: 'snap', dataset: { test: testId } });
  if (!alert.snapshot) {
    wrap.append(el('div', { class: 'snap-none', text: t('alert.no_snapshot') }));
    return wrap;
  }
  wrap.append(el('img', { src: alert.snapshot, alt: t('alert.snapshot_alt'), dataset: { test: `${testId}-img` } }));
  const b = alert.box_norm;
  if (Array.isArray(b) && b.length === 4) {
    const box = el('div', { class: 'snap-box', dataset: { test: `${testId}-box` } });
    const clamp = (v) => Math.max(0, Math.min(1, Number(v) || 0));
    box.style.left = `${clamp(b[0]) * 100}%`;
    box.style.top = `${clamp(b[1]) * 100}%`;
    box.style.width = `${Math.max(0, clamp(b[2]) - clamp(b[0])) * 100}%`;
    box.style.height = `${Math.max(0, clamp(b[3]) - clamp(b[1])) * 100}%`;
    wrap.append(box);
  }
  return wrap;
}

/** A short message at the bottom of the screen. */
export function toast(text, isError) {
  const host = document.getElementById('toast');
  if (!host) return;
  host.textContent = text;
  host.classList.toggle('error', Boolean(isError));
  host.hidden = false;
  clearTimeout(host.timer);
  host.timer = setTimeout(() => { host.hidden = true; }, 4000);
}

/** The words for a failed request. */
export function errorText(e) {
  if (e && e.status === 401) return t('error.signed_out');
  if (e && e.status === 403) return t('error.forbidden');
  if (e && e.status === 404) return t('error.not_found');
  if (e && e.status === 429) return t('error.throttled', { s: e.retryAfter || '?' });
  if (e && e.status === 400) return t('error.bad_request', { detail: e.message });
  if (e && e.status === 409) return t('error.conflict', { detail: e.message });
  if (e && e.status === 413) return t('error.too_large');
  return t('error.generic');
}

/** An emergency beep by WebAudio (no sound file); a context needs a user gesture first. */
let audio = null;
export function unlockSound() {
  try {
    if (!audio) audio = new (window.AudioContext || window.webkitAudioContext)();
    if (audio.state === 'suspended') audio.resume();
  } catch (e) { audio = null; }
}
export function beep() {
  if (!audio) return;
  const now = audio.currentTime;
  [0, 0.35, 0.7].forEach((at) => {
    const o = audio.createOscillator();
    const g = audio.createGain();
    o.type = 'square';
    o.frequency.value = 880;
    g.gain.setValueAtTime(0.0001, now + at);
    g.gain.exponentialRampToValueAtTime(0.3, now + at + 0.02);
    g.gain.exponentialRampToValueAtTime(0.0001, now + at + 0.25);
    o.connect(g).connect(audio.destination);
    o.start(now + at);
    o.stop(now + at + 0.3);
  });
}

/**
 * Renders a list keyed by id, rebuilding only the items whose version changed and moving the rest
 * (a moved <img> is not fetched again), so that a live update does not reload every thumbnail.
 */
export function renderKeyed(list, items, key, version, build) {
  const old = new Map([...list.children].map((c) => [c.dataset.key, c]));
  const nodes = items.map((item) => {
    const k = key(item);
    const v = version(item);
    let node = old.get(k);
    if (!node || node.dataset.version !== v) {
      node = build(item);
      node.dataset.key = k;
      node.dataset.version = v;
    }
    return node;
  });
  const keep = new Set(nodes);
  [...list.children].forEach((c) => { if (!keep.has(c)) c.remove(); });
  nodes.forEach((n, i) => { if (list.children[i] !== n) list.insertBefore(n, list.children[i] || null); });
}
