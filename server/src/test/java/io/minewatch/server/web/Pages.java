package io.minewatch.server.web;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * What the console's end-to-end tests ask of a page: sign-in, rows read afresh (lists re-render on live
 * updates), and in-page probes (scripts run in the page): which live-feed sockets it opened and what
 * they carried, when rows appeared, whether the snapshot shown is the server's current one, whether a
 * box lies on the red box drawn into a snapshot, whether a video shows a picture.
 */
final class Pages {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Pages() {
    }

    /** Records every live-feed WebSocket of the page: its URL, open/close times and every message. */
    static final String LIVE_RECORDER = """
            (() => {
              const Native = window.WebSocket;
              window.__live = [];
              window.__liveSockets = [];
              window.WebSocket = function (url, protocols) {
                const ws = protocols === undefined ? new Native(url) : new Native(url, protocols);
                if (String(url).includes('/api/v1/live')) {
                  const rec = { url: String(url), opened: null, closed: null, msgs: [] };
                  window.__live.push(rec);
                  window.__liveSockets.push(ws);
                  ws.addEventListener('open', () => { rec.opened = Date.now(); });
                  ws.addEventListener('close', () => { rec.closed = Date.now(); });
                  ws.addEventListener('message', (ev) => { try { rec.msgs.push(JSON.parse(ev.data)); } catch (e) { } });
                }
                return ws;
              };
              window.WebSocket.prototype = Native.prototype;
              Object.assign(window.WebSocket, { CONNECTING: 0, OPEN: 1, CLOSING: 2, CLOSED: 3 });
            })();
            """;
    /** Notes when each alert row first appears in the page (Date.now(), the same clock as the JVM's). */
    static final String ROW_CLOCK = """
            window.__rowSeen = {};
            const note = () => document.querySelectorAll('[data-test=alert-row]').forEach((r) => {
              const id = r.dataset.alertId;
              if (!(id in window.__rowSeen)) window.__rowSeen[id] = Date.now();
            });
            note();
            new MutationObserver(note).observe(document.body, { childList: true, subtree: true });
            """;

    static void signIn(Browser b, String user, String password) {
        b.waitVisible(Browser.byTest("sign-in-user")).sendKeys(user);
        b.find(Browser.byTest("sign-in-password")).sendKeys(password);
        b.find(Browser.byTest("sign-in-submit")).click();
        waitLive(b);
    }

    static void waitLive(Browser b) {
        b.waitFor("the live feed is up", d -> "live".equals(d.findElement(Browser.byTest("live-state")).getAttribute("data-state")));
    }

    /** An attribute of the element, read afresh until the read lands (live updates re-render lists). */
    static String attr(Browser b, By by, String name) {
        return b.waitFor("read " + name + " of " + by, d -> {
            String v = d.findElement(by).getAttribute(name);
            return v == null ? "" : v;
        });
    }

    static By row(String id) {
        return By.cssSelector("[data-test=alert-row][data-alert-id=\"" + id + "\"]");
    }

    /** The alert ids of the rows the page shows, in order (read in one go: rows re-render live). */
    @SuppressWarnings("unchecked")
    static List<String> rowIds(Browser b) {
        return (List<String>) b.script("return [...document.querySelectorAll('[data-test=alert-row]')].map((r) => r.dataset.alertId);");
    }

    /** Whether the image the selector finds (now: lists re-render on live updates) has loaded. */
    static boolean imageLoaded(Browser b, By img) {
        List<WebElement> found = b.findAll(img);
        return !found.isEmpty() && Boolean.TRUE.equals(
                b.script("return arguments[0].complete && arguments[0].naturalWidth > 0;", found.get(0)));
    }

    static void noHorizontalScroll(Browser b) {
        Map<String, Number> w = b.widths();
        assertTrue(w.get("scrollWidth").intValue() <= w.get("clientWidth").intValue(), "horizontal scroll: " + w);
    }

    /**
     * How many bytes of the snapshot the page shows differ from the alert's snapshot the server has now
     * (fetched past every cache, decoded by the same browser): 0 when the page shows the current one.
     */
    static long staleSnapshotBytes(Browser b, String alertId) {
        return ((Number) b.script("""
                const shown = document.querySelector('[data-test=detail-snapshot-img]');
                return (async () => {
                  const r = await fetch('/api/v1/alerts/' + arguments[0] + '/snapshot', { cache: 'no-store' });
                  const now = await createImageBitmap(await r.blob());
                  if (now.width !== shown.naturalWidth || now.height !== shown.naturalHeight) return -1;
                  const pixels = (src) => { const c = document.createElement('canvas'); c.width = now.width;
                    c.height = now.height; const g = c.getContext('2d'); g.drawImage(src, 0, 0);
                    return g.getImageData(0, 0, now.width, now.height).data; };
                  const a = pixels(shown), z = pixels(now);
                  let n = 0; for (let i = 0; i < a.length; i++) if (a[i] !== z[i]) n++;
                  return n;
                })();""", alertId)).longValue();
    }

    /**
     * The share of the box_norm rectangle's outline (in the snapshot's own pixels) that lies within 2 px
     * of the red the server draws boxes with: near 1 when the page's box and the drawn one coincide.
     */
    static double redAlong(Browser b, JsonNode box) {
        return ((Number) b.script("""
                const i = document.querySelector('[data-test=detail-snapshot-img]'), [bx1, by1, bx2, by2] = arguments[0];
                const c = document.createElement('canvas'); c.width = i.naturalWidth; c.height = i.naturalHeight;
                const g = c.getContext('2d'); g.drawImage(i, 0, 0); const d = g.getImageData(0, 0, c.width, c.height).data;
                const red = (x, y) => { if (x < 0 || y < 0 || x >= c.width || y >= c.height) return false;
                  const k = (y * c.width + x) * 4; return d[k] > 170 && d[k + 1] < 90 && d[k + 2] < 90; };
                const near = (x, y) => { for (let dy = -2; dy <= 2; dy++) for (let dx = -2; dx <= 2; dx++)
                  if (red(Math.round(x) + dx, Math.round(y) + dy)) return true; return false; };
                const x1 = bx1 * c.width, y1 = by1 * c.height, x2 = bx2 * c.width, y2 = by2 * c.height;
                let on = 0, all = 0;
                for (let x = x1; x <= x2; x++) { all += 2; on += near(x, y1) + near(x, y2); }
                for (let y = y1; y <= y2; y++) { all += 2; on += near(x1, y) + near(x2, y); }
                return on / all;""", JSON.convertValue(box, List.class))).doubleValue();
    }

    /** The type of the first message the page gets from the camera's live video WebSocket. */
    static String firstVideoMessage(Browser b, String camera) {
        return (String) b.script("""
                return new Promise((done) => {
                  const ws = new WebSocket(`ws://${location.host}/api/v1/cameras/${arguments[0]}/video`);
                  ws.onmessage = (ev) => { if (typeof ev.data === 'string') { done(JSON.parse(ev.data).type); ws.close(); } };
                  ws.onclose = (ev) => done('closed ' + ev.code);
                });""", camera);
    }

    /** Luminance range (max - min) of a 64x36 grid drawn from the media element: 0 for a blank frame. */
    static double contrast(Browser b, WebElement media) {
        return ((Number) b.script("const v = arguments[0], c = document.createElement('canvas'); c.width = 64; c.height = 36;"
                + "const g = c.getContext('2d'); g.drawImage(v, 0, 0, 64, 36); const d = g.getImageData(0, 0, 64, 36).data;"
                + "let lo = 255, hi = 0; for (let i = 0; i < d.length; i += 4) { const y = (d[i] + d[i + 1] + d[i + 2]) / 3;"
                + " lo = Math.min(lo, y); hi = Math.max(hi, y); } return hi - lo;", media)).doubleValue();
    }

    /** Luminance range of a region of a screenshot, sampled on a 64x36 grid. */
    static double contrast(BufferedImage img, int x, int y, int w, int h) {
        double lo = 255;
        double hi = 0;
        for (int j = 0; j < 36; j++) {
            for (int i = 0; i < 64; i++) {
                int px = Math.min(img.getWidth() - 1, x + (int) ((i + 0.5) * w / 64.0));
                int py = Math.min(img.getHeight() - 1, y + (int) ((j + 0.5) * h / 36.0));
                int rgb = img.getRGB(px, py);
                double l = (((rgb >> 16) & 0xff) + ((rgb >> 8) & 0xff) + (rgb & 0xff)) / 3.0;
                lo = Math.min(lo, l);
                hi = Math.max(hi, l);
            }
        }
        return hi - lo;
    }
}
