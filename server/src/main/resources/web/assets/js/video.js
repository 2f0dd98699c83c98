// Live video of one camera (WS /api/v1/cameras/{id}/video): a text frame {"type":"init","mime"} first,
// then binary frames (the init segment, then fragments) appended in order to a Media Source
// Extensions SourceBuffer, queued while it is busy. {"type":"fallback"} (H.265, no ring, unknown
// codec), or a browser that cannot play the mime, shows the camera's JPEG snapshot refreshed each second.
import { wsUrl } from './live.js';

const MAX_QUEUE = 300; // fragments waiting for the SourceBuffer; past this the player starts over
const KEEP_SECONDS = 20; // buffered media kept behind the playhead

export function playCamera(camera, video, img, onState) {
  let ws = null;
  let source = null;
  let buffer = null;
  let queue = [];
  let refresh = null;
  let closed = false;

  const fallback = (snapshot, reason) => {
    if (ws) { const w = ws; ws = null; w.close(); }
    video.hidden = true;
    img.hidden = false;
    const url = snapshot || camera.snapshot;
    const tick = () => { img.src = `${url}?t=${Date.now()}`; };
    tick();
    clearInterval(refresh);
    refresh = setInterval(tick, 1000);
    onState('fallback', reason);
  };

  const trim = () => {
    if (!buffer || buffer.updating || video.buffered.length === 0) return false;
    const start = video.buffered.start(0);
    if (video.currentTime - start > KEEP_SECONDS * 2) {
      buffer.remove(start, video.currentTime - KEEP_SECONDS);
      return true;
    }
    return false;
  };

  const pump = () => {
    if (!buffer || buffer.updating || closed) return;
    if (trim()) return;
    const n = video.buffered.length;
    if (n > 0) {
      const end = video.buffered.end(n - 1);
      // Stay at the live edge: a tab in the background falls behind.
      if (end - video.currentTime > 3) video.currentTime = end - 0.3;
    }
    if (queue.length === 0) return;
    try {
      buffer.appendBuffer(queue.shift());
      if (video.paused) video.play().catch(() => {});
    } catch (e) {
      onState('error', e.name);
      restart();
    }
  };

  const start = () => {
    video.hidden = false;
    img.hidden = true;
    video.muted = true;
    video.playsInline = true;
    queue = [];
    buffer = null;
    const socket = new WebSocket(wsUrl(camera.video));
    socket.binaryType = 'arraybuffer';
    ws = socket;
    onState('connecting');
    socket.onmessage = (ev) => {
      if (ws !== socket) return;
      if (typeof ev.data === 'string') {
        let m;
        try { m = JSON.parse(ev.data); } catch (e) { return; }
        if (m.type === 'fallback') {
          fallback(m.snapshot, m.reason);
        } else if (m.type === 'init') {
          if (!window.MediaSource || !MediaSource.isTypeSupported(m.mime)) {
            fallback(camera.snapshot, 'codec');
            return;
          }
          source = new MediaSource();
          video.src = URL.createObjectURL(source);
          source.addEventListener('sourceopen', () => {
            URL.revokeObjectURL(video.src);
            buffer = source.addSourceBuffer(m.mime);
            buffer.mode = 'segments';
            buffer.addEventListener('updateend', pump);
            onState('playing');
            pump();
          }, { once: true });
        }
        return;
      }
      queue.push(ev.data);
      if (queue.length > MAX_QUEUE) {
        // Dropping one fragment would corrupt the picture to the next key frame: start over instead.
        restart();
        return;
      }
      pump();
    };
    socket.onclose = () => {
      if (ws !== socket || closed) return;
      ws = null;
      onState('ended');
      // The camera or the server went away: try again while the viewer is open.
      setTimeout(() => { if (!closed && !ws && refresh === null) start(); }, 3000);
    };
  };

  const restart = () => {
    if (ws) { const w = ws; ws = null; w.close(); }
    if (!closed) setTimeout(() => { if (!closed) start(); }, 500);
  };

  start();
  return {
    close() {
      closed = true;
      clearInterval(refresh);
      if (ws) { const w = ws; ws = null; w.close(); }
      video.removeAttribute('src');
      video.load();
      img.removeAttribute('src');
    },
  };
}
