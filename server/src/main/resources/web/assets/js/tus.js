// A small tus 1.0.0 client (core + creation) for the flights page: the upload is created with POST
// (Upload-Length, Upload-Metadata: base64 values), sent in chunks with PATCH (Upload-Offset,
// application/offset+octet-stream), and after a failed chunk resumed from the offset the server
// reports on HEAD, with growing pauses between tries. The upload's URL is kept in localStorage under
// the file's name, size and date, so a page reloaded mid-way (or a second try) resumes it too.
import { csrfToken } from './api.js';

const VERSION = '1.0.0';
const DELAYS_MS = [0, 1000, 3000, 5000, 10000];
export const DEFAULT_CHUNK = 8 * 1024 * 1024;

export class TusError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

function b64(text) {
  const bytes = new TextEncoder().encode(String(text));
  let s = '';
  bytes.forEach((b) => { s += String.fromCharCode(b); });
  return btoa(s);
}

/** Upload-Metadata: "key base64value,key base64value" (keys are ASCII, no spaces or commas). */
export function metadataHeader(meta) {
  return Object.entries(meta).filter(([, v]) => v !== undefined && v !== null && v !== '')
    .map(([k, v]) => `${k} ${b64(v)}`).join(',');
}

function headers(extra) {
  const h = { 'Tus-Resumable': VERSION, ...extra };
  const token = csrfToken();
  if (token) h['X-CSRF-Token'] = token;
  return h;
}

function fingerprint(file) {
  return `mw.tus.${file.name}.${file.size}.${file.lastModified}`;
}

function remembered(file) {
  try { return localStorage.getItem(fingerprint(file)); } catch (e) { return null; }
}

function remember(file, url) {
  try {
    if (url) localStorage.setItem(fingerprint(file), url); else localStorage.removeItem(fingerprint(file));
  } catch (e) { /* private mode: no resume across reloads */ }
}

async function errorOf(r) {
  let message = r.statusText;
  try { const body = await r.json(); if (body && body.error) message = body.error; } catch (e) { /* not JSON */ }
  return new TusError(r.status, message);
}

/** The offset the server holds for an upload, or null when it no longer knows it (404/410). */
async function offsetOf(url, size) {
  const r = await fetch(url, { method: 'HEAD', headers: headers({}), credentials: 'same-origin', cache: 'no-store' });
  if (r.status === 404 || r.status === 410) return null;
  if (!r.ok) throw new TusError(r.status, r.statusText);
  const length = r.headers.get('Upload-Length');
  if (length !== null && Number(length) !== size) return null;
  return Number(r.headers.get('Upload-Offset'));
}

async function create(endpoint, file, meta) {
  const r = await fetch(endpoint, {
    method: 'POST', credentials: 'same-origin',
    headers: headers({ 'Upload-Length': String(file.size), 'Upload-Metadata': metadataHeader(meta) }),
  });
  if (r.status !== 201) throw await errorOf(r);
  const location = r.headers.get('Location');
  if (!location) throw new TusError(r.status, 'no Location in the answer');
  return new URL(location, window.location.href).pathname;
}

const sleep = (ms, signal) => new Promise((done, fail) => {
  const timer = setTimeout(done, ms);
  if (signal) signal.addEventListener('abort', () => { clearTimeout(timer); fail(new DOMException('aborted', 'AbortError')); }, { once: true });
});

/**
 * Uploads a file; resolves to the upload's id (the last segment of its URL). onProgress(sent, total)
 * after each chunk; onResume(offset) when it continues from the server's offset after a failure.
 * A 4xx other than 409 (offset mismatch) is final; network errors and 5xx are retried.
 */
export async function upload(file, { endpoint = '/api/v1/uploads', metadata = {}, chunkSize = DEFAULT_CHUNK,
  onProgress = () => {}, onResume = () => {}, signal } = {}) {
  let url = remembered(file);
  let offset = null;
  if (url) {
    try { offset = await offsetOf(url, file.size); } catch (e) { offset = null; }
    if (offset === null) url = null; else onResume(offset);
  }
  if (!url) {
    url = await create(endpoint, file, { filename: file.name, filetype: file.type || 'application/octet-stream', ...metadata });
    remember(file, url);
    offset = 0;
  }
  onProgress(offset, file.size);
  let failures = 0;
  while (offset < file.size) {
    if (signal && signal.aborted) throw new DOMException('aborted', 'AbortError');
    const end = Math.min(file.size, offset + chunkSize);
    try {
      const r = await fetch(url, {
        method: 'PATCH', credentials: 'same-origin', signal,
        headers: headers({ 'Upload-Offset': String(offset), 'Content-Type': 'application/offset+octet-stream' }),
        body: file.slice(offset, end),
      });
      if (r.status === 204 || r.status === 200) {
        offset = Number(r.headers.get('Upload-Offset'));
        failures = 0;
        onProgress(offset, file.size);
        continue;
      }
      if (r.status >= 400 && r.status < 500 && r.status !== 409) {
        if (r.status === 404 || r.status === 410) remember(file, null);
        throw await errorOf(r);
      }
    } catch (e) {
      if (e instanceof TusError || (e && e.name === 'AbortError')) throw e;
      // A network failure: fall through to resume from the server's offset.
    }
    if (failures >= DELAYS_MS.length) throw new TusError(0, 'upload failed after retries');
    await sleep(DELAYS_MS[failures], signal);
    failures += 1;
    let at;
    try {
      at = await offsetOf(url, file.size);
    } catch (e) {
      if (e instanceof TusError && e.status >= 400 && e.status < 500) throw e;
      continue; // the server is still away: the next PATCH at the old offset tries again (409 if it moved on)
    }
    if (at === null) {
      remember(file, null);
      throw new TusError(404, 'the server no longer has this upload');
    }
    offset = at;
    onResume(offset);
  }
  remember(file, null);
  return url.substring(url.lastIndexOf('/') + 1);
}
