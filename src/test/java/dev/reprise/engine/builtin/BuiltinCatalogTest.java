package dev.reprise.engine.builtin;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.reprise.engine.spi.StepHandler;
import dev.reprise.engine.spi.StepInput;
import dev.reprise.run.Json;
import org.junit.jupiter.api.Test;

import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class BuiltinCatalogTest {

    @SuppressWarnings("rawtypes") // ServiceLoader cannot name a parameterized service type
    static List<StepHandler<?>> handlers() {
        // the test class path also registers test-only handlers (engine.testing); only built-ins count here
        return ServiceLoader.load(StepHandler.class).stream()
                .filter(provider -> provider.type().getPackageName().equals(BuiltinCatalogTest.class.getPackageName()))
                .map(provider -> (StepHandler<?>) provider.get())
                .collect(Collectors.toList());
    }

    @Test
    void everyBuiltinIsFoundByServiceLoaderUnderAUniqueType() {
        List<String> types = handlers().stream().map(StepHandler::type).toList();

        assertThat(types).doesNotHaveDuplicates().containsExactlyInAnyOrder(
                "dataset.generate", "csv.parse", "csv.aggregate", "json.transform", "file.write", "http.request",
                "list.range", "math.sum", "ml.dataset", "ml.split", "ml.train", "ml.evaluate", "ml.select_best", "noop");
    }

    @Test
    void everyInputTypeIsARecordWhoseComponentsAreDescribed() {
        for (StepHandler<?> handler : handlers()) {
            assertThat(handler.inputType().isRecord()).as(handler.type() + " input type is a record").isTrue();
            assertThat(handler.description()).as(handler.type() + " description").isNotBlank();
            for (RecordComponent component : handler.inputType().getRecordComponents()) {
                StepInput input = component.getAnnotation(StepInput.class);
                assertThat(input).as(handler.type() + "." + component.getName() + " has @StepInput").isNotNull();
                assertThat(input.description()).as(handler.type() + "." + component.getName()).isNotBlank();
                assertThat(component.getName()).as("flow-file spelling").matches("[a-z][a-z0-9_]*");
            }
        }
    }

    @Test
    void everyInputRecordBindsFromAnEmptyObjectAsTheEngineBindsInputs() {
        ObjectMapper mapper = Json.newMapper();
        for (StepHandler<?> handler : handlers()) {
            assertThat(mapper.convertValue(Map.of(), handler.inputType())).as(handler.type()).isNotNull();
        }
    }

    @Test
    void filesListsAndJsonValuesBindFromTheirJsonForms() throws Exception {
        ObjectMapper mapper = Json.newMapper();

        CsvParseHandler.Inputs parse = mapper.readValue(
                "{\"file\": \"data/trips.csv\", \"datetime_columns\": [\"started_at\"]}", CsvParseHandler.Inputs.class);
        MathSumHandler.Inputs sum = mapper.readValue("{\"values\": [1, 2.5, \"3\"]}", MathSumHandler.Inputs.class);
        JsonTransformHandler.Inputs transform = mapper.readValue(
                "{\"value\": {\"a\": [1]}, \"mappings\": {\"z\": \"/a/0\", \"y\": \"/a\"}}", JsonTransformHandler.Inputs.class);
        MlTrainHandler.Inputs train = mapper.readValue(
                "{\"train\": \"t.json\", \"learning_rate\": 0.01, \"epochs\": 10}", MlTrainHandler.Inputs.class);

        assertThat(parse.file()).isEqualTo(Path.of("data/trips.csv"));
        assertThat(parse.datetime_columns()).containsExactly("started_at");
        assertThat(sum.values()).extracting(BigDecimal::toPlainString).containsExactly("1", "2.5", "3");
        assertThat(transform.mappings().keySet()).containsExactly("z", "y");
        assertThat(transform.value().at("/a/0").asInt()).isEqualTo(1);
        assertThat(train.learning_rate()).isEqualTo(0.01);
    }

    @Test
    void typesLookLikeDottedLowerCaseNames() {
        assertThat(handlers().stream().collect(Collectors.toMap(StepHandler::type, Function.identity())).keySet())
                .allMatch(type -> type.matches("[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)*"));
    }
}
