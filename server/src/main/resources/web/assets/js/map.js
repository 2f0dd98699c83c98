// The sites on a map by their coordinates (Web Mercator), as SVG; with a tile URL template
// ({z}/{x}/{y}, from GET /api/v1/ui) the tiles are drawn underneath. Without internet, no tiles:
// the sites still show where they are relative to each other.
import { el } from './ui.js';
import { t } from './i18n.js';

const TILE = 256;
const SVG = 'http://www.w3.org/2000/svg';

function project(lat, lon, zoom) {
  const s = TILE * 2 ** zoom;
  const r = (Math.max(-85, Math.min(85, lat)) * Math.PI) / 180;
  return [((lon + 180) / 360) * s, ((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * s];
}

function svg(tag, attrs, text) {
  const e = document.createElementNS(SVG, tag);
  Object.entries(attrs).forEach(([k, v]) => e.setAttribute(k, v));
  if (text !== undefined) e.textContent = text;
  return e;
}

/** Draws the sites into host; onSite(site) is called when one is clicked. */
export function drawMap(host, sites, ui, onSite) {
  host.replaceChildren();
  const located = sites.filter((s) => Number.isFinite(s.lat) && Number.isFinite(s.lon));
  if (located.length === 0) {
    host.append(el('p', { class: 'muted', text: t('map.no_sites') }));
    return;
  }
  const width = Math.max(320, host.clientWidth || 640);
  const height = Math.max(240, Math.min(Math.round(width * 0.6), window.innerHeight - 200));
  let zoom = 16;
  for (; zoom > 1; zoom -= 1) {
    const pts = located.map((s) => project(s.lat, s.lon, zoom));
    const xs = pts.map((p) => p[0]);
    const ys = pts.map((p) => p[1]);
    if (Math.max(...xs) - Math.min(...xs) < width * 0.8 && Math.max(...ys) - Math.min(...ys) < height * 0.8) break;
  }
  const pts = located.map((s) => project(s.lat, s.lon, zoom));
  const cx = (Math.min(...pts.map((p) => p[0])) + Math.max(...pts.map((p) => p[0]))) / 2;
  const cy = (Math.min(...pts.map((p) => p[1])) + Math.max(...pts.map((p) => p[1]))) / 2;
  const ox = cx - width / 2;
  const oy = cy - height / 2;

  const frame = el('div', { class: 'map-frame' });
  frame.style.width = `${width}px`;
  frame.style.height = `${height}px`;
  if (ui && ui.map_tiles) {
    const n = 2 ** zoom;
    for (let tx = Math.floor(ox / TILE); tx <= Math.floor((ox + width) / TILE); tx += 1) {
      for (let ty = Math.floor(oy / TILE); ty <= Math.floor((oy + height) / TILE); ty += 1) {
        if (ty < 0 || ty >= n) continue;
        const url = ui.map_tiles.replace('{z}', zoom).replace('{x}', ((tx % n) + n) % n).replace('{y}', ty)
          .replace('{s}', 'abc'[Math.abs(tx + ty) % 3]);
        const img = el('img', { class: 'map-tile', src: url, alt: '' });
        img.style.left = `${tx * TILE - ox}px`;
        img.style.top = `${ty * TILE - oy}px`;
        frame.append(img);
      }
    }
  }
  const layer = svg('svg', { class: 'map-layer', width, height, viewBox: `0 0 ${width} ${height}` });
  if (!(ui && ui.map_tiles)) {
    for (let g = 0; g <= width; g += 40) layer.append(svg('line', { x1: g, y1: 0, x2: g, y2: height, class: 'map-grid' }));
    for (let g = 0; g <= height; g += 40) layer.append(svg('line', { x1: 0, y1: g, x2: width, y2: g, class: 'map-grid' }));
  }
  located.forEach((s, i) => {
    const [x, y] = [pts[i][0] - ox, pts[i][1] - oy];
    const open = Number(s.open_alerts) || 0;
    const g = svg('g', { class: `map-site${open > 0 ? ' has-alerts' : ''}`, 'data-test': 'map-site', 'data-site-id': s.id, tabindex: 0 });
    g.append(svg('circle', { cx: x, cy: y, r: open > 0 ? 11 : 8 }));
    if (open > 0) g.append(svg('text', { x, y: y + 4, class: 'map-count' }, String(open)));
    g.append(svg('text', { x: x + 14, y: y + 4, class: 'map-label' }, s.name || s.id));
    g.addEventListener('click', () => onSite(s));
    layer.append(g);
  });
  frame.append(layer);
  host.append(frame);
  if (ui && ui.map_tiles && ui.map_attribution) {
    host.append(el('p', { class: 'map-attribution', text: ui.map_attribution }));
  } else if (!(ui && ui.map_tiles)) {
    host.append(el('p', { class: 'map-attribution', text: t('map.no_tiles') }));
  }
}
