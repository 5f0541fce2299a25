package dev.shoplink.host.http;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.module.blackbird.BlackbirdModule;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.shoplink.host.db.StoreErrors;
import dev.shoplink.host.domain.DomainException;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpResponseException;
import io.javalin.http.staticfiles.Location;
import org.apache.commons.lang3.exception.ExceptionUtils;
import org.eclipse.jetty.http.HttpCompliance;
import org.eclipse.jetty.http.UriCompliance;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Javalin server: JSON, the admin-token rule for {@code /api/v1}, one exception mapping
 * to problem details, the health endpoints and every feature's routes.
 */
public final class HttpServer {
    private static final Logger LOG = LoggerFactory.getLogger(HttpServer.class);
    /** Bodies larger than this are refused with 413 before anything reads them. */
    public static final long MAX_BODY_BYTES = 1_048_576;
    /** The request line and headers together may be this large; larger is a 431 (Jetty's own default). */
    public static final int MAX_HEADER_BYTES = 8192;
    private static final String PROBLEM_JSON = "application/problem+json";

    private HttpServer() {
    }

    /** The JSON mapper of the API: ISO-8601 times, no nulls-as-numbers surprises. */
    public static ObjectMapper objectMapper() {
        return new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .registerModule(new Jdk8Module())
                // generated accessors instead of reflection: a page of 50 orders is ~1,500 property writes
                .registerModule(new BlackbirdModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    /**
     * Builds (does not start) the server.
     *
     * @param adminToken the bearer token every {@code /api/v1} call must carry
     * @param ready whether migrations ran and plugins loaded
     * @param features every feature's routes
     * @param registered receives "METHOD path" of each route, for the OpenAPI check
     */
    public static Javalin create(String adminToken, BooleanSupplier ready, Set<ApiRoutes> features, List<String> registered) {
        byte[] expected = ("Bearer " + adminToken).getBytes(StandardCharsets.UTF_8);
        ObjectMapper mapper = objectMapper();
        return Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.jsonMapper(new ApiJson(mapper));
            config.http.maxRequestSize = MAX_BODY_BYTES;
            config.http.prefer405over404 = true;
            edge(config);
            config.router.ignoreTrailingSlashes = true;
            config.staticFiles.enableWebjars();
            config.staticFiles.add(files -> {
                files.hostedPath = "/";
                files.directory = "/web";
                files.location = Location.CLASSPATH;
            });
            config.events.handlerAdded(meta -> {
                if (meta.getHttpMethod() != HandlerType.BEFORE && meta.getHttpMethod() != HandlerType.AFTER) {
                    registered.add(meta.getHttpMethod().name() + " " + meta.getPath());
                }
            });

            // the token (or the session cookie) first: a client without it learns nothing, and its body is not read
            Sessions sessions = new Sessions(Clock.systemUTC());
            config.routes.before("/api/v1/*", ctx -> SessionRoutes.authenticate(ctx, expected, sessions));
            // read every request body up front (bounded by MAX_BODY_BYTES) and refuse what is no UTF-8 JSON: a
            // handler that ignores its body must not leave unread bytes on a keep-alive connection either
            config.routes.before("/api/*", RequestBodies::admit);
            config.routes.get("/health/live", ctx -> ctx.json(Health.UP));
            config.routes.get("/health/ready", ctx -> {
                boolean ok = ready.getAsBoolean();
                ctx.status(ok ? 200 : 503).json(ok ? Health.UP : Health.STARTING);
            });
            new SessionRoutes(sessions).register(config.routes);
            for (ApiRoutes feature : features) {
                feature.register(config.routes);
            }

            config.routes.exception(ApiException.class, (e, ctx) -> problem(ctx, e, mapper));
            config.routes.exception(DomainException.class, (e, ctx) -> problem(ctx, DomainProblems.of(e), mapper));
            config.routes.exception(HttpResponseException.class, (e, ctx) -> problem(ctx, translate(e, ctx), mapper));
            config.routes.exception(Exception.class, (e, ctx) -> {
                if (StoreErrors.isTransient(e)) {
                    // a lock not granted in time, a deadlock, a lost connection: the transaction was rolled back
                    LOG.warn("{} {}: the database was busy ({}); answered 503", ctx.method(), ctx.path(),
                            ExceptionUtils.getRootCause(e).getClass().getSimpleName());
                    ctx.header("Retry-After", "2");
                    problem(ctx, new ApiException(503, "store-busy", "Database busy", "the database could not take this"
                            + " request in time (another change to the same rows took longer); nothing was changed,"
                            + " send it again"), mapper);
                    return;
                }
                String incident = UUID.randomUUID().toString();
                LOG.error("unexpected error on {} {} (incident {})", ctx.method(), ctx.path(), incident, e);
                problem(ctx, new ApiException(500, "internal", "Internal error",
                        "something went wrong on our side; the log has the details under incident " + incident), mapper);
            });
        });
    }

    /**
     * The Jetty side: a first handler for the security headers and the method-override rule, problem
     * details for every error Jetty answers itself, and a strict URI reading (Javalin's default,
     * {@code UriCompliance.LEGACY}, lets ambiguous paths such as {@code /api/v1/products/%2e%2e/x} through).
     */
    private static void edge(io.javalin.config.JavalinConfig config) {
        ProblemErrorHandler errors = new ProblemErrorHandler();
        config.jetty.modifyServer(server -> {
            server.setErrorHandler(errors);
            server.insertHandler(new EdgeHandler());
        });
        config.jetty.modifyServletContextHandler(context -> context.setErrorHandler(errors));
        config.jetty.modifyHttpConfiguration(http -> {
            http.setUriCompliance(UriCompliance.DEFAULT);
            http.setHttpCompliance(HttpCompliance.RFC9110);
            http.setRequestHeaderSize(MAX_HEADER_BYTES);
            http.setSendServerVersion(false);
            http.setSendXPoweredBy(false);
        });
    }

    private static ApiException translate(HttpResponseException e, Context ctx) {
        return switch (e.getStatus()) {
            case 404 -> new ApiException(404, "not-found", "Not found", "no such resource: " + ctx.method() + " " + ctx.path());
            case 405 -> new ApiException(405, "method-not-allowed", "Method not allowed",
                    ctx.method() + " is not supported on " + ctx.path());
            case 413 -> new ApiException(413, "payload-too-large", "Payload too large",
                    "the body is larger than " + MAX_BODY_BYTES + " bytes");
            default -> new ApiException(e.getStatus(), "http-" + e.getStatus(), e.getMessage(), e.getMessage());
        };
    }

    private static void problem(Context ctx, ApiException e, ObjectMapper mapper) {
        try {
            ctx.status(e.status())
                    .header("Cache-Control", "no-store") // an error is never kept, whatever the path
                    .contentType(PROBLEM_JSON)
                    .result(mapper.writeValueAsBytes(Problem.of(e, ctx.path())));
        } catch (com.fasterxml.jackson.core.JsonProcessingException impossible) {
            ctx.status(500).result("internal error");
        }
    }

}
