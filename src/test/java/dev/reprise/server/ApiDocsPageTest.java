package dev.reprise.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.reprise.run.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The API page at /api/docs, as a browser without a token and without internet would load it from a real
 * server on loopback: the page, every asset it references, and the API document it shows.
 */
class ApiDocsPageTest {

    private static final Pattern REFERENCE = Pattern.compile("(?:src|href)=\"([^\"]+)\"");

    @TempDir
    Path folder;

    private TestServer server;
    private final ObjectMapper mapper = Json.newMapper();

    @BeforeEach
    void start() {
        server = new TestServer(folder.resolve("ws"));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpResponse<byte[]> getWithoutToken(String path) throws Exception {
        return server.http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.server.port() + path))
                .GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void thePageIsServedWithoutATokenAndShowsTheServedDocument() throws Exception {
        HttpResponse<byte[]> page = getWithoutToken("/api/docs");
        String html = new String(page.body(), StandardCharsets.UTF_8);

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(html).contains("url: \"/api/v1/openapi.json\"", "SwaggerUIBundle(");
        // nothing from the internet, and no validator badge that would send the document out
        assertThat(html).doesNotContain("http://", "https://").contains("validatorUrl: \"none\"");
    }

    @Test
    void everyAssetThePageReferencesIsServedWithItsContentType() throws Exception {
        String html = new String(getWithoutToken("/api/docs").body(), StandardCharsets.UTF_8);
        List<String> references = new ArrayList<>();
        Matcher matcher = REFERENCE.matcher(html);
        while (matcher.find()) {
            references.add(matcher.group(1));
        }

        assertThat(references).contains("/api/docs/swagger-ui.css", "/api/docs/swagger-ui-bundle.js");
        for (String reference : references) {
            HttpResponse<byte[]> asset = getWithoutToken(reference);
            String type = asset.headers().firstValue("Content-Type").orElse("");
            assertThat(asset.statusCode()).as(reference).isEqualTo(200);
            assertThat(asset.body().length).as(reference).isGreaterThan(100);
            if (reference.endsWith(".css")) {
                assertThat(type).as(reference).startsWith("text/css");
            } else if (reference.endsWith(".js")) {
                assertThat(type).as(reference).startsWith("text/javascript");
            } else {
                assertThat(type).as(reference).isEqualTo("image/png");
            }
        }
        String bundle = new String(getWithoutToken("/api/docs/swagger-ui-bundle.js").body(), StandardCharsets.UTF_8);
        assertThat(bundle).contains("SwaggerUIBundle");
    }

    @Test
    void theDocumentThePageShowsIsServedWithoutAToken() throws Exception {
        HttpResponse<byte[]> document = getWithoutToken("/api/v1/openapi.json");

        assertThat(document.statusCode()).isEqualTo(200);
        assertThat(document.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        assertThat(mapper.readTree(document.body()).path("openapi").asText()).isEqualTo("3.1.0");
    }

    @Test
    void onlyThePagesOwnFilesAreServedAndTheRestOfTheApiStillNeedsAToken() throws Exception {
        // files of the webjar the page does not use, and names that try to leave its folder
        for (String path : List.of("/api/docs/index.html", "/api/docs/swagger-initializer.js",
                "/api/docs/..%2F..%2Fv1%2Fruns", "/api/docs/pom.properties")) {
            HttpResponse<byte[]> answer = getWithoutToken(path);
            assertThat(answer.statusCode()).as(path).isEqualTo(404);
            assertThat(mapper.readTree(answer.body()).path("error").asText()).as(path).isNotBlank();
        }
        assertThat(getWithoutToken("/api/v1/runs").statusCode()).isEqualTo(401);
        assertThat(getWithoutToken("/api/v1/flows").statusCode()).isEqualTo(401);
    }
}
