package io.minewatch.ingest.camera;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.minewatch.ingest.ring.PreRollRing;
import io.minewatch.ingest.rtp.RtpCounters;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The ingest metric catalogue for one camera (tag {@code camera}):
 * {@code ingest.bytes}, {@code ingest.packets}, {@code ingest.access_units}, {@code ingest.keyframes},
 * {@code ingest.seq_gaps}, {@code ingest.packets.lost}, {@code ingest.packets.late},
 * {@code ingest.packets.invalid}, {@code ingest.dropped{reason}}, {@code ingest.reconnects},
 * {@code ingest.state} (0 offline, 1 connecting, 2 online), {@code ingest.ring.bytes},
 * {@code ingest.ring.access_units}, {@code ingest.ring.seconds}, {@code ingest.transport} (1 TCP,
 * 2 UDP: the transport in use or being tried), {@code ingest.transport_switches} (times {@code auto}
 * changed transport).
 */
public final class IngestMetrics implements RtpCounters {
    /** Gauge values of {@code ingest.state}. */
    public static final int OFFLINE = 0;
    /** Connecting or negotiating. */
    public static final int CONNECTING = 1;
    /** Media flowing. */
    public static final int ONLINE = 2;

    private final MeterRegistry registry;
    private final String camera;
    private final Counter bytes;
    private final Counter packets;
    private final Counter accessUnits;
    private final Counter keyFrames;
    private final Counter seqGaps;
    private final Counter lost;
    private final Counter late;
    private final Counter invalid;
    private final Counter reconnects;
    private final AtomicInteger state = new AtomicInteger(OFFLINE);
    private final AtomicInteger transport = new AtomicInteger(0);
    private final Counter transportSwitches;
    private final Map<String, Counter> dropped = new ConcurrentHashMap<>();

    public IngestMetrics(MeterRegistry registry, String camera) {
        this.registry = registry;
        this.camera = camera;
        bytes = counter("ingest.bytes", "RTP bytes received");
        packets = counter("ingest.packets", "RTP packets received");
        accessUnits = counter("ingest.access_units", "access units delivered");
        keyFrames = counter("ingest.keyframes", "key frames delivered");
        seqGaps = counter("ingest.seq_gaps", "RTP sequence gaps");
        lost = counter("ingest.packets.lost", "RTP packets missing in sequence gaps");
        late = counter("ingest.packets.late", "late or duplicate RTP packets discarded");
        invalid = counter("ingest.packets.invalid", "packets that were not RTP of the expected payload type");
        reconnects = counter("ingest.reconnects", "connection attempts after the first");
        transportSwitches = counter("ingest.transport_switches", "transport changes made by transport auto");
        Gauge.builder("ingest.transport", transport, AtomicInteger::get).tag("camera", camera)
                .description("1 TCP, 2 UDP").register(registry);
        Gauge.builder("ingest.state", state, AtomicInteger::get).tag("camera", camera)
                .description("0 offline, 1 connecting, 2 online").register(registry);
    }

    private Counter counter(String name, String description) {
        return Counter.builder(name).tag("camera", camera).description(description).register(registry);
    }

    /** Registers the ring's occupancy gauges. */
    public void ring(PreRollRing ring) {
        Gauge.builder("ingest.ring.bytes", ring, PreRollRing::bytes).tag("camera", camera).register(registry);
        Gauge.builder("ingest.ring.access_units", ring, PreRollRing::size).tag("camera", camera).register(registry);
        Gauge.builder("ingest.ring.seconds", ring, PreRollRing::seconds).tag("camera", camera).register(registry);
    }

    @Override
    public void packet(int n) {
        packets.increment();
        bytes.increment(n);
    }

    @Override
    public void invalidPacket() {
        invalid.increment();
    }

    @Override
    public void sequenceGap(int lostPackets) {
        seqGaps.increment();
        lost.increment(lostPackets);
    }

    @Override
    public void lateOrDuplicate() {
        late.increment();
    }

    @Override
    public void accessUnit(boolean keyFrame, int n) {
        accessUnits.increment();
        if (keyFrame) {
            keyFrames.increment();
        }
    }

    @Override
    public void dropped(String reason) {
        dropped.computeIfAbsent(reason, r -> Counter.builder("ingest.dropped").tag("camera", camera)
                .tag("reason", r).description("access units dropped").register(registry)).increment();
    }

    void reconnect() {
        reconnects.increment();
    }

    /** Sets the transport gauge: 1 TCP, 2 UDP. */
    public void transport(int t) {
        transport.set(t);
    }

    void transportSwitch() {
        transportSwitches.increment();
    }

    /** The transport gauge: 1 TCP, 2 UDP, 0 before the first connection. */
    public int transport() {
        return transport.get();
    }

    /** Sets the state gauge. */
    public void state(int s) {
        state.set(s);
    }

    /** Access units delivered so far. */
    public long accessUnits() {
        return (long) accessUnits.count();
    }

    /** Key frames delivered so far. */
    public long keyFrames() {
        return (long) keyFrames.count();
    }

    /** Sequence gaps so far. */
    public long sequenceGaps() {
        return (long) seqGaps.count();
    }

    /** Reconnects so far. */
    public long reconnects() {
        return (long) reconnects.count();
    }

    /** Access units dropped for this reason so far. */
    public long droppedCount(String reason) {
        Counter c = dropped.get(reason);
        return c == null ? 0 : (long) c.count();
    }
}
