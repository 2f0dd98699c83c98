package io.minewatch.tools.flight;

import java.io.PrintStream;
import java.util.Locale;

/**
 * The upload's progress bar on stderr: name, bar, percent, bytes, rate, time left; redrawn in place
 * at most five times a second, ended with a newline. Notes (a resumption) go on a line of their own.
 */
final class ProgressBar {
    private static final int WIDTH = 30;
    private static final long REDRAW_NANOS = 200_000_000L;

    private final PrintStream err;
    private final String name;
    private final long total;
    private final long startNanos = System.nanoTime();
    private long firstBytes = -1;
    private long lastDraw;
    private long done;

    ProgressBar(PrintStream err, String name, long total) {
        this.err = err;
        this.name = name;
        this.total = total;
    }

    /** {@code bytes} of the file are on the server (or on their way); redraws when due. */
    synchronized void at(long bytes) {
        if (firstBytes < 0) {
            firstBytes = bytes;
        }
        done = bytes;
        long now = System.nanoTime();
        if (now - lastDraw >= REDRAW_NANOS || bytes == total) {
            lastDraw = now;
            err.print("\r" + line(now));
            err.flush();
        }
    }

    synchronized void note(String message) {
        err.print("\r" + line(System.nanoTime()) + "\n  " + message + "\n");
        err.flush();
    }

    synchronized void finish() {
        err.print("\r" + line(System.nanoTime()) + "\n");
        err.flush();
    }

    private String line(long now) {
        double share = total == 0 ? 1 : (double) done / total;
        int filled = (int) Math.round(share * WIDTH);
        double seconds = Math.max(1e-3, (now - startNanos) / 1e9);
        double rate = Math.max(0, done - Math.max(0, firstBytes)) / seconds;
        String eta = rate > 0 && done < total ? clock((total - done) / rate) : "--:--";
        return String.format(Locale.ROOT, "%s [%s%s] %3d%% %s/%s %s/s ETA %s", name, "#".repeat(filled),
                "-".repeat(WIDTH - filled), (int) Math.floor(share * 100), size(done), size(total), size((long) rate), eta);
    }

    static String size(long bytes) {
        if (bytes >= 1L << 30) {
            return String.format(Locale.ROOT, "%.2f GiB", bytes / (double) (1L << 30));
        }
        if (bytes >= 1L << 20) {
            return String.format(Locale.ROOT, "%.1f MiB", bytes / (double) (1L << 20));
        }
        return String.format(Locale.ROOT, "%.1f KiB", bytes / 1024.0);
    }

    private static String clock(double seconds) {
        long s = (long) Math.ceil(seconds);
        return String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
}
