package dev.reprise.engine.builtin;

import dev.reprise.engine.spi.StepContext;
import dev.reprise.engine.spi.StepHandler;
import dev.reprise.engine.spi.StepInput;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;

/**
 * {@code ml.split}: shuffles a JSON dataset with a seed and splits it into a {@code train} and a
 * {@code test} file. Stateless and thread-safe.
 */
public final class MlSplitHandler implements StepHandler<MlSplitHandler.Inputs> {

    /** The inputs of {@code ml.split}. */
    public record Inputs(
            @StepInput(required = true, description = "The dataset file (JSON, from ml.dataset)")
            Path file,
            @StepInput(description = "Share of rows held out for testing, between 0 and 1 (default 0.25)")
            Double test_fraction,
            @StepInput(description = "Seed of the shuffle (default 7)")
            Long seed) {
    }

    @Override
    public String type() {
        return "ml.split";
    }

    @Override
    public Class<Inputs> inputType() {
        return Inputs.class;
    }

    @Override
    public String description() {
        return "Shuffles a dataset and splits it into train and test files";
    }

    @Override
    public Map<String, Object> run(Inputs inputs, StepContext context) throws Exception {
        MlFiles.Dataset data = MlFiles.readDataset(inputs.file(), "file");
        double fraction = inputs.test_fraction() == null ? 0.25 : inputs.test_fraction();
        if (!(fraction > 0 && fraction < 1)) {
            throw new IllegalArgumentException("test_fraction must be between 0 and 1 (exclusive), was " + fraction);
        }
        int rows = data.rows();
        int testRows = (int) Math.round(rows * fraction);
        if (testRows < 1 || testRows >= rows) {
            throw new IllegalArgumentException("test_fraction " + fraction + " of " + rows
                    + " rows leaves no rows for " + (testRows < 1 ? "testing" : "training"));
        }
        int[] order = new int[rows];
        Arrays.setAll(order, i -> i);
        Random random = new Random(inputs.seed() == null ? 7L : inputs.seed());
        for (int i = rows - 1; i > 0; i--) {
            int k = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[k];
            order[k] = t;
        }
        Path test = context.outputFile("test.json");
        Path train = context.outputFile("train.json");
        MlFiles.write(test, subset(data, order, 0, testRows));
        MlFiles.write(train, subset(data, order, testRows, rows));
        context.log().printf("%d rows: %d for training, %d for testing%n", rows, rows - testRows, testRows);
        return Map.of("train", train, "test", test, "train_rows", rows - testRows, "test_rows", testRows);
    }

    private static MlFiles.Dataset subset(MlFiles.Dataset data, int[] order, int from, int to) {
        double[][] x = new double[to - from][];
        int[] y = new int[to - from];
        for (int i = from; i < to; i++) {
            x[i - from] = data.x()[order[i]];
            y[i - from] = data.y()[order[i]];
        }
        return new MlFiles.Dataset(data.features(), x, y);
    }
}
