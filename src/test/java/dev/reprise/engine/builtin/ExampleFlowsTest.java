package dev.reprise.engine.builtin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.reprise.engine.spi.StepHandler;
import dev.reprise.engine.spi.StepInput;
import dev.reprise.flow.Templates;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The bundled example flows, checked without an engine: valid YAML, only step types that exist, only
 * inputs those types accept, every required input given, templates that compile and refer to declared
 * steps. Running them end to end belongs to the engine's tests.
 */
class ExampleFlowsTest {

    private static final Path EXAMPLES = Path.of("assets", "examples");
    private static final YAMLMapper YAML = new YAMLMapper();
    private static final Map<String, StepHandler<?>> BUILTINS = BuiltinCatalogTest.handlers().stream()
            .collect(Collectors.toMap(StepHandler::type, Function.identity()));

    @TempDir
    Path tmp;

    static Stream<Path> flowFiles() throws IOException {
        try (Stream<Path> files = Files.walk(EXAMPLES)) {
            List<Path> flows = files.filter(f -> f.getFileName().toString().matches("flow(\\.v\\d+)?\\.yaml")).sorted().toList();
            assertThat(flows).hasSizeGreaterThanOrEqualTo(4);
            return flows.stream();
        }
    }

    private static JsonNode read(Path file) throws IOException {
        return YAML.readTree(file.toFile());
    }

    @ParameterizedTest
    @MethodSource("flowFiles")
    void usesOnlyExistingStepTypesAndTheirInputs(Path file) throws IOException {
        JsonNode flow = read(file);
        assertThat(flow.path("id").asText()).as(file + " id").matches("[a-z][a-z0-9_]*");
        assertThat(flow.path("steps").size()).as(file + " steps").isPositive();
        for (Map.Entry<String, JsonNode> step : flow.path("steps").properties()) {
            String where = file + " step " + step.getKey();
            String type = step.getValue().path("type").asText();
            if (type.equals("shell")) {
                assertThat(step.getValue().has("run") || step.getValue().has("command")).as(where + " has run or command").isTrue();
                continue;
            }
            if (type.equals("python")) {
                assertThat(Stream.of("script", "file", "function").filter(key -> step.getValue().path(key).isTextual()))
                        .as(where + " has its code as a script, a file or a function").hasSize(1);
                String script = step.getValue().path("file").asText(null);
                String function = step.getValue().path("function").asText(null);
                if (script != null || function != null) {
                    Path code = file.getParent().resolve(script != null ? script : function.split(":")[0] + ".py");
                    assertThat(code).as(where + " code beside its flow").isRegularFile();
                }
                continue;
            }
            if (type.equals("flow.run")) {
                String child = step.getValue().path("inputs").path("flow").asText();
                assertThat(EXAMPLES.resolve(child).resolve("flow.yaml")).as(where + " runs a bundled example")
                        .isRegularFile();
                continue;
            }
            assertThat(BUILTINS).as(where + " type").containsKey(type);
            Set<String> given = new java.util.HashSet<>();
            step.getValue().path("inputs").fieldNames().forEachRemaining(given::add);
            List<String> accepted = new ArrayList<>();
            for (RecordComponent component : BUILTINS.get(type).inputType().getRecordComponents()) {
                accepted.add(component.getName());
                StepInput input = component.getAnnotation(StepInput.class);
                if (input != null && input.required()) {
                    assertThat(given).as(where + " gives required input " + component.getName()).contains(component.getName());
                }
            }
            assertThat(accepted).as(where + " accepts its inputs").containsAll(given);
        }
    }

    @ParameterizedTest
    @MethodSource("flowFiles")
    void templatesCompileAndReferToDeclaredSteps(Path file) throws IOException {
        JsonNode flow = read(file);
        Set<String> steps = new java.util.HashSet<>();
        flow.path("steps").fieldNames().forEachRemaining(steps::add);
        Templates templates = new Templates();
        List<String> texts = new ArrayList<>();
        collectStrings(flow.path("steps"), texts);
        collectStrings(flow.path("outputs"), texts);
        for (String text : texts) {
            assertThat(templates.syntaxError(text)).as(file + ": " + text).isEmpty();
            for (Templates.Reference ref : Templates.references(text)) {
                assertThat(steps).as(file + ": " + text).contains(ref.step());
            }
        }
    }

    private static void collectStrings(JsonNode node, List<String> out) {
        if (node.isTextual()) {
            out.add(node.asText());
        }
        node.forEach(child -> collectStrings(child, out));
    }

    @Test
    void revisionTwoOfBikeTripsChangesOnlyTheDateTimeFormat() throws IOException {
        JsonNode v1 = read(EXAMPLES.resolve("bike_trips/flow.yaml"));
        JsonNode v2 = read(EXAMPLES.resolve("bike_trips/flow.v2.yaml"));

        assertThat(v1.at("/steps/parse/inputs/datetime_format").asText()).isEqualTo("yy-MM-dd HH:mm:ss");
        assertThat(v2.at("/steps/parse/inputs/datetime_format").asText()).isEqualTo("yyyy-MM-dd'T'HH:mm:ss");
        ((com.fasterxml.jackson.databind.node.ObjectNode) v2.at("/steps/parse/inputs"))
                .set("datetime_format", v1.at("/steps/parse/inputs/datetime_format"));
        assertThat(v2).isEqualTo(v1);
    }

    @Test
    void bikeTripsFailsAtParseWithRevisionOneAndParsesWithRevisionTwo() throws Exception {
        JsonNode v1 = read(EXAMPLES.resolve("bike_trips/flow.yaml"));
        JsonNode v2 = read(EXAMPLES.resolve("bike_trips/flow.v2.yaml"));
        Map<String, Object> extracted = new DatasetGenerateHandler().run(new DatasetGenerateHandler.Inputs(
                v1.at("/inputs/month/default").asText(), v1.at("/inputs/sample_size/default").asInt(),
                v1.at("/steps/extract/inputs/seed").asLong()), new TestStepContext(tmp, "extract"));
        Path trips = (Path) extracted.get("file");

        assertThatThrownBy(() -> new CsvParseHandler().run(new CsvParseHandler.Inputs(trips,
                v1.at("/steps/parse/inputs/datetime_format").asText(), null, null), new TestStepContext(tmp, "parse")))
                .hasMessageMatching("row 2, column started_at: '2024-03-01T\\d\\d:\\d\\d:\\d\\d' does not match"
                        + " the date-time format 'yy-MM-dd HH:mm:ss'");
        Map<String, Object> parsed = new CsvParseHandler().run(new CsvParseHandler.Inputs(trips,
                v2.at("/steps/parse/inputs/datetime_format").asText(), null, null), new TestStepContext(tmp, "parse2"));
        assertThat(parsed).containsEntry("rows", 5000);
        assertThat((List<?>) parsed.get("stations")).hasSize(DatasetGenerateHandler.STATIONS.size());
    }
}
