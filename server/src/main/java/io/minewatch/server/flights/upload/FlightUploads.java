package io.minewatch.server.flights.upload;

import io.minewatch.server.auth.Caller;
import io.minewatch.server.flights.FlightIntake;
import io.minewatch.server.http.Access;
import io.minewatch.server.http.Router;
import io.netty.handler.codec.http.HttpMethod;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Set;

/**
 * The upload side of drone flights, in one place for the composition root: the tus routes
 * ({@code /api/v1/uploads}, {@link UploadApi}) and {@code POST /api/v1/flights} ({@link FlightSubmitApi}),
 * for signed-in analysts, command and admins. Files live under the flights folder: unfinished uploads in
 * {@code uploads/}, submitted flights' files in {@code incoming/<random>/} ({@code video.<ext>},
 * {@code telemetry.srt} or {@code telemetry-embedded.srt}); from the submission on they are the
 * intake's (it may move them).
 */
public final class FlightUploads {
    /** Who may upload and submit flights. */
    public static final Access ACCESS = Access.roles(Caller.ANALYST, Caller.COMMAND, Caller.ADMIN);

    private final UploadStore store;
    private final Path incoming;
    private final FlightIntake intake;

    private FlightUploads(UploadStore store, Path incoming, FlightIntake intake) {
        this.store = store;
        this.incoming = incoming;
        this.intake = intake;
    }

    /**
     * Opens the uploads under {@code flightsDir} (those a previous run left can be resumed).
     *
     * @param flightsDir {@code flights.dir}
     * @param limits     from {@code flights.max_upload_gb}
     * @param intake     where checked flights go
     */
    public static FlightUploads open(Path flightsDir, UploadLimits limits, FlightIntake intake, Clock clock)
            throws IOException {
        return new FlightUploads(new UploadStore(flightsDir.resolve("uploads"), limits, clock),
                flightsDir.resolve("incoming"), intake);
    }

    /** Adds the routes; the flight submission's ffprobe check runs on the export thread, not the request pool. */
    public Router.Builder register(Router.Builder b) {
        new UploadApi(store).register(b, ACCESS);
        FlightSubmitApi submit = new FlightSubmitApi(store, incoming, new MediaProbe(), intake);
        return b.add(Set.of(HttpMethod.POST), "/api/v1/flights", ACCESS, true, submit::submit);
    }
}
