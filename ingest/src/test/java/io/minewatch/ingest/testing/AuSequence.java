package io.minewatch.ingest.testing;

import io.minewatch.ingest.rtp.AccessUnit;
import java.util.List;

/** Checks that received access units are exactly consecutive packets of a looping clip. */
public final class AuSequence {
    private static final double TOLERANCE_S = 0.002;

    private AuSequence() {
    }

    /**
     * Returns null when every access unit matches the next packet of the clip (decode order, same
     * presentation-time steps, same key flags), allowing one free jump at each loop boundary; else
     * a description of the first mismatch.
     */
    public static String check(List<AccessUnit> aus, ClipIndex clip) {
        if (aus.isEmpty()) {
            return "no access units";
        }
        int n = clip.size();
        String best = "";
        int bestAt = -1;
        for (int k = 0; k < n; k++) {
            if (!clip.key()[k] || !aus.get(0).keyFrame()) {
                continue;
            }
            String problem = matchFrom(aus, clip, k);
            if (problem == null) {
                return null;
            }
            int at = Integer.parseInt(problem.replaceAll("^\\D*(\\d+).*$", "$1"));
            if (at > bestAt) {
                bestAt = at;
                best = problem + " (aligned at packet " + k + ")";
            }
        }
        return "no alignment of " + aus.size() + " access units with the clip's " + n + " packets; best: " + best;
    }

    private static String matchFrom(List<AccessUnit> aus, ClipIndex clip, int k) {
        int n = clip.size();
        double base = aus.get(0).ptsMicros() / 1e6 - clip.pts()[k];
        for (int i = 1; i < aus.size(); i++) {
            int j = (k + i) % n;
            AccessUnit au = aus.get(i);
            double t = au.ptsMicros() / 1e6;
            if (j == 0) {
                // loop boundary: the new loop starts at its own offset
                base = t - clip.pts()[0];
            }
            if (Math.abs(t - base - clip.pts()[j]) > TOLERANCE_S) {
                return "access unit " + i + ": pts " + (t - base) + " does not match packet " + j + " at "
                        + clip.pts()[j];
            }
            if (au.keyFrame() != clip.key()[j]) {
                return "access unit " + i + ": key flag differs from packet " + j;
            }
        }
        return null;
    }
}
