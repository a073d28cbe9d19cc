package dev.reprise.testing;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real PostgreSQL server for the tests, with a throwaway database per caller. The server named by
 * {@code REPRISE_TEST_POSTGRES} ({@code postgresql://user@host:port/database}, a user that may create
 * databases; {@code .ci/run} starts one) is used when set; otherwise, where Debian's {@code postgresql}
 * package is installed, one is started for this JVM in a temporary folder on a free loopback port and
 * stopped when the JVM exits; elsewhere the tests that need one are skipped, saying why.
 */
public final class PostgresServer {

    private static final String USER = "reprise";
    private static PostgresServer shared;

    private final String host;
    private final int port;
    private final String user;
    private final String adminDatabase;

    private PostgresServer(String host, int port, String user, String adminDatabase) {
        this.host = host;
        this.port = port;
        this.user = user;
        this.adminDatabase = adminDatabase;
    }

    /** The server for this JVM's tests; skips the calling test when none can be had. */
    public static synchronized PostgresServer get() {
        if (shared == null) {
            shared = find();
        }
        return shared;
    }

    /** A new, empty database on the server: its address, {@code postgresql://user@host:port/name}. */
    public String newDatabase() {
        String name = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        try (Connection admin = DriverManager.getConnection(jdbc(adminDatabase), user, "");
             Statement statement = admin.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create a test database on " + this + ": " + e.getMessage(), e);
        }
        return "postgresql://" + user + "@" + host + ":" + port + "/" + name;
    }

    /** A connection to the database at {@code address} (as {@link #newDatabase} gives it), for checks. */
    public Connection connect(String address) throws SQLException {
        return DriverManager.getConnection(jdbc(address.substring(address.lastIndexOf('/') + 1)), user, "");
    }

    private String jdbc(String database) {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    @Override
    public String toString() {
        return "postgresql://" + user + "@" + host + ":" + port;
    }

    private static PostgresServer find() {
        String given = System.getenv("REPRISE_TEST_POSTGRES");
        if (given != null && !given.isBlank()) {
            URI uri = URI.create(given.strip());
            String user = uri.getUserInfo() == null ? USER : uri.getUserInfo().split(":")[0];
            String database = uri.getPath() == null || uri.getPath().length() <= 1 ? "postgres" : uri.getPath().substring(1);
            return new PostgresServer(uri.getHost(), uri.getPort() > 0 ? uri.getPort() : 5432, user, database);
        }
        Path bin = installed();
        Assumptions.assumeTrue(bin != null, "PostgreSQL is not installed here (no /usr/lib/postgresql/*/bin/initdb)"
                + " and REPRISE_TEST_POSTGRES is not set: skipping the tests that need a PostgreSQL server");
        try {
            return start(bin);
        } catch (IOException | InterruptedException e) {
            Assumptions.abort("could not start a PostgreSQL server for the tests: " + e.getMessage());
            return null;
        }
    }

    private static Path installed() {
        Path root = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(root)) {
            return null;
        }
        try (Stream<Path> versions = Files.list(root)) {
            return versions.map(v -> v.resolve("bin")).filter(b -> Files.isExecutable(b.resolve("initdb")))
                    .max(Comparator.comparing(Path::toString)).orElse(null);
        } catch (IOException e) {
            return null;
        }
    }

    private static PostgresServer start(Path bin) throws IOException, InterruptedException {
        boolean root = "root".equals(System.getProperty("user.name"));
        Path dir = Files.createTempDirectory("reprise-pg-");
        Path data = dir.resolve("data");
        if (root) {
            // initdb refuses root: the cluster belongs to the postgres user
            run(List.of("chown", "postgres", dir.toString()), false);
            run(List.of("chmod", "755", dir.toString()), false);
        }
        int port = freePort();
        run(List.of(bin.resolve("initdb").toString(), "-D", data.toString(), "-A", "trust", "-U", USER,
                "--no-sync"), root);
        run(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-w", "-l", dir.resolve("log").toString(),
                "-o", "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c fsync=on", "start"), root);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                run(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "immediate", "stop"), root);
            } catch (IOException | InterruptedException e) {
                // the JVM is going; the temporary folder is left behind
            }
        }, "reprise-test-postgres-stop"));
        return new PostgresServer("127.0.0.1", port, USER, "postgres");
    }

    private static void run(List<String> command, boolean asPostgres) throws IOException, InterruptedException {
        List<String> full = new ArrayList<>();
        if (asPostgres) {
            String runuser = Stream.of("/usr/sbin/runuser", "/sbin/runuser", "/usr/bin/runuser")
                    .filter(p -> Files.isExecutable(Path.of(p))).findFirst().orElse("runuser");
            full.addAll(List.of(runuser, "-u", "postgres", "--"));
        }
        full.addAll(command);
        Process process = new ProcessBuilder(full).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + output);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
