// The verdict form, a module of its own so that the replay page can include it:
// mountVerdict(element, alertId, api, options) renders it into element and POSTs
// /api/v1/alerts/{id}/verdict through api(method, path, body) (api.js's api: it adds the CSRF token).
// options: { snapshot: url of a frame to draw the right box on, current: the alert's latest verdict
// object, onSaved(verdict) }. Strings come from the page's catalogues (t).
import { t } from './i18n.js';
import { el, errorText } from './ui.js';

const REASONS = ['overlay', 'shadow', 'light_vehicle', 'parked', 'other'];

export function verdictText(v) {
  if (v === 'confirmed') return t('verdict.confirmed');
  if (v === 'false_alarm') return t('verdict.false_alarm');
  return t('verdict.none');
}

export function reasonText(r) {
  switch (r) {
    case 'overlay': return t('reason.overlay');
    case 'shadow': return t('reason.shadow');
    case 'light_vehicle': return t('reason.light_vehicle');
    case 'parked': return t('reason.parked');
    case 'other': return t('reason.other');
    default: return r || '';
  }
}

/** A box drawn by dragging on the frame: [x1, y1, x2, y2] as fractions, or null. */
function boxDrawer(src) {
  let box = null;
  const img = el('img', { src, alt: t('verdict.draw_alt'), draggable: 'false', dataset: { test: 'verdict-frame' } });
  const drawn = el('div', { class: 'drawn', hidden: true, dataset: { test: 'verdict-drawn' } });
  const wrap = el('div', { class: 'verdict-draw', dataset: { test: 'verdict-draw' } }, img, drawn);
  let start = null;
  const at = (e) => {
    const r = img.getBoundingClientRect();
    return [Math.max(0, Math.min(1, (e.clientX - r.left) / r.width)), Math.max(0, Math.min(1, (e.clientY - r.top) / r.height))];
  };
  const paint = (b) => {
    drawn.hidden = !b;
    if (!b) return;
    drawn.style.left = `${b[0] * 100}%`;
    drawn.style.top = `${b[1] * 100}%`;
    drawn.style.width = `${(b[2] - b[0]) * 100}%`;
    drawn.style.height = `${(b[3] - b[1]) * 100}%`;
  };
  const current = (e) => {
    const p = at(e);
    return [Math.min(start[0], p[0]), Math.min(start[1], p[1]), Math.max(start[0], p[0]), Math.max(start[1], p[1])];
  };
  wrap.addEventListener('pointerdown', (e) => { start = at(e); wrap.setPointerCapture(e.pointerId); e.preventDefault(); });
  wrap.addEventListener('pointermove', (e) => { if (start) paint(current(e)); });
  wrap.addEventListener('pointerup', (e) => {
    if (!start) return;
    const b = current(e);
    start = null;
    box = b[2] - b[0] > 0.005 && b[3] - b[1] > 0.005 ? b.map((v) => Math.round(v * 10000) / 10000) : null;
    paint(box);
  });
  return { node: wrap, box: () => box, clear: () => { box = null; paint(null); } };
}

export function mountVerdict(element, alertId, api, options = {}) {
  const name = `verdict-${alertId}`;
  const radio = (value) => el('label', {},
    el('input', { type: 'radio', name, value, dataset: { test: `verdict-${value}` } }), ` ${verdictText(value)}`);
  const reason = el('select', { dataset: { test: 'verdict-reason' } },
    el('option', { value: '', text: t('verdict.pick_reason') }),
    REASONS.map((r) => el('option', { value: r, text: reasonText(r) })));
  const reasonRow = el('label', { hidden: true }, el('span', { text: t('verdict.reason') }), reason);
  const category = el('input', { maxlength: '64', placeholder: t('verdict.category_hint'), dataset: { test: 'verdict-category' } });
  const note = el('textarea', { maxlength: '500', rows: '2', placeholder: t('verdict.note_hint'), dataset: { test: 'verdict-note' } });
  const drawer = options.snapshot ? boxDrawer(options.snapshot) : null;
  const error = el('p', { class: 'error', role: 'alert', hidden: true, dataset: { test: 'verdict-error' } });
  const status = el('p', { class: 'muted', dataset: { test: 'verdict-current' } });
  const save = el('button', { type: 'submit', class: 'primary', text: t('verdict.save'), dataset: { test: 'verdict-save' } });
  const showCurrent = (v) => {
    status.textContent = v ? t('verdict.current', { verdict: verdictText(v.verdict), reason: reasonText(v.reason), by: v.by })
      : t('verdict.not_yet');
  };
  showCurrent(options.current);
  const form = el('form', { class: 'verdict-form', dataset: { test: 'verdict-form', alertId } },
    el('h3', { text: t('verdict.heading') }), status,
    el('div', { class: 'choices' }, radio('confirmed'), radio('false_alarm')),
    reasonRow,
    el('label', {}, el('span', { text: t('verdict.category') }), category),
    drawer ? el('div', {}, el('p', { class: 'muted', text: t('verdict.draw_hint') }), drawer.node,
      el('button', { type: 'button', class: 'plain', text: t('verdict.clear_box'), dataset: { test: 'verdict-clear-box' },
        onclick: () => drawer.clear() })) : null,
    el('label', {}, el('span', { text: t('verdict.note') }), note),
    save, error);
  form.addEventListener('change', () => {
    const v = form.querySelector(`input[name="${name}"]:checked`);
    reasonRow.hidden = !(v && v.value === 'false_alarm');
  });
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    error.hidden = true;
    const v = form.querySelector(`input[name="${name}"]:checked`);
    if (!v) {
      error.textContent = t('verdict.pick_one');
      error.hidden = false;
      return;
    }
    const body = { verdict: v.value };
    if (v.value === 'false_alarm') body.reason = reason.value || null;
    if (category.value.trim()) body.category = category.value.trim();
    if (drawer && drawer.box()) body.box_norm = drawer.box();
    if (note.value.trim()) body.note = note.value.trim();
    save.disabled = true;
    try {
      const stored = await api('POST', `/api/v1/alerts/${encodeURIComponent(alertId)}/verdict`, body);
      showCurrent(stored);
      form.dataset.saved = stored.verdict;
      if (options.onSaved) options.onSaved(stored);
    } catch (ex) {
      error.textContent = errorText(ex);
      error.hidden = false;
    } finally {
      save.disabled = false;
    }
  });
  element.replaceChildren(form);
  return form;
}
