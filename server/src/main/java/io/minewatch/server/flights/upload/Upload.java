package io.minewatch.server.flights.upload;

import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One upload: who made it, how long it will be, and how much is on disk ({@link #offset}, the size of
 * its data file). At most one PATCH writes it at a time ({@link #tryLock}).
 */
final class Upload {
    private final String id;
    private final String owner;
    private final long length;
    private final String filename;
    private final String filetype;
    private final Instant created;
    private final Path data;
    private final Path info;
    private volatile long offset;
    private final AtomicBoolean busy = new AtomicBoolean();

    Upload(String id, String owner, long length, String filename, String filetype, Instant created, Path data,
           Path info, long offset) {
        this.id = id;
        this.owner = owner;
        this.length = length;
        this.filename = filename;
        this.filetype = filetype;
        this.created = created;
        this.data = data;
        this.info = info;
        this.offset = offset;
    }

    String id() {
        return id;
    }

    String owner() {
        return owner;
    }

    long length() {
        return length;
    }

    /** The client's name of the file (base name only), for messages and the flight's name. */
    String filename() {
        return filename;
    }

    String filetype() {
        return filetype;
    }

    Instant created() {
        return created;
    }

    Path data() {
        return data;
    }

    Path info() {
        return info;
    }

    /** Bytes on disk. */
    long offset() {
        return offset;
    }

    void offset(long bytes) {
        this.offset = bytes;
    }

    boolean complete() {
        return offset == length;
    }

    /** Takes the upload for one writer (a PATCH, a submission, a delete); false when another has it. */
    boolean tryLock() {
        return busy.compareAndSet(false, true);
    }

    void unlock() {
        busy.set(false);
    }
}
