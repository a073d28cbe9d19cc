package dev.reprise.engine.builtin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ModelTrainingTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    Path tmp;

    private Path train;
    private Path test;

    @BeforeEach
    void dataset() throws Exception {
        Map<String, Object> data = new MlDatasetHandler().run(new MlDatasetHandler.Inputs(null, null, null, null),
                new TestStepContext(tmp, "load"));
        Map<String, Object> split = new MlSplitHandler().run(
                new MlSplitHandler.Inputs((Path) data.get("file"), null, null), new TestStepContext(tmp, "split"));
        assertThat(split).containsEntry("train_rows", 300).containsEntry("test_rows", 100);
        train = (Path) split.get("train");
        test = (Path) split.get("test");
    }

    private Map<String, Object> trainAndEvaluate(double learningRate) throws Exception {
        String id = "train[" + learningRate + "]";
        Map<String, Object> trained = new MlTrainHandler().run(new MlTrainHandler.Inputs(train, learningRate, null),
                new TestStepContext(tmp, id));
        return new MlEvaluateHandler().run(new MlEvaluateHandler.Inputs((Path) trained.get("model"), test),
                new TestStepContext(tmp, "evaluate" + id));
    }

    @Test
    void aGoodLearningRateBeatsATinyOne() throws Exception {
        Map<String, Object> good = trainAndEvaluate(0.1);
        Map<String, Object> tiny = trainAndEvaluate(0.0001);

        assertThat((double) good.get("loss")).isLessThan((double) tiny.get("loss"));
        assertThat((double) good.get("accuracy")).isGreaterThanOrEqualTo((double) tiny.get("accuracy"));
        assertThat((double) good.get("accuracy")).isGreaterThan(0.8);
    }

    @Test
    void trainingIsDeterministic() throws Exception {
        assertThat(trainAndEvaluate(0.01)).isEqualTo(trainAndEvaluate(0.01));
    }

    @Test
    void amongTheExampleLearningRatesTheLargestIsMostAccurate() throws Exception {
        double slow = (double) trainAndEvaluate(0.001).get("accuracy");
        double medium = (double) trainAndEvaluate(0.01).get("accuracy");
        double fast = (double) trainAndEvaluate(0.1).get("accuracy");

        assertThat(slow).isLessThan(medium);
        assertThat(medium).isLessThan(fast);
    }

    @Test
    void aHugeLearningRateFailsSayingToLowerIt() {
        assertThatThrownBy(() -> new MlTrainHandler().run(new MlTrainHandler.Inputs(train, 1e308, 50),
                new TestStepContext(tmp, "train")))
                .hasMessageContaining("training diverged at epoch")
                .hasMessageContaining("try a smaller learning rate");
    }

    @Test
    void theModelTravelsAsAJsonFile() throws Exception {
        Map<String, Object> trained = new MlTrainHandler().run(new MlTrainHandler.Inputs(train, 0.05, 20),
                new TestStepContext(tmp, "train"));

        JsonNode model = MAPPER.readTree(Files.readString((Path) trained.get("model")));
        assertThat(model.get("kind").asText()).isEqualTo("logistic_regression");
        assertThat(model.get("weights")).hasSize(4);
        assertThat(model.get("learning_rate").asDouble()).isEqualTo(0.05);
    }

    @Test
    void selectBestPicksTheHighestAccuracyAndTheFirstOfATie() {
        List<JsonNode> candidates = List.of(
                MAPPER.valueToTree(Map.of("learning_rate", 0.001, "accuracy", 0.7, "loss", 0.6)),
                MAPPER.valueToTree(Map.of("learning_rate", 0.01, "accuracy", 0.9, "loss", 0.3)),
                MAPPER.valueToTree(Map.of("learning_rate", 0.1, "accuracy", 0.9, "loss", 0.2)));

        Map<String, Object> best = new MlSelectBestHandler().run(new MlSelectBestHandler.Inputs(candidates, null, null),
                new TestStepContext(tmp));
        Map<String, Object> lowestLoss = new MlSelectBestHandler().run(
                new MlSelectBestHandler.Inputs(candidates, "loss", "min"), new TestStepContext(tmp));

        assertThat(best).containsEntry("index", 1).containsEntry("value", 0.9);
        assertThat(lowestLoss).containsEntry("index", 2).containsEntry("best", candidates.get(2));
    }

    @Test
    void selectBestNamesACandidateWithoutTheMetric() {
        List<JsonNode> candidates = List.of(MAPPER.valueToTree(Map.of("accuracy", 0.7)),
                MAPPER.valueToTree(Map.of("loss", 0.3)));

        assertThatThrownBy(() -> new MlSelectBestHandler().run(new MlSelectBestHandler.Inputs(candidates, null, null),
                new TestStepContext(tmp)))
                .hasMessage("candidate 1 has no numeric 'accuracy' (it has: loss)");
    }
}
