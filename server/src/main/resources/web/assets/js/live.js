// The live feed (WS /api/v1/live): every message has a seq; on reconnect the feed resumes with
// ?after=<last seq>, so nothing is missed and (messages at or below the last seq are skipped) nothing
// is seen twice. A phone that wakes up or comes back online reconnects at once.
export function wsUrl(path) {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}${path}`;
}

/** The alert a live message is about, whatever its kind, or null. */
export function alertIdOf(msg) {
  const p = msg.payload || {};
  if (typeof p.alert_id === 'string') return p.alert_id;
  if (typeof p.alert === 'string') return p.alert;
  if (p.alert && typeof p.alert.id === 'string') return p.alert.id;
  if (msg.type === 'alert' && typeof p.id === 'string') return p.id;
  return null;
}

export class LiveFeed {
  /**
   * @param handlers onMessage(msg), onReset() (reload everything by REST), onState('connecting'|'live'|'down')
   */
  constructor(handlers) {
    this.h = handlers;
    this.seq = null;
    this.ws = null;
    this.retry = 0;
    this.timer = null;
    this.stopped = false;
    this.wake = () => { if (document.visibilityState === 'visible') this.reconnect(); };
    this.online = () => this.reconnect();
    document.addEventListener('visibilitychange', this.wake);
    window.addEventListener('online', this.online);
  }

  start() {
    this.stopped = false;
    this.open();
  }

  open() {
    clearTimeout(this.timer);
    const query = this.seq === null ? '' : `?after=${this.seq}`;
    const ws = new WebSocket(wsUrl(`/api/v1/live${query}`));
    this.ws = ws;
    this.h.onState('connecting');
    ws.onmessage = (ev) => {
      if (this.ws !== ws) return;
      let msg;
      try { msg = JSON.parse(ev.data); } catch (e) { return; }
      if (msg.type === 'reset') {
        this.seq = typeof msg.seq === 'number' ? msg.seq - 1 : this.seq;
        this.h.onReset();
        return;
      }
      if (msg.type === 'live') {
        this.retry = 0;
        if (typeof msg.seq === 'number' && (this.seq === null || msg.seq > this.seq)) this.seq = msg.seq;
        this.h.onState('live');
        return;
      }
      if (typeof msg.seq === 'number') {
        if (this.seq !== null && msg.seq <= this.seq) return;
        this.seq = msg.seq;
      }
      this.h.onMessage(msg);
    };
    ws.onclose = () => {
      if (this.ws !== ws) return;
      this.ws = null;
      this.h.onState('down');
      if (!this.stopped) {
        const delay = Math.min(10000, 500 * 2 ** this.retry);
        this.retry += 1;
        this.timer = setTimeout(() => this.open(), delay);
      }
    };
  }

  /** Drops the current socket (it may be dead after a sleep) and resumes after the last seq. */
  reconnect() {
    if (this.stopped) return;
    const old = this.ws;
    this.ws = null;
    if (old) old.close();
    this.retry = 0;
    this.open();
  }

  stop() {
    this.stopped = true;
    clearTimeout(this.timer);
    document.removeEventListener('visibilitychange', this.wake);
    window.removeEventListener('online', this.online);
    if (this.ws) {
      const ws = this.ws;
      this.ws = null;
      ws.close();
    }
  }
}
