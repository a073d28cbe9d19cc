package dev.reprise.engine.builtin;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HttpRequestHandlerTest {

    @TempDir
    Path tmp;

    private HttpServer server;
    private final CountDownLatch release = new CountDownLatch(1);
    private String base;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/echo", exchange -> {
            byte[] request = exchange.getRequestBody().readAllBytes();
            String answer = "{\"method\":\"" + exchange.getRequestMethod() + "\",\"body\":\""
                    + new String(request, StandardCharsets.UTF_8) + "\",\"token\":\""
                    + exchange.getRequestHeaders().getFirst("X-Token") + "\"}";
            byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.createContext("/missing", exchange -> {
            byte[] bytes = "no such station".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(404, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.createContext("/slow", exchange -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        release.countDown();
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }

    private static HttpRequestHandler.Inputs request(String url, String method, String body, String timeout, Boolean failOnError) {
        return new HttpRequestHandler.Inputs(url, method, Map.of("X-Token", "t1"), body, timeout, failOnError);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> asStringMap(Object value) {
        return (Map<String, String>) value;
    }

    @Test
    void getAnswersStatusBodyHeadersAndParsedJson() throws Exception {
        Map<String, Object> out = new HttpRequestHandler().run(request(base + "/echo", null, null, null, null),
                new TestStepContext(tmp));

        assertThat(out).containsEntry("status", 200)
                .containsEntry("body", "{\"method\":\"GET\",\"body\":\"\",\"token\":\"t1\"}");
        assertThat(asStringMap(out.get("headers"))).containsEntry("content-type", "application/json");
        assertThat(out.get("json")).hasToString("{\"method\":\"GET\",\"body\":\"\",\"token\":\"t1\"}");
    }

    @Test
    void postSendsTheBody() throws Exception {
        Map<String, Object> out = new HttpRequestHandler().run(request(base + "/echo", "post", "hello", "5s", null),
                new TestStepContext(tmp));

        assertThat((String) out.get("body")).contains("\"method\":\"POST\"", "\"body\":\"hello\"");
    }

    @Test
    void anErrorStatusFailsWithTheStatusAndBody() {
        assertThatThrownBy(() -> new HttpRequestHandler().run(request(base + "/missing", null, null, null, null),
                new TestStepContext(tmp)))
                .hasMessage("GET " + base + "/missing answered 404: no such station");
    }

    @Test
    void anErrorStatusIsAnOutputWhenFailOnErrorIsOff() throws Exception {
        Map<String, Object> out = new HttpRequestHandler().run(request(base + "/missing", null, null, null, false),
                new TestStepContext(tmp));

        assertThat(out).containsEntry("status", 404).containsEntry("body", "no such station");
    }

    @Test
    void aSlowAnswerFailsAfterTheTimeout() {
        assertThatThrownBy(() -> new HttpRequestHandler().run(request(base + "/slow", null, null, "300ms", null),
                new TestStepContext(tmp)))
                .hasMessage("GET " + base + "/slow: no answer within 0.3s");
    }

    @Test
    void aUrlThatIsNotHttpIsRefused() {
        assertThatThrownBy(() -> new HttpRequestHandler().run(request("ftp://example.org/x", null, null, null, null),
                new TestStepContext(tmp)))
                .hasMessage("url 'ftp://example.org/x' is not an http or https URL with a host");
    }
}
