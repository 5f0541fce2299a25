package dev.shoplink.host.testing;

import dev.shoplink.simulator.ShopSimulator;
import dev.shoplink.simulator.ShopSimulatorBuilder;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * The real host in a folder of its own, started against a shop (the in-memory shop, the ShipStation stub or the shop
 * simulator), with the admin calls on it. Started in a class's {@code @BeforeAll}; closing it stops the host, then the shop.
 */
public final class HostWithShop<S extends AutoCloseable> implements AutoCloseable {
    private final S shop;
    private final TestHost host;
    private final AdminCalls api;

    private HostWithShop(S shop, TestHost host) {
        this.shop = shop;
        this.host = host;
        this.api = new AdminCalls(host);
    }

    /** A host in {@code dir} against a new ShipStation stub. */
    public static HostWithShop<ShipStationStub> shipStation(Path dir) {
        ShipStationStub stub = new ShipStationStub();
        return start(stub, dir, TestHost.env(dir, stub.baseUrl()));
    }

    /**
     * A host in {@code dir} with no plugin archive, serving the in-memory test connector ({@link MemoryShop#ID}) in
     * process: for tests of the host's own logic, which need no HTTP shop and no plugin loading.
     */
    public static HostWithShop<MemoryShop> memory(Path dir) {
        return memory(dir, Map.of());
    }

    /** {@link #memory(Path)} with more of the host's environment ({@code SHOPLINK_…} settings). */
    public static HostWithShop<MemoryShop> memory(Path dir, Map<String, String> settings) {
        MemoryShop shop = new MemoryShop();
        Map<String, String> env = TestHost.env(dir, TestHost.NO_SHOP);
        env.putAll(settings);
        return new HostWithShop<>(shop, TestHost.startServing(dir, env, shop.connector()));
    }

    /** A host in {@code dir} against {@code shop}, which serves both its ShipStation and its Shopify side. */
    public static HostWithShop<ShopSimulator> simulator(Path dir, ShopSimulator shop) {
        Map<String, String> env = TestHost.env(dir, shop.baseUrl());
        env.put("SHOPLINK_SHOPIFY_BASE_URL", shop.baseUrl());
        return start(shop, dir, env);
    }

    /**
     * A simulated shop whose orders were placed over the ten days before two hours ago (nothing changes within the
     * host's overlap before a first sync), without rate limits and with a Shopify Plus bucket that is never waited for.
     */
    public static ShopSimulatorBuilder settledShop() {
        return ShopSimulator.builder().orderDays(10).now(Instant.now().minus(Duration.ofHours(2))).noRateLimit()
                .shopifyBucket(20_000, 1_000);
    }

    private static <S extends AutoCloseable> HostWithShop<S> start(S shop, Path dir, Map<String, String> env) {
        try {
            return new HostWithShop<>(shop, TestHost.start(dir, env, Clock.systemUTC(), true));
        } catch (RuntimeException e) {
            try {
                shop.close();
            } catch (Exception suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    public S shop() {
        return shop;
    }

    public TestHost host() {
        return host;
    }

    public AdminCalls api() {
        return api;
    }

    @Override
    public void close() throws Exception {
        try {
            host.close();
        } finally {
            shop.close();
        }
    }
}
