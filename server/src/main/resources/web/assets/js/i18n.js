// Message catalogues (/i18n/<lang>.json): Simplified Chinese first, English second; the choice is kept
// in localStorage. Markup carries keys in data-i18n (text), data-i18n-placeholder, data-i18n-title
// and data-i18n-aria-label; scripts call t with a key and, for {name} placeholders, an object of values.
export const LANGS = ['zh-CN', 'en'];
const STORE = 'mw.lang';
let lang = LANGS[0];
let messages = {};
const listeners = [];

export function currentLang() {
  return lang;
}

/** The message of a key, with {name} placeholders filled in; the key itself when missing. */
export function t(key, vars) {
  const s = Object.prototype.hasOwnProperty.call(messages, key) ? messages[key] : key;
  if (!vars) return s;
  return s.replace(/\{(\w+)\}/g, (m, name) => (vars[name] === undefined || vars[name] === null ? '' : String(vars[name])));
}

/** Whether the catalogue has a message for the key. */
export function known(key) {
  return Object.prototype.hasOwnProperty.call(messages, key);
}

/** Fills every element under root that carries an i18n key. */
export function translate(root) {
  root.querySelectorAll('[data-i18n]').forEach((e) => { e.textContent = t(e.dataset.i18n); });
  root.querySelectorAll('[data-i18n-placeholder]').forEach((e) => { e.placeholder = t(e.dataset.i18nPlaceholder); });
  root.querySelectorAll('[data-i18n-title]').forEach((e) => { e.title = t(e.dataset.i18nTitle); });
  root.querySelectorAll('[data-i18n-aria-label]').forEach((e) => { e.setAttribute('aria-label', t(e.dataset.i18nAriaLabel)); });
}

export function onLanguage(f) {
  listeners.push(f);
}

/** Loads a language (the stored one, else Chinese), translates the document and tells listeners. */
export async function setLanguage(wanted) {
  const next = LANGS.includes(wanted) ? wanted : LANGS[0];
  const r = await fetch(`/i18n/${next}.json`, { credentials: 'same-origin' });
  if (!r.ok) throw new Error(`i18n ${next}: ${r.status}`);
  messages = await r.json();
  lang = next;
  try { localStorage.setItem(STORE, next); } catch (e) { /* private mode: not kept */ }
  document.documentElement.lang = next;
  translate(document);
  listeners.forEach((f) => f(next));
}

export function storedLanguage() {
  try { return localStorage.getItem(STORE) || LANGS[0]; } catch (e) { return LANGS[0]; }
}

/** Wires the one language switch (a button that flips between the two). */
export function wireSwitch(button) {
  button.addEventListener('click', () => setLanguage(lang === 'zh-CN' ? 'en' : 'zh-CN'));
}
