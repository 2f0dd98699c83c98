// The flight's offline map: an SVG drawn from the report's GeoJSON, no tiles. A local equirectangular
// projection around the flight (x = Δlon·cos(lat0)·R, y = Δlat·R, metres; error well under 0.1 % over
// the few kilometres of a drone flight), scaled to fit; a scale bar and a north arrow; the sites'
// boundaries (or their radius when no boundary is given); the track; a marker per finding with a ring
// of its accuracy. The svg carries its projection (data-lat0, data-lon0, data-k: pixels per metre).
import { t } from './i18n.js';

const NS = 'http://www.w3.org/2000/svg';
const R = 6371008.8;
const RAD = Math.PI / 180;
const W = 800;
const H = 560;
const PAD = 48;
const MIN_SPAN_M = 200;
const DEFAULT_RADIUS_M = 500;

function node(tag, attrs, ...children) {
  const e = document.createElementNS(NS, tag);
  Object.entries(attrs || {}).forEach(([k, v]) => {
    if (v === undefined || v === null) return;
    if (k === 'text') e.textContent = v;
    else if (k === 'dataset') Object.entries(v).forEach(([dk, dv]) => e.setAttribute(`data-${dk.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`, dv));
    else e.setAttribute(k, v);
  });
  children.forEach((c) => { if (c) e.append(c); });
  return e;
}

/** The projection that fits these [lat, lon] points into the map, or null when there are none. */
export function fit(points) {
  if (!points.length) return null;
  const lats = points.map((p) => p[0]);
  const lons = points.map((p) => p[1]);
  const lat0 = (Math.min(...lats) + Math.max(...lats)) / 2;
  const lon0 = (Math.min(...lons) + Math.max(...lons)) / 2;
  const cos0 = Math.cos(lat0 * RAD);
  const east = (lon) => (lon - lon0) * RAD * R * cos0;
  const north = (lat) => (lat - lat0) * RAD * R;
  const spanE = Math.max(MIN_SPAN_M, Math.max(...lons.map(east)) - Math.min(...lons.map(east)));
  const spanN = Math.max(MIN_SPAN_M, Math.max(...lats.map(north)) - Math.min(...lats.map(north)));
  const k = Math.min((W - 2 * PAD) / spanE, (H - 2 * PAD) / spanN);
  return {
    lat0, lon0, k,
    x: (lat, lon) => W / 2 + east(lon) * k,
    y: (lat, lon) => H / 2 - north(lat) * k,
  };
}

/** The longest 1, 2 or 5 × 10^n metres not over a quarter of the map's width. */
export function scaleLength(k) {
  const target = (W / 4) / k;
  const p = 10 ** Math.floor(Math.log10(target));
  return [5, 2, 1].map((m) => m * p).find((m) => m <= target);
}

function metresText(m) {
  return m >= 1000 ? t('flights.km', { n: m / 1000 }) : t('flights.m', { n: m });
}

/** Points of a site's outline: its boundary ([[lat, lon], ...]) or a circle of its radius. */
function siteOutline(site) {
  if (Array.isArray(site.boundary) && site.boundary.length >= 3) return { polygon: site.boundary };
  return { centre: [site.lat, site.lon], radius: Number(site.radius_m) > 0 ? Number(site.radius_m) : DEFAULT_RADIUS_M };
}

function near(site, p, extentM) {
  const o = siteOutline(site);
  const c = o.polygon ? o.polygon[0] : o.centre;
  const dx = (p.x(c[0], c[1]) - W / 2) / p.k;
  const dy = (p.y(c[0], c[1]) - H / 2) / p.k;
  return Math.hypot(dx, dy) <= extentM + (o.radius || 0);
}

/**
 * Draws the map into host from the report (a GeoJSON FeatureCollection with its `flight` member) and the
 * sites ({id, name, lat, lon, boundary?, radius_m?}); onSelect(alertId) when a marker is clicked.
 * Returns { select(alertId) } to mark a finding chosen elsewhere.
 */
export function drawMap(host, report, sites, onSelect) {
  const features = report.features || [];
  const track = features.find((f) => f.properties && f.properties.kind === 'track' && f.geometry);
  const findings = features.filter((f) => f.properties && f.properties.kind === 'finding');
  const trackLatLon = !track ? [] : (track.geometry.type === 'LineString'
    ? track.geometry.coordinates : [track.geometry.coordinates]).map((c) => [c[1], c[0]]);
  const placed = findings.filter((f) => f.geometry && f.geometry.type === 'Point');
  const own = sites.find((s) => report.flight && s.id === report.flight.site);
  const points = [...trackLatLon, ...placed.map((f) => [f.geometry.coordinates[1], f.geometry.coordinates[0]])];
  host.replaceChildren();
  let proj = fit(points);
  if (proj && own) {
    const o = siteOutline(own);
    const extra = o.polygon ? o.polygon : [-1, 1].flatMap((s) => [
      [own.lat + s * o.radius / (R * RAD), own.lon],
      [own.lat, own.lon + s * o.radius / (R * RAD * Math.cos(own.lat * RAD))]]);
    proj = fit([...points, ...extra]);
  }
  if (!proj) {
    host.append(Object.assign(document.createElement('p'), { className: 'muted', textContent: t('flights.no_positions') }));
    return { select() {} };
  }
  const svg = node('svg', {
    viewBox: `0 0 ${W} ${H}`, class: 'map-svg', role: 'img', 'aria-label': t('flights.map_label'),
    dataset: { test: 'flight-map-svg', lat0: proj.lat0, lon0: proj.lon0, k: proj.k },
  });
  svg.append(node('rect', { x: 0, y: 0, width: W, height: H, class: 'map-bg' }));

  const extentM = Math.hypot(W, H) / 2 / proj.k;
  sites.filter((s) => Number.isFinite(s.lat) && Number.isFinite(s.lon) && near(s, proj, extentM)).forEach((s) => {
    const o = siteOutline(s);
    const g = node('g', { class: `map-site${s === own ? ' own' : ''}`, dataset: { test: 'map-site', site: s.id } });
    if (o.polygon) {
      g.append(node('polygon', { points: o.polygon.map((c) => `${proj.x(c[0], c[1]).toFixed(1)},${proj.y(c[0], c[1]).toFixed(1)}`).join(' ') }));
    } else {
      g.append(node('circle', { cx: proj.x(s.lat, s.lon).toFixed(1), cy: proj.y(s.lat, s.lon).toFixed(1), r: (o.radius * proj.k).toFixed(1) }));
    }
    g.append(node('text', { x: proj.x(s.lat, s.lon).toFixed(1), y: (proj.y(s.lat, s.lon) - 6).toFixed(1), class: 'map-site-label', text: s.name || s.id }));
    svg.append(g);
  });

  if (trackLatLon.length > 1) {
    svg.append(node('polyline', {
      class: 'map-track', dataset: { test: 'map-track' },
      points: trackLatLon.map((c) => `${proj.x(c[0], c[1]).toFixed(1)},${proj.y(c[0], c[1]).toFixed(1)}`).join(' '),
    }));
  }
  if (trackLatLon.length) {
    const [a, z] = [trackLatLon[0], trackLatLon[trackLatLon.length - 1]];
    svg.append(node('circle', { cx: proj.x(a[0], a[1]), cy: proj.y(a[0], a[1]), r: 6, class: 'map-start', dataset: { test: 'map-start' } },
      node('title', { text: t('flights.track_start') })));
    svg.append(node('rect', { x: proj.x(z[0], z[1]) - 5, y: proj.y(z[0], z[1]) - 5, width: 10, height: 10, class: 'map-end', dataset: { test: 'map-end' } },
      node('title', { text: t('flights.track_end') })));
  }

  const markers = new Map();
  placed.forEach((f) => {
    const [lon, lat] = f.geometry.coordinates;
    const cx = proj.x(lat, lon);
    const cy = proj.y(lat, lon);
    const acc = Number(f.properties.accuracy_m);
    if (acc > 0) svg.append(node('circle', { cx, cy, r: acc * proj.k, class: 'map-accuracy', dataset: { test: 'map-accuracy', alertId: f.id } }));
    const m = node('circle', {
      cx, cy, r: 8, class: 'map-finding', tabindex: 0, role: 'button',
      dataset: { test: 'finding-marker', alertId: f.id },
    }, node('title', { text: `${f.properties.label} ${Number(f.properties.score).toFixed(2)}` }));
    m.addEventListener('click', () => onSelect(f.id));
    m.addEventListener('keydown', (e) => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); onSelect(f.id); } });
    markers.set(f.id, m);
    svg.append(m);
  });

  const len = scaleLength(proj.k);
  const px = len * proj.k;
  svg.append(node('g', { class: 'map-scale', dataset: { test: 'map-scale', metres: len } },
    node('rect', { x: 20, y: H - 34, width: px, height: 6, class: 'map-scale-bar', dataset: { test: 'map-scale-bar' } }),
    node('text', { x: 20, y: H - 40, class: 'map-text', text: metresText(len) })));
  svg.append(node('g', { class: 'map-north', dataset: { test: 'map-north' } },
    node('polygon', { points: `${W - 36},30 ${W - 46},58 ${W - 36},52 ${W - 26},58`, class: 'map-north-arrow' }),
    node('text', { x: W - 36, y: 24, class: 'map-text map-north-label', text: t('flights.north') })));
  host.append(svg);
  return {
    select(id) {
      markers.forEach((m, k) => m.classList.toggle('selected', k === id));
      const m = markers.get(id);
      if (m) svg.append(m); // drawn last: on top of its neighbours
    },
  };
}
