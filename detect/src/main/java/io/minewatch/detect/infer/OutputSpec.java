package io.minewatch.detect.infer;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The {@code output:} block of a model card: which {@link OutputDecoder} reads the network's output.
 *
 * @param decoder the output family; {@code yolox} today
 * @param strides the feature-map strides in output row order (YOLOX: 8, 16, 32)
 * @param scores  how a score is formed; {@code obj_x_cls} = objectness × class probability
 */
public record OutputSpec(
        @JsonProperty("decoder") String decoder,
        @JsonProperty("strides") List<Integer> strides,
        @JsonProperty("scores") String scores) {

    public OutputSpec {
        if (decoder == null || decoder.isBlank()) {
            throw new IllegalArgumentException("output.decoder: must not be empty");
        }
        if (strides == null || strides.isEmpty()) {
            throw new IllegalArgumentException("output.strides: must list at least one stride");
        }
        for (Integer s : strides) {
            if (s == null || s < 1) {
                throw new IllegalArgumentException("output.strides: must be positive, got " + strides);
            }
        }
        if (!"obj_x_cls".equals(scores)) {
            throw new IllegalArgumentException("output.scores: only obj_x_cls is supported, got " + scores);
        }
        strides = List.copyOf(strides);
    }
}
