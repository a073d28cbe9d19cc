package dev.reprise.store;

import dev.reprise.engine.RunStore;
import dev.reprise.run.Run;
import dev.reprise.run.RunPage;
import dev.reprise.run.RunQuery;
import dev.reprise.run.RunState;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.reprise.store.Records.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Run listings: each filter alone and combined, order, and keyset paging. One store for all tests. */
class RunQueryTest {

    @TempDir
    static Path dir;
    private static H2Store store;
    private static RunStore runs;

    @BeforeAll
    static void fill() {
        store = H2Store.open(dir);
        runs = store.runs();
        runs.commit(new RunStore.Changes(List.of(
                Records.run("r-01", "bike_trips", T0.plusSeconds(1), RunState.SUCCEEDED, "March trips",
                        Map.of("team", "data", "env", "prod")),
                Records.run("r-02", "bike_trips", T0.plusSeconds(2), RunState.FAILED, "April trips",
                        Map.of("team", "data", "env", "dev")),
                Records.run("r-03", "weather", T0.plusSeconds(3), RunState.RUNNING, "Daily weather",
                        Map.of("team", "ops", "env", "prod")),
                Records.run("r-04", "weather", T0.plusSeconds(3), RunState.SUCCEEDED, null, Map.of()),
                Records.run("r-05", "sales_100%", T0.plusSeconds(5), RunState.CANCELLED, "Q1_sales",
                        Map.of("env", "prod"))), List.of()));
    }

    @AfterAll
    static void close() {
        store.close();
    }

    private static List<String> ids(RunQuery query) {
        return runs.query(query).runs().stream().map(Run::id).toList();
    }

    @Test
    void everythingComesNewestFirstWithTiesByIdDescending() {
        assertThat(ids(RunQuery.all())).containsExactly("r-05", "r-04", "r-03", "r-02", "r-01");
    }

    @Test
    void flowFilterKeepsOnlyThatFlow() {
        assertThat(ids(RunQuery.all().withFlow("weather"))).containsExactly("r-04", "r-03");
    }

    @Test
    void stateFilterKeepsAnyOfTheGivenStates() {
        assertThat(ids(RunQuery.all().withStates(EnumSet.of(RunState.FAILED, RunState.CANCELLED))))
                .containsExactly("r-05", "r-02");
    }

    @Test
    void labelFilterRequiresEveryGivenLabel() {
        assertThat(ids(RunQuery.all().withLabels(Map.of("env", "prod")))).containsExactly("r-05", "r-03", "r-01");
        assertThat(ids(RunQuery.all().withLabels(Map.of("env", "prod", "team", "data")))).containsExactly("r-01");
        assertThat(ids(RunQuery.all().withLabels(Map.of("env", "staging")))).isEmpty();
        assertThat(ids(RunQuery.all().withLabels(Map.of("prod", "env")))).isEmpty();
    }

    @Test
    void labelFilterFindsTheSameRunsWhetherLabelsAreLookedUpFirstOrCheckedPerRun() throws Exception {
        RunQuery query = RunQuery.all().withLabels(Map.of("env", "prod", "team", "data"));
        try (Connection connection = DriverManager.getConnection("jdbc:h2:file:" + dir.resolve("reprise"), "sa", "")) {
            for (Map.Entry<String, String> first : new ArrayList<>(query.labels().entrySet())) {
                assertThat(idsOf(RunQuerySql.of(query, Dialect.H2, first), connection)).containsExactly("r-01");
            }
            assertThat(idsOf(RunQuerySql.of(query, Dialect.H2, null), connection)).containsExactly("r-01");
            assertThat(idsOf(RunQuerySql.of(RunQuery.all().withLabels(Map.of("env", "prod")), Dialect.H2, null), connection))
                    .containsExactly("r-05", "r-03", "r-01");
        }
    }

    private static List<String> idsOf(RunQuerySql sql, Connection connection) throws Exception {
        List<String> ids = new ArrayList<>();
        try (PreparedStatement statement = sql.prepare(connection); ResultSet row = statement.executeQuery()) {
            while (row.next()) {
                ids.add(row.getString(1));
            }
        }
        return ids;
    }

    @Test
    void textMatchesIdNameOrFlowIgnoringCase() {
        assertThat(ids(RunQuery.all().withText("TRIPS"))).containsExactly("r-02", "r-01");
        assertThat(ids(RunQuery.all().withText("daily"))).containsExactly("r-03");
        assertThat(ids(RunQuery.all().withText("r-04"))).containsExactly("r-04");
        assertThat(ids(RunQuery.all().withText("eather"))).containsExactly("r-04", "r-03");
    }

    @Test
    void textWildcardCharactersMatchLiterally() {
        assertThat(ids(RunQuery.all().withText("100%"))).containsExactly("r-05");
        assertThat(ids(RunQuery.all().withText("%"))).containsExactly("r-05");
        assertThat(ids(RunQuery.all().withText("_"))).containsExactly("r-05", "r-02", "r-01");
        assertThat(ids(RunQuery.all().withText("q1_"))).containsExactly("r-05");
        assertThat(ids(RunQuery.all().withText("q1x"))).isEmpty();
    }

    @Test
    void rangeIncludesItsStartAndExcludesItsEnd() {
        assertThat(ids(RunQuery.all().withRange(T0.plusSeconds(2), T0.plusSeconds(5))))
                .containsExactly("r-04", "r-03", "r-02");
        assertThat(ids(RunQuery.all().withRange(T0.plusSeconds(3), null))).containsExactly("r-05", "r-04", "r-03");
        assertThat(ids(RunQuery.all().withRange(null, T0.plusSeconds(2)))).containsExactly("r-01");
    }

    @Test
    void filtersCombineWithAnd() {
        RunQuery query = RunQuery.all().withFlow("bike_trips").withStates(Set.of(RunState.SUCCEEDED,
                        RunState.FAILED)).withLabels(Map.of("team", "data")).withText("trips")
                .withRange(T0, T0.plusSeconds(2));

        assertThat(ids(query)).containsExactly("r-01");
        assertThat(ids(query.withRange(T0, T0.plusSeconds(3)))).containsExactly("r-02", "r-01");
        assertThat(ids(query.withFlow("weather"))).isEmpty();
    }

    @Test
    void pagesFollowEachOtherWithoutGapsOrRepeatsAcrossEqualTimes() {
        List<String> seen = new ArrayList<>();
        RunPage page = runs.query(RunQuery.all().withLimit(2));
        int pages = 1;
        seen.addAll(page.runs().stream().map(Run::id).toList());
        while (page.nextCursor() != null) {
            page = runs.query(RunQuery.all().withLimit(2).withAfter(page.nextCursor()));
            seen.addAll(page.runs().stream().map(Run::id).toList());
            pages++;
        }

        assertThat(seen).containsExactly("r-05", "r-04", "r-03", "r-02", "r-01");
        assertThat(pages).isEqualTo(3);
    }

    @Test
    void aPageThatEndsExactlyAtTheLastRunHasNoNextCursor() {
        assertThat(runs.query(RunQuery.all().withLimit(5)).nextCursor()).isNull();
        assertThat(runs.query(RunQuery.all().withLimit(4)).nextCursor()).isNotNull();
    }

    @Test
    void pagingKeepsTheFilters() {
        RunQuery prod = RunQuery.all().withLabels(Map.of("env", "prod")).withLimit(1);
        Set<String> seen = new HashSet<>();
        String cursor = null;
        do {
            RunPage page = runs.query(prod.withAfter(cursor));
            page.runs().forEach(run -> assertThat(seen.add(run.id())).isTrue());
            cursor = page.nextCursor();
        } while (cursor != null);

        assertThat(seen).containsExactlyInAnyOrder("r-05", "r-03", "r-01");
    }

    @Test
    void aMalformedCursorIsRejectedClearly() {
        assertThatThrownBy(() -> runs.query(RunQuery.all().withAfter("not a cursor!")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cursor");
    }
}
