package dev.shoplink.host.plugins;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.jar.Attributes;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * What an archive says about itself, read from the zip before any of its classes is loaded:
 * {@code plugin.properties} first, else the {@code Plugin-*} attributes of
 * {@code META-INF/MANIFEST.MF} (PF4J's own order).
 *
 * @param archive the archive
 * @param source where the values were read ({@code plugin.properties} or {@code META-INF/MANIFEST.MF})
 * @param id the plugin id
 * @param version the plugin version as written
 * @param requires the plugin-API range it needs, empty when it names none
 * @param requiresKey the key {@code requires} was read from, for messages
 */
record ArchiveDescriptor(Path archive, String source, String id, String version, String requires, String requiresKey) {

    /** The archive's descriptor; a {@link PluginLoadException} says why it cannot be a plugin. */
    static ArchiveDescriptor read(Path archive) {
        try {
            if (Files.size(archive) == 0) {
                throw new PluginLoadException("the file is empty (0 bytes), so it is not a plugin archive;"
                        + " copy the plugin's zip or jar again", true);
            }
        } catch (IOException e) {
            throw new PluginLoadException("the file cannot be read (" + e.getMessage() + ")");
        }
        try (ZipFile zip = new ZipFile(archive.toFile())) {
            ZipEntry properties = zip.getEntry("plugin.properties");
            if (properties != null) {
                Properties p = new Properties();
                try (InputStream in = zip.getInputStream(properties)) {
                    p.load(in);
                } catch (IllegalArgumentException e) {
                    throw new PluginLoadException("its plugin.properties cannot be read (" + e.getMessage() + ")");
                }
                return of(archive, "plugin.properties", p.getProperty("plugin.id"), "plugin.id",
                        p.getProperty("plugin.version"), "plugin.version", p.getProperty("plugin.requires"), "plugin.requires");
            }
            ZipEntry manifest = zip.getEntry("META-INF/MANIFEST.MF");
            if (manifest != null) {
                Attributes main;
                try (InputStream in = zip.getInputStream(manifest)) {
                    main = new Manifest(in).getMainAttributes();
                }
                String id = main.getValue("Plugin-Id");
                if (id != null && !id.isBlank()) {
                    return of(archive, "META-INF/MANIFEST.MF", id, "Plugin-Id", main.getValue("Plugin-Version"),
                            "Plugin-Version", main.getValue("Plugin-Requires"), "Plugin-Requires");
                }
            }
            throw new PluginLoadException("no plugin descriptor: the archive has no plugin.properties and no Plugin-Id in"
                    + " META-INF/MANIFEST.MF (is it a library jar rather than a connector plugin?)");
        } catch (ZipException e) {
            throw new PluginLoadException("the file is not a readable zip/jar archive (" + e.getMessage() + ");"
                    + " copy it again or rebuild the plugin", true);
        } catch (IOException e) {
            throw new PluginLoadException("the archive cannot be read (" + e.getMessage() + ")");
        }
    }

    private static ArchiveDescriptor of(Path archive, String source, String id, String idKey, String version,
                                        String versionKey, String requires, String requiresKey) {
        if (id == null || id.isBlank()) {
            throw new PluginLoadException("its " + source + " names no plugin id (" + idKey + ")");
        }
        if (version == null || version.isBlank()) {
            throw new PluginLoadException("its " + source + " gives plugin '" + id.strip() + "' no version (" + versionKey + ")");
        }
        return new ArchiveDescriptor(archive, source, id.strip(), version.strip(), requires == null ? "" : requires.strip(),
                requiresKey);
    }

    /** The archive's file name. */
    String file() {
        return archive.getFileName().toString();
    }
}
