package dev.reprise.server;

import dev.reprise.client.RemoteWorkspace;
import dev.reprise.run.Run;
import dev.reprise.run.RunEvent;
import dev.reprise.run.RunQuery;
import dev.reprise.run.RunState;
import dev.reprise.testing.Eventually;
import dev.reprise.testing.SelfSigned;
import dev.reprise.testing.SelfSigned.Pair;
import dev.reprise.workspace.StartRequest;
import dev.reprise.workspace.Subscription;
import dev.reprise.workspace.WorkspaceException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A {@link RemoteWorkspace} on a server that speaks HTTPS with a self-signed certificate: trusting that
 * certificate through a CA certificate file, it lists, starts and follows runs (server-sent events over TLS);
 * without it, or with a file that does not vouch for the server, each call is refused saying why and what to give;
 * and a CA certificate file that cannot be used is refused when connecting, before anything is sent.
 */
class RemoteWorkspaceHttpsTest {

    static final String NAP = """
            id: nap
            steps:
              nap: { type: shell, run: "sleep 1" }
              after: { type: shell, needs: [nap], run: "echo done=yes >> \\"$REPRISE_OUTPUTS\\"" }
            """;

    /** The pairs keytool makes (a few seconds each), made once for every test. */
    @TempDir
    static Path pairs;
    private static Pair server;
    private static Pair stranger;

    @TempDir
    Path folder;

    private TestServer https;

    @BeforeAll
    static void makePairs() throws Exception {
        server = SelfSigned.make(pairs, "reprise-https", "RSA");
        stranger = SelfSigned.make(pairs, "stranger", "RSA");
    }

    @BeforeEach
    void start() {
        https = new TestServer(folder.resolve("ws"), WorkspaceServer.Config.defaults()
                .withTls(ServerTls.load(server.certificate(), server.key())));
        https.workspace.applyFlow(NAP, "nap.yaml");
    }

    @AfterEach
    void stop() {
        https.close();
    }

    private RemoteWorkspace remote(Path caCertificate) {
        return RemoteWorkspace.connect(URI.create(https.server.url()), https.token,
                RemoteWorkspace.Options.defaults().withCaCertificate(caCertificate));
    }

    @Test
    void aClientTrustingTheServersCertificateListsStartsAndFollowsRunsOverHttps() {
        List<RunEvent> events = new CopyOnWriteArrayList<>();
        try (RemoteWorkspace remote = remote(server.certificate())) {
            assertThat(remote.runs(RunQuery.all()).runs()).isEmpty();

            Run started = remote.start(StartRequest.of("nap"));
            try (Subscription followed = remote.subscribe(started.id(), 0, events::add)) {
                Eventually.waitFor("the run's end over the event stream", () -> events.stream()
                        .anyMatch(e -> e instanceof RunEvent.RunChanged changed && changed.run().state().isTerminal()));
            }

            assertThat(remote.location()).startsWith("https://127.0.0.1:");
            assertThat(events).filteredOn(RunEvent.StepChanged.class::isInstance).isNotEmpty();
            assertThat(events).filteredOn(RunEvent.RunChanged.class::isInstance)
                    .map(e -> ((RunEvent.RunChanged) e).run().state()).last().isEqualTo(RunState.SUCCEEDED);
            assertThat(remote.runs(RunQuery.all()).runs()).extracting(Run::id).containsExactly(started.id());
        }
    }

    @Test
    void aClientThatDoesNotTrustTheCertificateIsRefusedSayingToGiveItsCaCertificate() {
        try (RemoteWorkspace remote = remote(null)) {
            assertThatThrownBy(() -> remote.start(StartRequest.of("nap"))).isInstanceOf(WorkspaceException.class)
                    .hasMessageStartingWith("the certificate of the Reprise server at " + remote.location()
                            + " is not trusted (no authority this JVM trusts signed it)")
                    .hasMessageContaining("--ca-cert FILE");
        }
        assertThat(https.workspace.runs(RunQuery.all()).runs()).isEmpty();
    }

    @Test
    void aCaCertificateThatDoesNotVouchForTheServerIsRefusedNamingTheFile() {
        try (RemoteWorkspace remote = remote(stranger.certificate())) {
            assertThatThrownBy(() -> remote.runs(RunQuery.all())).isInstanceOf(WorkspaceException.class)
                    .hasMessageContaining("is not trusted by the CA certificate " + stranger.certificate()
                            + " (it is not that certificate, nor signed by it)");
        }
    }

    @Test
    void aCaCertificateFileThatIsMissingUnreadableOrNotCertificatesIsRefusedOnConnecting() throws Exception {
        Path missing = folder.resolve("missing.pem");
        Path garbage = Files.writeString(folder.resolve("garbage.pem"), "not a certificate\n");
        Path directory = Files.createDirectories(folder.resolve("a-folder.pem"));

        assertThatThrownBy(() -> remote(missing)).isInstanceOf(WorkspaceException.class)
                .hasMessage("the CA certificate file " + missing + " does not exist");
        assertThatThrownBy(() -> remote(directory)).isInstanceOf(WorkspaceException.class)
                .hasMessageStartingWith("cannot read the CA certificate file " + directory);
        assertThatThrownBy(() -> remote(garbage)).isInstanceOf(WorkspaceException.class)
                .hasMessageContaining(garbage.toString()).hasMessageContaining("BEGIN CERTIFICATE");
        // the key given for the certificate
        assertThatThrownBy(() -> remote(server.key())).isInstanceOf(WorkspaceException.class)
                .hasMessageContaining(server.key().toString()).hasMessageContaining("BEGIN CERTIFICATE");
    }
}
