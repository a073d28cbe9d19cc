package dev.reprise.server;

import dev.reprise.app.LocalWorkspaces;
import dev.reprise.testing.SelfSigned;
import dev.reprise.testing.SelfSigned.Pair;
import dev.reprise.workspace.LocalWorkspace;
import dev.reprise.workspace.WorkspaceException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A server with a certificate: HTTPS on loopback with a self-signed certificate made by the JDK's keytool for
 * the test, nothing but HTTPS on its port, and a clear refusal, before anything listens, of a certificate or key
 * that cannot be used.
 */
class TlsTest {

    /** The pairs keytool makes (a few seconds each), made once for every test. */
    @TempDir
    static Path pairs;
    private static Pair rsa;
    private static Pair otherRsa;
    private static Pair ec;

    @TempDir
    Path folder;

    private LocalWorkspace workspace;
    private TokenStore tokens;
    private final List<Process> children = new ArrayList<>();

    @BeforeAll
    static void makePairs() throws Exception {
        rsa = SelfSigned.make(pairs, "reprise-test", "RSA");
        otherRsa = SelfSigned.make(pairs, "someone-else", "RSA");
        ec = SelfSigned.make(pairs, "reprise-ec", "EC");
    }

    @BeforeEach
    void open() {
        workspace = LocalWorkspaces.open(folder.resolve("ws"), LocalWorkspaces.Options.defaults().withParallelism(1));
        tokens = new TokenStore(folder.resolve("ws"), Clock.systemUTC());
    }

    @AfterEach
    void close() throws InterruptedException {
        for (Process child : children) {
            child.destroyForcibly();
            child.waitFor(10, TimeUnit.SECONDS);
        }
        workspace.close();
    }

    private static HttpClient trusting(Certificate certificate) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("server", certificate);
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return HttpClient.newBuilder().sslContext(context).connectTimeout(Duration.ofSeconds(5)).build();
    }

    private static HttpRequest get(String url) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET().build();
    }

    private WorkspaceServer startTls(Pair pair) {
        return WorkspaceServer.start(workspace, tokens, WorkspaceServer.Config.defaults()
                .withAddress("127.0.0.1", 0).withTls(ServerTls.load(pair.certificate(), pair.key())));
    }

    @Test
    void aServerWithACertificateAnswersOverHttpsToAClientThatTrustsIt() throws Exception {
        Pair pair = rsa;
        String token = tokens.create("test", true).token();
        try (WorkspaceServer server = startTls(pair); HttpClient client = trusting(pair.trusted())) {
            HttpResponse<String> health = client.send(get("https://127.0.0.1:" + server.port() + "/api/v1/health"),
                    HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> metrics = client.send(HttpRequest.newBuilder(
                            URI.create("https://127.0.0.1:" + server.port() + "/metrics"))
                    .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());

            assertThat(server.url()).isEqualTo("https://127.0.0.1:" + server.port() + "/api/v1");
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.body()).contains("\"ok\"");
            assertThat(metrics.statusCode()).isEqualTo(200);
            assertThat(metrics.body()).contains("reprise_http_requests_total{method=\"GET\",route=\"/api/v1/health\","
                    + "status=\"200\"} 1");
        }
    }

    @Test
    void aServerWithACertificateDoesNotSpeakPlainHttp() throws Exception {
        Pair pair = rsa;
        try (WorkspaceServer server = startTls(pair);
             HttpClient plain = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()) {
            String url = "http://127.0.0.1:" + server.port() + "/api/v1/health";

            HttpResponse<String> answer = null;
            try {
                answer = plain.send(get(url), HttpResponse.BodyHandlers.ofString());
            } catch (IOException refused) {
                // the connection was closed on a request that was not a TLS handshake
            }
            if (answer != null) {
                assertThat(answer.statusCode()).as(answer.body()).isGreaterThanOrEqualTo(400);
                assertThat(answer.body()).doesNotContain("\"ok\"");
            }
        }
    }

    @Test
    void aClientThatDoesNotTrustTheCertificateIsRefusedTheHandshake() throws Exception {
        Pair pair = rsa;
        Pair other = otherRsa;
        try (WorkspaceServer server = startTls(pair); HttpClient client = trusting(other.trusted())) {
            assertThatThrownBy(() -> client.send(get("https://127.0.0.1:" + server.port() + "/api/v1/health"),
                    HttpResponse.BodyHandlers.ofString())).isInstanceOf(SSLHandshakeException.class);
        }
    }

    @Test
    void anEcKeyServesToo() throws Exception {
        Pair pair = ec;
        try (WorkspaceServer server = startTls(pair); HttpClient client = trusting(pair.trusted())) {
            assertThat(client.send(get("https://127.0.0.1:" + server.port() + "/api/v1/health"),
                    HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void aKeyOfAnotherCertificateIsRefusedNamingBothFiles() throws Exception {
        Pair pair = rsa;
        Pair other = otherRsa;

        assertThatThrownBy(() -> ServerTls.load(pair.certificate(), other.key()))
                .isInstanceOf(WorkspaceException.class)
                .hasMessageContaining("does not belong to the certificate")
                .hasMessageContaining(other.key().toString()).hasMessageContaining(pair.certificate().toString());
    }

    @Test
    void aMissingOrUnreadableFileIsRefusedByName() throws Exception {
        Pair pair = rsa;
        Path missing = folder.resolve("nowhere.pem");

        assertThatThrownBy(() -> ServerTls.load(missing, pair.key())).isInstanceOf(WorkspaceException.class)
                .hasMessage("the certificate file " + missing + " does not exist");
        assertThatThrownBy(() -> ServerTls.load(pair.certificate(), missing)).isInstanceOf(WorkspaceException.class)
                .hasMessage("the private key file " + missing + " does not exist");
        assertThatThrownBy(() -> ServerTls.load(folder, pair.key())).isInstanceOf(WorkspaceException.class)
                .hasMessageStartingWith("cannot read the certificate file " + folder);
    }

    @Test
    void filesThatAreNotPemOrAKeyInAnotherFormAreRefusedSayingWhatIsExpected() throws Exception {
        Pair pair = rsa;
        Path garbage = folder.resolve("garbage.pem");
        Files.writeString(garbage, "not a certificate\n");
        Path pkcs1 = folder.resolve("rsa.pem");
        Files.writeString(pkcs1, "-----BEGIN RSA PRIVATE KEY-----\nMIIBOgIBAAJBAK\n-----END RSA PRIVATE KEY-----\n");
        Path encrypted = folder.resolve("encrypted.pem");
        Files.writeString(encrypted, "-----BEGIN ENCRYPTED PRIVATE KEY-----\nMIIBOg==\n-----END ENCRYPTED PRIVATE KEY-----\n");

        assertThatThrownBy(() -> ServerTls.load(garbage, pair.key())).isInstanceOf(WorkspaceException.class)
                .hasMessageContaining(garbage.toString()).hasMessageContaining("BEGIN CERTIFICATE");
        assertThatThrownBy(() -> ServerTls.load(pair.certificate(), garbage)).isInstanceOf(WorkspaceException.class)
                .hasMessageContaining(garbage.toString()).hasMessageContaining("BEGIN PRIVATE KEY");
        assertThatThrownBy(() -> ServerTls.load(pair.certificate(), pkcs1)).isInstanceOf(WorkspaceException.class)
                .hasMessageContaining("'RSA PRIVATE KEY'").hasMessageContaining("openssl pkcs8 -topk8 -nocrypt");
        assertThatThrownBy(() -> ServerTls.load(pair.certificate(), encrypted)).isInstanceOf(WorkspaceException.class)
                .hasMessageContaining("'ENCRYPTED PRIVATE KEY'").hasMessageContaining("passphrase");
        // the certificate file and the key file swapped
        assertThatThrownBy(() -> ServerTls.load(pair.key(), pair.certificate())).isInstanceOf(WorkspaceException.class)
                .hasMessageContaining(pair.key().toString());
    }

    @Test
    void theServerCommandServesHttpsWithoutThePlainHttpWarning() throws Exception {
        Pair pair = rsa;
        // another loopback address than 127.0.0.1, on which plain HTTP would be warned about
        List<String> plainLines = new ArrayList<>();
        Matcher plainUrl = startServerCommand(folder.resolve("plain"), plainLines, "--bind", "127.0.0.2", "--port", "0");
        List<String> lines = new ArrayList<>();
        Matcher url = startServerCommand(folder.resolve("served"), lines, "--bind", "127.0.0.2", "--port", "0",
                "--tls-cert", pair.certificate().toString(), "--tls-key", pair.key().toString());

        try (HttpClient client = trusting(pair.trusted())) {
            assertThat(client.send(get(url.group(1) + "/api/v1/health"), HttpResponse.BodyHandlers.ofString())
                    .statusCode()).isEqualTo(200);
        }
        assertThat(plainUrl.group(1)).startsWith("http://127.0.0.2:");
        assertThat(plainLines).anyMatch(line -> line.contains("over plain HTTP"));
        assertThat(url.group(1)).startsWith("https://127.0.0.2:");
        assertThat(lines).noneMatch(line -> line.contains("plain HTTP"));
    }

    @Test
    void theServerCommandRefusesAMissingKeyBeforeServing() throws Exception {
        Pair pair = rsa;
        Path missing = folder.resolve("missing-key.pem");
        Process process = serverCommand(folder.resolve("served"), "--port", "0", "--tls-cert", pair.certificate().toString(),
                "--tls-key", missing.toString());

        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();

        assertThat(process.exitValue()).as(output).isNotZero();
        assertThat(output).contains("the private key file " + missing + " does not exist").doesNotContain("serving");
    }

    private Process serverCommand(Path served, String... options) throws IOException {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"), "-cp",
                System.getProperty("java.class.path"), "dev.reprise.app.Main", "server", "--workspace",
                served.toString()));
        command.addAll(List.of(options));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        children.add(process);
        return process;
    }

    /**
     * Starts {@code reprise server} as a child and reads what it prints until the admin token's line of use, the
     * last it prints before the warning it may give; then what follows within a second. Answers the URL matched.
     */
    private Matcher startServerCommand(Path served, List<String> lines, String... options) throws Exception {
        Process process = serverCommand(served, options);
        LinkedBlockingQueue<String> output = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    output.add(line);
                }
            } catch (IOException e) {
                // the child ended
            }
        });
        reader.setDaemon(true);
        reader.start();
        Pattern serving = Pattern.compile("at (https?://[0-9.]+:\\d+)/api/v1");
        Matcher found = null;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            String line = output.poll(1, TimeUnit.SECONDS);
            if (line == null) {
                assertThat(process.isAlive()).as("the server stopped; it printed: " + lines).isTrue();
                continue;
            }
            lines.add(line);
            Matcher matcher = serving.matcher(line);
            if (line.startsWith("reprise server: serving") && matcher.find()) {
                found = matcher;
            }
            if (found != null && line.contains("use it: reprise connect")) {
                for (String more = output.poll(1, TimeUnit.SECONDS); more != null;
                     more = output.poll(200, TimeUnit.MILLISECONDS)) {
                    lines.add(more);
                }
                return found;
            }
        }
        throw new AssertionError("the server did not start; it printed: " + lines);
    }
}
