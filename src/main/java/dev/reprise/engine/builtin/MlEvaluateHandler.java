package dev.reprise.engine.builtin;

import dev.reprise.engine.spi.StepContext;
import dev.reprise.engine.spi.StepHandler;
import dev.reprise.engine.spi.StepInput;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code ml.evaluate}: scores a trained model on a test file — accuracy at a 0.5 threshold and mean log
 * loss — and answers them with the model's learning rate as one {@code metrics} object, ready for
 * {@code ml.select_best}. Stateless and thread-safe.
 */
public final class MlEvaluateHandler implements StepHandler<MlEvaluateHandler.Inputs> {

    /** The inputs of {@code ml.evaluate}. */
    public record Inputs(
            @StepInput(required = true, description = "The model file (JSON, from ml.train)")
            Path model,
            @StepInput(required = true, description = "The test dataset file (JSON, from ml.split)")
            Path test) {
    }

    @Override
    public String type() {
        return "ml.evaluate";
    }

    @Override
    public Class<Inputs> inputType() {
        return Inputs.class;
    }

    @Override
    public String description() {
        return "Measures a model's accuracy and log loss on a test dataset";
    }

    @Override
    public Map<String, Object> run(Inputs inputs, StepContext context) throws Exception {
        MlFiles.Model model = MlFiles.readModel(inputs.model(), "model");
        MlFiles.Dataset test = MlFiles.readDataset(inputs.test(), "test");
        if (!model.features().equals(test.features())) {
            throw new IllegalArgumentException("the model was trained on features " + model.features()
                    + " but the test set has " + test.features());
        }
        if (test.rows() == 0) {
            throw new IllegalArgumentException("the test set has no rows");
        }
        double[] p = MlTrainHandler.probabilities(model, test);
        int correct = 0;
        for (int i = 0; i < p.length; i++) {
            if ((p[i] >= 0.5 ? 1 : 0) == test.y()[i]) {
                correct++;
            }
        }
        double accuracy = round((double) correct / test.rows());
        double loss = round(MlFiles.logLoss(p, test.y()));
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("learning_rate", model.learning_rate());
        metrics.put("epochs", model.epochs());
        metrics.put("accuracy", accuracy);
        metrics.put("loss", loss);
        metrics.put("test_rows", test.rows());
        context.log().printf("learning_rate %s: accuracy %.4f (%d of %d), loss %.4f%n", model.learning_rate(), accuracy,
                correct, test.rows(), loss);
        return Map.of("accuracy", accuracy, "loss", loss, "metrics", metrics);
    }

    /** Six decimals: enough to compare, short enough to read in a table. */
    private static double round(double value) {
        return Math.round(value * 1e6) / 1e6;
    }
}
