package dev.shoplink.host.config;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything the host is configured with, resolved once at start-up (environment over
 * {@code conf/shoplink.properties} over defaults). Built with {@link #builder()}, so that a call site names what
 * it sets: twenty positional values read as a row of look-alike durations and strings.
 *
 * @param port HTTP port; 0 picks a free one
 * @param dataDir the data folder: H2 files, the generated admin token, the secret key file
 * @param pluginsDir the folder PF4J loads connector archives from
 * @param adminToken the configured admin token; empty means generate one in the data folder
 * @param dbUrl the JDBC URL; empty means an H2 file in the data folder
 * @param dbUser database user
 * @param dbPassword database password
 * @param secretKeys base64 AES keys for credentials at rest (the current one, and the previous one while a
 *                   rotation is pending); empty means the key files in the data folder
 * @param zone the zone that defines "today" for sync start dates
 * @param shopTimeout timeout of one request to a shop
 * @param baseUrlOverrides connector id → API base URL ({@code SHOPLINK_<ID>_BASE_URL})
 * @param units the units a mapping may choose
 * @param grindStyles the grind styles a mapping may choose
 * @param pluginScanInterval how often the plugins folder is checked for new archives; zero turns it off
 * @param syncRetryBase first wait after a shop failure; doubles with each further failure (with jitter)
 * @param syncMaxAttempts failures in a row after which a sync gives up
 * @param ordersOverlap how far before the last watermark an incremental order sync starts reading (clock skew)
 * @param demo whether this host runs beside the demo shop
 * @param bind the address the HTTP server listens on ({@code 127.0.0.1} unless told otherwise;
 *             {@code 0.0.0.0} or {@code ::} listen on every interface)
 * @param connectorTimeout how long one connector call may take before the host gives up on it (a hang)
 * @param syncThreads how many sync runs work at once (the scheduler's worker pool); a run waiting out a rate limit
 *                    or a backoff holds none of them
 */
public record HostConfig(
        int port,
        Path dataDir,
        Path pluginsDir,
        Optional<String> adminToken,
        Optional<String> dbUrl,
        String dbUser,
        String dbPassword,
        SecretKeys secretKeys,
        ZoneId zone,
        Duration shopTimeout,
        Map<String, String> baseUrlOverrides,
        List<String> units,
        List<String> grindStyles,
        Duration pluginScanInterval,
        Duration syncRetryBase,
        int syncMaxAttempts,
        Duration ordersOverlap,
        boolean demo,
        String bind,
        Duration connectorTimeout,
        int syncThreads) {

    public static final List<String> DEFAULT_UNITS = List.of("250 g", "340 g", "500 g", "1 kg", "2.5 kg", "5 lb");
    public static final List<String> DEFAULT_GRIND_STYLES =
            List.of("WHOLE_BEAN", "ESPRESSO", "FILTER", "FRENCH_PRESS", "MOKA_POT", "AEROPRESS", "TURKISH");

    /** Sync runs working at once unless {@code SHOPLINK_SYNC_THREADS} says otherwise: one per core of a small machine. */
    public static final int DEFAULT_SYNC_THREADS = 2;
    /** More would exhaust the database pool and connections for no gain: a run is bound by its shop or its store. */
    public static final int MAX_SYNC_THREADS = 64;

    /** Where the HTTP server listens unless {@code SHOPLINK_BIND} says otherwise: this machine only. */
    public static final String DEFAULT_BIND = "127.0.0.1";

    public HostConfig {
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(pluginsDir, "pluginsDir");
        Objects.requireNonNull(secretKeys, "secretKeys");
        Objects.requireNonNull(zone, "zone");
        if (syncThreads < 1 || syncThreads > MAX_SYNC_THREADS) {
            throw new IllegalArgumentException("syncThreads must be between 1 and " + MAX_SYNC_THREADS + ": " + syncThreads);
        }
        bind = bind == null || bind.isBlank() ? DEFAULT_BIND : bind.strip();
        baseUrlOverrides = Map.copyOf(baseUrlOverrides);
        units = List.copyOf(units);
        grindStyles = List.copyOf(grindStyles);
    }

    /** The JDBC URL actually used. */
    public String jdbcUrl() {
        return dbUrl.orElseGet(() -> "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("shoplink")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH");
    }

    /** A copy with another port, for tests and the demo mode. */
    public HostConfig withPort(int newPort) {
        return toBuilder().port(newPort).build();
    }

    public HostConfig withBind(String newBind) {
        return toBuilder().bind(newBind).build();
    }

    /** This configuration for the demo: its own data folder and the demo shop's base URLs. */
    public HostConfig withDemo(Path newDataDir, Map<String, String> overrides) {
        return toBuilder().dataDir(newDataDir).baseUrlOverrides(overrides).demo(true).build();
    }

    /** A builder holding this configuration's values. */
    public Builder toBuilder() {
        return new Builder()
                .port(port)
                .dataDir(dataDir)
                .pluginsDir(pluginsDir)
                .adminToken(adminToken)
                .dbUrl(dbUrl)
                .dbUser(dbUser)
                .dbPassword(dbPassword)
                .secretKeys(secretKeys)
                .zone(zone)
                .shopTimeout(shopTimeout)
                .baseUrlOverrides(baseUrlOverrides)
                .units(units)
                .grindStyles(grindStyles)
                .pluginScanInterval(pluginScanInterval)
                .syncRetryBase(syncRetryBase)
                .syncMaxAttempts(syncMaxAttempts)
                .ordersOverlap(ordersOverlap)
                .demo(demo)
                .bind(bind)
                .connectorTimeout(connectorTimeout)
                .syncThreads(syncThreads);
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Builds a configuration naming each value it sets (see the record's parameters for what each means). The defaults
     * are {@link ConfigLoader}'s, which sets every value; what is not set here stays unset (the optionals empty).
     */
    public static final class Builder {
        private int port;
        private Path dataDir;
        private Path pluginsDir;
        private Optional<String> adminToken = Optional.empty();
        private Optional<String> dbUrl = Optional.empty();
        private String dbUser;
        private String dbPassword;
        private SecretKeys secretKeys;
        private ZoneId zone;
        private Duration shopTimeout;
        private Map<String, String> baseUrlOverrides;
        private List<String> units;
        private List<String> grindStyles;
        private Duration pluginScanInterval;
        private Duration syncRetryBase;
        private int syncMaxAttempts;
        private Duration ordersOverlap;
        private boolean demo;
        private String bind;
        private Duration connectorTimeout;
        private int syncThreads;

        private Builder() {
        }

        public Builder port(int value) {
            this.port = value;
            return this;
        }

        public Builder dataDir(Path value) {
            this.dataDir = value;
            return this;
        }

        public Builder pluginsDir(Path value) {
            this.pluginsDir = value;
            return this;
        }

        public Builder adminToken(Optional<String> value) {
            this.adminToken = value;
            return this;
        }

        public Builder dbUrl(Optional<String> value) {
            this.dbUrl = value;
            return this;
        }

        public Builder dbUser(String value) {
            this.dbUser = value;
            return this;
        }

        public Builder dbPassword(String value) {
            this.dbPassword = value;
            return this;
        }

        public Builder secretKeys(SecretKeys value) {
            this.secretKeys = value;
            return this;
        }

        public Builder zone(ZoneId value) {
            this.zone = value;
            return this;
        }

        public Builder shopTimeout(Duration value) {
            this.shopTimeout = value;
            return this;
        }

        public Builder baseUrlOverrides(Map<String, String> value) {
            this.baseUrlOverrides = value;
            return this;
        }

        public Builder units(List<String> value) {
            this.units = value;
            return this;
        }

        public Builder grindStyles(List<String> value) {
            this.grindStyles = value;
            return this;
        }

        public Builder pluginScanInterval(Duration value) {
            this.pluginScanInterval = value;
            return this;
        }

        public Builder syncRetryBase(Duration value) {
            this.syncRetryBase = value;
            return this;
        }

        public Builder syncMaxAttempts(int value) {
            this.syncMaxAttempts = value;
            return this;
        }

        public Builder ordersOverlap(Duration value) {
            this.ordersOverlap = value;
            return this;
        }

        public Builder demo(boolean value) {
            this.demo = value;
            return this;
        }

        public Builder bind(String value) {
            this.bind = value;
            return this;
        }

        public Builder connectorTimeout(Duration value) {
            this.connectorTimeout = value;
            return this;
        }

        public Builder syncThreads(int value) {
            this.syncThreads = value;
            return this;
        }

        public HostConfig build() {
            return new HostConfig(port, dataDir, pluginsDir, adminToken, dbUrl, dbUser, dbPassword, secretKeys, zone,
                    shopTimeout, baseUrlOverrides, units, grindStyles, pluginScanInterval, syncRetryBase, syncMaxAttempts,
                    ordersOverlap, demo, bind, connectorTimeout, syncThreads);
        }
    }
}
