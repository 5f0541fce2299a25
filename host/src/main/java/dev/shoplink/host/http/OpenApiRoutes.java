package dev.shoplink.host.http;

import io.javalin.config.RoutesConfig;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The API reference: {@code GET /api/openapi.json} (the hand-written OpenAPI description of
 * {@code /api/v1}, kept honest by a test that compares it with the registered routes) and
 * {@code GET /api/docs} (Swagger UI from its webjar). Both lie outside {@code /api/v1}, so they
 * need no token: the description holds no data, and the UI asks for the token itself.
 */
public final class OpenApiRoutes implements ApiRoutes {
    public static final String SPEC_PATH = "/api/openapi.json";
    public static final String DOCS_PATH = "/api/docs";
    /** The page's start-up script: a file of its own, as the Content-Security-Policy allows no inline script. */
    public static final String DOCS_SCRIPT_PATH = "/api/docs/init.js";
    private static final String DOCS_SCRIPT = """
            // Swagger UI over the host's OpenAPI description (the page names it in data-spec)
            const root = document.getElementById('swagger-ui');
            window.ui = SwaggerUIBundle({
              url: root.dataset.spec,
              dom_id: '#swagger-ui',
              deepLinking: true,
              persistAuthorization: true,
              validatorUrl: null
            });
            """;
    private static final String SPEC_RESOURCE = "/openapi/openapi.json";
    private static final String SWAGGER_UI_POM = "/META-INF/maven/org.webjars/swagger-ui/pom.properties";

    private final byte[] spec;
    private final String docsPage;

    @Inject
    public OpenApiRoutes() {
        this.spec = resource(SPEC_RESOURCE);
        this.docsPage = docsPage(swaggerUiVersion());
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.get(SPEC_PATH, ctx -> ctx.contentType("application/json").result(spec));
        routes.get(DOCS_PATH, ctx -> ctx.html(docsPage));
        routes.get(DOCS_SCRIPT_PATH, ctx -> ctx.contentType("text/javascript; charset=utf-8").result(DOCS_SCRIPT));
    }

    /** The webjar's own version, so that upgrading the dependency never leaves the page pointing at missing files. */
    static String swaggerUiVersion() {
        Properties pom = new Properties();
        try (InputStream in = OpenApiRoutes.class.getResourceAsStream(SWAGGER_UI_POM)) {
            if (in == null) {
                throw new IllegalStateException("the swagger-ui webjar is not on the class path (" + SWAGGER_UI_POM + ")");
            }
            pom.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return pom.getProperty("version");
    }

    private static byte[] resource(String name) {
        try (InputStream in = OpenApiRoutes.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("the OpenAPI description " + name + " is missing from the class path");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String docsPage(String version) {
        String ui = "/webjars/swagger-ui/" + version;
        return """
                <!doctype html>
                <html lang="en">
                <head>
                  <meta charset="utf-8">
                  <meta name="viewport" content="width=device-width, initial-scale=1">
                  <title>Shoplink admin API</title>
                  <link rel="stylesheet" href="%1$s/swagger-ui.css">
                </head>
                <body>
                  <div id="swagger-ui" data-spec="%2$s"></div>
                  <script src="%1$s/swagger-ui-bundle.js"></script>
                  <script src="%3$s"></script>
                </body>
                </html>
                """.formatted(ui, SPEC_PATH, DOCS_SCRIPT_PATH);
    }
}
