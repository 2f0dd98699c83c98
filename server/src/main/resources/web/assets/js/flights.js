// The drone flights page (/flights/): the flights with their state and progress (GET /api/v1/flights,
// polled), an upload form (tus.js: the video, then the .SRT, then POST /api/v1/flights), and a flight's
// report: its track and findings on the offline map (flightmap.js), a finding's snapshot and position,
// the findings table and the exports (GeoJSON, KML, evidence zip). Everything comes from API v1.
import { t, setLanguage, storedLanguage, wireSwitch, onLanguage } from './i18n.js';
import { api, restore } from './api.js';
import { wireSignIn } from './signin.js';
import { el, fmtTime, toast, errorText } from './ui.js';
import { upload, DEFAULT_CHUNK } from './tus.js';
import { drawMap } from './flightmap.js';

const $ = (id) => document.getElementById(id);
const POLL_MS = 3000;
let me = null;
let poller = null;
let flights = [];
let sites = [];

/** A site for people: its name and id, or the id alone when the site list does not know it. */
function siteLabel(id) {
  const s = sites.find((x) => x.id === id);
  return s && s.name && s.name !== id ? `${s.name} (${id})` : id;
}
let open = null; // { id, report, map, selected }
let uploading = null;

function stateName(s) {
  switch (s) {
    case 'queued': return t('flights.state_queued');
    case 'running': return t('flights.state_running');
    case 'done': return t('flights.state_done');
    case 'failed': return t('flights.state_failed');
    case 'cancelled': return t('flights.state_cancelled');
    default: return s || '';
  }
}

function sourceName(s) {
  switch (s) {
    case 'ground': return t('flights.source_ground');
    case 'drone': return t('flights.source_drone');
    default: return s || '';
  }
}

function pct(x) {
  return `${Math.round(Math.max(0, Math.min(1, Number(x) || 0)) * 100)}%`;
}

function eta(s) {
  if (s === null || s === undefined || !Number.isFinite(Number(s))) return '';
  const n = Math.max(0, Math.round(Number(s)));
  return t('flights.eta', { m: Math.floor(n / 60), s: String(n % 60).padStart(2, '0') });
}

function position(p, geometry) {
  if (!geometry) return t('flights.no_position');
  const [lon, lat] = geometry.coordinates;
  return `${lat.toFixed(6)}, ${lon.toFixed(6)}`;
}

function accuracy(p) {
  return p.accuracy_m === null || p.accuracy_m === undefined ? '' : t('flights.accuracy_m', { m: Math.round(p.accuracy_m) });
}

// ---- list -----------------------------------------------------------------------------------------

async function loadFlights() {
  try {
    const answer = await api('GET', '/api/v1/flights');
    flights = Array.isArray(answer.items) ? answer.items : [];
    $('flights-error').hidden = true;
  } catch (e) {
    $('flights-error').textContent = errorText(e);
    $('flights-error').hidden = false;
    return;
  }
  renderFlights();
  if (open) {
    const f = flights.find((x) => x.id === open.id);
    const r = open.report && open.report.flight;
    if (f && r && (f.state !== r.state || Number(f.findings) !== Number(r.findings))) openReport(open.id, true);
  }
}

function renderFlights() {
  const rows = flights.map((f) => el('tr', {
    class: open && open.id === f.id ? 'selected' : undefined,
    dataset: { test: 'flight-row', flightId: f.id, state: f.state },
    onclick: () => openReport(f.id),
  },
  el('td', {}, el('button', { type: 'button', class: 'link', dataset: { test: 'flight-open' }, text: f.name || f.id })),
  el('td', { text: f.site ? siteLabel(f.site) : t('flights.site_none') }),
  el('td', { dataset: { test: 'flight-state' }, text: stateName(f.state) }),
  el('td', {}, el('progress', { max: 1, value: Number(f.progress) || 0, dataset: { test: 'flight-progress' } }),
    el('span', { class: 'pct', dataset: { test: 'flight-pct' }, text: pct(f.progress) })),
  el('td', { dataset: { test: 'flight-eta' }, text: f.state === 'running' ? eta(f.eta_s) : '' }),
  el('td', { dataset: { test: 'flight-findings' }, text: String(f.findings ?? '') })));
  $('flight-rows').replaceChildren(...rows);
  $('flights-empty').hidden = flights.length > 0;
}

// ---- report ---------------------------------------------------------------------------------------

async function openReport(id, quiet) {
  const base = `/api/v1/flights/${encodeURIComponent(id)}`;
  let report;
  try {
    report = await api('GET', `${base}/report.geojson`);
  } catch (e) {
    if (!quiet) {
      $('report').hidden = false;
      $('report-error').textContent = errorText(e);
      $('report-error').hidden = false;
    }
    return;
  }
  const keep = open && open.id === id ? open.selected : null;
  open = { id, report, map: null, selected: null };
  history.replaceState(null, '', `?flight=${encodeURIComponent(id)}`);
  $('report').hidden = false;
  $('report-error').hidden = true;
  const f = report.flight || {};
  $('report-title').textContent = f.name || id;
  $('report-state').textContent = `${stateName(f.state)} · ${pct(f.progress)}${f.site ? ` · ${siteLabel(f.site)}` : ''}`;
  $('export-geojson').href = `${base}/report.geojson`;
  $('export-geojson').setAttribute('download', `flight-${id}.geojson`);
  $('export-kml').href = `${base}/report.kml`;
  $('export-kml').setAttribute('download', `flight-${id}.kml`);
  $('export-zip').href = `${base}/evidence.zip`;
  $('export-zip').setAttribute('download', `flight-${id}-evidence.zip`);
  open.map = drawMap($('flight-map'), report, sites, selectFinding);
  renderFindings();
  renderFlights();
  if (keep) selectFinding(keep); else $('finding').replaceChildren(el('p', { class: 'muted', text: t('flights.pick_finding') }));
}

function findings() {
  return (open && open.report.features || []).filter((x) => x.properties && x.properties.kind === 'finding');
}

function snapshotUrl(f) {
  return `/api/v1/flights/${encodeURIComponent(open.id)}/findings/${encodeURIComponent(f.id)}/snapshot`;
}

function renderFindings() {
  const list = findings();
  $('finding-rows').replaceChildren(...list.map((f) => {
    const p = f.properties;
    return el('tr', {
      class: open.selected === f.id ? 'selected' : undefined,
      dataset: { test: 'finding-row', alertId: f.id }, onclick: () => selectFinding(f.id),
    },
    el('td', {}, p.snapshot ? el('img', { class: 'thumb', src: snapshotUrl(f), alt: t('flights.snapshot_alt'), loading: 'lazy', dataset: { test: 'finding-thumb' } }) : ''),
    el('td', { text: p.label }),
    el('td', { text: Number(p.score).toFixed(2) }),
    el('td', { class: 'mono', text: position(p, f.geometry) }),
    el('td', { text: accuracy(p) }),
    el('td', { text: p.site ? siteLabel(p.site) : t('flights.outside_sites') }),
    el('td', { text: fmtTime(p.time) }));
  }));
  $('findings-empty').hidden = list.length > 0;
}

function selectFinding(id) {
  const f = findings().find((x) => x.id === id);
  if (!f) return;
  open.selected = id;
  if (open.map) open.map.select(id);
  document.querySelectorAll('[data-test=finding-row]').forEach((r) => r.classList.toggle('selected', r.dataset.alertId === id));
  const p = f.properties;
  const facts = el('dl', { class: 'facts' },
    el('dt', { text: t('flights.col_label') }), el('dd', { dataset: { test: 'finding-label' }, text: p.label }),
    el('dt', { text: t('alert.score') }), el('dd', { dataset: { test: 'finding-score' }, text: Number(p.score).toFixed(2) }),
    el('dt', { text: t('alert.rule') }), el('dd', { dataset: { test: 'finding-rule' }, text: p.rule }),
    el('dt', { text: t('flights.col_position') }), el('dd', { class: 'mono', dataset: { test: 'finding-position' }, text: position(p, f.geometry) }),
    el('dt', { text: t('flights.col_accuracy') }), el('dd', { dataset: { test: 'finding-accuracy' }, text: accuracy(p) }),
    el('dt', { text: t('flights.source') }), el('dd', { dataset: { test: 'finding-source' }, text: sourceName(p.geo_source) }),
    el('dt', { text: t('flights.col_site') }), el('dd', { dataset: { test: 'finding-site' }, text: p.site ? siteLabel(p.site) : t('flights.outside_sites') }),
    el('dt', { text: t('flights.col_time') }), el('dd', { text: `${fmtTime(p.time)} · ${t('flights.video_at', { s: Number(p.offset_s).toFixed(1) })}` }));
  const picture = p.snapshot
    ? el('img', { class: 'finding-snapshot', src: snapshotUrl(f), alt: t('flights.snapshot_alt'), dataset: { test: 'finding-snapshot' } })
    : el('p', { class: 'muted', text: t('alert.no_snapshot') });
  $('finding').replaceChildren(el('h3', { dataset: { test: 'finding-title' }, text: `${p.label} · ${f.id}` }), picture, facts);
}

// ---- upload ---------------------------------------------------------------------------------------

function uploadStatus(text) {
  $('up-status').textContent = text;
}

async function submitUpload(e) {
  e.preventDefault();
  if (uploading) return;
  const video = $('up-video').files[0];
  const srt = $('up-srt').files[0];
  if (!video) return;
  const chunkSize = Number($('upload-form').dataset.chunkBytes) || DEFAULT_CHUNK;
  const controller = new AbortController();
  uploading = controller;
  $('up-error').hidden = true;
  $('up-submit').disabled = true;
  $('up-cancel').hidden = false;
  $('up-progress').hidden = false;
  $('up-progress').value = 0;
  const total = video.size + (srt ? srt.size : 0);
  try {
    const videoId = await upload(video, {
      chunkSize, signal: controller.signal,
      onProgress: (sent) => {
        $('up-progress').value = total ? sent / total : 1;
        uploadStatus(t('flights.uploading', { file: video.name, pct: pct(total ? sent / total : 1) }));
      },
      onResume: (at) => toast(t('flights.resumed', { mb: (at / 1048576).toFixed(1) })),
    });
    let srtId = null;
    if (srt) {
      srtId = await upload(srt, {
        chunkSize, signal: controller.signal,
        onProgress: (sent) => {
          $('up-progress').value = total ? (video.size + sent) / total : 1;
          uploadStatus(t('flights.uploading', { file: srt.name, pct: pct(total ? (video.size + sent) / total : 1) }));
        },
      });
    }
    uploadStatus(t('flights.submitting'));
    const body = { video_upload: videoId };
    if (srtId) body.telemetry_upload = srtId;
    const name = $('up-name').value.trim();
    const site = $('up-site').value;
    const drone = $('up-drone').value.trim();
    if (name) body.name = name;
    if (site) body.site = site;
    if (drone) body.drone_model = drone;
    const made = await api('POST', '/api/v1/flights', body);
    uploadStatus(t('flights.submitted', { id: made.id }));
    toast(t('flights.submitted', { id: made.id }));
    $('upload-form').reset();
    await loadFlights();
  } catch (ex) {
    $('up-error').textContent = ex && ex.name === 'AbortError' ? t('flights.upload_cancelled')
      : (ex && ex.status === 413 ? t('flights.too_large') : errorText(ex));
    $('up-error').hidden = false;
    uploadStatus('');
  } finally {
    uploading = null;
    $('up-submit').disabled = false;
    $('up-cancel').hidden = true;
  }
}

// ---- page -----------------------------------------------------------------------------------------

async function loadSites() {
  try {
    const answer = await api('GET', '/api/v1/sites');
    sites = Array.isArray(answer.sites) ? answer.sites : [];
  } catch (e) {
    sites = [];
  }
  const select = $('up-site');
  const chosen = select.value;
  select.replaceChildren(el('option', { value: '', text: t('flights.site_none') }),
    ...sites.map((s) => el('option', { value: s.id, text: s.name ? `${s.name} (${s.id})` : s.id })));
  select.value = chosen;
}

async function showApp(who) {
  me = who;
  $('sign-in').hidden = true;
  $('app').hidden = false;
  $('sign-out').hidden = false;
  $('whoami').textContent = t('session.whoami', { name: who.name, role: t(`role.${who.role}`) });
  await loadSites();
  await loadFlights();
  clearInterval(poller);
  poller = setInterval(() => { if (!document.hidden) loadFlights(); }, POLL_MS);
  const wanted = new URLSearchParams(window.location.search).get('flight');
  if (wanted) await openReport(wanted);
}

function showSignIn() {
  me = null;
  clearInterval(poller);
  poller = null;
  open = null;
  if (uploading) uploading.abort();
  $('app').hidden = true;
  $('report').hidden = true;
  $('sign-out').hidden = true;
  $('whoami').textContent = '';
  $('sign-in').hidden = false;
  $('sign-in-user').focus();
}

function wire() {
  wireSwitch($('lang-switch'));
  wireSignIn({ onSignedIn: showApp, onSignedOut: showSignIn });
  $('upload-form').addEventListener('submit', submitUpload);
  $('up-cancel').addEventListener('click', () => { if (uploading) uploading.abort(); });
  document.addEventListener('visibilitychange', () => { if (me && !document.hidden) loadFlights(); });
  onLanguage(() => {
    if (!me) return;
    $('whoami').textContent = t('session.whoami', { name: me.name, role: t(`role.${me.role}`) });
    loadSites();
    renderFlights();
    if (open) openReport(open.id, true);
  });
}

async function main() {
  wire();
  await setLanguage(storedLanguage());
  const who = await restore();
  if (who) await showApp(who); else showSignIn();
}

main();
