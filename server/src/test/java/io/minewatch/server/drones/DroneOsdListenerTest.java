package io.minewatch.server.drones;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.minewatch.config.DroneOsdConfig;
import io.minewatch.detect.geo.GeoFix;
import io.minewatch.detect.infer.Box;
import io.minewatch.testkit.FreePorts;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DJI Cloud API OSD telemetry through a real Mosquitto broker (started by the test): a configured
 * drone's position is kept with its height, elevation and heading and places detections (source osd,
 * accuracy 5 m + elevation); another drone's messages, a 0,0 position, garbage and a message without
 * data are not taken (and counted); a position older than the bound places nothing; the listener waits
 * out a broker that is not up yet, and after the broker restarts it subscribes again by itself.
 */
class DroneOsdListenerTest {
    private static final String SN = "1581F5BKD223900C0002";
    private static final Box BOX = new Box(10, 10, 50, 50);

    @TempDir
    Path dir;

    @Test
    void positionsFromABrokerPlaceDetections() throws Exception {
        int port = FreePorts.freePort();
        Files.writeString(dir.resolve("mosquitto.conf"), "listener " + port + " 127.0.0.1\nallow_anonymous true\n"
                + "user " + System.getProperty("user.name") + "\nlog_dest none\n");
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        DroneOsdConfig config = new DroneOsdConfig("tcp://127.0.0.1:" + port, null, null,
                "osd-" + UUID.randomUUID(), Duration.ofSeconds(2));
        try (DroneOsdListener listener = new DroneOsdListener(config, Set.of(SN), registry)) {
            listener.start(); // before the broker: it keeps trying
            Process broker = mosquitto(port);
            try {
                MqttClient dock = publisher(port);
                String topic = DroneOsdListener.topic(SN);
                // Published until the listener has (re)subscribed: polling, not a sleep standing in for it.
                until(() -> {
                    publish(dock, topic, osd(30.5912, 114.3051, 152.3, 87.5, -12.5));
                    return listener.latest(SN).isPresent();
                }, "the first position");
                OsdFix fix = listener.latest(SN).orElseThrow();
                assertEquals(30.5912, fix.lat());
                assertEquals(114.3051, fix.lon());
                assertEquals(152.3, fix.height());
                assertEquals(87.5, fix.elevation());
                assertEquals(-12.5, fix.heading());
                GeoFix g = listener.geotagger(SN).locate(3.0, BOX, 640, 360).orElseThrow();
                assertEquals(new GeoFix(30.5912, 114.3051, 5 + 87.5, GeoFix.OSD), g);

                publish(dock, DroneOsdListener.topic("OTHERDRONE1"), osd(31.0, 115.0, 100, 50, 0));
                publish(dock, topic, osd(0, 0, 0, 0, 0));
                publish(dock, topic, "not json{".getBytes(StandardCharsets.UTF_8));
                publish(dock, topic, "{\"tid\":\"x\",\"gateway\":\"g\"}".getBytes(StandardCharsets.UTF_8));
                publish(dock, topic, osd(30.6, 114.31, 160, 95, 3));
                until(() -> listener.latest(SN).get().lat() == 30.6, "the second position");
                assertEquals(3.0, registry.get("drones.osd.refused").tag("drone", SN).counter().count(),
                        "0,0, garbage and no data refused");
                assertEquals(Optional.empty(), listener.latest("OTHERDRONE1"), "an unconfigured drone is not read");
                // (the first position may have been published several times before the subscription took)
                assertTrue(registry.get("drones.osd.messages").tag("drone", SN).counter().count() >= 2);

                // Age bound: 2 s and a nanosecond after receipt, nothing.
                long at = listener.latest(SN).get().receivedNanos();
                assertTrue(new OsdGeotagger(listener, SN, config.maxAge(), () -> at + 2_000_000_000L)
                        .locate(0, BOX, 640, 360).isPresent());
                assertEquals(Optional.empty(), new OsdGeotagger(listener, SN, config.maxAge(),
                        () -> at + 2_000_000_001L).locate(0, BOX, 640, 360));
                assertEquals(Optional.empty(), listener.geotagger("OTHERDRONE1").locate(0, BOX, 640, 360));

                // Broker restart: the listener reconnects and subscribes again (clean session).
                dock.disconnectForcibly(0, 0, false);
                dock.close();
                stop(broker);
                broker = mosquitto(port);
                MqttClient again = publisher(port);
                until(() -> {
                    publish(again, topic, osd(30.7, 114.32, 170, 110, 90));
                    return listener.latest(SN).get().lat() == 30.7;
                }, "a position after the broker restarted");
                assertEquals(5 + 110, listener.geotagger(SN).locate(0, BOX, 640, 360).orElseThrow().accuracyM());
                again.disconnect();
                again.close();
            } finally {
                stop(broker);
            }
        }
    }

    /** A DJI Cloud API OSD message as an aircraft sends it (fields beyond those read included). */
    private static byte[] osd(double lat, double lon, double height, double elevation, double head) {
        return ("{\"tid\":\"" + UUID.randomUUID() + "\",\"bid\":\"" + UUID.randomUUID() + "\",\"timestamp\":"
                + System.currentTimeMillis() + ",\"gateway\":\"4TADKAQ000002J\",\"data\":{\"latitude\":" + lat
                + ",\"longitude\":" + lon + ",\"height\":" + height + ",\"elevation\":" + elevation
                + ",\"attitude_head\":" + head + ",\"attitude_pitch\":0,\"attitude_roll\":0,\"horizontal_speed\":3.2,"
                + "\"vertical_speed\":0,\"mode_code\":5,\"battery\":{\"capacity_percent\":81}}}")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static MqttClient publisher(int port) throws Exception {
        MqttClient c = new MqttClient("tcp://127.0.0.1:" + port, "dock-" + UUID.randomUUID(), new MemoryPersistence());
        c.connect(new MqttConnectOptions());
        return c;
    }

    private static void publish(MqttClient c, String topic, byte[] payload) {
        try {
            c.publish(topic, payload, 1, false);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void until(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("timed out waiting for " + what);
            }
            Thread.sleep(100);
        }
    }

    private Process mosquitto(int port) throws Exception {
        Process p = new ProcessBuilder("/usr/sbin/mosquitto", "-c", dir.resolve("mosquitto.conf").toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("mosquitto.log").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return p;
            } catch (IOException e) {
                Thread.sleep(50);
            }
        }
        return fail("Mosquitto did not start on " + port);
    }

    private static void stop(Process p) throws InterruptedException {
        if (p.isAlive()) {
            p.destroy();
            if (!p.waitFor(5, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
    }
}
