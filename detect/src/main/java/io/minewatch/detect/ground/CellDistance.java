package io.minewatch.detect.ground;

/**
 * How far one cell's structure has moved from its reference, as a score where 1 is "changed": the
 * largest of the orientation-histogram distance (Hellinger, counted only where both sides have
 * texture to orient), the texture-strength ratio and the edge-density difference, each over its
 * threshold. Thresholds were set on shared footage (ground-change tests) so that gain, offset,
 * sensor noise and a shadow's interior stay well below 1 and a new surface goes well above.
 */
final class CellDistance {
    /** Hellinger distance between orientation histograms that counts as changed. */
    static final float ORIENTATION = 0.40f;
    /** Texture strength ratio that counts as changed (x1.9 or /1.9). */
    static final float STRENGTH_RATIO = (float) Math.log(1.9);
    /** Edge-density difference that counts as changed. */
    static final float EDGE_DENSITY = 0.25f;
    /** Texture strength below which a cell's orientations are mostly noise. */
    static final float TEXTURED = 0.10f;
    /** Added to strengths before their ratio, so flat cells do not flip on noise. */
    private static final float STRENGTH_FLOOR = 0.04f;

    private CellDistance() {
    }

    /** The score of cell {@code i} of {@code a} against cell {@code j} of {@code b} (packed features). */
    static float score(float[] a, int i, float[] b, int j) {
        int oa = i * CellFeatures.LEN;
        int ob = j * CellFeatures.LEN;
        float bc = 0;
        for (int k = 0; k < CellFeatures.BINS; k++) {
            bc += (float) Math.sqrt(a[oa + k] * b[ob + k]);
        }
        float hellinger = (float) Math.sqrt(Math.max(0, 1 - bc));
        float sa = a[oa + CellFeatures.STRENGTH];
        float sb = b[ob + CellFeatures.STRENGTH];
        float textured = Math.min(1f, Math.min(sa, sb) / TEXTURED);
        float ratio = Math.abs((float) Math.log((sa + STRENGTH_FLOOR) / (sb + STRENGTH_FLOOR)));
        float edges = Math.abs(a[oa + CellFeatures.EDGES] - b[ob + CellFeatures.EDGES]);
        return Math.max(textured * hellinger / ORIENTATION, Math.max(ratio / STRENGTH_RATIO, edges / EDGE_DENSITY));
    }
}
