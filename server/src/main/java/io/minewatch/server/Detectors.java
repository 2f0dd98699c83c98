package io.minewatch.server;

import io.micrometer.core.instrument.MeterRegistry;
import io.minewatch.config.CameraConfig;
import io.minewatch.detect.infer.DetectorException;
import io.minewatch.detect.infer.DetectorPool;
import io.minewatch.detect.infer.DjlModel;
import io.minewatch.detect.infer.ModelCard;
import io.minewatch.detect.infer.ModelCards;
import io.minewatch.detect.infer.ObjectDetector;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The detector stage: every model card a camera names (its {@code detection.model}, a folder beside
 * the default card) checked and loaded once, before any port is bound, and the pool that gives each
 * worker a predictor per model. Closes the pool, then frees the models' native memory.
 */
record Detectors(ModelCards cards, List<DjlModel> models, DetectorPool pool) implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Detectors.class);

    static Detectors load(Path defaultCard, List<CameraConfig> cameras, MeterRegistry registry) throws Exception {
        ModelCards cards = new ModelCards(defaultCard);
        return Stages.assemble(built -> {
            Map<String, Supplier<ObjectDetector>> detectors = new LinkedHashMap<>();
            List<DjlModel> models = new ArrayList<>();
            for (CameraConfig camera : cameras) {
                String name = modelName(cards, camera);
                if (camera.enabled() && !detectors.containsKey(name)) {
                    DjlModel model = built.add(load(card(cards, camera)));
                    models.add(model);
                    detectors.put(name, model::newDetector);
                }
            }
            if (detectors.isEmpty()) {
                DjlModel model = built.add(load(cards.get(null)));
                models.add(model);
                detectors.put(cards.defaultName(), model::newDetector);
            }
            int workers = Math.max(1, Runtime.getRuntime().availableProcessors());
            DetectorPool pool = built.add(new DetectorPool(detectors, workers, registry));
            return new Detectors(cards, List.copyOf(models), pool);
        });
    }

    private static DjlModel load(ModelCard card) throws DetectorException {
        DjlModel model = DjlModel.load(card, 1);
        log.info("model {} loaded from {}", card.name(), card.modelFile());
        return model;
    }

    /** The name of the model a camera uses: its own, or the default card's. */
    private static String modelName(ModelCards cards, CameraConfig camera) {
        return camera.detection().model() == null ? cards.defaultName() : camera.detection().model();
    }

    private static ModelCard card(ModelCards cards, CameraConfig camera) throws DetectorException {
        try {
            return cards.get(modelName(cards, camera));
        } catch (DetectorException e) {
            throw new DetectorException("camera " + camera.id() + ": " + e.getMessage(), e);
        }
    }

    /** The card of the model a camera uses. */
    ModelCard card(CameraConfig camera) throws DetectorException {
        return card(cards, camera);
    }

    /** The camera's slot in the pool, on its model. */
    DetectorPool.Lane lane(CameraConfig camera) {
        return pool.lane(camera.id(), modelName(cards, camera));
    }

    @Override
    public void close() {
        Stages.closeInOrder(pool);
        for (int i = models.size() - 1; i >= 0; i--) {
            Stages.closeInOrder(models.get(i));
        }
    }
}
