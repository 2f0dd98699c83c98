package io.minewatch.detect.pipeline;

import io.minewatch.detect.ground.GroundChangeRule;
import io.minewatch.detect.rules.DwellRule;
import io.minewatch.detect.rules.HaulTripsRule;
import io.minewatch.detect.rules.HeavyVehicleInZoneRule;
import io.minewatch.detect.rules.HeavyVehicleRule;
import java.util.List;

/** The stable rule names events carry; the alerts stage keys alert lifecycles by camera and rule. */
public final class PipelineRules {
    /** A camera's view blocked, blurred or moved. */
    public static final String CAMERA_TAMPER = "camera_tamper";
    /** Every rule name the detect path can emit. */
    public static final List<String> ALL = List.of(HeavyVehicleRule.NAME, HeavyVehicleInZoneRule.NAME,
            DwellRule.NAME, HaulTripsRule.NAME, CAMERA_TAMPER, GroundChangeRule.NAME);

    private PipelineRules() {
    }
}
