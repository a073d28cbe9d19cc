package dev.reprise.flow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Setting a step input in a flow's YAML text: only the value's characters change, or the edit is refused, saying why. */
class FlowSourceEditTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }

    private static FlowSourceEdit.Result edit(String source, String step, String input, String current,
                                              String suggested) throws Exception {
        return FlowSourceEdit.setStepInput(source, "flow.yaml", step, input, current == null ? null : json(current),
                json(suggested));
    }

    private static String edited(FlowSourceEdit.Result result) {
        assertThat(result).isInstanceOf(FlowSourceEdit.Edited.class);
        return ((FlowSourceEdit.Edited) result).source();
    }

    @Test
    void theBikeTripsDateFormatIsReplacedKeepingItsQuotesAndComment() throws Exception {
        String source = Files.readString(Path.of("assets", "examples", "bike_trips", "flow.yaml"));

        FlowSourceEdit.Result result = edit(source, "parse", "datetime_format", "\"yy-MM-dd HH:mm:ss\"",
                "\"yyyy-MM-dd'T'HH:mm:ss\"");

        String text = edited(result);
        assertThat(text).isEqualTo(source.replace("datetime_format: \"yy-MM-dd HH:mm:ss\"   # wrong on purpose",
                "datetime_format: \"yyyy-MM-dd'T'HH:mm:ss\"   # wrong on purpose"));
        assertThat(text).isNotEqualTo(source);
        assertThat(((FlowSourceEdit.Edited) result).line()).isEqualTo(14);
        assertThat(new FlowParser().parse(text, "flow.yaml").step("parse").inputs().get("datetime_format").asText())
                .isEqualTo("yyyy-MM-dd'T'HH:mm:ss");
    }

    @Test
    void plainSingleQuotedAndFlowStyleValuesKeepTheirStyle() throws Exception {
        String source = """
                id: f
                steps:
                  a:
                    type: csv.parse
                    inputs:
                      station_column: start_statoin  # typo
                      datetime_format: 'dd.MM.yy'
                  b: { type: csv.parse, inputs: { station_column: statoin, datetime_columns: [start, end] } }
                """;

        assertThat(edited(edit(source, "a", "station_column", "\"start_statoin\"", "\"start_station\"")))
                .contains("      station_column: start_station  # typo\n");
        assertThat(edited(edit(source, "a", "datetime_format", "\"dd.MM.yy\"", "\"dd.MM.yyyy'T'HH\"")))
                .contains("      datetime_format: 'dd.MM.yyyy''T''HH'\n");
        assertThat(edited(edit(source, "b", "station_column", "\"statoin\"", "\"station\"")))
                .contains("  b: { type: csv.parse, inputs: { station_column: station, datetime_columns: [start, end] } }");
        assertThat(edited(edit(source, "b", "datetime_columns", "[\"start\", \"end\"]", "[\"start\", \"ended\"]")))
                .contains("datetime_columns: [start, ended] } }");
    }

    @Test
    void anInputNotWrittenYetIsAddedAsTheStepsFirstInput() throws Exception {
        String source = """
                id: f
                steps:
                  a:
                    type: csv.parse
                    inputs:
                      file: x.csv   # the export
                  b: { type: csv.aggregate, inputs: { file: y.csv, group_by: s, value_column: v } }
                """;

        assertThat(edited(edit(source, "a", "datetime_format", null, "\"dd.MM.yyyy\"")))
                .contains("    inputs:\n      datetime_format: \"dd.MM.yyyy\"\n      file: x.csv   # the export\n");
        assertThat(edited(edit(source, "b", "decimal", null, "\",\"")))
                .contains("inputs: { decimal: \",\", file: y.csv, group_by: s, value_column: v } }");
    }

    @Test
    void aValueFromATemplateOrAFlowInputIsNotEditedInPlace() throws Exception {
        String source = """
                id: f
                inputs:
                  fmt: { type: string, default: "dd.MM.yy" }
                steps:
                  a:
                    type: csv.parse
                    inputs: { file: x.csv, datetime_format: "{{ inputs.fmt }}" }
                  b:
                    type: csv.parse
                    inputs: { file: x.csv, datetime_format: "{{ steps.a.outputs.rows }}" }
                """;

        assertThat(edit(source, "a", "datetime_format", "\"dd.MM.yy\"", "\"dd.MM.yyyy\""))
                .isEqualTo(new FlowSourceEdit.NotEditable("the value of a.datetime_format comes from the flow input "
                        + "fmt: change it there, or give fmt when you replay"));
        assertThat(edit(source, "b", "datetime_format", "\"3\"", "\"dd.MM.yyyy\""))
                .isInstanceOfSatisfying(FlowSourceEdit.NotEditable.class, refused -> assertThat(refused.reason())
                        .startsWith("the value of b.datetime_format comes from a template"));
    }

    @Test
    void aValueChangedSinceTheFailureOrABlockScalarIsRefused() throws Exception {
        String source = """
                id: f
                steps:
                  a:
                    type: csv.parse
                    inputs:
                      file: x.csv
                      datetime_format: >-
                        dd.MM.yy
                """;

        assertThat(edit(source, "a", "datetime_format", "\"yy-MM-dd\"", "\"dd.MM.yyyy\""))
                .isInstanceOfSatisfying(FlowSourceEdit.NotEditable.class, refused -> assertThat(refused.reason())
                        .contains("the fix no longer fits"));
        assertThat(edit(source, "a", "datetime_format", "\"dd.MM.yy\"", "\"dd.MM.yyyy\""))
                .isInstanceOfSatisfying(FlowSourceEdit.NotEditable.class, refused -> assertThat(refused.reason())
                        .contains("cannot be edited in place"));
        assertThat(edit(source, "ghost", "datetime_format", null, "\"x\""))
                .isEqualTo(new FlowSourceEdit.NotEditable("flow.yaml has no step 'ghost'"));
    }

    @Test
    void aValueThatNeedsQuotesInPlainStyleGetsThem() throws Exception {
        String source = """
                id: f
                steps:
                  a: { type: csv.parse, inputs: { file: x.csv, datetime_format: yy } }
                  c:
                    type: csv.parse
                    inputs:
                      datetime_format: yy
                """;

        assertThat(edited(edit(source, "a", "datetime_format", "\"yy\"", "\"dd, MM\"")))
                .contains("datetime_format: \"dd, MM\" }");
        assertThat(edited(edit(source, "c", "datetime_format", "\"yy\"", "\"yyyy-MM-dd'T'HH:mm:ss\"")))
                .contains("      datetime_format: \"yyyy-MM-dd'T'HH:mm:ss\"\n");
        assertThat(edited(edit(source, "c", "datetime_format", "\"yy\"", "\"true\"")))
                .contains("      datetime_format: \"true\"\n");
    }
}
