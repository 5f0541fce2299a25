package dev.shoplink.host.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Resolves {@link HostConfig}: each key is looked up as an environment variable
 * ({@code SHOPLINK_PORT}), then in the properties file ({@code shoplink.port} or the variable's
 * own name), then defaulted. Relative paths are taken from the working directory.
 */
public final class ConfigLoader {
    private static final String PREFIX = "SHOPLINK_";

    private final Map<String, String> env;
    private final Properties file;

    public ConfigLoader(Map<String, String> env, Properties file) {
        this.env = Map.copyOf(env);
        this.file = file;
    }

    /** Reads {@code conf/shoplink.properties} (or {@code SHOPLINK_CONFIG}) and the process environment. */
    public static ConfigLoader fromEnvironment() {
        Map<String, String> env = System.getenv();
        Path configFile = Path.of(env.getOrDefault("SHOPLINK_CONFIG", "conf/shoplink.properties"));
        Properties props = new Properties();
        if (Files.isRegularFile(configFile)) {
            try (Reader reader = Files.newBufferedReader(configFile, StandardCharsets.UTF_8)) {
                props.load(reader);
            } catch (IOException e) {
                throw new ConfigException("cannot read config file " + configFile.toAbsolutePath() + ": " + e.getMessage());
            }
        }
        return new ConfigLoader(env, props);
    }

    public HostConfig load() {
        int port = integer("PORT", 7070);
        if (port < 0 || port > 65535) {
            throw new ConfigException("SHOPLINK_PORT must be between 0 and 65535, got " + port);
        }
        Path dataDir = Path.of(value("DATA_DIR").orElse("./data")).toAbsolutePath().normalize();
        Path pluginsDir = Path.of(value("PLUGINS_DIR").orElse("./plugins")).toAbsolutePath().normalize();
        ZoneId zone;
        try {
            zone = ZoneId.of(value("ZONE").orElse("UTC"));
        } catch (DateTimeException e) {
            throw new ConfigException("SHOPLINK_ZONE is not a time zone id: " + value("ZONE").orElse(""));
        }
        return HostConfig.builder()
                .port(port)
                .dataDir(dataDir)
                .pluginsDir(pluginsDir)
                .adminToken(value("ADMIN_TOKEN"))
                .dbUrl(value("DB_URL"))
                .dbUser(value("DB_USER").orElse("sa"))
                .dbPassword(value("DB_PASSWORD").orElse(""))
                .secretKeys(new SecretKeys(value("SECRET_KEY"), value("PREVIOUS_SECRET_KEY")))
                .zone(zone)
                .shopTimeout(Duration.ofSeconds(integer("SHOP_TIMEOUT_SECONDS", 30)))
                .baseUrlOverrides(baseUrlOverrides())
                .units(list("UNITS", HostConfig.DEFAULT_UNITS))
                .grindStyles(list("GRIND_STYLES", HostConfig.DEFAULT_GRIND_STYLES))
                .pluginScanInterval(Duration.ofSeconds(integer("PLUGIN_SCAN_SECONDS", 5)))
                .syncRetryBase(Duration.ofMillis(integer("SYNC_RETRY_BASE_MS", 2000)))
                .syncMaxAttempts(integer("SYNC_MAX_ATTEMPTS", 6))
                .ordersOverlap(Duration.ofMinutes(integer("ORDERS_OVERLAP_MINUTES", 10)))
                .demo(false)
                .bind(bind())
                .connectorTimeout(Duration.ofSeconds(integer("CONNECTOR_TIMEOUT_SECONDS", 120)))
                .syncThreads(syncThreads())
                .build();
    }

    /**
     * {@code SHOPLINK_BIND}: an IP address or a host name of this machine. Checked here so that a typo
     * is one line at start-up, not a stack trace from the HTTP server.
     */
    private String bind() {
        String bind = value("BIND").orElse(HostConfig.DEFAULT_BIND);
        // "[::1]" as in a URL means "::1"
        String address = bind.startsWith("[") && bind.endsWith("]") ? bind.substring(1, bind.length() - 1) : bind;
        if (address.isEmpty() || address.chars().anyMatch(c -> Character.isWhitespace(c) || c == '/')
                || !address.matches("[0-9A-Za-z.:%_-]+")) {
            throw new ConfigException(PREFIX + "BIND must be an IP address or a host name of this machine, such as"
                    + " 127.0.0.1 or 0.0.0.0, got '" + bind + "'");
        }
        return address;
    }

    private Map<String, String> baseUrlOverrides() {
        Map<String, String> overrides = new HashMap<>();
        for (String name : file.stringPropertyNames()) {
            connectorOf(normalize(name)).ifPresent(id -> overrides.put(id, file.getProperty(name).strip()));
        }
        env.forEach((name, value) -> connectorOf(name).ifPresent(id -> overrides.put(id, value.strip())));
        overrides.forEach((id, url) -> {
            // checked here, at start-up: a typo would otherwise surface as a 500 on the first credential check
            java.net.URI uri;
            try {
                uri = new java.net.URI(url);
            } catch (java.net.URISyntaxException e) {
                throw new ConfigException(PREFIX + id.toUpperCase(Locale.ROOT).replace('-', '_') + "_BASE_URL is not a URL: "
                        + e.getMessage(), e);
            }
            if (!uri.isAbsolute() || uri.getHost() == null
                    || !("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))) {
                throw new ConfigException(PREFIX + id.toUpperCase(Locale.ROOT).replace('-', '_') + "_BASE_URL must be an"
                        + " absolute http(s) URL such as http://127.0.0.1:8089, got '" + url + "'");
            }
        });
        return overrides;
    }

    private static Optional<String> connectorOf(String variable) {
        if (variable.startsWith(PREFIX) && variable.endsWith("_BASE_URL") && variable.length() > PREFIX.length() + 9) {
            String id = variable.substring(PREFIX.length(), variable.length() - "_BASE_URL".length());
            return Optional.of(id.toLowerCase(Locale.ROOT).replace('_', '-'));
        }
        return Optional.empty();
    }

    /** {@code shoplink.data.dir} and {@code shoplink.data-dir} both mean {@code SHOPLINK_DATA_DIR}. */
    private static String normalize(String propertyName) {
        return propertyName.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    private Optional<String> value(String key) {
        String name = PREFIX + key;
        String fromEnv = env.get(name);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return Optional.of(fromEnv.strip());
        }
        for (String property : file.stringPropertyNames()) {
            if (normalize(property).equals(name)) {
                String v = file.getProperty(property);
                if (v != null && !v.isBlank()) {
                    return Optional.of(v.strip());
                }
            }
        }
        return Optional.empty();
    }

    /**
     * {@code SHOPLINK_SYNC_THREADS}, the one setting of how many shops sync at once: waits for a rate limit hold no
     * thread, so the pool is sized for the machine's cores and the database, not for the number of shops.
     */
    private int syncThreads() {
        int threads = integer("SYNC_THREADS", HostConfig.DEFAULT_SYNC_THREADS);
        if (threads < 1 || threads > HostConfig.MAX_SYNC_THREADS) {
            throw new ConfigException(PREFIX + "SYNC_THREADS must be between 1 and " + HostConfig.MAX_SYNC_THREADS
                    + ", got " + threads);
        }
        return threads;
    }

    private int integer(String key, int fallback) {
        Optional<String> raw = value(key);
        if (raw.isEmpty()) {
            return fallback;
        }
        try {
            return Integer.parseInt(raw.get());
        } catch (NumberFormatException e) {
            throw new ConfigException(PREFIX + key + " must be a whole number, got '" + raw.get() + "'");
        }
    }

    private List<String> list(String key, List<String> fallback) {
        return value(key)
                .map(v -> Arrays.stream(v.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList())
                .filter(l -> !l.isEmpty())
                .orElse(fallback);
    }
}
