package dev.reprise.engine.builtin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** csv.aggregate, json.transform, file.write, list.range, math.sum and noop. */
class TableStepsTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    Path tmp;

    private Path trips() throws Exception {
        return Files.writeString(tmp.resolve("trips.csv"), """
                trip_id,start_station,duration_s
                1,Old Town,600
                2,University,300
                3,Old Town,900
                4,City Hall,120
                5,University,100
                6,Old Town,300
                """);
    }

    @Test
    void aggregateCountsAndAveragesPerGroupBusiestFirst() throws Exception {
        Map<String, Object> out = new CsvAggregateHandler().run(
                new CsvAggregateHandler.Inputs(trips(), "start_station", "duration_s", null), new TestStepContext(tmp));

        JsonNode summary = MAPPER.valueToTree(out.get("summary"));
        assertThat(summary.get("rows").asInt()).isEqualTo(6);
        assertThat(summary.at("/groups/0/start_station").asText()).isEqualTo("Old Town");
        assertThat(summary.at("/groups/0/count").asInt()).isEqualTo(3);
        assertThat(summary.at("/groups/0/mean_duration_s").asDouble()).isEqualTo(600.0);
        assertThat(summary.at("/groups/1/start_station").asText()).isEqualTo("University");
        assertThat(out).containsEntry("groups", 3);
        assertThat(Files.readAllLines((Path) out.get("file"))).containsExactly(
                "start_station,count,sum_duration_s,mean_duration_s,min_duration_s,max_duration_s",
                "Old Town,3,1800,600,300,900",
                "University,2,400,200,100,300",
                "City Hall,1,120,120,120,120");
    }

    @Test
    void aggregateNamesTheRowOfAValueThatIsNotANumber() throws Exception {
        Path file = Files.writeString(tmp.resolve("t.csv"), "station,duration_s\nA,5\nB,five\n");

        assertThatThrownBy(() -> new CsvAggregateHandler().run(
                new CsvAggregateHandler.Inputs(file, "station", "duration_s", null), new TestStepContext(tmp)))
                .hasMessage("row 3, column duration_s: 'five' is not a number");
    }

    @Test
    void aggregateNamesTheColumnsWhenGroupByIsNotOne() throws Exception {
        assertThatThrownBy(() -> new CsvAggregateHandler().run(
                new CsvAggregateHandler.Inputs(trips(), "station", null, null), new TestStepContext(tmp)))
                .hasMessage("group_by 'station' is not a column of trips.csv (its columns: trip_id, start_station, duration_s)");
    }

    @Test
    void transformPicksAndRenamesWithJsonPointers() throws Exception {
        JsonNode value = MAPPER.readTree("{\"rows\": 6, \"groups\": [{\"name\": \"Old Town\", \"count\": 3}]}");
        Map<String, String> mappings = new LinkedHashMap<>();
        mappings.put("busiest", "/groups/0/name");
        mappings.put("trips", "/rows");

        Map<String, Object> out = new JsonTransformHandler().run(
                new JsonTransformHandler.Inputs(value, null, mappings, null), new TestStepContext(tmp));

        assertThat(out.get("result")).hasToString("{\"busiest\":\"Old Town\",\"trips\":6}");
    }

    @Test
    void transformReadsAFileAndFailsOnAPointerThatMatchesNothing() throws Exception {
        Path file = Files.writeString(tmp.resolve("m.json"), "{\"accuracy\": 0.9, \"loss\": 0.2}");

        assertThatThrownBy(() -> new JsonTransformHandler().run(
                new JsonTransformHandler.Inputs(null, file, Map.of("acc", "/acuracy"), null), new TestStepContext(tmp)))
                .hasMessage("mapping 'acc': pointer '/acuracy' matches nothing in the value"
                        + " (its top-level fields: /accuracy, /loss)");
        Map<String, Object> lenient = new JsonTransformHandler().run(
                new JsonTransformHandler.Inputs(null, file, Map.of("acc", "/acuracy"), false), new TestStepContext(tmp));
        assertThat(lenient.get("result")).hasToString("{\"acc\":null}");
    }

    @Test
    void transformExplainsAPointerWithoutALeadingSlash() throws Exception {
        assertThatThrownBy(() -> new JsonTransformHandler().run(
                new JsonTransformHandler.Inputs(MAPPER.readTree("{}"), null, Map.of("a", "rows"), null),
                new TestStepContext(tmp)))
                .hasMessageStartingWith("mapping 'a': 'rows' is not a JSON pointer");
    }

    @Test
    void fileWriteWritesTheContentAsTheNamedOutput() throws Exception {
        Map<String, Object> out = new FileWriteHandler().run(new FileWriteHandler.Inputs("report", "total=5000\n"),
                new TestStepContext(tmp));

        assertThat(out).containsOnlyKeys("report");
        assertThat(Files.readString((Path) out.get("report"))).isEqualTo("total=5000\n");
    }

    @Test
    void fileWriteRefusesANameThatLeavesTheOutputFolder() {
        assertThatThrownBy(() -> new FileWriteHandler().run(new FileWriteHandler.Inputs("../escape", "x"),
                new TestStepContext(tmp)))
                .hasMessageStartingWith("name '../escape' is not a file output name");
    }

    @Test
    void rangeAnswersNumbersOrPaddedIds() {
        Map<String, Object> numbers = new ListRangeHandler().run(new ListRangeHandler.Inputs(3, 5, null), new TestStepContext(tmp));
        Map<String, Object> ids = new ListRangeHandler().run(new ListRangeHandler.Inputs(200, null, "shard-"), new TestStepContext(tmp));

        assertThat(numbers.get("items")).isEqualTo(List.of(5, 6, 7));
        assertThat(ids.get("items")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.list(String.class)).hasSize(200).startsWith("shard-000", "shard-001").endsWith("shard-199");
    }

    @Test
    void sumAddsExactlyAndAnswersWholeSumsAsIntegers() {
        Map<String, Object> out = new MathSumHandler().run(new MathSumHandler.Inputs(
                List.of(new BigDecimal("0.1"), new BigDecimal("0.2"), new BigDecimal("2.7"))), new TestStepContext(tmp));

        assertThat(out).containsEntry("sum", 3L).containsEntry("count", 3).containsEntry("mean", 1L)
                .containsEntry("min", 0.1).containsEntry("max", 2.7);
    }

    @Test
    void sumOfNothingIsZero() {
        assertThat(new MathSumHandler().run(new MathSumHandler.Inputs(List.of()), new TestStepContext(tmp)))
                .containsExactly(Map.entry("sum", 0L), Map.entry("count", 0));
    }

    @Test
    void noopReturnsNoOutputsAndWritesNoLog() {
        TestStepContext context = new TestStepContext(tmp);

        assertThat(new NoopHandler().run(new NoopHandler.Inputs(), context)).isEmpty();
        assertThat(context.logText()).isEmpty();
    }
}
