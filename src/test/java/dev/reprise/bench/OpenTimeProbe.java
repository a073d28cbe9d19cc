package dev.reprise.bench;

import dev.reprise.run.RunState;
import dev.reprise.store.H2Store;
import org.h2.jdbcx.JdbcConnectionPool;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.EnumSet;

/**
 * Opens a workspace in a fresh JVM and prints how long it took, as a person starting the app would wait
 * for it: {@code store} opens it with {@link H2Store#open} and asks for the runs to recover (what the
 * engine does first); {@code raw} only opens the H2 database and reads one row, without migrations.
 * Arguments: mode, workspace folder.
 */
public final class OpenTimeProbe {

    private OpenTimeProbe() {
    }

    public static void main(String[] args) throws Exception {
        long jvmStart = ProcessHandle.current().info().startInstant().orElseThrow().toEpochMilli();
        long start = System.nanoTime();
        Path dir = Path.of(args[1]);
        if (args[0].equals("parts")) {
            long t = System.nanoTime();
            org.slf4j.LoggerFactory.getLogger(OpenTimeProbe.class).debug("logging ready");
            long logging = System.nanoTime() - t;
            t = System.nanoTime();
            dev.reprise.run.Json.newMapper().readTree("{\"a\":[1]}");
            long jackson = System.nanoTime() - t;
            System.out.printf("parts: logging init %d ms, Jackson mapper %d ms; ", logging / 1_000_000,
                    jackson / 1_000_000);
            start = System.nanoTime();
        }
        if (args[0].equals("store") || args[0].equals("parts")) {
            try (H2Store store = H2Store.open(dir)) {
                long opened = System.nanoTime();
                int recovering = store.runs().runsInStates(EnumSet.of(RunState.RUNNING, RunState.QUEUED)).size();
                long ready = System.nanoTime();
                System.out.printf("store open %d ms, ready (recovery query, %d runs) %d ms, since JVM start %d ms%n",
                        (opened - start) / 1_000_000, recovering, (ready - start) / 1_000_000,
                        System.currentTimeMillis() - jvmStart);
            }
        } else {
            JdbcConnectionPool pool = JdbcConnectionPool.create("jdbc:h2:file:" + dir.resolve("reprise"), "sa", "");
            try (Connection connection = pool.getConnection();
                 ResultSet row = connection.createStatement().executeQuery("SELECT COUNT(*) FROM run")) {
                row.next();
                System.out.printf("raw H2 open + one query %d ms%n", (System.nanoTime() - start) / 1_000_000);
            } finally {
                pool.dispose();
            }
        }
    }
}
