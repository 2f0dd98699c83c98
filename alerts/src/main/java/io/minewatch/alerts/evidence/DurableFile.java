package io.minewatch.alerts.evidence;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Replaces a small evidence file (the audit checkpoint, a clip's sidecar) so that a crash leaves the
 * old content or the new, never a torn file: written beside it, forced to disk, then moved over it.
 */
public final class DurableFile {
    private DurableFile() {
    }

    /**
     * @param what names the file in the error (e.g. "audit checkpoint"); empty for none
     * @throws UncheckedIOException naming the file when it cannot be written
     */
    public static void replace(Path file, String content, String what) {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            Files.writeString(tmp, content);
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ch.force(true);
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + (what.isEmpty() ? "" : what + " ") + file, e);
        }
    }
}
