package dev.shoplink.host.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.status.Status;
import dev.shoplink.host.sync.SyncWorker;
import dev.shoplink.host.testing.AdminCalls;
import dev.shoplink.host.testing.HostWithShop;
import dev.shoplink.host.testing.LogLines;
import dev.shoplink.host.testing.MemoryShop;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.MDC;

/** Log lines of a sync run carry its integration and sync ids, and the shipped pattern prints them. */
class LogContextTest {
    @TempDir
    Path dir;

    @Test
    void linesLoggedDuringASyncCarryTheIntegrationAndSyncIds() throws Exception {
        try (LogLines lines = LogLines.of(SyncWorker.class, Level.INFO); // the tests' root level is WARN
             HostWithShop<MemoryShop> running = HostWithShop.memory(dir)) {
            AdminCalls api = running.api();
            MemoryShop.Account shop = running.shop().account()
                    .listings(MemoryShop.listing("301", "LC-ETH-250-WB", "Ethiopia Guji 250 g", Instant.now().minus(Duration.ofHours(2))));
            long integration = api.createIntegration(shop, LocalDate.now(ZoneOffset.UTC).minusDays(3));
            long sync = api.startSync(integration, "products");
            assertThat(api.awaitFinished(sync).get("state").asText()).isEqualTo("SUCCEEDED");

            // the run logs its success just after committing it: wait for that line
            List<ILoggingEvent> ofTheRun = await().atMost(Duration.ofSeconds(10)).until(() -> lines.events().stream()
                    .filter(e -> e.getFormattedMessage().startsWith("sync " + sync + " ")).toList(),
                    l -> l.stream().anyMatch(e -> e.getFormattedMessage().contains("succeeded")));
            assertThat(ofTheRun).extracting(ILoggingEvent::getFormattedMessage)
                    .anyMatch(m -> m.contains("running")).anyMatch(m -> m.contains("succeeded"));
            assertThat(ofTheRun).allSatisfy(e -> assertThat(e.getMDCPropertyMap())
                    .containsEntry(LogContext.INTEGRATION, Long.toString(integration))
                    .containsEntry(LogContext.SYNC, Long.toString(sync)));
            assertThat(new LogContextConverter().convert(ofTheRun.get(0)))
                    .isEqualTo(" integration=" + integration + " sync=" + sync);
        }
    }

    @Test
    void theScopeClearsBothKeys() {
        try (LogContext.Scope ignored = LogContext.sync(17)) {
            LogContext.integration(3);
            assertThat(MDC.get(LogContext.SYNC)).isEqualTo("17");
            assertThat(MDC.get(LogContext.INTEGRATION)).isEqualTo("3");
        }
        assertThat(MDC.get(LogContext.SYNC)).isNull();
        assertThat(MDC.get(LogContext.INTEGRATION)).isNull();
    }

    @Test
    void theShippedPatternPrintsTheIdsWhenPresentAndNothingOtherwise() throws Exception {
        LoggerContext context = new LoggerContext();
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        configurator.doConfigure(LogContextTest.class.getResource("/logback.xml"));
        assertThat(context.getStatusManager().getCopyOfStatusList()).noneMatch(s -> s.getLevel() >= Status.WARN);
        try {
            Logger logger = context.getLogger("dev.shoplink.host.sync.SyncWorker");
            Appender<ILoggingEvent> stdout = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).getAppender("STDOUT");
            @SuppressWarnings("unchecked")
            LayoutWrappingEncoder<ILoggingEvent> encoder =
                    (LayoutWrappingEncoder<ILoggingEvent>) ((OutputStreamAppender<ILoggingEvent>) stdout).getEncoder();

            LoggingEvent inRun = new LoggingEvent(getClass().getName(), logger, Level.INFO, "sync 17 running", null, null);
            inRun.setMDCPropertyMap(Map.of(LogContext.INTEGRATION, "3", LogContext.SYNC, "17"));
            assertThat(encoder.getLayout().doLayout(inRun)).contains("SyncWorker integration=3 sync=17 - sync 17 running");

            LoggingEvent outside = new LoggingEvent(getClass().getName(), logger, Level.INFO, "plugins scanned", null, null);
            outside.setMDCPropertyMap(Map.of());
            assertThat(encoder.getLayout().doLayout(outside)).contains("SyncWorker - plugins scanned");
        } finally {
            context.stop();
        }
    }
}
