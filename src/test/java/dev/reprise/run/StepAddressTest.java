package dev.reprise.run;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class StepAddressTest {

    @Test
    void anInstanceAddressNamesItsStepAndIndexAndPrintsTheSame() {
        StepAddress instance = StepAddress.parse("count[12]");

        assertThat(instance).isEqualTo(new StepAddress("count", 12));
        assertThat(instance.isInstance()).isTrue();
        assertThat(instance.toString()).isEqualTo("count[12]");
        assertThat(StepRun.instanceId("count", 12)).isEqualTo("count[12]");
    }

    @Test
    void aStepNameIsItsOwnAddress() {
        StepAddress step = StepAddress.parse("parse");

        assertThat(step).isEqualTo(new StepAddress("parse", -1));
        assertThat(step.isInstance()).isFalse();
        assertThat(step.toString()).isEqualTo("parse");
        assertThat(StepAddress.parse("odd[x]")).as("no number, no instance").isEqualTo(new StepAddress("odd[x]", -1));
    }
}
