package dev.shoplink.host.plugins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.shoplink.api.Connection;
import dev.shoplink.api.ConnectorDescriptor;
import dev.shoplink.api.CredentialField;
import dev.shoplink.api.Cursor;
import dev.shoplink.api.InvalidCredentialsException;
import dev.shoplink.api.Listing;
import dev.shoplink.api.ListingQuery;
import dev.shoplink.api.OrderQuery;
import dev.shoplink.api.Page;
import dev.shoplink.api.RateLimitedException;
import dev.shoplink.api.ShopConnector;
import dev.shoplink.api.ShopOrder;
import dev.shoplink.api.ShopUnavailableException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The guard around a connector, without a host: time limit, exception translation, secrets masked. */
class GuardedConnectorTest {
    private static final ConnectorDescriptor DESCRIPTOR = new ConnectorDescriptor("acme", "Acme",
            List.of(new CredentialField("apiKey", "API key", true, false), new CredentialField("apiSecret", "API secret", true, true)),
            URI.create("https://api.acme.example"));
    private static final Connection CONNECTION = new Connection(Map.of("apiKey", "k-123456", "apiSecret", "s3cr/et+42"),
            URI.create("https://api.acme.example"), Clock.systemUTC(), Duration.ofSeconds(5));

    private final ExecutorService pool = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "guard-test");
        t.setDaemon(true);
        return t;
    });
    private final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void stop() {
        release.countDown();
        pool.shutdownNow();
    }

    private GuardedConnector guarded(Consumer<Connection> listings, Duration timeout) {
        return new GuardedConnector(new Stub(listings), DESCRIPTOR, pool, () -> timeout);
    }

    @Test
    void aConnectorsOwnExceptionBecomesAFailureWithItsMessageMinusEveryCredential() {
        GuardedConnector connector = guarded(c -> {
            throw new IllegalArgumentException("bad key " + c.credential("apiKey") + ", secret " + c.credential("apiSecret")
                    + " (sent as secret=s3cr%2Fet%2B42)");
        }, Duration.ofSeconds(5));
        assertThatThrownBy(() -> connector.listings(CONNECTION, ListingQuery.everything(), Cursor.start()))
                .isInstanceOf(ConnectorFailureException.class)
                .hasMessage("the acme connector failed: bad key ***, secret *** (sent as secret=***)")
                .hasNoCause();
    }

    @Test
    void apiExceptionsPassThroughAndAreRebuiltOnlyToMaskASecret() {
        RateLimitedException limited = new RateLimitedException("slow down", Duration.ofSeconds(7));
        assertThatThrownBy(() -> guarded(c -> {
            throw limited;
        }, Duration.ofSeconds(5)).listings(CONNECTION, ListingQuery.everything(), Cursor.start())).isSameAs(limited);

        assertThatThrownBy(() -> guarded(c -> {
            throw new InvalidCredentialsException("key " + c.credential("apiKey") + " is revoked");
        }, Duration.ofSeconds(5)).validate(CONNECTION))
                .isExactlyInstanceOf(InvalidCredentialsException.class).hasMessage("key *** is revoked");

        // a plugin's own subclass of an API type becomes that type
        class Flaky extends ShopUnavailableException {
            Flaky() {
                super("gateway timeout");
            }
        }
        assertThatThrownBy(() -> guarded(c -> {
            throw new Flaky();
        }, Duration.ofSeconds(5)).validate(CONNECTION))
                .isExactlyInstanceOf(ShopUnavailableException.class).hasMessage("gateway timeout");
    }

    @Test
    void aRejectionKeepsTheFieldItNamesWhetherPassedThroughOrRebuilt() {
        InvalidCredentialsException clean = new InvalidCredentialsException("this token belongs to another shop",
                InvalidCredentialsException.SHOP_URL);
        assertThatThrownBy(() -> guarded(c -> {
            throw clean;
        }, Duration.ofSeconds(5)).validate(CONNECTION)).isSameAs(clean);

        // rebuilt to mask a secret: the field stays
        Throwable masked = catchThrowable(() -> guarded(c -> {
            throw new InvalidCredentialsException("key " + c.credential("apiKey") + " is revoked", "apiKey");
        }, Duration.ofSeconds(5)).validate(CONNECTION));
        assertThat(masked).isExactlyInstanceOf(InvalidCredentialsException.class).hasMessage("key *** is revoked");
        assertThat(((InvalidCredentialsException) masked).field()).contains("apiKey");

        // a plugin's own subclass becomes the API type, with its field
        class Expired extends InvalidCredentialsException {
            Expired() {
                super("the token expired", "apiSecret");
            }
        }
        Throwable rebuilt = catchThrowable(() -> guarded(c -> {
            throw new Expired();
        }, Duration.ofSeconds(5)).validate(CONNECTION));
        assertThat(rebuilt).isExactlyInstanceOf(InvalidCredentialsException.class).hasMessage("the token expired");
        assertThat(((InvalidCredentialsException) rebuilt).field()).contains("apiSecret");

        // a 1.0 rejection names none
        Throwable plain = catchThrowable(() -> guarded(c -> {
            throw new Expired() {
                @Override
                public java.util.Optional<String> field() {
                    return java.util.Optional.empty();
                }
            };
        }, Duration.ofSeconds(5)).validate(CONNECTION));
        assertThat(((InvalidCredentialsException) plain).field()).isEmpty();
    }

    @Test
    void theApiAddressOfAShopUrlIsTheConnectorsOrItsDefault() {
        // a 1.0 connector: the interface's default asks the plugin's descriptor
        GuardedConnector plain = new GuardedConnector(new Stub(c -> { }) {
            @Override
            public ConnectorDescriptor descriptor() {
                return DESCRIPTOR;
            }
        }, DESCRIPTOR, pool, () -> Duration.ofSeconds(5));
        assertThat(plain.apiBaseUrl("https://any.example.com")).isEqualTo(URI.create("https://api.acme.example"));
        GuardedConnector perShop = new GuardedConnector(new Stub(c -> { }) {
            @Override
            public URI apiBaseUrl(String shopUrl) {
                if (!shopUrl.endsWith(".example.com")) {
                    throw new InvalidCredentialsException("use the shop's example.com address", InvalidCredentialsException.SHOP_URL);
                }
                return URI.create(shopUrl + "/api");
            }
        }, DESCRIPTOR, pool, () -> Duration.ofSeconds(5));
        assertThat(perShop.apiBaseUrl("https://roaster.example.com")).isEqualTo(URI.create("https://roaster.example.com/api"));
        Throwable refused = catchThrowable(() -> perShop.apiBaseUrl("https://roaster.other.org"));
        assertThat(refused).isExactlyInstanceOf(InvalidCredentialsException.class);
        assertThat(((InvalidCredentialsException) refused).field()).contains(InvalidCredentialsException.SHOP_URL);
    }

    @Test
    void anErrorWithoutAMessageIsNamedAndANullAnswerIsAFailure() {
        assertThatThrownBy(() -> guarded(c -> {
            throw new NullPointerException();
        }, Duration.ofSeconds(5)).validate(CONNECTION))
                .isInstanceOf(ConnectorFailureException.class)
                .hasMessage("the acme connector failed: it threw NullPointerException without a message");
        assertThatThrownBy(() -> new GuardedConnector(new Stub(c -> { }) {
            @Override
            public Page<ShopOrder> orders(Connection connection, OrderQuery query, Cursor cursor) {
                return null;
            }
        }, DESCRIPTOR, pool, () -> Duration.ofSeconds(5)).orders(CONNECTION, OrderQuery.placedSince(java.time.Instant.EPOCH),
                Cursor.start()))
                .isInstanceOf(ConnectorFailureException.class).hasMessage("the acme connector failed: orders() returned nothing");
    }

    @Test
    void aHangingCallBecomesAnOutageAndTooManyAbandonedCallsAreRefusedAtOnce() {
        GuardedConnector connector = guarded(c -> {
            // deaf to interrupts until the test ends
            while (release.getCount() > 0) {
                try {
                    release.await();
                } catch (InterruptedException ignored) {
                    // like a socket read that never notices
                }
            }
        }, Duration.ofMillis(50));
        for (int i = 0; i < GuardedConnector.MAX_ABANDONED; i++) {
            assertThatThrownBy(() -> connector.listings(CONNECTION, ListingQuery.everything(), Cursor.start()))
                    .isExactlyInstanceOf(ShopUnavailableException.class)
                    .hasMessage("the acme connector did not answer within 50 ms");
        }
        assertThat(connector.abandonedCalls()).isEqualTo(GuardedConnector.MAX_ABANDONED);
        assertThatThrownBy(() -> connector.listings(CONNECTION, ListingQuery.everything(), Cursor.start()))
                .isExactlyInstanceOf(ShopUnavailableException.class)
                .hasMessageStartingWith("the acme connector did not answer 8 earlier calls, which are still running");

        // once they return, the connector is called again
        release.countDown();
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> connector.abandonedCalls() == 0);
        assertThat(connector.listings(CONNECTION, ListingQuery.everything(), Cursor.start()).items()).isEmpty();
        assertThat(connector.descriptor()).isSameAs(DESCRIPTOR);
    }

    @Test
    void aPausedGuardLetsTheCallInFlightEndHoldsTheNextAndHandsItToTheVersionBoundMeanwhile() throws Exception {
        CountDownLatch inFlight = new CountDownLatch(1);
        List<String> served = new java.util.concurrent.CopyOnWriteArrayList<>();
        GuardedConnector connector = new GuardedConnector(new Stub(c -> {
            served.add("old");
            inFlight.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }), DESCRIPTOR, pool, () -> Duration.ofSeconds(5));
        ExecutorService callers = Executors.newCachedThreadPool();
        try {
            var first = callers.submit(() -> connector.listings(CONNECTION, ListingQuery.everything(), Cursor.start()));
            inFlight.await();
            // the plugin host's side: pause, bind the new version, resume (one thread, as the lock wants)
            CountDownLatch bound = new CountDownLatch(1);
            CountDownLatch resume = new CountDownLatch(1);
            var upgrade = callers.submit(() -> {
                assertThat(connector.pause(Duration.ofSeconds(5))).isTrue();
                connector.bind(new Stub(c -> served.add("new")), DESCRIPTOR, pool, new java.util.concurrent.atomic.AtomicLong());
                bound.countDown();
                resume.await();
                connector.resume();
                return null;
            });
            assertThat(bound.await(300, java.util.concurrent.TimeUnit.MILLISECONDS)).as("paused under a call in flight").isFalse();
            release.countDown();
            first.get(5, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(bound.await(5, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            var second = callers.submit(() -> connector.listings(CONNECTION, ListingQuery.everything(), Cursor.start()));
            Thread.sleep(200);
            assertThat(second.isDone()).as("held while paused").isFalse();
            assertThat(served).as("the new version not called while paused").containsExactly("old");
            resume.countDown();
            upgrade.get(5, java.util.concurrent.TimeUnit.SECONDS);
            second.get(5, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(served).containsExactly("old", "new");
        } finally {
            callers.shutdownNow();
        }
    }

    @Test
    void aConnectorNoPluginServesFailsAtOnceWithTheReasonAndComesBackWhenBoundAgain() {
        GuardedConnector connector = guarded(c -> { }, Duration.ofSeconds(5));
        connector.unbind("the 'acme' connector is missing: plugin 'acme' 1.0.0 (acme.zip) was removed from the plugins folder");
        // unbound: the reason is given only while no plugin serves the id
        assertThat(connector.missingReason())
                .isEqualTo("the 'acme' connector is missing: plugin 'acme' 1.0.0 (acme.zip) was removed from the plugins folder");
        assertThat(connector.descriptor()).isSameAs(DESCRIPTOR);
        assertThatThrownBy(() -> connector.listings(CONNECTION, ListingQuery.everything(), Cursor.start()))
                .isExactlyInstanceOf(ShopUnavailableException.class)
                .hasMessage("the 'acme' connector is missing: plugin 'acme' 1.0.0 (acme.zip) was removed from the plugins folder");
        connector.bind(new Stub(c -> { }), DESCRIPTOR, pool, new java.util.concurrent.atomic.AtomicLong());
        assertThat(connector.listings(CONNECTION, ListingQuery.everything(), Cursor.start()).items()).isEmpty();
        assertThat(connector.missingReason()).isEmpty();
    }

    @Test
    void durationsReadAsPeopleWriteThem() {
        assertThat(GuardedConnector.human(Duration.ofMinutes(2))).isEqualTo("2 min");
        assertThat(GuardedConnector.human(Duration.ofSeconds(90))).isEqualTo("90 s");
        assertThat(GuardedConnector.human(Duration.ofMillis(1500))).isEqualTo("1.5 s");
        assertThat(GuardedConnector.human(Duration.ofMillis(300))).isEqualTo("300 ms");
    }

    /** A connector whose listings (and validate) run the given code and answer an empty shop. */
    private static class Stub implements ShopConnector {
        private final Consumer<Connection> work;

        Stub(Consumer<Connection> work) {
            this.work = work;
        }

        @Override
        public ConnectorDescriptor descriptor() {
            throw new AssertionError("the guard answers the descriptor itself");
        }

        @Override
        public void validate(Connection connection) {
            work.accept(connection);
        }

        @Override
        public Page<Listing> listings(Connection connection, ListingQuery query, Cursor cursor) {
            work.accept(connection);
            return Page.last(List.of());
        }

        @Override
        public Optional<Listing> listing(Connection connection, String externalId) {
            return Optional.empty();
        }

        @Override
        public Page<ShopOrder> orders(Connection connection, OrderQuery query, Cursor cursor) {
            return Page.last(List.of());
        }
    }
}
