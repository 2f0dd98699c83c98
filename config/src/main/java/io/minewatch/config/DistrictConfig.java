package io.minewatch.config;

import java.util.List;
import java.util.Objects;

/**
 * A patrol district of a township (issue 18): a polygon on the ground and its teams. A case is
 * dispatched to a team of the district its position lies in.
 *
 * @param id       district id, unique
 * @param name     display name (e.g. {@code 北片区})
 * @param township the township it belongs to (a {@code townships[]} id)
 * @param boundary the polygon, at least three points, WGS-84
 * @param teams    its teams, the first one taking cases unless another is chosen
 */
public record DistrictConfig(String id, String name, String township, List<LatLon> boundary, List<TeamConfig> teams) {
    public DistrictConfig {
        Objects.requireNonNull(id, "id");
        name = name == null ? id : name;
        boundary = boundary == null ? List.of() : List.copyOf(boundary);
        teams = teams == null ? List.of() : List.copyOf(teams);
    }

    /** Whether the point lies inside the boundary (ray casting on lat/lon; fine at a township's scale). */
    public boolean contains(double lat, double lon) {
        boolean inside = false;
        int n = boundary.size();
        for (int i = 0, j = n - 1; i < n; j = i++) {
            LatLon a = boundary.get(i);
            LatLon b = boundary.get(j);
            if ((a.lat() > lat) != (b.lat() > lat)
                    && lon < (b.lon() - a.lon()) * (lat - a.lat()) / (b.lat() - a.lat()) + a.lon()) {
                inside = !inside;
            }
        }
        return inside;
    }
}
