// The alerts a page knows, by id, kept fresh from REST (GET /api/v1/alerts, /api/v1/alerts/{id}) and
// the live feed (a message about an alert re-reads that alert, which also keeps officials to their own).
import { api } from './api.js';
import { alertIdOf } from './live.js';

const MAX_KEPT = 500;

export class AlertStore {
  constructor(onChange) {
    this.byId = new Map();
    this.next = null;
    this.onChange = onChange;
    this.pending = new Set();
    this.again = new Set();
  }

  /** Newest first, as the API orders them. */
  list(filter) {
    return [...this.byId.values()]
      .filter((a) => !filter || filter(a))
      .sort((a, b) => (a.created_at === b.created_at ? (a.id < b.id ? 1 : -1) : (a.created_at < b.created_at ? 1 : -1)));
  }

  get(id) {
    return this.byId.get(id);
  }

  /** Reads the first page again; what the live feed brought meanwhile (and is newer) is kept. */
  async reload(query) {
    this.touched = new Set();
    let page;
    try {
      page = await api('GET', `/api/v1/alerts?limit=100${query || ''}`);
    } finally {
      const touched = this.touched;
      this.touched = null;
      if (page) {
        const fresh = new Map(page.alerts.map((a) => [a.id, a]));
        touched.forEach((id) => {
          const mine = this.byId.get(id);
          if (mine && (!fresh.has(id) || fresh.get(id).updated_at < mine.updated_at)) fresh.set(id, mine);
        });
        this.byId = fresh;
        this.next = page.next;
      }
    }
    this.onChange(null, false);
  }

  async more(query) {
    if (!this.next) return;
    const page = await api('GET', `/api/v1/alerts?limit=100&cursor=${encodeURIComponent(this.next)}${query || ''}`);
    page.alerts.forEach((a) => { if (!this.byId.has(a.id)) this.byId.set(a.id, a); });
    this.next = page.next;
    this.onChange(null, false);
  }

  /**
   * Applies a live message: re-reads the alert it is about, coalescing bursts of one alert (a message
   * that comes while a read is on its way gets one more read after it, which sees its change).
   */
  apply(msg) {
    const id = alertIdOf(msg);
    if (!id) return;
    if (this.pending.has(id)) {
      this.again.add(id);
      return;
    }
    this.pending.add(id);
    const run = () => this.refresh(id).finally(() => {
      if (this.again.delete(id)) run(); else this.pending.delete(id);
    });
    run();
  }

  async refresh(id) {
    let detail;
    try {
      detail = await api('GET', `/api/v1/alerts/${encodeURIComponent(id)}`);
    } catch (e) {
      if (e.status === 404 && this.byId.delete(id)) this.onChange(id, false);
      return null;
    }
    const before = this.byId.get(id);
    if (before && before.updated_at > detail.updated_at) return detail;
    if (this.touched) this.touched.add(id);
    this.byId.set(id, detail);
    if (this.byId.size > MAX_KEPT) {
      const oldest = this.list().slice(MAX_KEPT);
      oldest.forEach((a) => this.byId.delete(a.id));
    }
    this.onChange(id, !before, detail, before);
    return detail;
  }
}
