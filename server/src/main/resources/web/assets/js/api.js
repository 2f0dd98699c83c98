// API v1 client: JSON in and out, the CSRF token on every state-changing request, the session cookie
// sent by the browser. A flag in localStorage (not the session: that cookie is HttpOnly) remembers that
// this browser signed in, so that a fresh visit shows the sign-in form without a failing request.
const FLAG = 'mw.signedIn';
let csrf = null;
let onSignedOut = () => {};

export class ApiError extends Error {
  constructor(status, message, retryAfter) {
    super(message);
    this.status = status;
    this.retryAfter = retryAfter;
  }
}

/** The session's CSRF token (for requests not made through api(), e.g. the upload's PATCHes), or null. */
export function csrfToken() {
  return csrf;
}

export function whenSignedOut(f) {
  onSignedOut = f;
}

export async function api(method, path, body) {
  const headers = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && method !== 'HEAD' && csrf) headers['X-CSRF-Token'] = csrf;
  const r = await fetch(path, {
    method, headers, credentials: 'same-origin', body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (r.status === 204) return null;
  let data = null;
  try { data = await r.json(); } catch (e) { data = null; }
  if (!r.ok) {
    if (r.status === 401 && path !== '/api/v1/session') {
      forget();
      onSignedOut();
    }
    throw new ApiError(r.status, (data && data.error) || r.statusText, r.headers.get('Retry-After'));
  }
  return data;
}

function forget() {
  csrf = null;
  try { localStorage.removeItem(FLAG); } catch (e) { /* ignore */ }
}

/** Signs in; resolves to the caller {id, name, role, csrf}. */
export async function signIn(user, password) {
  const me = await api('POST', '/api/v1/session', { user, password });
  csrf = me.csrf;
  try { localStorage.setItem(FLAG, '1'); } catch (e) { /* ignore */ }
  return me;
}

/** The caller of a session this browser already holds, or null (no request when it never signed in). */
export async function restore() {
  let flagged = false;
  try { flagged = localStorage.getItem(FLAG) === '1'; } catch (e) { flagged = false; }
  if (!flagged) return null;
  try {
    const me = await api('GET', '/api/v1/me');
    csrf = me.csrf;
    return me;
  } catch (e) {
    forget();
    return null;
  }
}

export async function signOut() {
  try { await api('DELETE', '/api/v1/session'); } finally { forget(); }
}
