package dev.reprise.engine.builtin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The JSON files the {@code ml.*} steps pass along — a labelled {@link Dataset} and a logistic-regression
 * {@link Model} — and the model's arithmetic. Thread-safe.
 */
final class MlFiles {

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private MlFiles() {
    }

    /** Rows of numeric features {@code x} with 0/1 labels {@code y}. */
    record Dataset(List<String> features, double[][] x, int[] y) {
        Dataset {
            features = List.copyOf(features);
            if (x.length != y.length) {
                throw new IllegalArgumentException("dataset has " + x.length + " rows but " + y.length + " labels");
            }
            for (int i = 0; i < x.length; i++) {
                if (x[i].length != features.size()) {
                    throw new IllegalArgumentException("dataset row " + i + " has " + x[i].length
                            + " values but there are " + features.size() + " features");
                }
            }
        }

        int rows() {
            return y.length;
        }
    }

    /** A trained logistic regression: {@code p(y=1) = sigmoid(bias + weights · x)}. */
    record Model(String kind, List<String> features, double[] weights, double bias, double learning_rate, int epochs,
                 double train_loss, int train_rows) {
        Model {
            features = List.copyOf(features);
        }

        double probability(double[] x) {
            return MlFiles.probability(weights, bias, x);
        }
    }

    static double probability(double[] weights, double bias, double[] x) {
        double z = bias;
        for (int j = 0; j < weights.length; j++) {
            z += weights[j] * x[j];
        }
        return 1.0 / (1.0 + Math.exp(-z));
    }

    /** Mean log loss of probabilities {@code p} against labels {@code y}, clipped away from log(0). */
    static double logLoss(double[] p, int[] y) {
        double sum = 0;
        for (int i = 0; i < y.length; i++) {
            double q = Math.min(1 - 1e-12, Math.max(1e-12, p[i]));
            sum -= y[i] == 1 ? Math.log(q) : Math.log(1 - q);
        }
        return y.length == 0 ? 0 : sum / y.length;
    }

    static Dataset readDataset(Path file, String input) throws IOException {
        return read(file, input, Dataset.class, "a dataset (features, x, y)");
    }

    static Model readModel(Path file, String input) throws IOException {
        return read(file, input, Model.class, "a model (kind, features, weights, bias, …)");
    }

    static void write(Path file, Object value) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        MAPPER.writeValue(file.toFile(), value);
    }

    private static <T> T read(Path file, String input, Class<T> type, String what) throws IOException {
        if (file == null) {
            throw new IllegalArgumentException(input + " is required: " + what + " as JSON");
        }
        try {
            return MAPPER.readValue(file.toFile(), type);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(input + " (" + file.getFileName() + ") is not " + what + ": "
                    + e.getOriginalMessage(), e);
        }
    }
}
