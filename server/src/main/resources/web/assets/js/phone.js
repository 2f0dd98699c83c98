// The officials' phone page (/m/): sign in, my alerts (live), detail with the snapshot, one tap
// on_my_way / resolved / false_alarm with a note. After the phone sleeps the live feed resumes by seq.
// The "任务 / Cases" tab (phonecases.js): my teams' cases and the on-site form.
import { t, setLanguage, storedLanguage, wireSwitch, onLanguage, currentLang } from './i18n.js';
import { api, restore } from './api.js';
import { wireSignIn } from './signin.js';
import { LiveFeed } from './live.js';
import { AlertStore } from './alerts.js';
import { wireCases, loadMyCases, openCase, closeCase, forgetCases, relabelCases } from './phonecases.js';
import {
  el, fmtTime, levelText, ruleText, stateText, snapshotWithBox, toast, errorText, unlockSound, beep, renderKeyed,
} from './ui.js';

const $ = (id) => document.getElementById(id);
let me = null;
let feed = null;
let current = null;
let pane = 'alerts';
const store = new AlertStore(onChange);

function onChange(id, isNew, detail) {
  renderList();
  if (current && id === current && detail) renderDetail(detail);
  if (isNew && detail && detail.state === 'open') {
    toast(t('phone.new_alert', { rule: ruleText(detail), camera: detail.camera }));
    if (detail.level === 'emergency') beep();
    if (navigator.vibrate) navigator.vibrate([200, 100, 200]);
  }
}

function renderList() {
  // Open first, then acknowledged, then closed; newest first within each.
  const rank = { open: 0, acknowledged: 1, closed: 2 };
  const alerts = store.list().sort((a, b) => (rank[a.state] ?? 3) - (rank[b.state] ?? 3));
  renderKeyed($('my-alerts'), alerts, (a) => a.id, (a) => `${a.updated_at}|${a.state}|${a.level}|${currentLang()}`, (a) => el('li', {
    class: `alert-card level-${a.level} row-${a.state}`,
    tabindex: 0,
    dataset: { test: 'alert-row', alertId: a.id, level: a.level, state: a.state },
    onclick: () => open(a.id),
  },
  a.snapshot ? el('img', { class: 'thumb', src: a.snapshot, alt: t('alert.snapshot_alt'), loading: 'lazy' }) : el('div', { class: 'thumb none' }),
  el('div', { class: 'card-main' },
    el('div', {},
      el('span', { class: `badge level-${a.level}`, text: levelText(a.level) }),
      el('span', { class: 'card-title', text: ` ${ruleText(a)}` })),
    el('div', { class: 'muted', text: t('alert.where', { camera: a.camera, site: a.site }) }),
    el('div', {},
      el('span', { class: `state state-${a.state}`, text: stateText(a.state), dataset: { test: 'alert-state' } }),
      el('span', { class: 'muted', text: ` ${fmtTime(a.created_at)}` })))));
  $('my-empty').hidden = alerts.length > 0;
}

function renderDetail(a) {
  const d = $('detail');
  d.dataset.alertId = a.id;
  d.dataset.state = a.state;
  d.replaceChildren(
    el('div', { class: 'detail-head' },
      el('span', { class: `badge level-${a.level}`, text: levelText(a.level) }),
      el('h2', { text: ruleText(a) }),
      el('span', { class: `state state-${a.state}`, text: stateText(a.state), dataset: { test: 'detail-state' } })),
    snapshotWithBox(a, 'detail-snapshot'),
    el('p', { text: t('alert.where', { camera: a.camera, site: a.site }) }),
    el('p', { class: 'muted', text: fmtTime(a.created_at) }));
  const closed = a.state === 'closed';
  document.querySelectorAll('#detail-view .actions button').forEach((b) => { b.disabled = closed; });
  $('note').disabled = closed;
}

async function open(id) {
  current = id;
  $('list-view').hidden = true;
  $('detail-view').hidden = false;
  $('back').hidden = false;
  $('note').value = '';
  $('detail').replaceChildren(el('p', { class: 'muted', text: t('common.loading') }));
  window.scrollTo(0, 0);
  const a = await store.refresh(id);
  if (current !== id) return;
  if (a) renderDetail(a);
  else $('detail').replaceChildren(el('p', { class: 'error', text: t('error.not_found') }));
}

function back() {
  current = null;
  closeCase();
  $('detail-view').hidden = true;
  $('case-view').hidden = true;
  $('back').hidden = true;
  $('list-view').hidden = false;
  if (pane === 'cases' && me) loadMyCases();
}

/** Shows the alerts or the cases list, or ('case') one case's view. */
function showPane(name) {
  if (name === 'case') {
    $('list-view').hidden = true;
    $('detail-view').hidden = true;
    $('case-view').hidden = false;
    $('back').hidden = false;
    return;
  }
  pane = name;
  document.querySelectorAll('.phone-tabs .ptab').forEach((b) => b.classList.toggle('active', b.dataset.pane === name));
  $('pane-alerts').hidden = name !== 'alerts';
  $('pane-cases').hidden = name !== 'cases';
  if (name === 'cases') loadMyCases();
}

async function act(action, button) {
  if (!current) return;
  button.disabled = true;
  try {
    const r = await api('POST', `/api/v1/alerts/${encodeURIComponent(current)}/ack`, { action, note: $('note').value });
    toast(t('ack.done', { state: stateText(r.state) }));
    $('note').value = '';
    await store.refresh(current);
  } catch (e) {
    toast(errorText(e), true);
  } finally {
    button.disabled = false;
  }
}

async function showApp(who) {
  me = who;
  $('sign-in').hidden = true;
  $('list-view').hidden = false;
  $('live-state').hidden = false;
  $('whoami').textContent = t('session.whoami', { name: who.name, role: t(`role.${who.role}`) });
  feed = new LiveFeed({
    onMessage: (m) => store.apply(m),
    onReset: () => store.reload().catch((e) => toast(errorText(e), true)),
    onState: (s) => { $('live-state').dataset.state = s; $('live-state').textContent = t(`live.${s}`); },
  });
  feed.start();
  // A link may name the tab (#cases) or a case (#case=C-...), e.g. from a dispatch message.
  const hash = new URLSearchParams(window.location.hash.slice(1));
  if (hash.has('cases') || hash.has('case')) showPane('cases');
  if (hash.get('case')) openCase(hash.get('case'));
  try { await store.reload(); } catch (e) { toast(errorText(e), true); }
}

function showSignIn() {
  me = null;
  if (feed) feed.stop();
  feed = null;
  back();
  forgetCases();
  showPane('alerts');
  $('list-view').hidden = true;
  $('back').hidden = true;
  $('live-state').hidden = true;
  $('sign-in').hidden = false;
}

function wire() {
  wireSwitch($('lang-switch'));
  wireSignIn({ onSignedIn: showApp, onSignedOut: showSignIn, beforeSubmit: unlockSound });
  $('back').addEventListener('click', back);
  wireCases(showPane);
  document.querySelectorAll('.phone-tabs .ptab').forEach((b) => b.addEventListener('click', () => showPane(b.dataset.pane)));
  document.addEventListener('visibilitychange', () => { if (me && !document.hidden && pane === 'cases' && !$('list-view').hidden) loadMyCases(); });
  document.querySelectorAll('#detail-view .actions button').forEach((b) => b.addEventListener('click', () => act(b.dataset.action, b)));
  document.addEventListener('click', unlockSound, { once: true });
  onLanguage(() => {
    renderList();
    relabelCases();
    if (current && store.get(current)) renderDetail(store.get(current));
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
