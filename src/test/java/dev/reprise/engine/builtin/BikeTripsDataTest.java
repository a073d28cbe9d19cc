package dev.reprise.engine.builtin;

import dev.reprise.engine.spi.FailureWithFix;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BikeTripsDataTest {

    @TempDir
    Path tmp;

    private final DatasetGenerateHandler generate = new DatasetGenerateHandler();
    private final CsvParseHandler parse = new CsvParseHandler();

    private Path generate(String step, int rows, long seed) throws Exception {
        Map<String, Object> out = generate.run(new DatasetGenerateHandler.Inputs("2024-03", rows, seed),
                new TestStepContext(tmp, step));
        assertThat(out).containsEntry("rows", rows);
        return (Path) out.get("file");
    }

    @Test
    void generatedTripsHaveTheDocumentedColumnsAndIsoDateTimes() throws Exception {
        List<String> lines = Files.readAllLines(generate("extract", 50, 42));

        assertThat(lines).hasSize(51);
        assertThat(lines.get(0)).isEqualTo("trip_id,started_at,ended_at,start_station,end_station,duration_s,member");
        assertThat(lines.get(1)).matches(
                "202403-000001,2024-03-\\d\\dT\\d\\d:\\d\\d:\\d\\d,2024-0[34]-\\d\\dT\\d\\d:\\d\\d:\\d\\d,[A-Za-z ]+,[A-Za-z ]+,\\d+,(true|false)");
    }

    @Test
    void sameSeedGivesTheSameFileAndAnotherSeedAnotherOne() throws Exception {
        String first = Files.readString(generate("a", 200, 7));
        String again = Files.readString(generate("b", 200, 7));
        String other = Files.readString(generate("c", 200, 8));

        assertThat(again).isEqualTo(first);
        assertThat(other).isNotEqualTo(first);
    }

    @Test
    void generateRejectsAMonthThatIsNotAMonth() {
        assertThatThrownBy(() -> generate.run(new DatasetGenerateHandler.Inputs("2024-3", 10, 1L),
                new TestStepContext(tmp)))
                .hasMessage("month '2024-3' is not a month like 2024-03");
    }

    @Test
    void parseWithTheWrongFormatFailsNamingRowColumnValueAndFormat() throws Exception {
        Path file = generate("extract", 20, 42);
        String firstStart = Files.readAllLines(file).get(1).split(",")[1];

        assertThatThrownBy(() -> parse.run(new CsvParseHandler.Inputs(file, "yy-MM-dd HH:mm:ss", null, null),
                new TestStepContext(tmp, "parse")))
                .isInstanceOf(FailureWithFix.class)
                .hasMessage("row 2, column started_at: '" + firstStart
                        + "' does not match the date-time format 'yy-MM-dd HH:mm:ss'");
    }

    @Test
    void parseWithTheRightFormatAnswersRowsAndSortedStations() throws Exception {
        Path file = generate("extract", 500, 42);

        Map<String, Object> out = parse.run(new CsvParseHandler.Inputs(file, "yyyy-MM-dd'T'HH:mm:ss", null, null),
                new TestStepContext(tmp, "parse"));

        assertThat(out).containsEntry("rows", 500);
        assertThat(out.get("stations")).isEqualTo(DatasetGenerateHandler.STATIONS.stream().sorted().toList());
        assertThat(Files.readString((Path) out.get("file"))).isEqualTo(Files.readString(file));
    }

    @Test
    void parseRewritesOtherFormatsAsIsoDateTimes() throws Exception {
        Path file = Files.writeString(tmp.resolve("in.csv"),
                "id,started_at,note\n1,24-03-01 08:15:00,\"a, b\"\n2,24-03-02 17:00:05,plain\n");

        Map<String, Object> out = parse.run(new CsvParseHandler.Inputs(file, "yy-MM-dd HH:mm:ss", null, null),
                new TestStepContext(tmp, "parse"));

        assertThat(Files.readString((Path) out.get("file"))).isEqualTo(
                "id,started_at,note\n1,2024-03-01T08:15:00,\"a, b\"\n2,2024-03-02T17:00:05,plain\n");
        assertThat(out).containsEntry("stations", List.of()).containsEntry("columns", List.of("id", "started_at", "note"));
    }

    @Test
    void parseNamesTheColumnsWhenAskedForOneTheFileLacks() throws Exception {
        Path file = Files.writeString(tmp.resolve("in.csv"), "id,when\n1,2024-03-01T00:00:00\n");

        assertThatThrownBy(() -> parse.run(new CsvParseHandler.Inputs(file, null, List.of("started"), null),
                new TestStepContext(tmp, "parse")))
                .hasMessage("datetime_columns names 'started', which in.csv does not have (its columns: id, when)");
    }

    @Test
    void parseExplainsAPatternThatIsNotAPattern() throws Exception {
        Path file = Files.writeString(tmp.resolve("in.csv"), "started_at\n2024-03-01T00:00:00\n");

        assertThatThrownBy(() -> parse.run(new CsvParseHandler.Inputs(file, "yyyy-MM-dd{", null, null),
                new TestStepContext(tmp, "parse")))
                .hasMessageStartingWith("datetime_format 'yyyy-MM-dd{' is not a valid date-time pattern");
    }

    @Test
    void parseNamesTheRowThatIsNotValidCsv() throws Exception {
        Path file = Files.writeString(tmp.resolve("in.csv"), "id,started_at\n1,2024-03-01T00:00:00\n2,2024-03-01T00:00:00,extra\n");

        assertThatThrownBy(() -> parse.run(new CsvParseHandler.Inputs(file, null, null, null),
                new TestStepContext(tmp, "parse")))
                .hasMessageStartingWith("in.csv row 3 is not valid CSV: Too many entries");
    }

    @Test
    void parseStopsWhenCancelled() throws Exception {
        Path file = generate("extract", 5000, 42);
        TestStepContext context = new TestStepContext(tmp, "parse");
        context.cancel();

        assertThatThrownBy(() -> parse.run(new CsvParseHandler.Inputs(file, null, null, null), context))
                .isInstanceOf(java.util.concurrent.CancellationException.class);
    }
}
