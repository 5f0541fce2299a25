package dev.shoplink.host.plugins;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shoplink.host.plugins.broken.ConfiguredConnector;
import dev.shoplink.host.testing.TestHost;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * Real plugin archives built at test time, laid out as PF4J reads a zip: {@code plugin.properties}
 * at the top, the compiled classes of {@code dev.shoplink.host.plugins.broken} under
 * {@code classes/}, with an extension index and a {@code connector.properties} of their own; the
 * build's ShipStation archive and copies of it; and the look-ups the plugin tests make in what
 * {@code GET /api/v1/plugins} and {@code /connectors} list.
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

    /** The ShipStation archive of the build, the one a test host's plugins folder starts with. */
    static Path bundledShipStation() {
        try (Stream<Path> files = Files.list(TestHost.builtPlugins())) {
            return files.filter(f -> f.getFileName().toString().startsWith("shipstation-")).findFirst().orElseThrow();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The plugin version the archive declares. */
    static String versionOf(Path archive) {
        return ArchiveDescriptor.read(archive).version();
    }

    /** A copy of the archive whose plugin.properties gives another version; every other entry as it was. */
    static Path withVersion(Path archive, String version, Path target) throws IOException {
        try (ZipFile in = new ZipFile(archive.toFile()); ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(target))) {
            for (Enumeration<? extends ZipEntry> e = in.entries(); e.hasMoreElements(); ) {
                ZipEntry entry = e.nextElement();
                out.putNextEntry(new ZipEntry(entry.getName()));
                try (InputStream data = in.getInputStream(entry)) {
                    if (entry.getName().equals("plugin.properties")) {
                        String text = new String(data.readAllBytes(), StandardCharsets.ISO_8859_1);
                        String changed = Arrays.stream(text.split("\n"))
                                .map(l -> l.startsWith("plugin.version=") ? "plugin.version=" + version : l)
                                .reduce((a, b) -> a + "\n" + b).orElseThrow();
                        out.write(changed.getBytes(StandardCharsets.ISO_8859_1));
                    } else {
                        data.transferTo(out);
                    }
                }
                out.closeEntry();
            }
        }
        return target;
    }

    /** The listed archive (an item of {@code GET /api/v1/plugins}) with that file name. */
    static JsonNode byFile(JsonNode items, String file) {
        for (JsonNode item : items) {
            if (Path.of(item.get("path").asText()).getFileName().toString().equals(file)) {
                return item;
            }
        }
        throw new AssertionError("no archive " + file + " in " + items);
    }

    /** The one listed item (a plugin or a connector) with that id. */
    static JsonNode byId(JsonNode items, String id) {
        List<JsonNode> found = new ArrayList<>();
        items.forEach(i -> {
            if (i.get("id").asText().equals(id)) {
                found.add(i);
            }
        });
        assertThat(found).as("%s in %s", id, items).hasSize(1);
        return found.get(0);
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
