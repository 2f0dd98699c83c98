package io.minewatch.ingest.telemetry;

import java.util.List;

/**
 * One subtitle cue as written: its lines (without line ends), the first on line {@code firstLine} of the file.
 */
record SrtBlock(int firstLine, List<String> lines) {
    SrtBlock {
        lines = List.copyOf(lines);
    }

    /** The file line of the i-th line of the block. */
    int lineOf(int i) {
        return firstLine + i;
    }
}
