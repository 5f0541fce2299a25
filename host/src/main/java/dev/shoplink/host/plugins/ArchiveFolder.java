package dev.shoplink.host.plugins;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The archives of the plugins folder as last settled, and the state each is listed with. A look at the folder reads a
 * file only once its size and modification time stayed the same across two looks {@link PluginHost#SETTLE} apart
 * (or it was last written that long ago), and a file that is not yet a readable zip is looked at again rather than
 * reported, so an archive still being copied is never loaded half-written. Not thread-safe: the plugin host looks
 * under its own lock.
 */
final class ArchiveFolder {
    /** How long a file that is empty or not a readable zip may stay unchanged before it is reported broken. */
    static final Duration INCOMPLETE_GRACE = Duration.ofSeconds(3);

    private static final Logger LOG = LoggerFactory.getLogger(ArchiveFolder.class);

    private final Path dir;
    private final PluginRules rules;
    /** The settled archives of the folder, by path. */
    private final Map<Path, Known> archives = new LinkedHashMap<>();
    /** The state of each settled archive as listed, by path; set when its plugin id is settled. */
    private final Map<Path, PluginInfo> states = new HashMap<>();
    /** Files whose size or modification time changed, as last seen. */
    private final Map<Path, Look> pending = new HashMap<>();
    /** Archives found missing from the folder, and when ({@link System#nanoTime()}) that was first seen. */
    private final Map<Path, Long> vanished = new HashMap<>();

    ArchiveFolder(Path dir, PluginRules rules) {
        this.dir = dir;
        this.rules = rules;
    }

    /** What one look found: the plugin ids whose archives changed, and whether a file was still changing. */
    record Change(Set<String> dirty, boolean unsettled) {
    }

    /**
     * One look at the folder: settled new and changed files are read, archives gone for {@link PluginHost#SETTLE}
     * are let go; the state of each is dropped until its plugin id is settled again.
     *
     * @param retry whether a file that is not a readable zip is reported at once (an explicit rescan), rather than
     *     after {@link #INCOMPLETE_GRACE}
     */
    Change look(boolean retry) {
        Map<Path, Stamp> onDisk = Files.isDirectory(dir) ? stamps(archivesIn(dir)) : Map.of();
        long now = System.nanoTime();
        Set<String> dirty = new TreeSet<>();
        pending.keySet().retainAll(onDisk.keySet());
        boolean unsettled = readChanged(onDisk, now, retry, dirty);
        unsettled = letGoOfRemoved(onDisk, now, unsettled, dirty);
        return new Change(dirty, unsettled);
    }

    /** Reads the new and changed files that settled; answers whether one was still changing. */
    private boolean readChanged(Map<Path, Stamp> onDisk, long now, boolean retry, Set<String> dirty) {
        boolean unsettled = false;
        for (Map.Entry<Path, Stamp> file : onDisk.entrySet()) {
            Path path = file.getKey();
            Stamp stamp = file.getValue();
            Known before = archives.get(path);
            if (before != null && before.stamp().equals(stamp)) {
                continue;
            }
            if (!settled(path, stamp, now)) {
                unsettled = true;
                continue;
            }
            Known read = read(path, stamp);
            if (read.incomplete() && !retry && !stamp.olderThan(INCOMPLETE_GRACE)) {
                unsettled = true; // most likely still being copied: look again
                continue;
            }
            pending.remove(path);
            if (before != null) {
                LOG.info("plugin archive {} changed", path.getFileName());
                dirty.add(before.id());
            }
            archives.put(path, read);
            states.remove(path);
            dirty.add(read.id());
        }
        return unsettled;
    }

    /**
     * Lets go of the archives gone from the folder once they stayed away for {@link PluginHost#SETTLE} and nothing
     * else is being copied: "remove the old version, copy the new one" is then one upgrade, not a removal and an
     * addition. Answers whether a file was still changing or an archive is not let go yet.
     */
    private boolean letGoOfRemoved(Map<Path, Stamp> onDisk, long now, boolean unsettled, Set<String> dirty) {
        vanished.keySet().retainAll(archives.keySet());
        for (Iterator<Map.Entry<Path, Known>> it = archives.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<Path, Known> gone = it.next();
            Path path = gone.getKey();
            if (onDisk.containsKey(path)) {
                vanished.remove(path);
                continue;
            }
            long first = vanished.computeIfAbsent(path, p -> now);
            if (unsettled || now - first < PluginHost.SETTLE.toNanos()) {
                unsettled = true;
                continue;
            }
            LOG.info("plugin archive {} was removed", path.getFileName());
            dirty.add(gone.getValue().id());
            vanished.remove(path);
            states.remove(path);
            it.remove();
        }
        return unsettled;
    }

    /** Whether the file kept its size and modification time for {@link PluginHost#SETTLE}; remembers this look otherwise. */
    private boolean settled(Path path, Stamp stamp, long now) {
        if (stamp.olderThan(PluginHost.SETTLE)) {
            return true; // nothing has written to it for that long
        }
        Look look = pending.get(path);
        if (look == null || !look.stamp().equals(stamp)) {
            pending.put(path, new Look(stamp, now));
            return false;
        }
        return now - look.at() >= PluginHost.SETTLE.toNanos();
    }

    /** What the archive says about itself, or why it cannot be a plugin of this host. */
    private Known read(Path archive, Stamp stamp) {
        ArchiveDescriptor descriptor;
        try {
            descriptor = ArchiveDescriptor.read(archive);
        } catch (PluginLoadException e) {
            String fileId = archive.getFileName().toString().replaceFirst("(?i)\\.(zip|jar)$", "");
            return new Known(archive, stamp, fileId, "", null, e.getMessage(), e.incomplete());
        }
        try {
            rules.check(descriptor);
            return new Known(archive, stamp, descriptor.id(), descriptor.version(), descriptor, null, false);
        } catch (PluginLoadException e) {
            return new Known(archive, stamp, descriptor.id(), descriptor.version(), descriptor, e.getMessage(), false);
        }
    }

    /** The settled archive at this path, or null. */
    Known at(Path archive) {
        return archives.get(archive);
    }

    /** The settled archives of one plugin id, in the order they were first seen. */
    List<Known> ofPlugin(String pluginId) {
        return archives.values().stream().filter(k -> k.id().equals(pluginId)).toList();
    }

    /** The plugin ids of the settled archives. */
    Stream<String> pluginIds() {
        return archives.values().stream().map(Known::id);
    }

    /** Sets the state the archive is listed with. */
    void list(Path archive, PluginInfo state) {
        states.put(archive, state);
    }

    /** Sets the states the archives are listed with. */
    void listAll(Map<Path, PluginInfo> results) {
        states.putAll(results);
    }

    /** The state of every settled archive whose plugin id was settled, by archive, in the order they were first seen. */
    Map<Path, PluginInfo> listed() {
        Map<Path, PluginInfo> listed = new LinkedHashMap<>();
        archives.keySet().stream().filter(states::containsKey).forEach(path -> listed.put(path, states.get(path)));
        return listed;
    }

    private static List<Path> archivesIn(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(Files::isRegularFile)
                    .filter(p -> p.getFileName().toString().matches("(?i).+\\.(zip|jar)$"))
                    .map(Path::toAbsolutePath)
                    .sorted(Comparator.comparing(Path::toString))
                    .toList();
        } catch (IOException e) {
            LOG.error("cannot list plugins folder {}: {}", dir, e.getMessage());
            return List.of();
        }
    }

    /** Size and modification time of each file. */
    private static Map<Path, Stamp> stamps(List<Path> files) {
        Map<Path, Stamp> stamps = new LinkedHashMap<>();
        for (Path file : files) {
            try {
                stamps.put(file, new Stamp(Files.size(file), Files.getLastModifiedTime(file)));
            } catch (IOException e) {
                // removed between listing and reading: it is gone
            }
        }
        return stamps;
    }

    /** Size and modification time of a file: a file being written changes one of them. */
    record Stamp(long size, FileTime modified) {
        boolean olderThan(Duration age) {
            return modified.toInstant().isBefore(Instant.now().minus(age));
        }
    }

    /** A stamp and when it was seen ({@link System#nanoTime()}). */
    private record Look(Stamp stamp, long at) {
    }

    /** A settled archive of the folder: what it says about itself, or why it cannot be read. */
    record Known(Path archive, Stamp stamp, String id, String version, ArchiveDescriptor descriptor, String error,
                 boolean incomplete) {
    }
}
