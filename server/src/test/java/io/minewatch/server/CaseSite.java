package io.minewatch.server;

import static io.minewatch.server.TestSite.MODEL;

import io.minewatch.alerts.lifecycle.Step;
import io.minewatch.config.ConfigLoader;
import io.minewatch.config.MinewatchConfig;
import io.minewatch.testkit.FfmpegCli;
import io.minewatch.testkit.FreePorts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The real server with the case loop configured ({@link CaseFixtures}), on a {@link ShiftedClock}:
 * road camera site {@code road-north} in the north district; officials {@code li-wei} (team north-1)
 * and {@code zhang-min} (team south-1); users {@code cmd} (command), {@code rev} (reviewer), {@code ana}
 * (analyst), {@code admin}, and department users {@code transport} and {@code police} (traffic-police).
 * With {@code footage}, the road's camera is fed the shared freeway clip and its alerts come from the real
 * pipeline.
 */
final class CaseSite implements AutoCloseable {
    static final Map<String, String> PASSWORDS = Map.of("cmd", "cmd-Pw-1201", "rev", "rev-Pw-1202",
            "ana", "ana-Pw-1203", "admin", "admin-Pw-1204", "transport", "tr-Pw-1205", "police", "po-Pw-1206",
            "li-wei", "li-Secret-1207", "zhang-min", "zh-Secret-1208");

    static final String ROAD_CAMERA = "road-cam-1";

    final Application app;
    final ShiftedClock clock;
    final String base;
    final String prefix;
    final Path storage;

    CaseSite(Path dir, Instant start, long maxPhotoBytes) throws Exception {
        this(dir, start, maxPhotoBytes, false);
    }

    /**
     * @param footage whether the north road has its camera {@value #ROAD_CAMERA}, fed the shared freeway clip
     *                (the tanker at ~1 s) through the real pipeline (not started: {@link #footageAlert})
     */
    CaseSite(Path dir, Instant start, long maxPhotoBytes, boolean footage) throws Exception {
        clock = new ShiftedClock(start);
        prefix = FreePorts.topicPrefix();
        Path config = dir.resolve("site.yaml");
        Files.writeString(config, """
                sites:
                  - {id: road-north, name: 北片公路, township: Xinhe, lat: %s, lon: %s, officials: [li-wei]}
                officials:
                  - {id: li-wei, name: 李伟, secret: "${LI}"}
                  - {id: zhang-min, name: 张敏, secret: "${ZHANG}"}
                users:
                  - {id: admin, role: admin, password: "${ADMIN}"}
                  - {id: cmd, name: 指挥中心, role: command, password: "${CMD}"}
                  - {id: rev, name: 法制办, role: reviewer, password: "${REV}"}
                  - {id: ana, role: analyst, password: "${ANA}"}
                  - {id: transport, name: 交通运输局, role: department, department: transport, password: "${TRANSPORT}"}
                  - {id: police, name: 交警大队, role: department, department: traffic-police, password: "${POLICE}"}
                townships:
                  - {id: Xinhe, team: [], authority: []}
                %s
                %s
                mqtt:
                  embedded_port: %d
                  anonymous: read
                  topic_prefix: %s
                storage:
                  dir: data
                http:
                  port: 0
                """.formatted(CaseFixtures.NORTH_LAT, CaseFixtures.NORTH_LON, CaseFixtures.DEPARTMENTS_YAML, !footage ? ""
                        : """
                        cameras:
                          - {id: %s, site: road-north, detect: "%s", fps: 5, realtime: false}
                        """.formatted(ROAD_CAMERA, TestSite.HAAR.toAbsolutePath()),
                FreePorts.freePort(), prefix));
        MinewatchConfig cfg = ConfigLoader.load(config, Map.of("LI", PASSWORDS.get("li-wei"),
                "ZHANG", PASSWORDS.get("zhang-min"), "ADMIN", PASSWORDS.get("admin"), "CMD", PASSWORDS.get("cmd"),
                "REV", PASSWORDS.get("rev"), "ANA", PASSWORDS.get("ana"), "TRANSPORT", PASSWORDS.get("transport"),
                "POLICE", PASSWORDS.get("police")));
        cfg = cfg.withCases(CaseFixtures.cases(List.of("li-wei"), List.of("zhang-min"), maxPhotoBytes));
        storage = cfg.storage().dir();
        app = Application.create(cfg, MODEL, clock);
        base = "http://127.0.0.1:" + app.httpPort();
    }

    /** Starts the road camera and waits for the first alert the real pipeline raises on its footage; its id. */
    String footageAlert() throws Exception {
        CompletableFuture<String> raised = new CompletableFuture<>();
        app.desk().onLifecycle((step, cam) -> {
            if (Step.NEW.equals(step.kind()) && ROAD_CAMERA.equals(cam)) {
                raised.complete(step.alert().id());
            }
        });
        app.startCameras();
        return raised.get(120, TimeUnit.SECONDS);
    }

    ApiClient signIn(String user) throws IOException, InterruptedException {
        return ApiClient.signIn(CaseHttp.HTTP, base, user, PASSWORDS.get(user));
    }

    /** A real JPEG: one frame of the shared freeway footage, extracted by ffmpeg (kept under target/). */
    static synchronized Path frame() throws Exception {
        Path out = Path.of("target", "test-footage", "haar-frame-1s.jpg").toAbsolutePath();
        if (!Files.isRegularFile(out)) {
            Files.createDirectories(out.getParent());
            Path tmp = out.resolveSibling("haar-frame-1s.part.jpg");
            FfmpegCli.ffmpeg("-ss", "1", "-i", TestSite.HAAR.toString(), "-frames:v", "1", "-q:v", "3",
                    tmp.toString());
            Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
        return out;
    }

    @Override
    public void close() {
        app.close();
    }
}
