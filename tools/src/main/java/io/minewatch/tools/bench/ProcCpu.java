package io.minewatch.tools.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** A process's CPU time (user + system) as the kernel counts it in {@code /proc/<pid>/stat}. */
final class ProcCpu {
    private ProcCpu() {
    }

    /**
     * Seconds of CPU used so far by this process (all its threads).
     *
     * @param clockTicks the kernel's USER_HZ ({@code getconf CLK_TCK}, 100 on Linux)
     */
    static double self(int clockTicks) throws IOException {
        String stat = Files.readString(Path.of("/proc/self/stat"));
        // Fields after the command name (which may hold spaces) in parentheses: state is field 3.
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        long utime = Long.parseLong(f[11]);
        long stime = Long.parseLong(f[12]);
        return (utime + stime) / (double) clockTicks;
    }

    /**
     * CPU seconds of this process's live threads so far, summed by thread name with digits dropped
     * ({@code video-cam12} and {@code video-cam3} count as {@code video-cam}): where the time goes.
     */
    static Map<String, Double> threads(int clockTicks) throws IOException {
        Map<String, Double> byName = new TreeMap<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                String stat;
                try {
                    stat = Files.readString(task.resolve("stat"));
                } catch (IOException gone) {
                    continue; // the thread ended meanwhile
                }
                String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')')).replaceAll("[0-9]", "");
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                double s = (Long.parseLong(f[11]) + Long.parseLong(f[12])) / (double) clockTicks;
                byName.merge(name, s, Double::sum);
            }
        }
        return byName;
    }
}
