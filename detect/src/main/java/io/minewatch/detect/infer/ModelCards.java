package io.minewatch.detect.infer;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Finds model cards by name in a models directory ({@code models/<name>/model.yaml}), so a camera
 * switches models with one config line ({@code detection.model: <name>}). Each card is read and its
 * model file verified once.
 */
public final class ModelCards {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");

    private final Path dir;
    private final String defaultName;
    private final Map<String, ModelCard> cards = new LinkedHashMap<>();

    /**
     * @param defaultCard the card folder used by cameras that name none; its parent is the models directory
     */
    public ModelCards(Path defaultCard) {
        Path card = defaultCard.toAbsolutePath().normalize();
        if (card.getFileName() != null && card.getFileName().toString().equals(ModelCard.CARD_FILE_NAME)) {
            card = card.getParent();
        }
        this.dir = card.getParent();
        this.defaultName = card.getFileName().toString();
    }

    /** The name of the default card. */
    public String defaultName() {
        return defaultName;
    }

    /**
     * The card with this name (null = the default), read and verified on first use.
     *
     * @throws DetectorException naming the card and what is wrong (missing, bad key, sha256 mismatch)
     */
    public ModelCard get(String name) throws DetectorException {
        String n = name == null ? defaultName : name;
        if (!NAME.matcher(n).matches()) {
            throw new DetectorException("model card name '" + n + "' is not a plain folder name");
        }
        ModelCard card = cards.get(n);
        if (card == null) {
            card = ModelCard.load(dir.resolve(n));
            card.verify();
            cards.put(n, card);
        }
        return card;
    }
}
