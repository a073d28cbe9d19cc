package dev.reprise.engine.builtin;

import dev.reprise.engine.spi.StepContext;
import dev.reprise.engine.spi.StepHandler;
import dev.reprise.engine.spi.StepInput;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.CancellationException;

/**
 * {@code ml.train}: fits a logistic regression to a training file by full-batch gradient descent from
 * zero weights — deterministic, so the learning rate alone decides how good the model gets. A loss that
 * turns infinite or NaN fails the step and says to lower the rate. Stateless and thread-safe.
 */
public final class MlTrainHandler implements StepHandler<MlTrainHandler.Inputs> {

    /** The inputs of {@code ml.train}. */
    public record Inputs(
            @StepInput(required = true, description = "The training dataset file (JSON, from ml.split)")
            Path train,
            @StepInput(required = true, description = "Step size of gradient descent, e.g. 0.01")
            Double learning_rate,
            @StepInput(description = "Passes over the training data (1 to 100,000; default 200)")
            Integer epochs) {
    }

    @Override
    public String type() {
        return "ml.train";
    }

    @Override
    public Class<Inputs> inputType() {
        return Inputs.class;
    }

    @Override
    public String description() {
        return "Trains a logistic regression by gradient descent; the model travels as a JSON file";
    }

    @Override
    public Map<String, Object> run(Inputs inputs, StepContext context) throws Exception {
        MlFiles.Dataset data = MlFiles.readDataset(inputs.train(), "train");
        Double rate = inputs.learning_rate();
        if (rate == null || !(rate > 0) || rate.isInfinite()) {
            throw new IllegalArgumentException("learning_rate must be a number above 0, was " + rate);
        }
        int epochs = inputs.epochs() == null ? 200 : inputs.epochs();
        if (epochs < 1 || epochs > 100_000) {
            throw new IllegalArgumentException("epochs must be between 1 and 100000, was " + epochs);
        }
        int n = data.rows();
        int d = data.features().size();
        double[] w = new double[d];
        double b = 0;
        double[] p = new double[n];
        double loss = Double.NaN;
        int logEvery = Math.max(1, epochs / 5);
        for (int epoch = 1; epoch <= epochs; epoch++) {
            if (context.isCancelled()) {
                throw new CancellationException("cancelled at epoch " + epoch + " of " + epochs);
            }
            double[] gw = new double[d];
            double gb = 0;
            for (int i = 0; i < n; i++) {
                p[i] = MlFiles.probability(w, b, data.x()[i]);
                double error = p[i] - data.y()[i];
                for (int j = 0; j < d; j++) {
                    gw[j] += error * data.x()[i][j];
                }
                gb += error;
            }
            for (int j = 0; j < d; j++) {
                w[j] -= rate * gw[j] / n;
            }
            b -= rate * gb / n;
            loss = MlFiles.logLoss(p, data.y());
            if (!Double.isFinite(loss) || !Double.isFinite(b) || !Arrays.stream(w).allMatch(Double::isFinite)) {
                throw new IllegalStateException("training diverged at epoch " + epoch + " with learning_rate " + rate
                        + " (loss " + loss + "); try a smaller learning rate");
            }
            if (epoch % logEvery == 0 || epoch == 1) {
                context.log().printf("epoch %d/%d: loss %.5f%n", epoch, epochs, loss);
            }
        }
        // the loss above is of the weights before the last update; report the trained model's own
        double finalLoss = MlFiles.logLoss(probabilities(model(data, w, b, rate, epochs, loss), data), data.y());
        MlFiles.Model trained = model(data, w, b, rate, epochs, finalLoss);
        Path file = context.outputFile("model.json");
        MlFiles.write(file, trained);
        context.log().printf("learning_rate %s, %d epochs: training loss %.5f%n", rate, epochs, finalLoss);
        return Map.of("model", file, "train_loss", finalLoss, "learning_rate", rate);
    }

    private static MlFiles.Model model(MlFiles.Dataset data, double[] w, double b, double rate, int epochs, double loss) {
        return new MlFiles.Model("logistic_regression", data.features(), w.clone(), b, rate, epochs, loss, data.rows());
    }

    static double[] probabilities(MlFiles.Model model, MlFiles.Dataset data) {
        double[] p = new double[data.rows()];
        for (int i = 0; i < p.length; i++) {
            p[i] = model.probability(data.x()[i]);
        }
        return p;
    }
}
