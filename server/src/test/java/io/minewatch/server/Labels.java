package io.minewatch.server;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Reads a labels file: one appearance a line, {@code start_s end_s category [zone] # note}. */
record Labels(List<Appearance> appearances) {

    /** One object in view from {@code start} to {@code end} seconds. */
    record Appearance(double start, double end, String category, String note) {
        boolean covers(double t, double slack) {
            return t >= start - slack && t <= end + slack;
        }
    }

    /** A labels file from the project's top-level {@code labels/} folder, e.g. {@code /labels/x.labels}. */
    static Labels resource(String name) throws IOException {
        java.nio.file.Path root = java.nio.file.Path.of(System.getProperty("minewatch.models", "../models")).getParent();
        try (InputStream in = java.nio.file.Files.newInputStream(root.resolve(name.substring(1)))) {
            List<Appearance> list = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                int hash = line.indexOf('#');
                String body = (hash >= 0 ? line.substring(0, hash) : line).trim();
                if (body.isEmpty()) {
                    continue;
                }
                String[] f = body.split("\\s+");
                String note = hash >= 0 ? line.substring(hash + 1).trim() : "";
                list.add(new Appearance(Double.parseDouble(f[0]), Double.parseDouble(f[1]), f[2], note));
            }
            return new Labels(List.copyOf(list));
        }
    }

    long count(String category) {
        return appearances.stream().filter(a -> a.category().equals(category)).count();
    }
}
