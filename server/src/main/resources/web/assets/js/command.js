// The command centre page (/): sign-in, live alert list and detail with ack, camera grid with live
// video, map of sites. Everything comes from API v1.
import { t, setLanguage, storedLanguage, wireSwitch, onLanguage, currentLang } from './i18n.js';
import { api, restore } from './api.js';
import { wireSignIn } from './signin.js';
import { LiveFeed } from './live.js';
import { AlertStore } from './alerts.js';
import { playCamera } from './video.js';
import { drawMap } from './map.js';
import {
  el, show, fmtTime, levelText, ruleText, stateText, snapshotWithBox, toast, errorText, unlockSound, beep, renderKeyed,
} from './ui.js';

const $ = (id) => document.getElementById(id);
const ACTIONS = ['ack', 'on_my_way', 'false_alarm', 'resolved'];
let me = null;
let feed = null;
let selected = null;
let cameras = [];
let sites = [];
let ui = { map_tiles: null, map_attribution: null };
let player = null;
let siteFilter = null;
let view = 'alerts';
let cameraTimer = null;
const store = new AlertStore(onAlertChange);

function filterOf() {
  const state = $('filter-state').value;
  return (a) => (!state || a.state === state) && (!siteFilter || a.site === siteFilter.id);
}

function renderList() {
  const list = $('alert-list');
  const alerts = store.list(filterOf());
  renderKeyed(list, alerts.slice(0, 300), (a) => a.id,
    (a) => `${a.updated_at}|${a.state}|${a.level}|${selected === a.id}|${currentLang()}`, alertRow);
  show($('alert-empty'), alerts.length === 0);
  show($('alert-more'), Boolean(store.next));
}

function alertRow(a) {
  const thumb = a.snapshot
    ? el('img', { class: 'thumb', src: a.snapshot, alt: t('alert.snapshot_alt'), loading: 'lazy', dataset: { test: 'alert-thumb' } })
    : el('div', { class: 'thumb none' });
  return el('li', {
    class: `alert-row level-${a.level} row-${a.state}${selected === a.id ? ' selected' : ''}`,
    tabindex: 0,
    dataset: { test: 'alert-row', alertId: a.id, level: a.level, state: a.state },
    onclick: () => select(a.id),
    onkeydown: (e) => { if (e.key === 'Enter') select(a.id); },
  },
  thumb,
  el('div', { class: 'row-main' },
    el('div', { class: 'row-title' },
      el('span', { class: `badge level-${a.level}`, text: levelText(a.level), dataset: { test: 'alert-level' } }),
      el('span', { text: ruleText(a) })),
    el('div', { class: 'row-sub muted', text: t('alert.where', { camera: a.camera, site: a.site }) }),
    el('div', { class: 'row-sub' },
      el('span', { class: `state state-${a.state}`, text: stateText(a.state), dataset: { test: 'alert-state' } }),
      el('span', { class: 'muted', text: ` ${fmtTime(a.created_at)}` }))));
}

async function select(id) {
  selected = id;
  renderList();
  const pane = $('alert-detail');
  pane.hidden = false;
  pane.replaceChildren(el('p', { class: 'muted', text: t('common.loading') }));
  const detail = await store.refresh(id);
  if (selected !== id) return;
  if (!detail) {
    pane.replaceChildren(el('p', { class: 'error', text: t('error.not_found') }));
    return;
  }
  renderDetail(detail);
}

function renderDetail(a) {
  const pane = $('alert-detail');
  // A live update must not wipe a note being written.
  const keep = pane.dataset.alertId === a.id && $('ack-note') ? { note: $('ack-note').value, action: $('ack-action').value } : null;
  pane.dataset.alertId = a.id;
  pane.dataset.state = a.state;
  const parts = [
    el('div', { class: 'detail-head' },
      el('span', { class: `badge level-${a.level}`, text: levelText(a.level) }),
      el('h2', { text: ruleText(a) }),
      el('span', { class: `state state-${a.state}`, text: stateText(a.state), dataset: { test: 'detail-state' } }),
      el('button', { type: 'button', class: 'plain', text: t('common.close'), dataset: { test: 'detail-close' },
        onclick: () => { selected = null; pane.hidden = true; renderList(); } })),
    el('dl', { class: 'facts' },
      el('dt', { text: t('alert.rule') }), el('dd', { text: a.rule }),
      el('dt', { text: t('alert.camera') }), el('dd', { text: a.camera }),
      el('dt', { text: t('alert.site') }), el('dd', { text: a.site }),
      el('dt', { text: t('alert.created') }), el('dd', { text: fmtTime(a.created_at) }),
      el('dt', { text: t('alert.score') }), el('dd', { text: a.score === undefined || a.score === null ? '' : Number(a.score).toFixed(2) })),
    snapshotWithBox(a, 'detail-snapshot'),
  ];
  if (a.clip) {
    parts.push(el('h3', { text: t('alert.clip') }),
      el('video', { class: 'clip', src: a.clip, controls: true, preload: 'metadata', dataset: { test: 'detail-clip' } }));
  }
  parts.push(el('a', { class: 'replay-link', href: `/replay/?alert=${encodeURIComponent(a.id)}`, target: '_blank',
    rel: 'noopener', text: t('alert.replay'), dataset: { test: 'detail-replay' } }));
  if (me && (me.role === 'command' || me.role === 'admin')) {
    // Issue 18: open a case from this alert on the case page (its intake form, the alert id filled in).
    parts.push(el('a', { class: 'replay-link', href: `/cases/?alert=${encodeURIComponent(a.id)}`,
      text: t('alert.open_case'), dataset: { test: 'detail-open-case' } }));
  }
  if (me && me.role !== 'analyst' && a.state !== 'closed') parts.push(ackForm(a));
  parts.push(el('h3', { text: t('alert.routes') }),
    el('ul', { class: 'routes', dataset: { test: 'detail-routes' } },
      (a.routes || []).map((r) => el('li', { dataset: { official: r.official },
        text: t('alert.route_line', { name: r.name || r.official, reason: r.reason, at: fmtTime(r.routed_at) }) }))));
  if (!a.routes || a.routes.length === 0) parts.push(el('p', { class: 'muted', text: t('alert.no_routes') }));
  parts.push(el('h3', { text: t('alert.history') }),
    el('ol', { class: 'history', dataset: { test: 'detail-history' } },
      (a.history || []).map((h) => el('li', {},
        el('span', { class: 'muted', text: fmtTime(h.at) }),
        el('span', { text: ` ${h.kind}` }),
        el('span', { class: 'muted', text: h.actor ? ` · ${h.actor}` : '' }),
        el('span', { text: h.detail ? ` · ${h.detail}` : '' })))));
  pane.replaceChildren(...parts);
  if (keep && $('ack-note')) {
    $('ack-note').value = keep.note;
    $('ack-action').value = keep.action;
  }
}

function ackForm(a) {
  const action = el('select', { id: 'ack-action', dataset: { test: 'ack-action' } },
    ACTIONS.map((x) => el('option', { value: x, text: t(`action.${x}`) })));
  const note = el('textarea', { id: 'ack-note', maxlength: 500, rows: 2, placeholder: t('ack.note_placeholder'), dataset: { test: 'ack-note' } });
  const submit = el('button', { type: 'submit', class: 'primary', id: 'ack-submit', text: t('ack.submit'), dataset: { test: 'ack-submit' } });
  return el('form', {
    class: 'ack-form',
    dataset: { test: 'ack-form' },
    onsubmit: async (e) => {
      e.preventDefault();
      submit.disabled = true;
      try {
        const r = await api('POST', `/api/v1/alerts/${encodeURIComponent(a.id)}/ack`, { action: action.value, note: note.value });
        toast(t('ack.done', { state: stateText(r.state) }));
        await select(a.id);
      } catch (err) {
        toast(errorText(err), true);
      } finally {
        submit.disabled = false;
      }
    },
  }, el('label', { for: 'ack-action', text: t('ack.action') }), action,
  el('label', { for: 'ack-note', text: t('ack.note') }), note, submit);
}

function onAlertChange(id, isNew, detail, before) {
  renderList();
  if (id && id === selected && detail) renderDetail(detail);
  const escalated = isNew || (before && before.level !== 'emergency');
  if (id && detail && detail.level === 'emergency' && detail.state === 'open' && escalated) emergency(detail);
}

function emergency(a) {
  $('emergency-text').textContent = t('banner.emergency', { rule: ruleText(a), camera: a.camera, site: a.site });
  $('emergency-banner').hidden = false;
  $('emergency-banner').dataset.alertId = a.id;
  beep();
}

function renderCameras() {
  const grid = $('camera-grid');
  grid.replaceChildren(...cameras.map((c) => el('button', {
    type: 'button',
    class: `camera-tile status-${c.status}`,
    dataset: { test: 'camera-tile', cameraId: c.id, status: c.status },
    onclick: () => openVideo(c),
  },
  c.status === 'online'
    ? el('img', { class: 'camera-still', src: `${c.snapshot}?t=${Math.floor(Date.now() / 15000)}`, alt: '' })
    : el('div', { class: 'camera-still none' }),
  el('div', { class: 'camera-name', text: c.id }),
  el('div', { class: 'camera-meta' },
    el('span', { class: `dot status-${c.status}` }),
    el('span', { text: t(`camera.${['online', 'offline', 'unknown'].includes(c.status) ? c.status : 'unknown'}`) }),
    el('span', { class: 'muted', text: ` ${c.site} · ${t('camera.fps', { fps: Number(c.detect_fps || 0).toFixed(1) })}` })))));
  if (cameras.length === 0) grid.append(el('p', { class: 'muted', text: t('camera.none') }));
}

function openVideo(c) {
  if (player) player.close();
  $('video-viewer').hidden = false;
  $('video-viewer').dataset.cameraId = c.id;
  $('video-title').textContent = c.id;
  $('live-fallback').alt = t('video.snapshot_alt', { camera: c.id });
  player = playCamera(c, $('live-video'), $('live-fallback'), (state) => {
    $('video-state').textContent = t(`video.${state}`);
    $('video-viewer').dataset.state = state;
  });
}

function closeVideo() {
  if (player) player.close();
  player = null;
  $('video-viewer').hidden = true;
}

function renderMap() {
  if (view !== 'map') return;
  drawMap($('site-map'), sites, ui, (s) => {
    siteFilter = s;
    const chip = $('site-filter');
    chip.textContent = t('filter.site', { site: s.name || s.id });
    chip.hidden = false;
    switchView('alerts');
    renderList();
  });
}

function switchView(next) {
  view = next;
  document.querySelectorAll('.tab').forEach((b) => b.classList.toggle('active', b.dataset.view === next));
  ['alerts', 'cameras', 'map'].forEach((v) => { $(`view-${v}`).hidden = v !== next; });
  if (next !== 'cameras') closeVideo();
  if (next === 'cameras') loadCameras();
  if (next === 'map') loadSites();
}

async function loadCameras() {
  try {
    cameras = (await api('GET', '/api/v1/cameras')).cameras;
    renderCameras();
  } catch (e) { toast(errorText(e), true); }
}

async function loadSites() {
  try {
    sites = (await api('GET', '/api/v1/sites')).sites;
    renderMap();
  } catch (e) { toast(errorText(e), true); }
}

function onLive(msg) {
  if (msg.type === 'camera_status') {
    const p = msg.payload || {};
    const c = cameras.find((x) => x.id === p.camera);
    if (c && p.status) {
      c.status = p.status;
      renderCameras();
    }
    return;
  }
  store.apply(msg);
  if (view === 'map' && msg.type === 'alert') loadSites();
}

async function showApp(who) {
  me = who;
  $('sign-in').hidden = true;
  $('app').hidden = false;
  $('sign-out').hidden = false;
  $('live-state').hidden = false;
  $('nav-admin').hidden = who.role !== 'admin';
  $('whoami').textContent = t('session.whoami', { name: who.name, role: t(`role.${who.role}`) });
  try { ui = await api('GET', '/api/v1/ui'); } catch (e) { ui = { map_tiles: null }; }
  feed = new LiveFeed({
    onMessage: onLive,
    onReset: () => store.reload().catch((e) => toast(errorText(e), true)),
    onState: (s) => { $('live-state').dataset.state = s; $('live-state').textContent = t(`live.${s}`); },
  });
  feed.start();
  try { await store.reload(); } catch (e) { toast(errorText(e), true); }
  cameraTimer = setInterval(() => { if (view === 'cameras' && !player) loadCameras(); }, 15000);
}

function showSignIn() {
  me = null;
  $('nav-admin').hidden = true;
  if (feed) feed.stop();
  feed = null;
  clearInterval(cameraTimer);
  closeVideo();
  $('app').hidden = true;
  $('sign-out').hidden = true;
  $('live-state').hidden = true;
  $('whoami').textContent = '';
  $('sign-in').hidden = false;
  $('sign-in-user').focus();
}

function wire() {
  wireSwitch($('lang-switch'));
  wireSignIn({ onSignedIn: showApp, onSignedOut: showSignIn, beforeSubmit: unlockSound });
  document.querySelectorAll('.tab').forEach((b) => b.addEventListener('click', () => switchView(b.dataset.view)));
  $('filter-state').addEventListener('change', renderList);
  $('site-filter').addEventListener('click', () => { siteFilter = null; $('site-filter').hidden = true; renderList(); });
  $('alert-more').addEventListener('click', () => store.more().catch((e) => toast(errorText(e), true)));
  $('emergency-dismiss').addEventListener('click', () => {
    const id = $('emergency-banner').dataset.alertId;
    $('emergency-banner').hidden = true;
    if (id) { switchView('alerts'); select(id); }
  });
  $('video-close').addEventListener('click', closeVideo);
  document.addEventListener('click', unlockSound, { once: true });
  onLanguage(() => {
    renderList();
    if (selected && store.get(selected)) renderDetail(store.get(selected));
    renderCameras();
    renderMap();
    if (me) $('whoami').textContent = t('session.whoami', { name: me.name, role: t(`role.${me.role}`) });
    const live = $('live-state');
    live.textContent = t(`live.${live.dataset.state}`);
  });
}

async function main() {
  wire();
  await setLanguage(storedLanguage());
  const who = await restore();
  if (who) await showApp(who); else showSignIn();
}

main();
