package dev.reprise.server;

import dev.reprise.app.TestWiring;
import dev.reprise.cli.Cli;
import dev.reprise.run.Run;
import dev.reprise.run.RunQuery;
import dev.reprise.testing.SelfSigned;
import dev.reprise.testing.SelfSigned.Pair;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The command line on a server that speaks HTTPS with a self-signed certificate: {@code --ca-cert FILE} trusts
 * it, for one command or, saved by {@code reprise connect}, for every later one; without it, or with a file
 * that cannot be used, a command exits 2 saying what to give, and writes nothing.
 */
class HttpsCliTest {

    /** The pair keytool makes (a few seconds), made once for every test. */
    @TempDir
    static Path pairs;
    private static Pair pair;

    @TempDir
    Path folder;

    private TestServer https;
    private Path connections;

    @BeforeAll
    static void makePair() throws Exception {
        pair = SelfSigned.make(pairs, "reprise-cli-https", "RSA");
    }

    @BeforeEach
    void start() {
        https = new TestServer(folder.resolve("ws"), WorkspaceServer.Config.defaults()
                .withTls(ServerTls.load(pair.certificate(), pair.key())));
        https.workspace.applyFlow(RemoteWorkspaceHttpsTest.NAP, "nap.yaml");
        connections = folder.resolve("connections.json");
    }

    @AfterEach
    void stop() {
        https.close();
    }

    private record Result(int code, String out, String err) {
    }

    private Result cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Cli cli = new Cli(TestWiring.workspaces(), folder.resolve("unused"),
                new Cli.Environment(null, connections, Map.of()));
        int code = cli.execute(args, new PrintWriter(out), new PrintWriter(err));
        return new Result(code, out.toString(), err.toString());
    }

    private String url() {
        return https.server.url().replace("/api/v1", "");
    }

    @Test
    void aCommandWithTheCaCertificateRunsAndFollowsARunOverHttps() {
        Result run = cli("run", "nap", "--follow", "--server", url(), "--token", https.token,
                "--ca-cert", pair.certificate().toString());
        Result listed = cli("runs", "list", "--json", "--server", url(), "--token", https.token,
                "--ca-cert", pair.certificate().toString());

        assertThat(run.code()).as(run.err()).isZero();
        Run only = https.workspace.runs(RunQuery.all()).runs().getFirst();
        assertThat(only.state().name()).isEqualTo("SUCCEEDED");
        assertThat(listed.code()).as(listed.err()).isZero();
        assertThat(listed.out()).contains(only.id());
    }

    @Test
    void aCommandWithoutTheCaCertificateExits2SayingToGiveItAndStartsNothing() {
        Result run = cli("run", "nap", "--server", url(), "--token", https.token);

        assertThat(run.code()).isEqualTo(Cli.BAD_INPUT);
        assertThat(run.err()).startsWith("error: the certificate of the Reprise server at " + url() + " is not trusted")
                .contains("--ca-cert FILE").doesNotContain("Exception");
        assertThat(https.workspace.runs(RunQuery.all()).runs()).isEmpty();
    }

    @Test
    void aCaCertificateFileThatIsMissingOrNotACertificateExits2NamingIt() throws Exception {
        Path missing = folder.resolve("missing.pem");
        Path garbage = Files.writeString(folder.resolve("garbage.pem"), "not a certificate\n");

        Result noFile = cli("runs", "list", "--server", url(), "--token", https.token, "--ca-cert", missing.toString());
        Result notPem = cli("connect", url(), "--token", https.token, "--ca-cert", garbage.toString());

        assertThat(noFile.code()).isEqualTo(Cli.BAD_INPUT);
        assertThat(noFile.err()).isEqualTo("error: the CA certificate file " + missing + " does not exist"
                + System.lineSeparator());
        assertThat(notPem.code()).isEqualTo(Cli.BAD_INPUT);
        assertThat(notPem.err()).contains(garbage.toString()).contains("BEGIN CERTIFICATE");
        assertThat(connections).doesNotExist();
    }

    @Test
    void connectSavesTheCaCertificateSoThatLaterCommandsNeedNeitherItNorTheToken() throws Exception {
        Result refused = cli("connect", url(), "--token", https.token);
        assertThat(refused.code()).isEqualTo(Cli.BAD_INPUT);
        assertThat(refused.err()).contains("--ca-cert FILE");
        assertThat(connections).doesNotExist();

        Result connected = cli("connect", url(), "--token", https.token, "--ca-cert", pair.certificate().toString());
        Result run = cli("run", "nap", "--follow", "--server", url());

        assertThat(connected.code()).as(connected.err()).isZero();
        assertThat(Files.readString(connections))
                .contains("\"caCertificate\" : \"" + pair.certificate().toAbsolutePath() + "\"");
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(https.workspace.runs(RunQuery.all()).runs()).hasSize(1);
    }
}
