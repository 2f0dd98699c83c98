package io.minewatch.detect.infer;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.InjectableValues;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;

/** Reads model cards with strict Jackson YAML and turns its failures into messages naming the key. */
final class ModelCardReader {

    /** Injection id of {@link ModelCard#cardFile()}, which is not a YAML key. */
    static final String CARD_FILE = "minewatch.cardFile";

    /** Cards are a few kilobytes; refuse anything that is plainly not one. */
    private static final long MAX_CARD_BYTES = 1 << 20;

    private static final ObjectMapper MAPPER = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_CREATOR_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private ModelCardReader() {
    }

    static ModelCard read(Path cardDirOrYaml) throws DetectorException {
        Path card = Files.isDirectory(cardDirOrYaml)
                ? cardDirOrYaml.resolve(ModelCard.CARD_FILE_NAME) : cardDirOrYaml;
        card = card.toAbsolutePath().normalize();
        try {
            if (!Files.isRegularFile(card)) {
                throw new DetectorException("model card " + card + " does not exist (looked for "
                        + cardDirOrYaml + (Files.isDirectory(cardDirOrYaml) ? "" : " or a directory holding "
                        + ModelCard.CARD_FILE_NAME) + ")");
            }
            if (Files.size(card) > MAX_CARD_BYTES) {
                throw new DetectorException("model card " + card + " is larger than " + MAX_CARD_BYTES + " bytes");
            }
            byte[] yaml = Files.readAllBytes(card);
            return MAPPER.readerFor(ModelCard.class)
                    .with(new InjectableValues.Std().addValue(CARD_FILE, card))
                    .readValue(yaml);
        } catch (UnrecognizedPropertyException e) {
            throw new DetectorException("model card " + card + ": unknown key '" + path(e)
                    + "' (known here: " + e.getKnownPropertyIds().stream().map(String::valueOf).sorted()
                    .collect(Collectors.joining(", ")) + ")", e);
        } catch (ValueInstantiationException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            String key = path(e);
            // A value refused by its type (a category name) names its key; the card's own checks do already.
            throw new DetectorException("model card " + card + ": " + (key.equals("(top level)") ? ""
                    : "key '" + key + "': ") + cause.getMessage(), e);
        } catch (JsonMappingException e) {
            throw new DetectorException("model card " + card + ": key '" + path(e) + "': "
                    + e.getOriginalMessage(), e);
        } catch (JsonProcessingException e) {
            throw new DetectorException("model card " + card + " is not valid YAML: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new DetectorException("cannot read model card " + card + ": " + e.getMessage(), e);
        }
    }

    /** The dotted key path of a mapping error, e.g. {@code input.pad_value} or {@code classes[3]}. */
    private static String path(JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                sb.append(sb.length() == 0 ? "" : ".").append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        }
        return sb.length() == 0 ? "(top level)" : sb.toString();
    }
}
