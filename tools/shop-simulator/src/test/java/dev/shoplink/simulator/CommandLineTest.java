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

class CommandLineTest {

    @Test
    void flagsConfigureTheSimulatorAndThePortFileNamesTheBoundPort(@TempDir Path dir) throws Exception {
        Path portFile = dir.resolve("sim.port");
        CommandLine.Options options = CommandLine.parse(new String[] {"--products", "25", "--orders=60", "--port", "0",
            "--seed", "5", "--api-key", "K", "--api-secret", "S", "--rate-limit", "off", "--fail-rate", "0",
            "--latency-ms", "0", "--port-file", portFile.toString(), "--now", "2026-11-20T20:00:00Z",
            "--new-products-since", "2026-11-01", "--faults", "500,reset", "--api-access", "true"});
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ShopSimulator shop = CommandLine.launch(options, new PrintStream(out, true, StandardCharsets.UTF_8))) {
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
        assertThatThrownBy(() -> CommandLine.parse(new String[] {"--colour", "blue"}))
                .hasMessageContaining("unknown option --colour");
        assertThatThrownBy(() -> CommandLine.parse(new String[] {"--orders", "many"}))
                .hasMessageContaining("--orders");
        assertThatThrownBy(() -> CommandLine.parse(new String[] {"--port"})).hasMessageContaining("needs a value");
        assertThat(CommandLine.parse(new String[] {"--help"})).isNull();
        assertThat(CommandLine.run(new String[] {"--rate-limit", "-3"})).isEqualTo(2);
    }
}
