package io.minewatch.detect.geo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.minewatch.config.LatLon;
import io.minewatch.config.SiteConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Sites by boundary polygon, else radius; the smallest containing site wins; outside every site, none. */
class SiteGeofencesTest {
    // An L-shaped pit: a point in the notch is outside it though inside its bounding box.
    private static final SiteConfig PIT = site("pit", 30.505, 114.305, List.of(new LatLon(30.50, 114.30),
            new LatLon(30.51, 114.30), new LatLon(30.51, 114.305), new LatLon(30.505, 114.305),
            new LatLon(30.505, 114.31), new LatLon(30.50, 114.31)), 500);
    private static final SiteConfig RIVER = site("river", 30.505, 114.305, List.of(), 5000);
    private static final SiteConfig YARD = site("yard", 31.0, 115.0, List.of(), 500);

    @Test
    void polygonThenRadiusThenSmallest() {
        SiteGeofences g = new SiteGeofences(List.of(RIVER, PIT, YARD));
        assertEquals(Optional.of("pit"), g.siteAt(30.502, 114.302));
        assertEquals(Optional.of("pit"), g.siteAt(30.502, 114.309));
        // The notch of the L: not the pit, but within 5 km of the river flat's centre.
        assertEquals(Optional.of("river"), g.siteAt(30.508, 114.308));
        // 499 m and 501 m north of the yard's centre (1° of latitude = 111,195 m on the mean sphere).
        assertEquals(Optional.of("yard"), g.siteAt(31.0 + 499 / 111_194.9, 115.0));
        assertEquals(Optional.empty(), g.siteAt(31.0 + 501 / 111_194.9, 115.0));
        assertEquals(Optional.empty(), g.siteAt(0.0, 0.0));
        assertEquals(Optional.empty(), g.siteAt(Double.NaN, 114.3));
        // The pit's radius is not used: it has a boundary (600 m east of its centre is outside it).
        assertEquals(Optional.of("pit"), new SiteGeofences(List.of(PIT)).siteAt(30.5025, 114.3025));
        assertEquals(Optional.empty(), new SiteGeofences(List.of(PIT)).siteAt(30.505, 114.305 + 0.0063));
    }

    @Test
    void liveSitesFollowTheRegistry() {
        List<SiteConfig> sites = new ArrayList<>(List.of(RIVER));
        var live = SiteGeofences.live(() -> List.copyOf(sites));
        assertEquals(Optional.of("river"), live.siteAt(30.502, 114.302));
        sites.add(PIT);
        assertEquals(Optional.of("pit"), live.siteAt(30.502, 114.302));
        sites.clear();
        assertEquals(Optional.empty(), live.siteAt(30.502, 114.302));
    }

    private static SiteConfig site(String id, double lat, double lon, List<LatLon> boundary, double radius) {
        return new SiteConfig(id, id, "", lat, lon, null, null, boundary, radius);
    }
}
