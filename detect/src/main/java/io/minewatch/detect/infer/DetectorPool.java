package io.minewatch.detect.infer;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The detectors of the whole server: each model loaded once, N workers each with its own detector
 * (its own DJL {@code Predictor}) per model, and one latest-wins slot (a {@link Lane}) per camera.
 *
 * <p>Cameras are served round robin: a lane with a frame waiting joins the back of the queue, and a
 * lane whose frame is being detected does not rejoin until that frame is done, so one busy camera
 * never starves the others and one camera's jobs never run at the same time — its per-camera state
 * (tracker, rules) may live in {@link Job#run} without locks. Queue wait and inference time are
 * measured per camera.
 *
 * <p>Two priorities. Live lanes ({@link #lane}) are always served first: a worker takes a background
 * lane's job ({@link #backgroundLane}: drone flights read from files) only when no live lane has a frame
 * waiting. A lane's jobs never run two at once, so one flight holds at most one worker, and what it
 * costs live cameras is bounded by one background inference: a live frame that arrives while every
 * worker is busy waits at most until the first of them finishes the job in hand. A live camera
 * therefore loses a frame to a flight only when a second frame of it arrives within that one
 * inference and no other worker is free — with the default 5 detect fps (200 ms between frames) and
 * YOLOX-nano (~15–50 ms an inference), none.
 *
 * <p>A flight also competes for CPU (decoding 1080p, its inference beside the live ones), which the
 * worker rule alone does not bound. So when any live lane loses a frame, no background job starts for
 * {@link #BACKGROUND_YIELD}: the flight's worker and its reader (which waits for its slot) both pause,
 * and the CPU goes back to live video. The bound: after a live drop, a flight costs at most the one
 * background job already running for the next second. {@code DetectorPoolPriorityTest} pins both
 * rules down and {@code scripts/bench-flight} measures live drop counts with and without a flight.
 */
public final class DetectorPool implements AutoCloseable {
    /** Time a frame waited in its camera's slot before a worker took it. */
    public static final String WAIT = "detect.pool.wait";
    /** Overlap above which boxes of one class from two regions are one object. */
    private static final float REGION_NMS_IOU = 0.5f;
    private static final Logger log = LoggerFactory.getLogger(DetectorPool.class);

    /** One frame to detect and what to do with the result. */
    public interface Job {
        /** The BGR frame; valid until {@link #run}, {@link #failed} or {@link #discard} returns. */
        Mat image();

        /** Where to look; empty = the whole frame. */
        List<Region> regions();

        /** The detections, in frame pixels; called on a worker, never concurrently for one lane. */
        void run(List<Detection> detections, long waitNanos, long inferNanos);

        /** The detector failed on this frame. */
        void failed(DetectorException e);

        /** The job will never run (replaced by a newer frame, or the pool is closing): release it. */
        void discard();
    }

    private final Object lock = new Object();
    private final ArrayDeque<Lane> ready = new ArrayDeque<>();
    /** Background lanes with a frame waiting, served only when {@link #ready} is empty. */
    private final ArrayDeque<Lane> readyBackground = new ArrayDeque<>();
    private final Map<String, Lane> lanes = new HashMap<>();
    private final List<Thread> workers = new ArrayList<>();
    private final MeterRegistry registry;
    private final Map<String, Supplier<ObjectDetector>> models;
    private boolean running = true;
    /** When a live lane last lost a frame (replaced while waiting), nanoTime; background lanes yield after it. */
    private long liveDropNanos;
    private boolean liveDropped;

    /** After a live lane loses a frame, how long no background job starts (the machine is short of CPU for live video). */
    public static final Duration BACKGROUND_YIELD = Duration.ofSeconds(1);

    /**
     * Starts the workers; each makes its detectors here, so a model that cannot run fails now.
     *
     * @param models  model name → makes one detector (a predictor over the once-loaded model)
     * @param workerCount number of workers (threads), at least 1
     */
    public DetectorPool(Map<String, Supplier<ObjectDetector>> models, int workerCount, MeterRegistry registry) {
        if (workerCount < 1) {
            throw new IllegalArgumentException("workers must be >= 1, got " + workerCount);
        }
        this.registry = registry;
        this.models = new LinkedHashMap<>(models);
        List<Map<String, ObjectDetector>> made = new ArrayList<>();
        try {
            for (int i = 0; i < workerCount; i++) {
                Map<String, ObjectDetector> own = new HashMap<>();
                made.add(own);
                for (Map.Entry<String, Supplier<ObjectDetector>> m : this.models.entrySet()) {
                    own.put(m.getKey(), m.getValue().get());
                }
            }
        } catch (RuntimeException e) {
            made.forEach(own -> own.values().forEach(ObjectDetector::close));
            throw e;
        }
        for (int i = 0; i < workerCount; i++) {
            Map<String, ObjectDetector> own = made.get(i);
            Thread t = new Thread(() -> work(own), "detector-" + i);
            t.setDaemon(true);
            t.setUncaughtExceptionHandler((th, e) -> log.error("thread {} died", th.getName(), e));
            workers.add(t);
            t.start();
        }
    }

    /** The models this pool runs. */
    public java.util.Set<String> models() {
        return models.keySet();
    }

    /** The slot of one camera, running the named model. */
    public Lane lane(String camera, String model) {
        return lane(camera, model, false);
    }

    /**
     * A background slot (a drone flight read from its file): its jobs run only on a worker no live lane
     * is waiting for. Use {@link Lane#put}: it waits for the slot, so no frame of the file is lost.
     */
    public Lane backgroundLane(String name, String model) {
        return lane(name, model, true);
    }

    private Lane lane(String camera, String model, boolean background) {
        if (!models.containsKey(model)) {
            throw new IllegalArgumentException("camera " + camera + ": no model " + model + " in the pool (have "
                    + models.keySet() + ")");
        }
        synchronized (lock) {
            if (lanes.containsKey(camera)) {
                throw new IllegalArgumentException("camera " + camera + " already has a lane");
            }
            Lane lane = new Lane(camera, model, background);
            lanes.put(camera, lane);
            return lane;
        }
    }

    private void work(Map<String, ObjectDetector> detectors) {
        try {
            while (true) {
                Lane lane;
                Job job;
                long submitted;
                synchronized (lock) {
                    while (running && ready.isEmpty()) {
                        if (readyBackground.isEmpty()) {
                            lock.wait();
                            continue;
                        }
                        long yield = backgroundYieldNanos(System.nanoTime());
                        if (yield <= 0) {
                            break;
                        }
                        TimeUnit.NANOSECONDS.timedWait(lock, yield);
                    }
                    if (!running) {
                        return;
                    }
                    // Live first: a background lane only gets a worker no live frame is waiting for.
                    lane = ready.isEmpty() ? readyBackground.poll() : ready.poll();
                    job = lane.pending;
                    submitted = lane.submittedNanos;
                    lane.pending = null;
                    lane.busy = true;
                    lock.notifyAll();
                }
                try {
                    long start = System.nanoTime();
                    lane.waitTimer.record(start - submitted, TimeUnit.NANOSECONDS);
                    List<Detection> found;
                    try {
                        found = detect(detectors.get(lane.model), job);
                    } catch (DetectorException e) {
                        job.failed(e);
                        continue;
                    }
                    job.run(found, start - submitted, System.nanoTime() - start);
                } catch (RuntimeException e) {
                    log.error("camera {}: detection job failed", lane.camera, e);
                } finally {
                    synchronized (lock) {
                        lane.busy = false;
                        if (lane.pending != null) {
                            lane.queue().add(lane);
                        }
                        lock.notifyAll();
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            detectors.values().forEach(ObjectDetector::close);
        }
    }

    /** Nanoseconds until background jobs may start again (0 or less: now). Holds {@link #lock}. */
    private long backgroundYieldNanos(long now) {
        return liveDropped ? BACKGROUND_YIELD.toNanos() - (now - liveDropNanos) : 0;
    }

    /** The whole frame, or each region with its detections moved back to frame pixels and merged. */
    static List<Detection> detect(ObjectDetector detector, Job job) throws DetectorException {
        Mat image = job.image();
        List<Region> regions = job.regions();
        if (regions.isEmpty()) {
            return detector.detect(image);
        }
        List<Detection> all = new ArrayList<>();
        for (Region r : regions) {
            try (Rect rect = new Rect(r.x(), r.y(), r.width(), r.height()); Mat roi = new Mat(image, rect)) {
                for (Detection d : detector.detect(roi)) {
                    all.add(new Detection(d.classId(), d.label(), d.category(), d.score(),
                            d.box().shift(r.x(), r.y())));
                }
            }
        }
        return regions.size() == 1 ? all : Nms.perClass(all, REGION_NMS_IOU);
    }

    /** Stops the workers (a job running finishes first), discards waiting jobs, closes the detectors. */
    @Override
    public void close() {
        List<Job> left = new ArrayList<>();
        synchronized (lock) {
            running = false;
            for (Lane lane : lanes.values()) {
                lane.finished = true;
                if (lane.pending != null) {
                    left.add(lane.pending);
                    lane.pending = null;
                }
            }
            ready.clear();
            readyBackground.clear();
            lock.notifyAll();
        }
        left.forEach(Job::discard);
        for (Thread t : workers) {
            try {
                t.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** One camera's latest-wins slot in the pool. */
    public final class Lane {
        private final String camera;
        private final String model;
        private final Timer waitTimer;
        private final boolean background;
        private Job pending;
        private long submittedNanos;
        private boolean busy;
        private boolean finished;

        private Lane(String camera, String model, boolean background) {
            this.camera = camera;
            this.model = model;
            this.background = background;
            this.waitTimer = Timer.builder(WAIT).tag("camera", camera)
                    .publishPercentiles(0.5, 0.95, 0.99).register(registry);
        }

        public String model() {
            return model;
        }

        /** Whether the lane yields to live lanes ({@link DetectorPool#backgroundLane}). */
        public boolean background() {
            return background;
        }

        private ArrayDeque<Lane> queue() {
            return background ? readyBackground : ready;
        }

        /** Live video: puts the job in, replacing a waiting one, which is returned (to discard and count). */
        public Job offerLatest(Job job) {
            synchronized (lock) {
                if (finished) {
                    return job;
                }
                Job replaced = pending;
                enqueue(job);
                if (replaced != null && !background) {
                    liveDropNanos = System.nanoTime();
                    liveDropped = true;
                }
                return replaced;
            }
        }

        /** Files read as fast as possible: waits until the slot is free, so no frame is lost. */
        public void put(Job job) throws InterruptedException {
            synchronized (lock) {
                while (pending != null && !finished) {
                    lock.wait();
                }
                if (finished) {
                    job.discard();
                    return;
                }
                enqueue(job);
            }
        }

        /**
         * Like {@link #put} but gives up after {@code timeout}: false when the slot stayed full (the job was
         * not taken and is still the caller's). A background lane may wait long while live lanes keep every
         * worker busy; its reader checks for a cancel between tries.
         */
        public boolean put(Job job, Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            synchronized (lock) {
                while (pending != null && !finished) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        return false;
                    }
                    TimeUnit.NANOSECONDS.timedWait(lock, left);
                }
                if (finished) {
                    job.discard();
                    return true;
                }
                enqueue(job);
                return true;
            }
        }

        private void enqueue(Job job) {
            boolean queued = pending != null;
            pending = job;
            submittedNanos = System.nanoTime();
            if (!queued && !busy) {
                queue().add(this);
            }
            lock.notifyAll();
        }

        /** Waits until no job is waiting or running; false on timeout. */
        public boolean awaitIdle(Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            synchronized (lock) {
                while ((pending != null || busy) && running) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        return false;
                    }
                    TimeUnit.NANOSECONDS.timedWait(lock, left);
                }
                return true;
            }
        }

        /** Removes the lane: a waiting job is discarded; a running one finishes. */
        public void close() {
            Job left;
            synchronized (lock) {
                finished = true;
                left = pending;
                pending = null;
                queue().remove(this);
                lanes.remove(camera);
                lock.notifyAll();
            }
            if (left != null) {
                left.discard();
            }
        }
    }
}
