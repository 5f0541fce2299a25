package dev.shoplink.host;

import dev.shoplink.host.config.ConfigException;
import dev.shoplink.host.config.ConfigLoader;
import dev.shoplink.host.config.HostConfig;
import dev.shoplink.host.config.SecretKeyFile;
import dev.shoplink.host.demo.DemoMode;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code bin/shoplink [--demo]}: starts the host, stops it on SIGTERM / Ctrl-C. */
public final class Main {
    private static final Logger LOG = LoggerFactory.getLogger(Main.class);

    private Main() {
    }

    public static void main(String[] args) {
        List<String> arguments = Arrays.asList(args);
        if (arguments.contains("--help") || arguments.contains("-h")) {
            System.out.println("usage: shoplink [--demo [--reset] | rotate-key]\n"
                    + "  --demo      start beside a local demo shop (Shopify and ShipStation APIs), in its own data folder\n"
                    + "  --reset     with --demo: delete the demo's data folder (data-demo, never data) and start afresh\n"
                    + "  rotate-key  replace data/secret.key by a new key; the next start re-encrypts the stored shop"
                    + " credentials with it");
            return;
        }
        if (arguments.equals(List.of("rotate-key"))) {
            try {
                System.out.println("shoplink: " + SecretKeyFile.rotate(ConfigLoader.fromEnvironment().load()));
            } catch (ConfigException e) {
                fail(e.getMessage());
            }
            return;
        }
        List<String> unknown = arguments.stream().filter(a -> !a.equals("--demo") && !a.equals("--reset")).toList();
        if (!unknown.isEmpty()) {
            fail("unknown argument " + unknown.get(0) + " (try --help)");
        }
        if (arguments.contains("--reset") && !arguments.contains("--demo")) {
            fail("--reset only resets the demo: use --demo --reset");
        }
        AutoCloseable running;
        try {
            HostConfig config = ConfigLoader.fromEnvironment().load();
            if (arguments.contains("--reset")) {
                DemoMode.reset(config).ifPresentOrElse(d -> LOG.info("demo data folder {} deleted; the demo starts afresh", d),
                        () -> LOG.info("no demo data folder to delete; the demo starts afresh"));
            }
            running = arguments.contains("--demo") ? DemoMode.start(config) : Shoplink.start(config, Clock.systemUTC());
        } catch (ConfigException e) {
            fail(e.getMessage());
            return;
        } catch (RuntimeException e) {
            LOG.debug("start-up failed", e);
            fail("failed to start: " + e);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                running.close();
            } catch (Exception e) {
                LOG.warn("error while stopping: {}", e.toString());
            } finally {
                stopped.countDown();
            }
        }, "shutdown"));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void fail(String reason) {
        System.err.println("shoplink: " + reason);
        System.exit(1);
    }
}
