// The replay page (/replay/?alert=<id>): the alert's clip with what the detector saw drawn over it, in
// step with the picture: each frame the video presents (requestVideoFrameCallback, timeupdate where a
// browser has none) draws the boxes of the track points at that time. Points carry offset_s, their time
// in the clip (GET /api/v1/alerts/{id}/track), so the box of a frame is the box of that very frame; between
// detect frames (the detector runs at a lower rate) the box is interpolated, for at most MAX_GAP_S.
// Analysts and admins get the verdict form (verdict.js) beside the snapshot, to judge while they watch.
import { t, setLanguage, storedLanguage, wireSwitch, onLanguage } from './i18n.js';
import { api, restore } from './api.js';
import { el, fmtTime, levelText } from './ui.js';
import { mountVerdict, verdictText } from './verdict.js';

const MAX_GAP_S = 1.0;
/**
 * A seek to a point's offset_s lands this far into its frame: offset_s comes from the capture clock (the
 * camera's RTCP sender reports), which can sit a fraction of a millisecond off the file's own frame time,
 * and a seek even a microsecond before a frame shows the frame before it.
 */
const SEEK_INTO_S = 0.005;
const HOLD_S = 0.25;
const SPEEDS = [0.25, 0.5, 1, 2, 4];
const $ = (id) => document.getElementById(id);

let track = { points: [] };
let alert = null;
let frameS = 1 / 25;
let lastMedia = null;
/** What was drawn last: the media time and boxes in canvas pixels (read by the browser test). */
export const drawn = { mediaTime: null, boxes: [] };
window.mwReplay = drawn;

/** Shows the frame at a track time (a point's offset_s), paused. */
export function seekTo(s) {
  const video = document.getElementById('video');
  video.pause();
  video.currentTime = Math.max(0, s) + SEEK_INTO_S;
}
drawn.seek = seekTo;
drawn.frameS = frameS;

/** Per object, the box at media time s: the point at s, or interpolated between two, or the last within HOLD_S. */
export function boxesAt(points, s) {
  const byObject = new Map();
  for (const p of points) {
    if (p.offset_s === null || p.offset_s === undefined) continue;
    if (!byObject.has(p.object_id)) byObject.set(p.object_id, []);
    byObject.get(p.object_id).push(p);
  }
  const out = [];
  const eps = 1e-4;
  byObject.forEach((ps, id) => {
    let before = null;
    let after = null;
    for (const p of ps) {
      if (p.offset_s <= s + eps) before = p;
      else { after = p; break; }
    }
    if (!before) return;
    let box = before.box_norm;
    if (Math.abs(before.offset_s - s) > eps) {
      if (after && after.offset_s - before.offset_s <= MAX_GAP_S) {
        const f = (s - before.offset_s) / (after.offset_s - before.offset_s);
        box = before.box_norm.map((v, i) => v + f * (after.box_norm[i] - v));
      } else if (s - before.offset_s > HOLD_S) {
        return;
      }
    }
    out.push({ object_id: id, label: before.label, score: before.score, box_norm: box });
  });
  return out;
}

function draw(mediaTime, source) {
  const video = $('video');
  const canvas = $('overlay');
  const w = video.clientWidth;
  const h = video.clientHeight;
  const ratio = window.devicePixelRatio || 1;
  if (canvas.width !== Math.round(w * ratio) || canvas.height !== Math.round(h * ratio)) {
    canvas.width = Math.round(w * ratio);
    canvas.height = Math.round(h * ratio);
  }
  const g = canvas.getContext('2d');
  g.setTransform(ratio, 0, 0, ratio, 0, 0);
  g.clearRect(0, 0, w, h);
  const boxes = boxesAt(track.points, mediaTime).map((b) => ({
    ...b, x1: b.box_norm[0] * w, y1: b.box_norm[1] * h, x2: b.box_norm[2] * w, y2: b.box_norm[3] * h,
  }));
  g.lineWidth = 3;
  g.font = '14px system-ui, sans-serif';
  for (const b of boxes) {
    g.strokeStyle = '#ff1744';
    g.strokeRect(b.x1, b.y1, b.x2 - b.x1, b.y2 - b.y1);
    const label = `${b.label} ${Number(b.score).toFixed(2)} #${b.object_id}`;
    const tw = g.measureText(label).width + 8;
    g.fillStyle = '#ff1744';
    g.fillRect(b.x1, Math.max(0, b.y1 - 18), tw, 18);
    g.fillStyle = '#fff';
    g.fillText(label, b.x1 + 4, Math.max(0, b.y1 - 18) + 14);
  }
  drawn.mediaTime = mediaTime;
  drawn.source = source;
  if (source === 'frame') {
    drawn.frames = (drawn.frames || 0) + 1;
    drawn.frameTime = mediaTime;
  }
  drawn.boxes = boxes;
  drawn.width = w;
  drawn.height = h;
  canvas.dataset.mediaTime = String(mediaTime);
  canvas.dataset.boxes = String(boxes.length);
  $('time').textContent = `${mediaTime.toFixed(3)} s`;
}

function follow(video) {
  if ('requestVideoFrameCallback' in HTMLVideoElement.prototype) {
    const onFrame = (now, meta) => {
      if (lastMedia !== null) {
        const d = meta.mediaTime - lastMedia;
        if (d > 0.005 && d < 0.2) frameS = Math.min(frameS, d);
        drawn.frameS = frameS;
      }
      lastMedia = meta.mediaTime;
      draw(meta.mediaTime, 'frame');
      video.requestVideoFrameCallback(onFrame);
    };
    video.requestVideoFrameCallback(onFrame);
  } else {
    video.addEventListener('timeupdate', () => draw(video.currentTime, 'timeupdate'));
    video.addEventListener('seeked', () => draw(video.currentTime, 'seeked'));
    window.addEventListener('resize', () => draw(video.currentTime, 'resize'));
    return;
  }
  // After a seek the frame on screen is the last one presented (a seek within it presents none), so the
  // boxes are those of that frame's time, not of currentTime; without the callback, currentTime is all there is.
  const shown = () => (lastMedia !== null ? lastMedia : video.currentTime);
  video.addEventListener('seeked', () => draw(shown(), 'seeked'));
  window.addEventListener('resize', () => draw(shown(), 'resize'));
}

/**
 * Resolves true when a seek to {@code target} presents a frame other than the one at {@code from}, false
 * when it presents none (the target lies in the frame on screen) or the browser has no frame callback.
 */
function seekFrame(video, target, from) {
  return new Promise((resolve) => {
    let done = false;
    const finish = (v) => { if (!done) { done = true; resolve(v); } };
    if ('requestVideoFrameCallback' in video) {
      video.requestVideoFrameCallback((now, meta) => finish(Math.abs(meta.mediaTime - from) > 1e-4));
    }
    // A seek within the frame on screen presents nothing new: no callback comes, give up after a moment.
    video.addEventListener('seeked', () => setTimeout(() => finish(false), 100), { once: true });
    video.currentTime = target;
  });
}

/**
 * One frame forward or back, paused. Frames may come at uneven intervals (cameras drop and repeat), so
 * forward takes steps of the shortest interval seen until another frame is on screen.
 */
let stepping = false;
async function step(video, dir) {
  if (stepping) return;
  stepping = true;
  try {
    video.pause();
    const from = drawn.frameTime !== undefined && drawn.frameTime !== null ? drawn.frameTime : video.currentTime;
    for (let k = 1; k <= 10; k += 1) {
      const target = Math.max(0, from + dir * k * frameS) + (dir > 0 ? 0 : SEEK_INTO_S);
      // eslint-disable-next-line no-await-in-loop
      if (await seekFrame(video, target, from) || dir < 0 || target >= video.duration) return;
    }
  } finally {
    stepping = false;
  }
}

function alertStart() {
  const first = track.points.find((p) => p.offset_s !== null && p.offset_s !== undefined);
  if (!alert) return first ? first.offset_s : 0;
  const started = Date.parse(alert.payload && alert.payload.started ? alert.payload.started : alert.created_at);
  const clipStart = track.clip_start ? Date.parse(track.clip_start) : null;
  if (clipStart !== null && !Number.isNaN(started)) return Math.max(0, (started - clipStart) / 1000);
  return first ? first.offset_s : 0;
}

function wire() {
  const video = $('video');
  $('jump').addEventListener('click', () => seekTo(alertStart()));
  $('step-back').addEventListener('click', () => step(video, -1));
  $('step-fwd').addEventListener('click', () => step(video, 1));
  $('play').addEventListener('click', () => { if (video.paused) video.play(); else video.pause(); });
  video.addEventListener('play', () => { $('play').textContent = t('replay.pause'); });
  video.addEventListener('pause', () => { $('play').textContent = t('replay.play'); });
  const speed = $('speed');
  speed.replaceChildren(...SPEEDS.map((x) => el('option', { value: String(x), text: t('replay.speed_x', { x }) })));
  speed.value = '1';
  speed.addEventListener('change', () => { video.playbackRate = Number(speed.value); });
  onLanguage(() => {
    const v = speed.value;
    speed.replaceChildren(...SPEEDS.map((x) => el('option', { value: String(x), text: t('replay.speed_x', { x }) })));
    speed.value = v;
    $('play').textContent = t(video.paused ? 'replay.play' : 'replay.pause');
    facts();
  });
  follow(video);
}

function facts() {
  if (!alert) return;
  $('replay-heading').textContent = t('replay.heading', { camera: alert.camera, time: fmtTime(alert.created_at) });
  $('facts').replaceChildren(
    el('dt', { text: t('alert.rule') }), el('dd', { text: alert.rule }),
    el('dt', { text: t('alert.camera') }), el('dd', { text: alert.camera }),
    el('dt', { text: t('replay.level') }), el('dd', { text: levelText(alert.level) }),
    el('dt', { text: t('alert.created') }), el('dd', { text: fmtTime(alert.created_at) }),
    el('dt', { text: t('replay.points') }), el('dd', { dataset: { test: 'replay-points' }, text: String(track.points.length) }));
  $('track-note').textContent = track.truncated ? t('replay.truncated', { cut: track.cut, bound: track.bound })
    : (track.points.length === 0 ? t('replay.no_track') : '');
}

/** The verdict form beside the snapshot, for analysts and admins: judge the alert while watching its clip. */
function verdictForm(me) {
  if (!(me.role === 'analyst' || me.role === 'admin')) return;
  const host = $('verdict');
  const verdicts = alert.verdicts || [];
  let current = verdicts.length ? verdicts[verdicts.length - 1] : null;
  const mount = () => mountVerdict(host, alert.id, api, {
    snapshot: alert.snapshot,
    current,
    onSaved: (v) => {
      current = v;
      $('verdict-saved').textContent = t('verdict.saved', { verdict: verdictText(v.verdict) });
      $('verdict-saved').hidden = false;
    },
  });
  mount();
  host.hidden = false;
  onLanguage(() => { if (!host.querySelector('[data-test=verdict-save]:disabled')) mount(); });
}

function fail(key) {
  $('replay-message').textContent = t(key);
  $('replay-message').hidden = false;
}

async function main() {
  await setLanguage(storedLanguage());
  wireSwitch($('lang-switch'));
  const id = new URLSearchParams(window.location.search).get('alert');
  if (!id || !/^[A-Za-z0-9_-]{1,64}$/.test(id)) { fail('replay.no_alert'); return; }
  const me = await restore();
  if (!me) { fail('replay.sign_in_first'); return; }
  try {
    [alert, track] = await Promise.all([api('GET', `/api/v1/alerts/${encodeURIComponent(id)}`),
      api('GET', `/api/v1/alerts/${encodeURIComponent(id)}/track`)]);
  } catch (e) {
    fail(e.status === 404 ? 'error.not_found' : 'replay.load_failed');
    return;
  }
  $('replay-view').hidden = false;
  $('evidence').href = `/api/alerts/${encodeURIComponent(id)}/evidence.zip`;
  if (alert.snapshot) $('snapshot').src = alert.snapshot; else $('snapshot').hidden = true;
  facts();
  wire();
  verdictForm(me);
  const video = $('video');
  if (!alert.clip) { $('track-note').textContent = t('replay.no_clip'); return; }
  video.addEventListener('loadedmetadata', () => seekTo(alertStart()), { once: true });
  video.src = alert.clip;
}

main().catch(() => fail('replay.load_failed'));
