package dev.shoplink.host.metrics;

import dev.shoplink.api.ApiAccessDeniedException;
import dev.shoplink.api.InvalidCredentialsException;
import dev.shoplink.api.MalformedResponseException;
import dev.shoplink.api.RateLimitedException;
import dev.shoplink.api.ShopUnavailableException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Meters of the conversation with the shops: every connector call timed by connector, call and
 * outcome; rate-limited answers and the wait they asked for; unavailable answers (which the
 * sync worker retries); pages and items a sync committed. Tag values are connector ids, call
 * names and phases: a handful each, never an integration or sync id.
 */
@Singleton
public final class ShopMetrics {
    public static final String REQUESTS = "shoplink.shop.requests";
    public static final String RATE_LIMITED = "shoplink.shop.rate_limited";
    public static final String RATE_LIMIT_WAIT = "shoplink.shop.rate_limit.wait";
    public static final String UNAVAILABLE = "shoplink.shop.unavailable";
    public static final String PAGES = "shoplink.sync.pages";
    public static final String ITEMS = "shoplink.sync.items";

    private final MeterRegistry registry;

    @Inject
    public ShopMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /**
     * Runs one connector call and times it.
     *
     * @param connector the connector id ({@code shipstation})
     * @param call what is asked: {@code validate}, {@code listings}, {@code listing}, {@code orders}
     */
    public <T> T call(String connector, String call, Supplier<T> request) {
        long start = System.nanoTime();
        String outcome = "success";
        try {
            return request.get();
        } catch (RuntimeException e) {
            outcome = outcome(e);
            if (e instanceof RateLimitedException limited) {
                Counter.builder(RATE_LIMITED).description("Shop answers asking to wait (a 429, or the connector's own pacing)")
                        .tag("connector", connector).tag("call", call).register(registry).increment();
                Duration wait = limited.retryAfter().isNegative() ? Duration.ZERO : limited.retryAfter();
                Timer.builder(RATE_LIMIT_WAIT).description("The wait rate-limited answers asked for")
                        .tag("connector", connector).register(registry).record(wait);
            } else if (e instanceof ShopUnavailableException) {
                Counter.builder(UNAVAILABLE).description("Shop unreachable or answering 5xx (a sync retries with backoff)")
                        .tag("connector", connector).tag("call", call).register(registry).increment();
            }
            throw e;
        } finally {
            Timer.builder(REQUESTS).description("Calls of a connector, i.e. requests to the shop")
                    .tag("connector", connector).tag("call", call).tag("outcome", outcome)
                    .register(registry).record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        }
    }

    /** A connector call without a result ({@code validate}). */
    public void run(String connector, String call, Runnable request) {
        call(connector, call, () -> {
            request.run();
            return null;
        });
    }

    /**
     * A sync committed one page of that phase with that many items (as the run's progress counts them).
     *
     * @param phase {@code products} or {@code orders}
     */
    public void page(String connector, String phase, int items) {
        Counter.builder(PAGES).description("Pages a sync committed").tag("connector", connector).tag("phase", phase)
                .register(registry).increment();
        Counter.builder(ITEMS).description("Items (listings, orders) of the pages a sync committed")
                .tag("connector", connector).tag("phase", phase).register(registry).increment(items);
    }

    private static String outcome(RuntimeException e) {
        if (e instanceof RateLimitedException) {
            return "rate_limited";
        } else if (e instanceof ShopUnavailableException) {
            return "unavailable";
        } else if (e instanceof InvalidCredentialsException) {
            return "invalid_credentials";
        } else if (e instanceof ApiAccessDeniedException) {
            return "access_denied";
        } else if (e instanceof MalformedResponseException) {
            return "malformed";
        }
        return "error";
    }
}
