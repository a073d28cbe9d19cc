package dev.reprise.ui.flows;

import com.fasterxml.jackson.databind.node.IntNode;
import dev.reprise.flow.FlowRevision;
import dev.reprise.workspace.StartRequest;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class StartFormModelTest {

    private static StartFormModel bikeTrips() throws Exception {
        String source = Files.readString(Path.of("assets/examples/bike_trips/flow.yaml"));
        return new StartFormModel(new FlowRevision("bike_trips", 1, source, "0".repeat(64), Instant.EPOCH));
    }

    private static StartFormModel.Field field(StartFormModel form, String name) {
        return form.fields().stream().filter(f -> f.spec().name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void fieldsStartWithTheDefaultsAndAreValid() throws Exception {
        StartFormModel form = bikeTrips();

        assertThat(form.fields()).extracting(f -> f.spec().name()).containsExactly("month", "sample_size");
        assertThat(field(form, "month").textProperty().get()).isEqualTo("2024-03");
        assertThat(field(form, "sample_size").textProperty().get()).isEqualTo("5000");
        assertThat(form.validProperty().get()).isTrue();
    }

    @Test
    void aValueOutsideItsConstraintsSaysWhyAndMakesTheFormInvalid() throws Exception {
        StartFormModel form = bikeTrips();

        field(form, "sample_size").textProperty().set("0");
        assertThat(field(form, "sample_size").errorProperty().get()).isEqualTo("must be at least 1, was 0");
        assertThat(form.validProperty().get()).isFalse();

        field(form, "sample_size").textProperty().set("many");
        assertThat(field(form, "sample_size").errorProperty().get()).contains("expected an integer");

        field(form, "sample_size").textProperty().set("300");
        assertThat(field(form, "sample_size").errorProperty().get()).isNull();
        assertThat(form.validProperty().get()).isTrue();
    }

    @Test
    void theRequestCarriesTheCheckedValuesAndTheRevision() throws Exception {
        StartFormModel form = bikeTrips();
        field(form, "sample_size").textProperty().set("300");
        form.nameProperty().set("small");

        StartRequest request = form.request();

        assertThat(request.flowId()).isEqualTo("bike_trips");
        assertThat(request.revision()).isEqualTo(1);
        assertThat(request.parameters().get("sample_size")).isEqualTo(IntNode.valueOf(300));
        assertThat(request.name()).isEqualTo("small");
    }
}
