package dev.reprise.engine.builtin;

import dev.reprise.engine.spi.StepContext;
import dev.reprise.engine.spi.StepHandler;
import dev.reprise.engine.spi.StepInput;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * {@code ml.dataset}: a synthetic binary-classification data set — Gaussian features on different
 * scales, labels from a hidden linear rule plus noise — written as a JSON dataset file for
 * {@code ml.split}. Deterministic for a seed. Stateless and thread-safe.
 */
public final class MlDatasetHandler implements StepHandler<MlDatasetHandler.Inputs> {

    /** The inputs of {@code ml.dataset}. */
    public record Inputs(
            @StepInput(description = "How many labelled rows (10 to 100,000; default 400)")
            Integer rows,
            @StepInput(description = "How many numeric features (1 to 20; default 4)")
            Integer features,
            @StepInput(description = "Label noise: 0 is perfectly separable, 1 is quite noisy (default 0.5)")
            Double noise,
            @StepInput(description = "Seed of the random generator (default 7)")
            Long seed) {
    }

    /** Feature scales cycle through these, so an unscaled model is sensitive to its learning rate. */
    private static final double[] SCALES = {1.0, 4.0, 0.5, 2.0};

    @Override
    public String type() {
        return "ml.dataset";
    }

    @Override
    public Class<Inputs> inputType() {
        return Inputs.class;
    }

    @Override
    public String description() {
        return "Generates a deterministic synthetic binary-classification dataset (JSON)";
    }

    @Override
    public Map<String, Object> run(Inputs inputs, StepContext context) throws Exception {
        int rows = inputs.rows() == null ? 400 : inputs.rows();
        int features = inputs.features() == null ? 4 : inputs.features();
        double noise = inputs.noise() == null ? 0.5 : inputs.noise();
        long seed = inputs.seed() == null ? 7L : inputs.seed();
        if (rows < 10 || rows > 100_000) {
            throw new IllegalArgumentException("rows must be between 10 and 100000, was " + rows);
        }
        if (features < 1 || features > 20) {
            throw new IllegalArgumentException("features must be between 1 and 20, was " + features);
        }
        if (noise < 0 || Double.isNaN(noise)) {
            throw new IllegalArgumentException("noise must be 0 or more, was " + noise);
        }
        Random random = new Random(seed);
        double[] hidden = new double[features];
        List<String> names = new ArrayList<>();
        for (int j = 0; j < features; j++) {
            hidden[j] = random.nextGaussian() * 1.5 / SCALES[j % SCALES.length];
            names.add("x" + (j + 1));
        }
        double hiddenBias = 0.5 * random.nextGaussian();
        double[][] x = new double[rows][features];
        int[] y = new int[rows];
        int positives = 0;
        for (int i = 0; i < rows; i++) {
            double z = hiddenBias;
            for (int j = 0; j < features; j++) {
                x[i][j] = Math.round(random.nextGaussian() * SCALES[j % SCALES.length] * 1000) / 1000.0;
                z += hidden[j] * x[i][j];
            }
            y[i] = z + noise * random.nextGaussian() > 0 ? 1 : 0;
            positives += y[i];
        }
        Path file = context.outputFile("dataset.json");
        MlFiles.write(file, new MlFiles.Dataset(names, x, y));
        context.log().printf("%d rows, %d features, %d positive (seed %d, noise %s)%n", rows, features, positives, seed, noise);
        return Map.of("file", file, "rows", rows, "features", names);
    }
}
