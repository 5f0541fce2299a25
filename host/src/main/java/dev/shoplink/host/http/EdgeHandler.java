package dev.shoplink.host.http;

import java.util.List;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The first handler every request meets (in front of Javalin): puts the {@link SecurityHeaders} on
 * the answer and refuses method-override headers.
 *
 * <p>Javalin's {@code Context.method()} takes the method from {@code X-HTTP-Method-Override} when a
 * request carries it, so a {@code POST} with {@code X-HTTP-Method-Override: DELETE} was routed to the
 * DELETE handler and disconnected an integration. No spelling of such a header may change what a
 * request does; a request carrying one is a 400 that says so (the query or form field {@code _method}
 * is honoured by nothing and stays ignored).
 */
final class EdgeHandler extends Handler.Wrapper {
    static final List<String> METHOD_OVERRIDE_HEADERS = List.of("X-HTTP-Method-Override", "X-HTTP-Method", "X-Method-Override");

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        SecurityHeaders.apply(response.getHeaders(), request.getHttpURI().getPath());
        for (String name : METHOD_OVERRIDE_HEADERS) {
            if (request.getHeaders().contains(name)) {
                ProblemErrorHandler.write(request, response, callback, new ApiException(400, "method-override",
                        "Method override refused", name + " is not honoured: send the request with the HTTP method you"
                                + " mean instead of " + request.getMethod() + " with that header"));
                return true;
            }
        }
        return super.handle(request, response, callback);
    }
}
