package dev.reprise.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.TextNode;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ValuePathTest {

    @Test
    void everyKindIsWrittenOneWayAndReadBack() {
        List<ValuePath> paths = List.of(new ValuePath.Parameter("month"),
                ValuePath.StepInput.of("count[2]", "path"), ValuePath.InjectedOutput.of("train", "model"),
                ValuePath.StepInputs.of("parse"), ValuePath.InjectedOutputs.of("count[0]"));

        assertThat(paths).extracting(ValuePath::toString).containsExactly("parameters.month",
                "steps.count[2].inputs.path", "outputs.train.model", "steps.parse", "outputs.count[0]");
        paths.forEach(path -> assertThat(ValuePath.parse(path.toString())).contains(path));
        assertThat(ValuePath.StepInput.of("count[2]", "path").step()).isEqualTo(StepAddress.of("count", 2));
    }

    @Test
    void fieldsThatNameNoGivenValueAreNotPaths() {
        assertThat(List.of("scope", "revision", "parameters.", "parameters.a.b", "steps.a.outputs.b",
                "steps..inputs.x", "outputs.a.b.c", "name", ""))
                .allSatisfy(field -> assertThat(ValuePath.parse(field)).as(field).isEmpty());
        assertThat(ValuePath.parse(null)).isEmpty();
    }

    @Test
    void aPlanErrorIsPlacedAtItsPath() {
        ReplayPlan.PlanError error = ReplayPlan.PlanError.at(ValuePath.InjectedOutput.of("extract", "rows"), "bad");

        assertThat(error.field()).isEqualTo("outputs.extract.rows");
        assertThat(error.path()).contains(ValuePath.InjectedOutput.of("extract", "rows"));
        assertThat(new ReplayPlan.PlanError("scope", "x").path()).isEmpty();
    }

    @Test
    void aRequestsValuesAreWalkedInOrderWithTheirPaths() {
        ReplayRequest request = ReplayRequest.asIs().withParameters(Map.of("month", TextNode.valueOf("2024-03")))
                .withStepInputs(Map.of("count[1]", Map.of("n", IntNode.valueOf(1))))
                .withOutputs(Map.of("extract", Map.of("rows", IntNode.valueOf(12))));
        List<String> seen = new ArrayList<>();

        request.values().forEach((path, value) -> seen.add(path + "=" + value));

        assertThat(seen).containsExactly("parameters.month=\"2024-03\"", "steps.count[1].inputs.n=1",
                "outputs.extract.rows=12");
    }

    @Test
    void mappingReplacesEachValueAndFilteringDropsStepsLeftWithout() {
        RequestValues values = new RequestValues(Map.of("a", IntNode.valueOf(1)),
                Map.of("s", Map.of("x", IntNode.valueOf(2)), "empty", Map.of()),
                Map.of("t", Map.of("y", IntNode.valueOf(3))));

        RequestValues doubled = values.map((path, value) -> IntNode.valueOf(value.intValue() * 2));
        RequestValues noOutputs = values.filter((path, value) -> !(path instanceof ValuePath.InjectedOutput));

        assertThat(doubled.parameters()).containsEntry("a", IntNode.valueOf(2));
        assertThat(doubled.stepInputs().get("s")).containsEntry("x", IntNode.valueOf(4));
        assertThat(doubled.outputs().get("t")).containsEntry("y", IntNode.valueOf(6));
        assertThat(noOutputs.outputs()).isEmpty();
        assertThat(noOutputs.stepInputs()).containsKeys("s", "empty");
        Map<String, JsonNode> kept = noOutputs.parameters();
        assertThat(kept).isEqualTo(values.parameters());
    }
}
