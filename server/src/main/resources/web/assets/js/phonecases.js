// The phone page's Cases tab (/m/, "任务"): the cases of my teams (GET /api/v1/cases: the server gives an
// official only their teams' cases), a case's facts, and the on-site form: notes, staff and vehicles sent,
// inspection, joint action, plates, persons, matters picked from the catalogue (with the whistle level), and
// photos from the camera, uploaded one at a time as they are taken (POST /api/v1/cases/{id}/photos, the raw
// image as the body) with a progress bar each; then POST /api/v1/cases/{id}/on-site.
import { t } from './i18n.js';
import { api, csrfToken, ApiError } from './api.js';
import { el, fmtTime, levelText, toast, errorText } from './ui.js';
import {
  loadCatalogue, cat, caseStateText, matterName, handlerText, teamName, matterSelect, levelSelect, outcomeLine,
} from './casefmt.js';

const $ = (id) => document.getElementById(id);
const RECORDABLE = ['dispatched', 'on_site', 'reopened'];
let cases = [];
let current = null;
let catalogueLoaded = false;
let plates = [];
let persons = [];
let picks = [];
const queue = []; // photos waiting: { file, row }
let uploading = false;
let hooks = { show: () => {} };

// ---- list -----------------------------------------------------------------------------------------

export async function loadMyCases() {
  if (!catalogueLoaded) {
    try { await loadCatalogue(); catalogueLoaded = true; } catch (e) { /* names fall back to codes */ }
  }
  try {
    const answer = await api('GET', '/api/v1/cases?limit=100');
    cases = Array.isArray(answer.cases) ? answer.cases : [];
    $('cases-error').hidden = true;
  } catch (e) {
    $('cases-error').textContent = errorText(e);
    $('cases-error').hidden = false;
    return;
  }
  renderCaseList();
}

function renderCaseList() {
  // What still needs the team first (dispatched, reopened), then on site, then the rest; newest first.
  const rank = { dispatched: 0, reopened: 0, on_site: 1, intake: 2, closed: 3, reviewed: 4 };
  const sorted = [...cases].sort((a, b) => ((rank[a.state] ?? 5) - (rank[b.state] ?? 5))
    || String(b.opened_at).localeCompare(String(a.opened_at)));
  $('my-cases').replaceChildren(...sorted.map((c) => el('li', {
    class: `alert-card level-${c.level} case-card case-${c.state}`,
    tabindex: 0,
    dataset: { test: 'case-card', caseId: c.id, state: c.state },
    onclick: () => openCase(c.id),
  }, el('div', { class: 'card-main' },
    el('div', {},
      el('span', { class: `badge level-${c.level}`, text: levelText(c.level) }),
      el('span', { class: 'card-title', text: ` ${c.title || c.id}` })),
    el('div', { class: 'muted', text: `${c.id} · ${c.township || ''}${c.team ? ` · ${teamName(c.team)}` : ''}` }),
    el('div', {},
      el('span', { class: `case-state cs-${c.state}`, dataset: { test: 'case-state' }, text: caseStateText(c.state) }),
      c.on_site_deadline && !c.on_site_at
        ? el('span', { class: Date.parse(c.on_site_deadline) < Date.now() ? 'error' : 'muted', text: ` ${t('phone.on_site_by', { at: fmtTime(c.on_site_deadline) })}` })
        : el('span', { class: 'muted', text: ` ${fmtTime(c.opened_at)}` }))))));
  $('cases-empty').hidden = cases.length > 0;
}

// ---- one case -------------------------------------------------------------------------------------

export async function openCase(id) {
  hooks.show('case');
  $('pcase').replaceChildren(el('p', { class: 'muted', text: t('common.loading') }));
  $('onsite-form').hidden = true;
  window.scrollTo(0, 0);
  try {
    current = await api('GET', `/api/v1/cases/${encodeURIComponent(id)}`);
  } catch (e) {
    $('pcase').replaceChildren(el('p', { class: 'error', text: errorText(e) }));
    return;
  }
  resetForm();
  renderCase();
}

function renderCase() {
  const c = current;
  const pane = $('pcase');
  pane.dataset.caseId = c.id;
  pane.dataset.state = c.state;
  const late = c.on_site_deadline && !c.on_site_at && Date.parse(c.on_site_deadline) < Date.now();
  const dl = (label, value, test) => [el('dt', { text: label }), el('dd', { dataset: test ? { test } : undefined, text: value || '' })];
  pane.replaceChildren(...[
    el('div', { class: 'detail-head' },
      el('span', { class: `badge level-${c.level}`, text: levelText(c.level) }),
      el('h2', { text: c.title || c.id }),
      el('span', { class: `case-state cs-${c.state}`, dataset: { test: 'pcase-state' }, text: caseStateText(c.state) })),
    c.note ? el('p', { class: 'pre', text: c.note }) : null,
    el('dl', { class: 'facts' },
      ...dl(t('cases.id'), c.id),
      ...dl(t('cases.township'), c.township),
      ...dl(t('cases.team'), teamName(c.team)),
      ...dl(t('cases.position'), Number.isFinite(c.lat) && Number.isFinite(c.lon) ? `${c.lat.toFixed(5)}, ${c.lon.toFixed(5)}` : ''),
      ...dl(t('cases.on_site_deadline'), fmtTime(c.on_site_deadline)),
      ...dl(t('cases.on_site_at'), fmtTime(c.on_site_at), 'pcase-onsite-at')),
    late ? el('p', { class: 'overdue-note', text: t('cases.on_site_late') }) : null,
    (c.matters || []).length ? el('div', {},
      el('h3', { text: t('cases.matters') }),
      el('ul', { class: 'plain-list' }, c.matters.map((m) => el('li', { dataset: { test: 'pcase-matter', code: m.code } },
        el('strong', { text: `${matterName(m.code, m.name)}` }),
        el('span', { class: 'muted', text: ` · ${handlerText(m.handler)} · ${levelText(m.level)}${m.outcome ? ` · ${outcomeLine(m.outcome)}` : ''}` }))))) : null,
    (c.photos || []).length ? el('div', {},
      el('h3', { text: t('cases.photos') }),
      el('div', { class: 'photos' }, c.photos.map((p) => el('img', {
        class: 'photo', loading: 'lazy', alt: t('cases.photo_alt', { n: p.n }), dataset: { test: 'pcase-photo' },
        src: p.url || `/api/v1/cases/${encodeURIComponent(c.id)}/photos/${p.n}`,
      })))) : null,
    (c.on_site || []).length ? el('p', { class: 'muted', dataset: { test: 'pcase-records' }, text: t('phone.records', { n: c.on_site.length }) }) : null,
  ].filter(Boolean));
  $('onsite-form').hidden = !RECORDABLE.includes(c.state);
}

// ---- the on-site form -----------------------------------------------------------------------------

function chips(list, host, test) {
  $(host).replaceChildren(...list.map((v, i) => el('li', { class: 'chip-item', dataset: { test, value: v } },
    el('span', { text: v }),
    el('button', {
      type: 'button', class: 'plain', 'aria-label': t('phone.remove'), text: '×',
      onclick: () => { list.splice(i, 1); chips(list, host, test); },
    }))));
}

function addPlate() {
  const v = $('os-plate').value.trim().toUpperCase().replace(/\s+/g, '');
  if (v && !plates.includes(v)) plates.push(v);
  $('os-plate').value = '';
  chips(plates, 'os-plates', 'plate-chip');
}

function addPerson() {
  const v = $('os-person').value.trim();
  if (v && !persons.includes(v)) persons.push(v);
  $('os-person').value = '';
  chips(persons, 'os-persons', 'person-chip');
}

function renderPicks() {
  $('os-matters').replaceChildren(...picks.map((p, i) => {
    const m = cat().matters.find((x) => x.code === p.code);
    return el('li', { class: 'picked-item', dataset: { test: 'matter-pick', code: p.code, level: p.level || '' } },
      el('span', { text: matterName(p.code) }),
      el('span', { class: 'muted', text: ` · ${m ? handlerText(m.owner) : ''} · ${levelText(p.level || (m && m.level) || 'quick')}` }),
      el('button', {
        type: 'button', class: 'plain', 'aria-label': t('phone.remove'), text: '×',
        onclick: () => { picks.splice(i, 1); renderPicks(); },
      }));
  }));
}

function matterRow() {
  const select = matterSelect({ id: 'os-matter', dataset: { test: 'os-matter' } });
  const level = levelSelect({ id: 'os-matter-level', dataset: { test: 'os-matter-level' } }, true);
  const add = el('button', { type: 'button', dataset: { test: 'os-matter-add' }, text: t('phone.add') });
  select.addEventListener('change', () => {
    const m = cat().matters.find((x) => x.code === select.value);
    level.value = '';
    level.title = m ? t('phone.default_level', { level: levelText(m.level) }) : '';
  });
  add.addEventListener('click', () => {
    if (!select.value) return;
    const existing = picks.find((p) => p.code === select.value);
    if (existing) existing.level = level.value || null;
    else picks.push({ code: select.value, level: level.value || null });
    select.value = '';
    level.value = '';
    renderPicks();
  });
  $('os-matter-row').replaceChildren(select, level, add);
}

function resetForm() {
  plates = [];
  persons = [];
  picks = [];
  $('onsite-form').reset();
  $('os-error').hidden = true;
  chips(plates, 'os-plates', 'plate-chip');
  chips(persons, 'os-persons', 'person-chip');
  matterRow();
  renderPicks();
  if (!uploading) $('os-uploads').replaceChildren();
}

async function submitOnSite(e) {
  e.preventDefault();
  if (!current) return;
  if ($('os-plate').value.trim()) addPlate();
  if ($('os-person').value.trim()) addPerson();
  const count = (v) => (v === '' ? 0 : Math.max(0, Math.floor(Number(v)) || 0));
  const body = {
    notes: $('os-notes').value.trim(),
    staff: count($('os-staff').value),
    vehicles_sent: count($('os-vehicles').value),
    inspection: $('os-inspection').checked,
    joint_action: $('os-joint').checked,
    plates: [...plates],
    persons: [...persons],
    matters: picks.map((p) => (p.level ? { code: p.code, level: p.level } : { code: p.code })),
  };
  $('os-error').hidden = true;
  $('os-submit').disabled = true;
  try {
    current = await api('POST', `/api/v1/cases/${encodeURIComponent(current.id)}/on-site`, body);
    toast(t('phone.onsite_done', { state: caseStateText(current.state) }));
    resetForm();
    renderCase();
    loadMyCases();
  } catch (ex) {
    $('os-error').textContent = errorText(ex);
    $('os-error').hidden = false;
  } finally {
    $('os-submit').disabled = false;
  }
}

// ---- photos: one at a time, each with its progress -------------------------------------------------

function queuePhotos() {
  const files = [...$('os-photo').files];
  $('os-photo').value = '';
  if (!current) return;
  files.forEach((file) => {
    const bar = el('progress', { max: 1, value: 0 });
    const status = el('span', { class: 'muted', text: t('phone.photo_waiting') });
    const row = el('li', { class: 'upload', dataset: { test: 'upload-item', state: 'queued', name: file.name } },
      el('span', { class: 'upload-name', text: file.name }), bar, status);
    $('os-uploads').append(row);
    queue.push({ file, row, bar, status, caseId: current.id });
  });
  pump();
}

function send(item) {
  return new Promise((resolve, reject) => {
    const x = new XMLHttpRequest();
    x.open('POST', `/api/v1/cases/${encodeURIComponent(item.caseId)}/photos`);
    x.setRequestHeader('Content-Type', item.file.type || 'image/jpeg');
    x.setRequestHeader('Accept', 'application/json');
    if (csrfToken()) x.setRequestHeader('X-CSRF-Token', csrfToken());
    x.upload.onprogress = (ev) => {
      if (ev.lengthComputable) {
        item.bar.value = ev.loaded / ev.total;
        item.status.textContent = `${Math.round((100 * ev.loaded) / ev.total)}%`;
      }
    };
    x.onload = () => {
      let data = null;
      try { data = JSON.parse(x.responseText); } catch (e) { data = null; }
      if (x.status >= 200 && x.status < 300) resolve(data);
      else reject(new ApiError(x.status, (data && data.error) || x.statusText));
    };
    x.onerror = () => reject(new ApiError(0, 'network'));
    x.send(item.file);
  });
}

async function pump() {
  if (uploading) return;
  uploading = true;
  try {
    while (queue.length) {
      const item = queue.shift();
      item.row.dataset.state = 'uploading';
      item.status.textContent = '0%';
      try {
        const r = await send(item);
        item.bar.value = 1;
        item.row.dataset.state = 'done';
        item.row.dataset.n = String(r && r.n);
        item.status.textContent = t('phone.photo_done', { n: r && r.n });
      } catch (e) {
        item.row.dataset.state = 'failed';
        item.status.textContent = e.status === 413 ? t('error.too_large') : errorText(e);
        item.status.className = 'error';
      }
    }
  } finally {
    uploading = false;
  }
  if (current) {
    try {
      current = await api('GET', `/api/v1/cases/${encodeURIComponent(current.id)}`);
      renderCase();
    } catch (e) { /* the list shows it on the next load */ }
  }
}

// ---- wiring ---------------------------------------------------------------------------------------

/** Wires the form once; show(pane) is the page's way of showing 'case' (this case) or the list. */
export function wireCases(show) {
  hooks = { show };
  $('os-plate-add').addEventListener('click', addPlate);
  $('os-plate').addEventListener('keydown', (e) => { if (e.key === 'Enter') { e.preventDefault(); addPlate(); } });
  $('os-person-add').addEventListener('click', addPerson);
  $('os-person').addEventListener('keydown', (e) => { if (e.key === 'Enter') { e.preventDefault(); addPerson(); } });
  $('os-photo').addEventListener('change', queuePhotos);
  $('onsite-form').addEventListener('submit', submitOnSite);
}

export function closeCase() {
  current = null;
}

export function forgetCases() {
  cases = [];
  current = null;
  catalogueLoaded = false;
  queue.length = 0;
  $('my-cases').replaceChildren();
}

/** Redraws in the new language (keeping what was typed). */
export function relabelCases() {
  renderCaseList();
  if (current) {
    renderCase();
    const keep = picks;
    matterRow();
    picks = keep;
    renderPicks();
    chips(plates, 'os-plates', 'plate-chip');
    chips(persons, 'os-persons', 'person-chip');
  }
}
