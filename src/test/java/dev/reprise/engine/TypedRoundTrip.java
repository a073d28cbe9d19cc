package dev.reprise.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.reprise.run.ArtifactRef;
import dev.reprise.run.Run;
import dev.reprise.run.RunState;
import dev.reprise.workspace.LocalWorkspace;
import dev.reprise.workspace.RunDetail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A python step that gives back every input it got, of every input type, with each value's Python type and a file
 * output made from its file input: the flow, the same code as a script and as a function, and the check that each
 * value came back as it went in. Shared by the tests of inline scripts, files and functions.
 */
final class TypedRoundTrip {

    /** The step's code as a script: {@code reprise.inputs()} in, {@code reprise.output()} out. */
    static final String SCRIPT = """
            import reprise
            given = reprise.inputs()
            for name, value in given.items():
                reprise.output(name, value)
            reprise.output("types", {name: type(value).__name__ for name, value in given.items()})
            with open(given["data"], encoding="utf-8") as f:
                text = f.read()
            reprise.output("data_text", text)
            with open("report.csv", "w", encoding="utf-8") as f:
                f.write(text.upper())
            reprise.output_file("report", "report.csv")
            """;

    /** The step's code as a function: inputs as keyword arguments, outputs as the returned dict, a file as before. */
    static final String FUNCTION = """
            import reprise


            def run(**given):
                with open(given["data"], encoding="utf-8") as f:
                    text = f.read()
                with open("report.csv", "w", encoding="utf-8") as f:
                    f.write(text.upper())
                reprise.output_file("report", "report.csv")
                types = {name: type(value).__name__ for name, value in given.items()}
                return dict(given, types=types, data_text=text)
            """;

    private static final String[] VALUES = {"text", "count", "ratio", "flag", "size", "day", "at", "wait", "list",
            "nested"};

    private TypedRoundTrip() {
    }

    /** The flow {@code typed}, whose step {@code echo} runs {@code code} (YAML keys, such as {@code file: echo.py}). */
    static String flow(String code) {
        return """
                id: typed
                inputs:
                  text:     { type: string,   default: "héllo \\"quoted\\"" }
                  count:    { type: integer,  default: 42 }
                  ratio:    { type: number,   default: 0.25 }
                  flag:     { type: boolean,  default: true }
                  size:     { type: enum,     values: [small, large], default: large }
                  day:      { type: date,     default: "2024-03-31" }
                  at:       { type: datetime, default: "2024-03-31T12:00:00Z" }
                  wait:     { type: duration, default: 5m }
                  list:     { type: json,     default: [1, "two", null, 3.5] }
                  nested:   { type: json,     default: { a: { b: [true] } } }
                  data:     { type: file }
                steps:
                  echo:
                    type: python
                    inputs:
                      text: "{{ inputs.text }}"
                      count: "{{ inputs.count }}"
                      ratio: "{{ inputs.ratio }}"
                      flag: "{{ inputs.flag }}"
                      size: "{{ inputs.size }}"
                      day: "{{ inputs.day }}"
                      at: "{{ inputs.at }}"
                      wait: "{{ inputs.wait }}"
                      list: "{{ inputs.list }}"
                      nested: "{{ inputs.nested }}"
                      data: "{{ inputs.data }}"
                """ + code.indent(4);
    }

    /** The flow with {@link #SCRIPT} inline. */
    static String inlineFlow() {
        return flow("script: |\n" + SCRIPT.indent(2));
    }

    /** The run's parameters: the file input, written into {@code folder}. */
    static Map<String, JsonNode> parameters(Path folder) throws IOException {
        Path data = Files.writeString(folder.resolve("trips.csv"), "station,trips\nnorth,3\n");
        return Map.of("data", TextNode.valueOf(data.toString()));
    }

    /** Checks that step {@code echo} of {@code run} gave back every input as it got it, and the file output. */
    static void assertEchoed(LocalWorkspace workspace, Run run) throws IOException {
        RunDetail detail = workspace.run(run.id());
        assertThat(run.state()).as(detail.step("echo").error()).isEqualTo(RunState.SUCCEEDED);
        Map<String, JsonNode> outputs = detail.step("echo").outputs();
        Map<String, JsonNode> inputs = detail.step("echo").inputs();
        for (String name : VALUES) {
            assertThat(outputs.get(name)).as(name).isEqualTo(inputs.get(name));
        }
        assertThat(outputs.get("text").asText()).isEqualTo("héllo \"quoted\"");
        assertThat(outputs.get("types").toString()).isEqualTo("{\"text\":\"str\",\"count\":\"int\",\"ratio\":\"float\","
                + "\"flag\":\"bool\",\"size\":\"str\",\"day\":\"str\",\"at\":\"str\",\"wait\":\"str\",\"list\":\"list\","
                + "\"nested\":\"dict\",\"data\":\"str\"}");
        assertThat(outputs.get("data_text").asText()).isEqualTo("station,trips\nnorth,3\n");
        ArtifactRef report = ArtifactRef.from(outputs.get("report")).orElseThrow();
        assertThat(report.name()).isEqualTo("report.csv");
        assertThat(report.mediaType()).isEqualTo("text/csv");
        try (InputStream in = workspace.openArtifact(report.sha256())) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("STATION,TRIPS\nNORTH,3\n");
        }
    }
}
