// The admin page (/admin/): the sites, cameras, officials, townships and patrol districts in force (the YAML's read-only, the
// registry's editable); add a camera: probe it, see its snapshot, draw zones on it (normalised
// coordinates, as the YAML uses), schedules and rules, save: the server starts only that camera.
import { t, setLanguage, storedLanguage, wireSwitch, onLanguage } from './i18n.js';
import { api, restore, csrfToken, ApiError } from './api.js';
import { wireSignIn } from './signin.js';
import { el, show, errorText, toast } from './ui.js';

const $ = (id) => document.getElementById(id);
const SVG = 'http://www.w3.org/2000/svg';
const RULE_TYPES = ['heavy_vehicle_in_zone', 'dwell', 'haul_trips', 'ground_change'];
let me = null;
let data = { sites: [], cameras: [], officials: [], townships: [], districts: [] };
let editing = null; // id of the registry camera being edited, or null when adding
let zones = [];
let drawing = [];
let probed = false;

function sourceText(s) {
  return s === 'yaml' ? t('admin.source_yaml') : t('admin.source_registry');
}

function actions(kind, item) {
  if (!item.editable) return el('td', { class: 'muted', text: t('admin.read_only') });
  return el('td', {},
    kind === 'cameras' ? el('button', {
      type: 'button', class: 'plain', text: t('admin.edit'), dataset: { test: 'camera-edit', id: item.id },
      onclick: () => editCamera(item.id),
    }) : null,
    el('button', {
      type: 'button', class: 'plain danger', text: t('admin.remove'), dataset: { test: `${kind.slice(0, -1)}-remove`, id: item.id },
      onclick: () => remove(kind, item.id),
    }));
}

function render() {
  const cams = $('camera-rows');
  cams.replaceChildren(...data.cameras.map((c) => el('tr', { dataset: { test: 'camera-row', id: c.id, source: c.source } },
    el('td', { text: c.id }), el('td', { text: c.site }), el('td', { text: sourceText(c.source) }),
    el('td', { class: 'url', text: c.detect }), el('td', { text: String(c.zones) }), actions('cameras', c))));
  $('site-rows').replaceChildren(...data.sites.map((s) => el('tr', { dataset: { test: 'site-row', id: s.id } },
    el('td', { text: s.id }), el('td', { text: s.name }), el('td', { text: sourceText(s.source) }), actions('sites', s))));
  $('official-rows').replaceChildren(...data.officials.map((o) => el('tr', { dataset: { test: 'official-row', id: o.id } },
    el('td', { text: o.id }), el('td', { text: o.name }), el('td', { text: sourceText(o.source) }), actions('officials', o))));
  $('township-rows').replaceChildren(...data.townships.map((w) => el('tr', { dataset: { test: 'township-row', id: w.id } },
    el('td', { text: w.id }), el('td', { text: (w.team || []).join(', ') }), el('td', { text: sourceText(w.source) }),
    actions('townships', w))));
  $('district-rows').replaceChildren(...data.districts.map((d) => el('tr', { dataset: { test: 'district-row', id: d.id } },
    el('td', { text: d.id }), el('td', { text: d.name }), el('td', { text: d.township }),
    el('td', { text: (d.teams || []).map((x) => `${x.name} (${(x.members || []).join(', ')})`).join('; ') }),
    el('td', { text: sourceText(d.source) }), actions('districts', d))));
  const site = $('cam-site');
  const chosen = site.value;
  site.replaceChildren(...data.sites.map((s) => el('option', { value: s.id, text: `${s.name} (${s.id})` })));
  if (chosen) site.value = chosen;
}

async function load() {
  const [s, c, o, w, d] = await Promise.all([
    api('GET', '/api/v1/admin/sites'), api('GET', '/api/v1/admin/cameras'), api('GET', '/api/v1/admin/officials'),
    api('GET', '/api/v1/admin/townships'), api('GET', '/api/v1/admin/districts')]);
  data = { sites: s.sites, cameras: c.cameras, officials: o.officials, townships: w.townships, districts: d.districts };
  render();
}

async function remove(kind, id) {
  if (!window.confirm(t('admin.confirm_remove', { id }))) return;
  try {
    await api('DELETE', `/api/v1/admin/${kind}/${encodeURIComponent(id)}`);
    toast(t('admin.removed', { id }));
    await load();
  } catch (e) {
    toast(errorText(e), true);
  }
}

// --- camera form ---

function openCamera(title) {
  ['site-form', 'official-form', 'township-form', 'district-form'].forEach((f) => { $(f).hidden = true; });
  $('camera-form').hidden = false;
  $('camera-form-title').textContent = title;
  ['probe-error', 'probe-result', 'camera-error'].forEach((id) => { $(id).hidden = true; });
}

function newCamera() {
  editing = null;
  zones = [];
  drawing = [];
  probed = false;
  $('cam-id').value = '';
  $('cam-id').disabled = false;
  $('cam-url').value = '';
  $('cam-user').value = '';
  $('cam-password').value = '';
  $('cam-fps').value = '5';
  $('cam-schedules').value = '';
  $('rule-rows').replaceChildren();
  $('zone-editor').hidden = true;
  openCamera(t('admin.camera_new'));
  $('cam-id').focus();
}

async function editCamera(id) {
  let got;
  try {
    got = await api('GET', `/api/v1/admin/cameras/${encodeURIComponent(id)}`);
  } catch (e) {
    toast(errorText(e), true);
    return;
  }
  const c = got.entry;
  editing = id;
  probed = true;
  openCamera(t('admin.camera_edit', { id }));
  $('cam-id').value = id;
  $('cam-id').disabled = true;
  $('cam-site').value = c.site;
  $('cam-url').value = c.detect || '';
  $('cam-user').value = '';
  $('cam-password').value = '';
  $('cam-user').placeholder = got.credentials ? t('admin.kept') : '';
  $('cam-fps').value = c.fps || 5;
  const d = c.detection || {};
  zones = (d.zones || []).map((z) => ({ name: z.name, kind: z.kind, points: z.points }));
  drawing = [];
  $('cam-schedules').value = Object.entries(d.schedules || {}).map(([n, w]) => `${n}: ${w.join(', ')}`).join('\n');
  $('rule-rows').replaceChildren(...(d.rules || []).map(ruleRow));
  $('zone-snapshot').src = `/api/v1/cameras/${encodeURIComponent(id)}/snapshot?t=${Date.now()}`;
  $('zone-editor').hidden = false;
  drawZones();
}

async function probe() {
  const err = $('probe-error');
  const res = $('probe-result');
  err.hidden = true;
  res.hidden = true;
  $('probe-busy').hidden = false;
  $('probe').disabled = true;
  try {
    const body = { url: $('cam-url').value.trim() };
    if ($('cam-user').value) {
      body.username = $('cam-user').value;
      body.password = $('cam-password').value;
    }
    const r = await api('POST', '/api/v1/cameras/probe', body);
    res.textContent = t('admin.probe_ok', {
      codec: r.codec.toUpperCase(), width: r.width, height: r.height, fps: r.fps,
      auth: r.auth ? t('admin.auth_ok') : t('admin.auth_none'),
    });
    res.hidden = false;
    $('zone-snapshot').src = r.snapshot;
    $('zone-editor').hidden = false;
    probed = true;
    drawZones();
  } catch (e) {
    err.textContent = e.status === 422 ? t('admin.probe_failed', { message: e.message }) : errorText(e);
    err.hidden = false;
  } finally {
    $('probe-busy').hidden = true;
    $('probe').disabled = false;
  }
}

// --- zone editor: clicks on the snapshot add points (0..1 of its width and height) ---

function clickPoint(ev) {
  const box = $('zone-svg').getBoundingClientRect();
  const x = Math.min(1, Math.max(0, (ev.clientX - box.left) / box.width));
  const y = Math.min(1, Math.max(0, (ev.clientY - box.top) / box.height));
  drawing.push([Math.round(x * 1000) / 1000, Math.round(y * 1000) / 1000]);
  drawZones();
}

function closeZone() {
  if (drawing.length < 3) {
    toast(t('admin.zone_too_few'), true);
    return;
  }
  const kind = $('zone-kind').value;
  const name = $('zone-name').value.trim() || `${kind}-${zones.length + 1}`;
  zones.push({ name, kind, points: drawing });
  drawing = [];
  $('zone-name').value = '';
  drawZones();
}

function drawZones() {
  const svg = $('zone-svg');
  const shapes = zones.map((z) => {
    const p = document.createElementNS(SVG, 'polygon');
    p.setAttribute('points', z.points.map((q) => q.join(',')).join(' '));
    p.setAttribute('class', `zone zone-${z.kind}`);
    p.dataset.test = 'zone-polygon';
    p.dataset.kind = z.kind;
    return p;
  });
  if (drawing.length > 0) {
    const line = document.createElementNS(SVG, 'polyline');
    line.setAttribute('points', drawing.map((q) => q.join(',')).join(' '));
    line.setAttribute('class', 'zone-drawing');
    shapes.push(line);
  }
  svg.replaceChildren(...shapes);
  $('zone-list').replaceChildren(...zones.map((z, i) => el('li', { dataset: { test: 'zone-item', kind: z.kind } },
    el('span', { text: t('admin.zone_item', { name: z.name, kind: t(`zone.${z.kind}`), points: z.points.length }) }),
    el('button', { type: 'button', class: 'plain', text: t('admin.remove'), onclick: () => { zones.splice(i, 1); drawZones(); } }))));
}

function ruleRow(rule) {
  const r = rule || { type: 'heavy_vehicle_in_zone' };
  const type = el('select', { dataset: { test: 'rule-type' } },
    ...RULE_TYPES.map((x) => el('option', { value: x, text: t(`rule.${x}`) })));
  type.value = r.type;
  const row = el('div', { class: 'rule-row', dataset: { test: 'rule-row' } },
    type,
    el('input', { dataset: { test: 'rule-zones' }, placeholder: t('admin.rule_zones'), value: (r.zones || []).join(', ') }),
    el('input', { dataset: { test: 'rule-schedule' }, placeholder: t('admin.rule_schedule'), value: r.schedule || '' }),
    el('input', { dataset: { test: 'rule-minutes' }, type: 'number', step: 'any', placeholder: t('admin.rule_minutes'), value: r.minutes ?? '' }),
    el('input', { dataset: { test: 'rule-count' }, type: 'number', placeholder: t('admin.rule_count'), value: r.count ?? '' }),
    el('button', { type: 'button', class: 'plain', text: t('admin.remove'), onclick: () => row.remove() }));
  return row;
}

function detection() {
  const d = {};
  if (zones.length) d.zones = zones;
  const schedules = {};
  $('cam-schedules').value.split('\n').map((l) => l.trim()).filter(Boolean).forEach((line) => {
    const at = line.indexOf(':');
    if (at > 0) schedules[line.slice(0, at).trim()] = line.slice(at + 1).split(',').map((w) => w.trim()).filter(Boolean);
  });
  if (Object.keys(schedules).length) d.schedules = schedules;
  const rules = [...$('rule-rows').querySelectorAll('[data-test="rule-row"]')].map((row) => {
    const q = (n) => row.querySelector(`[data-test="${n}"]`).value.trim();
    const r = { type: q('rule-type') };
    const zs = q('rule-zones').split(',').map((z) => z.trim()).filter(Boolean);
    if (zs.length) r.zones = zs;
    if (q('rule-schedule')) r.schedule = q('rule-schedule');
    if (q('rule-minutes')) r.minutes = Number(q('rule-minutes'));
    if (q('rule-count')) r.count = Number(q('rule-count'));
    return r;
  });
  if (rules.length) d.rules = rules;
  return d;
}

async function saveCamera(ev) {
  ev.preventDefault();
  const err = $('camera-error');
  err.hidden = true;
  if (!probed) {
    err.textContent = t('admin.probe_first');
    err.hidden = false;
    return;
  }
  const body = {
    id: $('cam-id').value.trim(), site: $('cam-site').value, detect: $('cam-url').value.trim(),
    fps: Number($('cam-fps').value || 5), detection: detection(),
  };
  if ($('cam-user').value) {
    body.username = $('cam-user').value;
    body.password = $('cam-password').value;
  }
  try {
    if (editing) await api('PUT', `/api/v1/admin/cameras/${encodeURIComponent(editing)}`, body);
    else await api('POST', '/api/v1/admin/cameras', body);
    $('cam-password').value = '';
    $('camera-form').hidden = true;
    toast(t('admin.saved', { id: body.id }));
    await load();
  } catch (e) {
    err.textContent = errorText(e);
    err.hidden = false;
  }
}

// --- sites and officials ---

function openForm(id) {
  ['camera-form', 'site-form', 'official-form', 'township-form', 'district-form'].forEach((f) => { $(f).hidden = f !== id; });
}

async function saveSite(ev) {
  ev.preventDefault();
  const body = { id: $('site-id').value.trim(), lat: Number($('site-lat').value), lon: Number($('site-lon').value) };
  if ($('site-name').value.trim()) body.name = $('site-name').value.trim();
  if ($('site-township').value.trim()) body.township = $('site-township').value.trim();
  if ($('site-tz').value.trim()) body.timezone = $('site-tz').value.trim();
  const offs = $('site-officials').value.split(',').map((x) => x.trim()).filter(Boolean);
  if (offs.length) body.officials = offs;
  const chain = ids($('site-escalation').value);
  if (chain.length) body.escalation = chain;
  await submit('/api/v1/admin/sites', body, 'site-error', 'site-form');
}

function ids(text) {
  return text.split(',').map((x) => x.trim()).filter(Boolean);
}

async function saveTownship(ev) {
  ev.preventDefault();
  const body = { id: $('town-id').value.trim(), team: ids($('town-team').value),
    authority: ids($('town-authority').value) };
  await submit('/api/v1/admin/townships', body, 'township-error', 'township-form');
}

// A new district's editor starts from this outline of a districts[] item (ids are the demo's: change them).
const DISTRICT_OUTLINE = `id: east
name: 东片区
township: Xinhe
boundary: [[30.60, 114.30], [30.60, 114.40], [30.70, 114.40], [30.70, 114.30]]
teams:
  - {id: east-1, name: 东片一队, members: [li-wei]}
`;

function newDistrict() {
  openForm('district-form');
  $('district-error').hidden = true;
  if (!$('district-yaml').value.trim()) $('district-yaml').value = DISTRICT_OUTLINE;
}

// A district is one districts[] item as in the YAML file (boundary and teams are nested), sent as YAML.
async function saveDistrict(ev) {
  ev.preventDefault();
  $('district-error').hidden = true;
  try {
    const r = await fetch('/api/v1/admin/districts', {
      method: 'POST', credentials: 'same-origin', body: $('district-yaml').value,
      headers: { Accept: 'application/json', 'Content-Type': 'application/yaml', 'X-CSRF-Token': csrfToken() || '' },
    });
    const answer = await r.json().catch(() => null);
    if (!r.ok) throw new ApiError(r.status, (answer && answer.error) || r.statusText, r.headers.get('Retry-After'));
    $('district-form').hidden = true;
    toast(t('admin.saved', { id: answer.id }));
    await load();
  } catch (e) {
    $('district-error').textContent = errorText(e);
    $('district-error').hidden = false;
  }
}

async function saveOfficial(ev) {
  ev.preventDefault();
  const body = { id: $('off-id').value.trim(), role: $('off-role').value };
  if ($('off-name').value.trim()) body.name = $('off-name').value.trim();
  if ($('off-township').value.trim()) body.township = $('off-township').value.trim();
  if ($('off-secret').value) body.secret = $('off-secret').value;
  await submit('/api/v1/admin/officials', body, 'official-error', 'official-form');
  $('off-secret').value = '';
}

async function submit(path, body, errorId, formId) {
  $(errorId).hidden = true;
  try {
    await api('POST', path, body);
    $(formId).hidden = true;
    toast(t('admin.saved', { id: body.id }));
    await load();
  } catch (e) {
    $(errorId).textContent = errorText(e);
    $(errorId).hidden = false;
  }
}

// --- page ---

async function showApp(who) {
  me = who;
  $('sign-in').hidden = true;
  $('sign-out').hidden = false;
  $('whoami').textContent = t('session.whoami', { name: me.name, role: t('role.admin') });
  if (me.role !== 'admin') {
    $('not-admin').hidden = false;
    return;
  }
  $('app').hidden = false;
  await load();
}

function showSignIn() {
  me = null;
  $('app').hidden = true;
  $('not-admin').hidden = true;
  $('sign-out').hidden = true;
  $('whoami').textContent = '';
  $('sign-in').hidden = false;
}

function wire() {
  wireSwitch($('lang-switch'));
  wireSignIn({ onSignedIn: showApp, onSignedOut: showSignIn });
  $('camera-add').addEventListener('click', newCamera);
  $('camera-cancel').addEventListener('click', () => { $('camera-form').hidden = true; });
  $('camera-form').addEventListener('submit', saveCamera);
  $('probe').addEventListener('click', probe);
  $('cam-url').addEventListener('input', () => { if (!editing) probed = false; });
  $('zone-svg').addEventListener('click', clickPoint);
  $('zone-close').addEventListener('click', closeZone);
  $('zone-undo').addEventListener('click', () => { if (drawing.length) drawing.pop(); else zones.pop(); drawZones(); });
  $('rule-add').addEventListener('click', () => $('rule-rows').append(ruleRow()));
  $('site-add').addEventListener('click', () => openForm('site-form'));
  $('site-cancel').addEventListener('click', () => { $('site-form').hidden = true; });
  $('site-form').addEventListener('submit', saveSite);
  $('official-add').addEventListener('click', () => openForm('official-form'));
  $('official-cancel').addEventListener('click', () => { $('official-form').hidden = true; });
  $('official-form').addEventListener('submit', saveOfficial);
  $('township-add').addEventListener('click', () => openForm('township-form'));
  $('township-cancel').addEventListener('click', () => { $('township-form').hidden = true; });
  $('township-form').addEventListener('submit', saveTownship);
  $('district-add').addEventListener('click', newDistrict);
  $('district-cancel').addEventListener('click', () => { $('district-form').hidden = true; });
  $('district-form').addEventListener('submit', saveDistrict);
  onLanguage(() => {
    if (!me) return;
    $('whoami').textContent = t('session.whoami', { name: me.name, role: t('role.admin') });
    render();
    drawZones();
  });
}

async function main() {
  wire();
  await setLanguage(storedLanguage());
  const who = await restore();
  if (who) await showApp(who); else showSignIn();
}

main();
