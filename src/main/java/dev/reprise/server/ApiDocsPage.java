package dev.reprise.server;

import io.javalin.http.Context;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Properties;

/**
 * The API page at {@code /api/docs}: Swagger UI, served from its webjar on the class path so that it needs no
 * internet, showing the server's own OpenAPI document. Neither the page nor its assets need a token: like the
 * document, they describe the API, not a workspace. Only the few files the page uses are served, by name.
 * Immutable; thread-safe.
 */
final class ApiDocsPage {

    static final String PATH = "/api/docs";

    private static final String WEBJAR = "META-INF/resources/webjars/swagger-ui/";
    private static final String WEBJAR_PROPERTIES = "META-INF/maven/org.webjars/swagger-ui/pom.properties";
    private static final Map<String, String> ASSETS = Map.of(
            "swagger-ui.css", "text/css; charset=utf-8",
            "swagger-ui-bundle.js", "text/javascript; charset=utf-8",
            "favicon-32x32.png", "image/png",
            "favicon-16x16.png", "image/png");

    private final String version;
    private final String documentPath;
    private final byte[] page;

    /** The page for the document served at {@code documentPath} (an absolute path on this server). */
    ApiDocsPage(String documentPath) {
        this.version = webjarVersion();
        this.documentPath = documentPath;
        // validatorUrl none: Swagger UI would otherwise send the document to a validator on the internet
        this.page = """
                <!DOCTYPE html>
                <html lang="en">
                <head>
                  <meta charset="utf-8">
                  <meta name="viewport" content="width=device-width, initial-scale=1">
                  <title>Reprise server API</title>
                  <link rel="icon" type="image/png" sizes="32x32" href="%1$s/favicon-32x32.png">
                  <link rel="icon" type="image/png" sizes="16x16" href="%1$s/favicon-16x16.png">
                  <link rel="stylesheet" href="%1$s/swagger-ui.css">
                </head>
                <body>
                  <div id="api"></div>
                  <script src="%1$s/swagger-ui-bundle.js"></script>
                  <script>
                    window.ui = SwaggerUIBundle({
                      url: "%2$s",
                      dom_id: "#api",
                      deepLinking: true,
                      validatorUrl: "none",
                      tryItOutEnabled: false
                    });
                  </script>
                </body>
                </html>
                """.formatted(PATH, documentPath).getBytes(StandardCharsets.UTF_8);
    }

    /** Whether {@code path} is the page's or one of its assets' (these need no token). */
    static boolean serves(String path) {
        return path.equals(PATH) || path.startsWith(PATH + "/");
    }

    void page(Context ctx) {
        requireWebjar();
        ctx.contentType("text/html; charset=utf-8").result(page);
    }

    void asset(Context ctx) {
        requireWebjar();
        String name = ctx.pathParam("asset");
        String type = ASSETS.get(name);
        InputStream bytes = type == null ? null
                : ApiDocsPage.class.getClassLoader().getResourceAsStream(WEBJAR + version + "/" + name);
        if (bytes == null) {
            throw new ApiException(404, "no such file of the API page: " + Request.printable(name));
        }
        ctx.contentType(type).result(bytes);
    }

    private void requireWebjar() {
        if (version == null) {
            throw new ApiException(404, "this build of the server has no API page; the API document is at "
                    + documentPath);
        }
    }

    /** The version of the Swagger UI webjar on the class path, or null if there is none. */
    private static String webjarVersion() {
        try (InputStream in = ApiDocsPage.class.getClassLoader().getResourceAsStream(WEBJAR_PROPERTIES)) {
            if (in == null) {
                return null;
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
