package io.minewatch.detect.geo;

import io.minewatch.config.LatLon;
import io.minewatch.config.SiteConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Which site a position is in: inside its boundary polygon (even-odd rule on latitude/longitude; a polygon
 * must not cross the ±180° meridian), else within its {@code radius_m} of its centre (haversine). Where sites
 * overlap, the smallest (by area) holds the point, so a pit inside a larger watched river flat is the pit.
 */
public final class SiteGeofences implements SiteLocator {
    private final List<Fence> fences;

    public SiteGeofences(List<SiteConfig> sites) {
        List<Fence> out = new ArrayList<>();
        for (SiteConfig s : sites) {
            out.add(Fence.of(s));
        }
        this.fences = List.copyOf(out);
    }

    /** A locator over sites that change at run time (the registry): rebuilt when the list it is given changes. */
    public static SiteLocator live(Supplier<List<SiteConfig>> sites) {
        return new SiteLocator() {
            private volatile List<SiteConfig> seen;
            private volatile SiteGeofences current;

            @Override
            public Optional<String> siteAt(double lat, double lon) {
                List<SiteConfig> now = sites.get();
                SiteGeofences g = current;
                if (g == null || !now.equals(seen)) {
                    g = new SiteGeofences(now);
                    current = g;
                    seen = now;
                }
                return g.siteAt(lat, lon);
            }
        };
    }

    @Override
    public Optional<String> siteAt(double lat, double lon) {
        if (!(lat >= -90 && lat <= 90 && lon >= -180 && lon <= 180)) {
            return Optional.empty();
        }
        Fence best = null;
        for (Fence f : fences) {
            if (f.contains(lat, lon) && (best == null || f.areaM2 < best.areaM2)) {
                best = f;
            }
        }
        return best == null ? Optional.empty() : Optional.of(best.id);
    }

    private record Fence(String id, double[] lats, double[] lons, double lat, double lon, double radiusM,
                         double areaM2, double minLat, double maxLat, double minLon, double maxLon) {
        static Fence of(SiteConfig s) {
            List<LatLon> b = s.boundary();
            if (b.size() < 3) {
                double r = s.radiusM();
                return new Fence(s.id(), null, null, s.lat(), s.lon(), r, Math.PI * r * r, 0, 0, 0, 0);
            }
            double[] lats = b.stream().mapToDouble(LatLon::lat).toArray();
            double[] lons = b.stream().mapToDouble(LatLon::lon).toArray();
            return new Fence(s.id(), lats, lons, s.lat(), s.lon(), 0, area(lats, lons),
                    min(lats), max(lats), min(lons), max(lons));
        }

        boolean contains(double pLat, double pLon) {
            if (lats == null) {
                return Geodesy.metres(lat, lon, pLat, pLon) <= radiusM;
            }
            if (pLat < minLat || pLat > maxLat || pLon < minLon || pLon > maxLon) {
                return false;
            }
            boolean in = false;
            for (int i = 0, j = lats.length - 1; i < lats.length; j = i++) {
                if ((lats[i] > pLat) != (lats[j] > pLat)
                        && pLon < (lons[j] - lons[i]) * (pLat - lats[i]) / (lats[j] - lats[i]) + lons[i]) {
                    in = !in;
                }
            }
            return in;
        }

        private static double area(double[] lats, double[] lons) {
            double m = Geodesy.EARTH_M * Math.PI / 180;
            double cos = Math.cos(Math.toRadians(lats[0]));
            double sum = 0;
            for (int i = 0; i < lats.length; i++) {
                int j = (i + 1) % lats.length;
                sum += lons[i] * cos * m * lats[j] * m - lons[j] * cos * m * lats[i] * m;
            }
            return Math.abs(sum) / 2;
        }

        private static double min(double[] v) {
            return java.util.Arrays.stream(v).min().orElse(0);
        }

        private static double max(double[] v) {
            return java.util.Arrays.stream(v).max().orElse(0);
        }
    }
}
