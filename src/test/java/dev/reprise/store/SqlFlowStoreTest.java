package dev.reprise.store;

import dev.reprise.engine.FlowStore;
import dev.reprise.engine.FlowStore.SaveResult;
import dev.reprise.flow.FlowRevision;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static dev.reprise.store.Records.T0;
import static org.assertj.core.api.Assertions.assertThat;

class SqlFlowStoreTest {

    @TempDir
    Path dir;
    private H2Store store;
    private FlowStore flows;

    @BeforeEach
    void open() {
        store = H2Store.open(dir);
        flows = store.flows();
    }

    @AfterEach
    void close() {
        store.close();
    }

    private static String sha(char c) {
        return String.valueOf(c).repeat(64);
    }

    @Test
    void firstSaveCreatesRevisionOne() {
        SaveResult result = flows.save("bike_trips", "id: bike_trips\n", sha('a'), T0);

        assertThat(result.created()).isTrue();
        assertThat(result.revision()).isEqualTo(new FlowRevision("bike_trips", 1, "id: bike_trips\n", sha('a'), T0));
        assertThat(flows.latest("bike_trips")).contains(result.revision());
    }

    @Test
    void changedSourceCreatesTheNextRevision() {
        flows.save("f", "v1", sha('a'), T0);
        SaveResult second = flows.save("f", "v2", sha('b'), T0.plusSeconds(1));

        assertThat(second.created()).isTrue();
        assertThat(second.revision().revision()).isEqualTo(2);
        assertThat(flows.revisions("f")).extracting(FlowRevision::source).containsExactly("v1", "v2");
        assertThat(flows.revision("f", 1)).map(FlowRevision::source).contains("v1");
    }

    @Test
    void savingTheLatestSourceAgainWritesNothing() {
        FlowRevision first = flows.save("f", "v1", sha('a'), T0).revision();

        SaveResult again = flows.save("f", "v1", sha('a'), T0.plusSeconds(9));

        assertThat(again.created()).isFalse();
        assertThat(again.revision()).isEqualTo(first);
        assertThat(flows.revisions("f")).hasSize(1);
    }

    @Test
    void goingBackToAnOlderSourceIsANewRevision() {
        flows.save("f", "v1", sha('a'), T0);
        flows.save("f", "v2", sha('b'), T0);

        SaveResult back = flows.save("f", "v1", sha('a'), T0);

        assertThat(back.created()).isTrue();
        assertThat(back.revision().revision()).isEqualTo(3);
    }

    @Test
    void unknownFlowsAndRevisionsAreEmpty() {
        flows.save("f", "v1", sha('a'), T0);

        assertThat(flows.latest("nope")).isEmpty();
        assertThat(flows.revision("f", 2)).isEmpty();
        assertThat(flows.revisions("nope")).isEmpty();
    }

    @Test
    void latestOfEachListsEveryFlowOnceAtItsNewestRevision() {
        flows.save("weather", "w1", sha('a'), T0);
        flows.save("bike_trips", "b1", sha('b'), T0);
        flows.save("bike_trips", "b2", sha('c'), T0);

        assertThat(flows.latestOfEach()).extracting(FlowRevision::flowId, FlowRevision::revision)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("bike_trips", 2),
                        org.assertj.core.groups.Tuple.tuple("weather", 1));
    }

    @Test
    void concurrentSavesGetDistinctConsecutiveRevisions() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<SaveResult>> saves = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                String source = "v" + i;
                String digest = "%064d".formatted(i);
                saves.add(pool.submit(() -> flows.save("f", source, digest, T0)));
            }
            for (Future<SaveResult> save : saves) {
                assertThat(save.get().created()).isTrue();
            }
        } finally {
            pool.shutdown();
        }
        assertThat(flows.revisions("f")).extracting(FlowRevision::revision)
                .containsExactlyElementsOf(java.util.stream.IntStream.rangeClosed(1, 20).boxed().toList());
    }
}
