package io.minewatch.detect.infer;

import java.util.List;

/**
 * Turns a network's raw output into detections in source-frame pixels; one implementation per
 * output family, chosen by a card's {@code output.decoder}.
 *
 * <p>Implementations are stateless and thread-safe.
 */
public interface OutputDecoder {

    /**
     * Decodes one frame's output.
     *
     * @param output      the network's first output, flattened
     * @param ratio       the letterbox resize factor (tensor pixels per source pixel)
     * @param imageWidth  source frame width, for clipping
     * @param imageHeight source frame height, for clipping
     * @return detections of mapped classes only, after NMS, by descending score
     * @throws IllegalArgumentException when {@code output} does not have the expected size
     */
    List<Detection> decode(float[] output, float ratio, int imageWidth, int imageHeight);

    /**
     * The decoder a card names.
     *
     * @throws DetectorException when the card names an output family this build cannot decode
     */
    static OutputDecoder forCard(ModelCard card) throws DetectorException {
        String family = card.output().decoder();
        if ("yolox".equals(family)) {
            return new YoloxDecoder(card);
        }
        throw new DetectorException("model card " + card.cardFile() + ": output.decoder '" + family
                + "' is not supported (known: yolox)");
    }
}
