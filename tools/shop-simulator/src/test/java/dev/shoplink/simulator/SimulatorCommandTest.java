package dev.shoplink.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimulatorCommandTest {

    @Test
    void flagsConfigureTheSimulatorAndThePortFileNamesTheBoundPort(@TempDir Path dir) throws Exception {
        Path portFile = dir.resolve("sim.port");
        SimulatorCommand.Options options = SimulatorCommand.parse(new String[] {"--products", "25", "--orders=60", "--port", "0",
            "--seed", "5", "--api-key", "K", "--api-secret", "S", "--rate-limit", "off", "--fail-rate", "0",
            "--latency-ms", "0", "--port-file", portFile.toString(), "--now", "2026-11-20T20:00:00Z",
            "--new-products-since", "2026-11-01", "--faults", "500,reset", "--api-access", "true"});
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ShopSimulator shop = SimulatorCommand.launch(options, new PrintStream(out, true, StandardCharsets.UTF_8))) {
            assertThat(Files.readString(portFile).trim()).isEqualTo(Integer.toString(shop.port()));
            String printed = out.toString(StandardCharsets.UTF_8);
            assertThat(printed.lines()).hasSize(1);
            assertThat(printed).startsWith("Shop simulator listening on " + shop.baseUrl() + " ");
            assertThat(shop.productCount()).isEqualTo(25);
            assertThat(shop.orderCount()).isEqualTo(60);
            assertThat(shop.authorization()).isEqualTo("Basic SzpT");
            assertThat(shop.settings().rateLimit()).isZero();
            assertThat(shop.settings().faultKinds()).containsExactly(FaultKind.SERVER_ERROR, FaultKind.CONNECTION_RESET);
            assertThat(shop.newProductsSince()).hasToString("2026-11-01T07:00:00Z");
            assertThat(new SimulatorHttp(shop).get("/accounts/listtags").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void badFlagsAreRefusedAndHelpIsNotAnError() {
        assertThatThrownBy(() -> SimulatorCommand.parse(new String[] {"--colour", "blue"}))
                .hasMessageContaining("unknown option --colour");
        assertThatThrownBy(() -> SimulatorCommand.parse(new String[] {"--orders", "many"}))
                .hasMessageContaining("--orders");
        assertThatThrownBy(() -> SimulatorCommand.parse(new String[] {"--port"})).hasMessageContaining("needs a value");
        assertThat(SimulatorCommand.parse(new String[] {"--help"})).isNull();
        assertThat(SimulatorCommand.run(new String[] {"--rate-limit", "-3"})).isEqualTo(2);
    }

    @Test
    void withoutFlagsTheBuildersDefaultsApplyAndARepeatedFlagTakesTheLastValue() {
        SimulatorCommand.Options options = SimulatorCommand.parse(new String[] {"--orders", "5", "--orders", "7"});
        try (ShopSimulator shop = SimulatorCommand.launch(options, new PrintStream(new ByteArrayOutputStream(), true,
                StandardCharsets.UTF_8))) {
            assertThat(shop.productCount()).isEqualTo(200);
            assertThat(shop.orderCount()).isEqualTo(7);
            assertThat(shop.seed()).isEqualTo(42);
            assertThat(shop.apiKey()).isEqualTo(ShopSimulator.DEFAULT_API_KEY);
            assertThat(shop.settings().rateLimit()).isEqualTo(40);
            assertThat(shop.settings().pageSizeCap()).isEqualTo(500);
            assertThat(shop.settings().failRate()).isZero();
            assertThat(shop.settings().faultKinds()).containsExactly(FaultKind.values());
            assertThat(options.portFile()).isNull();
        }
    }

    @Test
    void aValueOutOfRangeOrOfTheWrongFormatIsRefusedByItsFlagsName() {
        String[][] refused = {
            {"--page-size-cap", "0"}, {"--page-size-cap", "501"}, {"--fail-rate", "1.5"}, {"--fail-rate", "-0.1"},
            {"--new-product-share", "2"}, {"--products", "0"}, {"--orders", "-1"}, {"--order-days", "0"},
            {"--rate-window-ms", "0"}, {"--slow-ms", "-1"}, {"--latency-ms", "-5"}, {"--port", "70000"},
            {"--rate-limit", "lots"}, {"--shopify-bucket", "2000"}, {"--shopify-bucket", "0:100"},
            {"--shopify-bucket", "a:b"}, {"--now", "2026-11-20"}, {"--new-products-since", "yesterday"},
            {"--api-access", "yes"}, {"--faults", "500,bogus"}, {"--seed", "x"},
        };
        for (String[] args : refused) {
            assertThatThrownBy(() -> SimulatorCommand.parse(args)).as(String.join(" ", args))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(args[0]);
        }
        assertThat(SimulatorCommand.parse(new String[] {"--page-size-cap", "1", "--fail-rate", "1", "--rate-limit", "OFF",
            "--shopify-bucket", "20000:1000", "--api-access", "FALSE", "--new-products-since", "2026-11-01T00:00:00Z"}))
                .isNotNull();
    }

    @Test
    void helpExitsZeroListingEveryFlagAndAUsageErrorExitsTwoWithOneLineAndTheUsage() {
        String[] flags = {"--products", "--orders", "--seed", "--port", "--host", "--port-file", "--api-key",
            "--api-secret", "--rate-limit", "--rate-window-ms", "--fail-rate", "--faults", "--slow-ms", "--latency-ms",
            "--page-size-cap", "--api-access", "--now", "--new-products-since", "--new-product-share", "--order-days",
            "--shopify-domain", "--shopify-access-token", "--shopify-bucket", "--help"};
        String[] help = runCapturing("--help");
        assertThat(help[0]).isEqualTo("0");
        assertThat(help[1]).startsWith("Usage: java -cp ... dev.shoplink.simulator.ShopSimulator [options]")
                .contains(flags).contains("(default 2000:100)").contains("/_sim/stats");
        assertThat(help[2]).isEmpty();
        assertThat(runCapturing("-h")[1]).isEqualTo(help[1]);

        String[] unknown = runCapturing("--products", "3", "--colour=blue");
        assertThat(unknown[0]).isEqualTo("2");
        assertThat(unknown[1]).isEmpty();
        assertThat(unknown[2]).startsWith("shop-simulator: unknown option --colour" + System.lineSeparator()
                + "Usage: ").contains(flags);

        String[] outOfRange = runCapturing("--page-size-cap", "600");
        assertThat(outOfRange[0]).isEqualTo("2");
        assertThat(outOfRange[2].lines().findFirst().orElseThrow())
                .isEqualTo("shop-simulator: Invalid value for option '--page-size-cap': 600 (must be within 1..500)");
    }

    /** @return exit code, stdout, stderr of {@link SimulatorCommand#run} (never a running simulator: -1 fails) */
    private static String[] runCapturing(String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        int code;
        try {
            System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
            code = SimulatorCommand.run(args);
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
        assertThat(code).isNotNegative();
        return new String[] {Integer.toString(code), stdout.toString(StandardCharsets.UTF_8),
            stderr.toString(StandardCharsets.UTF_8)};
    }
}
