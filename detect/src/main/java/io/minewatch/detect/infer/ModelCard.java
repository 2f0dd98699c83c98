package io.minewatch.detect.infer;

import com.fasterxml.jackson.annotation.JacksonInject;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.OptBoolean;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A model card ({@code models/<name>/model.yaml}): the model file and its hash, how to feed it, how
 * to read its output, and which of its classes the server acts on.
 *
 * <p>Read strictly by {@link #load(Path)}: an unknown, missing or out-of-range key is an error naming
 * the card file and the key. Every key in {@code categories} must be one of the {@code classes}.
 *
 * @param cardFile   the YAML file this card was read from (not a YAML key)
 * @param name       the model's name, usually its directory name
 * @param file       the model file, relative to the card's directory; {@code ../<card>/<file>} shares
 *                   a sibling card's weights (same network, another category map or threshold)
 * @param sha256     lowercase hex sha256 of {@code file}
 * @param sizeBytes  size of {@code file} in bytes
 * @param sources    where {@code scripts/fetch-models} may download the file; the first is used
 * @param license    the licence of the weights (SPDX id)
 * @param input      how a frame becomes the input tensor
 * @param output     how the output tensor is decoded
 * @param nmsIou     IoU above which a lower-scored box of the same class is suppressed
 * @param minScore   detections scoring below this are dropped
 * @param classes    class names in output order
 * @param categories class name → category (and, optionally, a higher minimum score for that class,
 *                   {@link ClassMapping}) for the classes the server acts on; others are dropped
 */
public record ModelCard(
        @JacksonInject(value = ModelCardReader.CARD_FILE, useInput = OptBoolean.FALSE) Path cardFile,
        @JsonProperty("name") String name,
        @JsonProperty("file") String file,
        @JsonProperty("sha256") String sha256,
        @JsonProperty("size_bytes") long sizeBytes,
        @JsonProperty("sources") List<String> sources,
        @JsonProperty("license") String license,
        @JsonProperty("input") InputSpec input,
        @JsonProperty("output") OutputSpec output,
        @JsonProperty("nms_iou") float nmsIou,
        @JsonProperty("min_score") float minScore,
        @JsonProperty("classes") List<String> classes,
        @JsonProperty("categories") Map<String, ClassMapping> categories) {

    /** The card's file name inside a model directory. */
    public static final String CARD_FILE_NAME = "model.yaml";

    /** The categories a card may map classes to: what the rules understand. */
    public static final java.util.Set<Category> CATEGORIES = Category.cardCategories();

    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    /** A file in the card's folder, or in a sibling card's folder (a second card over the same weights). */
    private static final Pattern PLAIN_FILE = Pattern.compile(
            "(\\.\\./[A-Za-z0-9][A-Za-z0-9._-]*/)?[A-Za-z0-9][A-Za-z0-9._-]*");

    public ModelCard {
        require(cardFile != null, "card file: unknown");
        require(name != null && !name.isBlank(), "name: must not be empty");
        require(file != null && PLAIN_FILE.matcher(file).matches(),
                "file: must be a plain file name in the card's directory (or ../<card>/<file>, a sibling card's),"
                        + " got " + file);
        require(sha256 != null && SHA256.matcher(sha256).matches(),
                "sha256: must be 64 lowercase hex digits, got " + sha256);
        require(sizeBytes > 0, "size_bytes: must be positive, got " + sizeBytes);
        require(sources != null, "sources: must be a list (may be empty)");
        require(license != null && !license.isBlank(), "license: must not be empty");
        require(nmsIou > 0f && nmsIou <= 1f, "nms_iou: must be in (0, 1], got " + nmsIou);
        require(minScore >= 0f && minScore <= 1f, "min_score: must be in [0, 1], got " + minScore);
        require(classes != null && !classes.isEmpty(), "classes: must list the model's classes");
        require(new HashSet<>(classes).size() == classes.size(), "classes: names must be unique");
        require(categories != null && !categories.isEmpty(), "categories: must map at least one class");
        for (Map.Entry<String, ClassMapping> e : categories.entrySet()) {
            require(classes.contains(e.getKey()), "categories: '" + e.getKey()
                    + "' is not one of the " + classes.size() + " classes");
            Category c = e.getValue() == null ? null : e.getValue().category();
            require(c != null && CATEGORIES.contains(c),
                    "categories: '" + e.getKey() + "' maps to '" + c + "', not one of "
                            + new java.util.TreeSet<>(CATEGORIES.stream().map(Category::wire).toList()));
            float own = e.getValue().minScore();
            require(own == 0f || own >= minScore, "categories: '" + e.getKey() + "' min_score " + own
                    + " is below the card's min_score " + minScore + " (a class threshold only raises it)");
        }
        sources = List.copyOf(sources);
        classes = List.copyOf(classes);
        categories = Map.copyOf(categories);
    }

    /**
     * Reads a card strictly.
     *
     * @param cardDirOrYaml a model directory holding {@code model.yaml}, or the YAML file itself
     * @throws DetectorException naming the card file and the offending key
     */
    public static ModelCard load(Path cardDirOrYaml) throws DetectorException {
        return ModelCardReader.read(cardDirOrYaml);
    }

    /** The model file: the card's directory resolved against {@link #file()}. */
    public Path modelFile() {
        return cardFile.toAbsolutePath().getParent().resolve(file);
    }

    /** The category class {@code classId} maps to, or {@code null} when the server ignores it. */
    public Category categoryOf(int classId) {
        ClassMapping m = classId >= 0 && classId < classes.size() ? categories.get(classes.get(classId)) : null;
        return m == null ? null : m.category();
    }

    /**
     * The lowest score at which a detection of class {@code classId} is kept: the card's
     * {@code min_score}, or the class's own when the category map gives a higher one; infinity for a
     * class the server ignores.
     */
    public float minScoreOf(int classId) {
        ClassMapping m = classId >= 0 && classId < classes.size() ? categories.get(classes.get(classId)) : null;
        return m == null ? Float.POSITIVE_INFINITY : Math.max(minScore, m.minScore());
    }

    /**
     * Checks that the model file exists and has the card's sha256.
     *
     * @throws DetectorException when it is missing (run {@code scripts/fetch-models}) or differs,
     *                           naming the file, the expected and the actual hash
     */
    public void verify() throws DetectorException {
        Path model = modelFile();
        if (!Files.isRegularFile(model)) {
            throw new DetectorException("model file " + model + " named by " + cardFile
                    + " is missing: run scripts/fetch-models");
        }
        String actual;
        long size;
        try (InputStream in = Files.newInputStream(model)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            size = 0;
            for (int n; (n = in.read(buf)) > 0; size += n) {
                digest.update(buf, 0, n);
            }
            actual = HexFormat.of().formatHex(digest.digest());
        } catch (IOException | NoSuchAlgorithmException e) {
            throw new DetectorException("cannot read model file " + model + ": " + e.getMessage(), e);
        }
        if (!actual.equals(sha256)) {
            throw new DetectorException("model file " + model + " does not match " + cardFile
                    + ": expected sha256 " + sha256 + ", actual " + actual + " (" + size + " bytes, card says "
                    + sizeBytes + "); delete it and run scripts/fetch-models");
        }
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
