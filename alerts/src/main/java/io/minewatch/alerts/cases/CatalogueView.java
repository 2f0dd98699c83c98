package io.minewatch.alerts.cases;

import io.minewatch.config.DepartmentConfig;
import io.minewatch.config.DistrictConfig;
import io.minewatch.config.MatterConfig;
import io.minewatch.config.ReviewItem;
import java.util.List;
import java.util.Map;

/**
 * The authority catalogue in force (the imported one when an import was made, else the YAML's), with the
 * townships' delegated lists, the districts and teams, the review checklist and the departments.
 */
public record CatalogueView(List<MatterConfig> matters, Map<String, List<String>> delegated,
                            List<DistrictConfig> districts, List<ReviewItem> checklist,
                            List<DepartmentConfig> departments) {
    public CatalogueView {
        matters = List.copyOf(matters);
        delegated = Map.copyOf(delegated);
        districts = List.copyOf(districts);
        checklist = List.copyOf(checklist);
        departments = List.copyOf(departments);
    }
}
