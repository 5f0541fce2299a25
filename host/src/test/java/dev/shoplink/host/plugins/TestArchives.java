package dev.shoplink.host.plugins;

import dev.shoplink.host.plugins.broken.ConfiguredConnector;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Real plugin archives built at test time, laid out as PF4J reads a zip: {@code plugin.properties}
 * at the top, the compiled classes of {@code dev.shoplink.host.plugins.broken} under
 * {@code classes/}, with an extension index and a {@code connector.properties} of their own.
 */
final class TestArchives {
    private static final String PACKAGE = "dev/shoplink/host/plugins/broken/";

    private TestArchives() {
    }

    /** An archive of that plugin id and version, requiring plugin API 1.x. */
    static Archive plugin(String id, String version) {
        return new Archive(id, version);
    }

    /** A plugin offering {@link ConfiguredConnector} under that connector id. */
    static Archive connector(String pluginId, String version, String connectorId) {
        return plugin(pluginId, version).extension(ConfiguredConnector.class).config("id", connectorId);
    }

    /** One archive being put together. */
    static final class Archive {
        private final Properties descriptor = new Properties();
        private final List<String> extensions = new ArrayList<>();
        private final Map<String, String> config = new LinkedHashMap<>();
        private boolean classes = true;

        private Archive(String id, String version) {
            descriptor.setProperty("plugin.id", id);
            descriptor.setProperty("plugin.version", version);
            descriptor.setProperty("plugin.requires", ">=1.0.0 & <2.0.0");
            descriptor.setProperty("plugin.provider", "Shoplink tests");
        }

        /** Sets (or, with null, removes) a plugin.properties value. */
        Archive descriptor(String key, String value) {
            if (value == null) {
                descriptor.remove(key);
            } else {
                descriptor.setProperty(key, value);
            }
            return this;
        }

        /** Lists the class in the archive's META-INF/extensions.idx. */
        Archive extension(Class<?> type) {
            extensions.add(type.getName());
            return this;
        }

        /** A value of the archive's connector.properties. */
        Archive config(String key, String value) {
            config.put(key, value);
            return this;
        }

        /** Leaves the compiled classes out: only the descriptor, the index and the configuration. */
        Archive withoutClasses() {
            classes = false;
            return this;
        }

        /** Writes the zip; returns its path. */
        Path write(Path file) {
            try (OutputStream os = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(os)) {
                zip.putNextEntry(new ZipEntry("plugin.properties"));
                descriptor.store(zip, null);
                zip.closeEntry();
                zip.putNextEntry(new ZipEntry("classes/META-INF/extensions.idx"));
                zip.write(String.join("\n", extensions).concat("\n").getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
                if (!config.isEmpty()) {
                    Properties p = new Properties();
                    p.putAll(config);
                    zip.putNextEntry(new ZipEntry("classes/connector.properties"));
                    p.store(zip, null);
                    zip.closeEntry();
                }
                if (classes) {
                    Path compiled = compiledPackage();
                    try (Stream<Path> files = Files.list(compiled)) {
                        for (Path f : files.filter(f -> f.toString().endsWith(".class")).sorted().toList()) {
                            zip.putNextEntry(new ZipEntry("classes/" + PACKAGE + f.getFileName()));
                            Files.copy(f, zip);
                            zip.closeEntry();
                        }
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return file;
        }
    }

    /** Where the test build put the classes of the broken package. */
    private static Path compiledPackage() {
        try {
            Path root = Path.of(ConfiguredConnector.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return root.resolve(PACKAGE);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
