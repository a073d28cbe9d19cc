package dev.reprise.bench;

import dev.reprise.flow.Flow;
import dev.reprise.flow.FlowParser;
import dev.reprise.flow.FlowValidator;
import dev.reprise.flow.InputType;
import dev.reprise.flow.StepTypeCatalog;
import dev.reprise.flow.StepTypeInfo;
import dev.reprise.flow.Templates;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Parses and validates a generated flow of 10,000 steps (100 wide, 100 deep; each step needs the step
 * above it or refers to its output) and prints cold and warm times; then flows of 1, 2 and 4 MB, valid and
 * with a misspelt reference in every step, whose times should grow as their sizes do. Run with
 * {@code mvn -Pbench test -Dtest=FlowParseBenchmark}.
 */
@Tag("bench")
class FlowParseBenchmark {

    private static final int WIDTH = 100;
    private static final int DEPTH = 100;
    private static final int WARMUP = 30;
    private static final int MEASURED = 30;

    private static final StepTypeCatalog CATALOG = new StepTypeCatalog() {
        private final StepTypeInfo generate = new StepTypeInfo("dataset.generate",
                Map.of("month", InputType.STRING, "rows", InputType.INTEGER), Set.of("month"), false, "");

        @Override
        public Optional<StepTypeInfo> find(String type) {
            return type.equals(generate.type()) ? Optional.of(generate) : Optional.empty();
        }

        @Override
        public Collection<StepTypeInfo> all() {
            return List.of(generate);
        }
    };

    @Test
    void parseAndValidateTenThousandSteps() {
        String source = generate();

        long coldStart = System.nanoTime();
        Flow cold = new FlowValidator(CATALOG, new Templates()).load(source, "wide.yaml");
        double coldMs = millis(System.nanoTime() - coldStart);
        assertThat(cold.steps()).hasSize(WIDTH * DEPTH);

        for (int i = 0; i < WARMUP; i++) {
            new FlowValidator(CATALOG, new Templates()).load(source, "wide.yaml");
        }
        double[] fresh = new double[MEASURED];
        for (int i = 0; i < MEASURED; i++) {
            long start = System.nanoTime();
            new FlowValidator(CATALOG, new Templates()).load(source, "wide.yaml");
            fresh[i] = millis(System.nanoTime() - start);
        }
        FlowValidator reused = new FlowValidator(CATALOG, new Templates());
        double[] cached = new double[MEASURED];
        for (int i = 0; i < MEASURED; i++) {
            long start = System.nanoTime();
            reused.load(source, "wide.yaml");
            cached[i] = millis(System.nanoTime() - start);
        }
        FlowParser parser = new FlowParser();
        double[] parseOnly = new double[MEASURED];
        for (int i = 0; i < MEASURED; i++) {
            long start = System.nanoTime();
            parser.read(source, "wide.yaml");
            parseOnly[i] = millis(System.nanoTime() - start);
        }

        System.out.printf("FlowParseBenchmark: %d steps, %,d characters of YAML%n", WIDTH * DEPTH, source.length());
        System.out.printf("  cold (first load in this JVM)          %8.1f ms%n", coldMs);
        System.out.printf("  warm, new validator each time   median %8.1f ms, min %6.1f, max %6.1f%n",
                median(fresh), min(fresh), max(fresh));
        System.out.printf("  warm, one validator (cached templates) %8.1f ms, min %6.1f%n", median(cached), min(cached));
        System.out.printf("  warm, parse only                median %8.1f ms, min %6.1f%n", median(parseOnly),
                min(parseOnly));
    }

    @Test
    void parseAndValidateTimeGrowsAsTheFlowDoes() {
        FlowValidator warm = new FlowValidator(CATALOG, new Templates());
        for (int i = 0; i < 5; i++) {
            warm.check(generate(20, false), "warmup.yaml");
            warm.check(generate(20, true), "warmup.yaml");
        }
        System.out.println("FlowParseBenchmark: parse + validate by size (best of 3, new validator each time)");
        for (boolean misspelt : new boolean[] {false, true}) {
            for (int megabytes : new int[] {1, 2, 4}) {
                // about 11,000 characters a layer of 100 steps
                String source = generate(megabytes * 1024 * 1024 / 11_000, misspelt);
                double best = Double.MAX_VALUE;
                int problems = 0;
                for (int i = 0; i < 3; i++) {
                    long start = System.nanoTime();
                    problems = new FlowValidator(CATALOG, new Templates()).check(source, "sized.yaml").size();
                    best = Math.min(best, millis(System.nanoTime() - start));
                }
                System.out.printf("  %-9s %,11d characters  %8.1f ms  (%,d problems)%n",
                        misspelt ? "misspelt" : "valid", source.length(), best, problems);
            }
        }
    }

    static String generate() {
        return generate(DEPTH, false);
    }

    /**
     * Layer 0 has no dependencies; in later layers even columns need the step above and odd ones read its
     * output. Every tenth column is a catalog step with literal inputs; every seventh step retries. When
     * {@code misspelt}, each reference to the step above names a step that does not exist.
     */
    static String generate(int depth, boolean misspelt) {
        StringBuilder yaml = new StringBuilder(WIDTH * depth * 140);
        yaml.append("id: wide_and_deep\n")
                .append("inputs:\n")
                .append("  month: { type: string, default: \"2024-03\", pattern: \"\\\\d{4}-\\\\d{2}\" }\n")
                .append("steps:\n");
        for (int layer = 0; layer < depth; layer++) {
            for (int column = 0; column < WIDTH; column++) {
                String above = (misspelt ? "x" : "s") + (layer - 1) + "_" + column;
                yaml.append("  s").append(layer).append('_').append(column).append(":\n");
                if (column % 10 == 0) {
                    yaml.append("    type: dataset.generate\n")
                            .append("    inputs: { month: \"{{ inputs.month }}\", rows: 100 }\n");
                } else {
                    yaml.append("    type: shell\n");
                    if (layer > 0 && column % 2 == 1) {
                        yaml.append("    inputs: { above: \"{{ steps.").append(above).append(".outputs.out }}\" }\n");
                    }
                    yaml.append("    run: echo \"out=$REPRISE_INPUT_above\" >> \"$REPRISE_OUTPUTS\"\n");
                }
                if (layer > 0 && column % 2 == 0) {
                    yaml.append("    needs: [").append(above).append("]\n");
                }
                if ((layer * WIDTH + column) % 7 == 0) {
                    yaml.append("    retry: { attempts: 3, backoff: 2s }\n    timeout: 5m\n");
                }
            }
        }
        return yaml.toString();
    }

    private static double millis(long nanos) {
        return nanos / 1_000_000.0;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static double min(double[] values) {
        return Arrays.stream(values).min().orElseThrow();
    }

    private static double max(double[] values) {
        return Arrays.stream(values).max().orElseThrow();
    }
}
