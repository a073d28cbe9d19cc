package dev.reprise.app;

import dev.reprise.cli.Cli;
import dev.reprise.testing.PostgresServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** A shared store named badly, or one that cannot be had, is refused in words, with exit code 2. */
class SharedStoreCliTest {

    @TempDir
    Path folder;

    private record Result(int code, String err) {
    }

    private Result cli(String... args) {
        StringWriter err = new StringWriter();
        int code = new Cli(Main.workspaces(notice -> { }), folder.resolve("ws"))
                .execute(args, new PrintWriter(new StringWriter()), new PrintWriter(err));
        return new Result(code, err.toString());
    }

    @Test
    void anAddressThatIsNotPostgresqlIsRefused() {
        Result result = cli("runs", "list", "--store", "mysql://db/reprise");

        assertThat(result.code()).isEqualTo(Cli.BAD_INPUT);
        assertThat(result.err()).contains("not a PostgreSQL address: 'mysql://db/reprise'");
        assertThat(cli("runs", "list", "--store", "postgresql://db-host").err()).contains("names a host and a database");
    }

    @Test
    void aDatabaseThatCannotBeReachedIsSaidSoAndNothingIsWritten() {
        Result refused = cli("runs", "list", "--store", "postgresql://127.0.0.1:1/reprise");

        assertThat(refused.code()).isEqualTo(Cli.BAD_INPUT);
        assertThat(refused.err()).startsWith("error: cannot reach the database postgresql://127.0.0.1:1/reprise");
        assertThat(Files.exists(folder.resolve("ws").resolve("reprise.mv.db"))).isFalse();
    }

    @Test
    void aDatabaseThatDoesNotExistOnARealServerIsSaidSo() {
        String database = PostgresServer.get().newDatabase();
        String missing = database.substring(0, database.lastIndexOf('/') + 1) + "no_such_database";

        Result result = cli("runs", "list", "--store", missing);

        assertThat(result.code()).isEqualTo(Cli.BAD_INPUT);
        assertThat(result.err()).contains("cannot reach the database").contains("no_such_database");
    }
}
