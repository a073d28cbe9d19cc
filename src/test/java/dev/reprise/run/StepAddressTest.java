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

    @Test
    void readsAddressesAsTheIdRulesShapeThem() {
        assertThat(StepAddress.parse("a[1]")).isEqualTo(new StepAddress("a", 1));
        assertThat(StepAddress.parse("x[01]")).isEqualTo(new StepAddress("x", 1));
        assertThat(StepAddress.parse("s[999999999]")).isEqualTo(new StepAddress("s", 999_999_999));
        assertThat(StepAddress.parse("ab[1][2]")).as("the last bracket is the index").isEqualTo(new StepAddress("ab[1]", 2));
        for (String notAnInstance : new String[] {"[1]", "a[]", "a[1", "a1]", "s[1234567890]", "a[-1]", "a[1 ]", ""}) {
            assertThat(StepAddress.parse(notAnInstance).isInstance()).as(notAnInstance).isFalse();
            assertThat(StepAddress.parse(notAnInstance).step()).isEqualTo(notAnInstance);
        }
    }
}
