package dev.reprise.run;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.IntNode;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Run events as the server's event streams write them (its request mapper) and the client reads them (its
 * mapper): one object with both parts named, the absent one null, whatever the kind of event.
 */
class RunEventJsonTest {

    private static final Instant T = Instant.parse("2026-03-01T10:15:30.123Z");

    private final ObjectMapper server = Json.newInputMapper();
    private final ObjectMapper client = Json.newMapper();

    private static Run run() {
        return Run.queued("r-1", "f", 2, "nightly", Map.of("team", "data"), Map.of(), Map.of("n", IntNode.valueOf(3)),
                T).withState(RunState.RUNNING, 7).withTimes(T, T.plusSeconds(1));
    }

    private static StepRun step() {
        return StepRun.pending("r-1", "parse", "parse", -1).withState(StepState.RUNNING, 5).withTimes(T, T);
    }

    /** The event as the server writes it: the runtime type, as an SSE frame's data is an {@code Object}. */
    private JsonNode written(Object event) throws Exception {
        return server.readTree(server.writeValueAsString(event));
    }

    private static List<String> fieldNames(JsonNode json) {
        return json.properties().stream().map(Map.Entry::getKey).toList();
    }

    @Test
    void aRunEventIsWrittenWithTypeRunAndANullStepAndReadsBackEqual() throws Exception {
        RunEvent event = new RunEvent.RunChanged(run(), T);

        JsonNode json = written(event);

        assertThat(fieldNames(json)).containsExactly("runId", "seq", "time", "type", "run", "step");
        assertThat(json.get("runId").asText()).isEqualTo("r-1");
        assertThat(json.get("seq").asLong()).isEqualTo(7);
        assertThat(json.get("time").asText()).isEqualTo("2026-03-01T10:15:30.123Z");
        assertThat(json.get("type").asText()).isEqualTo("RUN");
        assertThat(json.get("run").toString()).isEqualTo(server.writeValueAsString(run()));
        assertThat(json.get("step").isNull()).isTrue();
        assertThat(client.readValue(server.writeValueAsString(event), RunEvent.class)).isEqualTo(event);
    }

    @Test
    void aStepEventIsWrittenWithTypeStepAndANullRunAndReadsBackEqual() throws Exception {
        RunEvent event = new RunEvent.StepChanged(step(), T);

        JsonNode json = written(event);

        assertThat(fieldNames(json)).containsExactly("runId", "seq", "time", "type", "run", "step");
        assertThat(json.get("runId").asText()).isEqualTo("r-1");
        assertThat(json.get("seq").asLong()).isEqualTo(5);
        assertThat(json.get("time").asText()).isEqualTo("2026-03-01T10:15:30.123Z");
        assertThat(json.get("type").asText()).isEqualTo("STEP");
        assertThat(json.get("run").isNull()).isTrue();
        assertThat(json.get("step").toString()).isEqualTo(server.writeValueAsString(step()));
        assertThat(client.readValue(server.writeValueAsString(event), RunEvent.class)).isEqualTo(event);
    }

    @Test
    void anEventWithoutThePartItsTypeNamesIsRefused() {
        String runWithoutRun = """
                {"runId":"r-1","seq":7,"time":"2026-03-01T10:15:30.123Z","type":"RUN","run":null,"step":null}""";

        assertThatThrownBy(() -> client.readValue(runWithoutRun, RunEvent.class))
                .isInstanceOf(JsonMappingException.class)
                .hasMessageContaining("a RUN event carries a run");
    }
}
